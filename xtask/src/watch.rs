//! `cargo xtask watch`: re-check an exercise every time its source is saved.
//!
//! The check runs as a child process (`cargo xtask check …` of this same
//! binary), so a build error or a hung program can never wedge the watcher:
//! the child has its own deadlines, and a new save stops a run in progress.
//! File events come from the OS (inotify) or, with `--poll` or when native
//! events cannot be had (WSL-mounted and network drives), from polling.

use crate::progress::MARK;
use crate::{course, learner, state};
use anstream::println;
use netlings_suite::check::Exercise;
use netlings_suite::targets::workspace_root;
use netlings_suite::text::{Lang, Text};
use notify::{PollWatcher, RecursiveMode, Watcher};
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Saves closer together than this are one change (editors write a file in
/// several steps).
const DEBOUNCE: Duration = Duration::from_millis(100);
const POLL_EVERY: Duration = Duration::from_millis(250);

const KEYS: Text = Text {
    en: "watching {dir} — save to re-check · h hint · l list · r re-run · n next (once done) · q quit",
    zh: "正在监视 {dir} — 保存即重新检查 · h 提示 · l 列表 · r 重新运行 · n 下一个（完成后）· q 退出",
};
const DONE: Text = Text {
    en: "✓ {ex} is done. What it taught: {learnt}",
    zh: "✓ {ex} 已完成。学到了：{learnt}",
};
const NEXT: Text = Text {
    en: "next: {next} {title} (read {guide}) — press n to go on, r to re-run, q to quit",
    zh: "下一个：{next} {title}（先读 {guide}）— 按 n 继续，r 重新运行，q 退出",
};
const NOT_YET: Text = Text {
    en: "n moves on once every check of {ex} passes: fix the first ✗ first (h for a hint).",
    zh: "{ex} 的检查全部通过后才能按 n 继续：先修复第一个 ✗（按 h 查看提示）。",
};
const ALL_DONE: Text = Text {
    en: "{ex} is done, and so is every exercise. Well done! (q quits)",
    zh: "{ex} 已完成，所有练习也都完成了。做得好！（按 q 退出）",
};
const TOOK: Text = Text {
    en: "checked {ms} ms after the save",
    zh: "保存后 {ms} 毫秒完成检查",
};
const MORE: Text = Text {
    en: "… {n} more lines: `cargo xtask check {ex}` shows the whole report",
    zh: "…… 还有 {n} 行：`cargo xtask check {ex}` 显示完整报告",
};

enum Event {
    Saved(Instant),
    Key(u8),
    /// A progress line of the running check (which step, which long check).
    Status(u32, String),
    Checked {
        code: i32,
        output: String,
        saved: Option<Instant>,
    },
}

pub fn run(start: Option<&'static Exercise>, poll: bool, lang: Lang) -> ExitCode {
    let mut exercise = start
        .or_else(|| course::current(&state::load()))
        .unwrap_or(course::order()[0]);
    let (tx, rx) = channel();
    let _terminal = RawKeys::start(tx.clone());
    let running: Arc<Mutex<Option<u32>>> = Arc::default();
    loop {
        let dir = workspace_root()
            .join("exercises")
            .join(exercise.folder())
            .join("src");
        let watcher = match watch(&dir, poll, tx.clone()) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("error: cannot watch {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        };
        start_check(exercise, None, &tx, &running, lang);
        match serve(exercise, &rx, &tx, &running, lang) {
            Next::Quit => return ExitCode::SUCCESS,
            Next::Exercise(next) => {
                drop(watcher);
                exercise = next;
            }
        }
    }
}

enum Next {
    Quit,
    Exercise(&'static Exercise),
}

fn serve(
    exercise: &'static Exercise,
    rx: &Receiver<Event>,
    tx: &Sender<Event>,
    running: &Arc<Mutex<Option<u32>>>,
    lang: Lang,
) -> Next {
    let keys = KEYS
        .get(lang)
        .replace("{dir}", &format!("exercises/{}/src", exercise.folder()));
    let live = std::io::stdout().is_terminal();
    // Whether the latest check passed: only then does `n` move on.
    let mut passed = false;
    while let Ok(event) = rx.recv() {
        match event {
            Event::Saved(at) => {
                // Let a burst of writes settle, then check once. A key
                // pressed meanwhile is kept for after; a report that comes
                // in is stale, as a new check is about to start.
                loop {
                    match rx.recv_timeout(DEBOUNCE) {
                        Ok(Event::Saved(_)) => continue,
                        Ok(Event::Key(key)) => {
                            let _ = tx.send(Event::Key(key));
                            break;
                        }
                        Ok(Event::Checked { .. } | Event::Status(..)) => continue,
                        Err(_) => break,
                    }
                }
                passed = false;
                stop_check(running);
                start_check(exercise, Some(at), tx, running, lang);
            }
            Event::Key(b'q') | Event::Key(3) => {
                stop_check(running);
                return Next::Quit;
            }
            Event::Key(b'r') => {
                passed = false;
                stop_check(running);
                start_check(exercise, None, tx, running, lang);
            }
            Event::Key(b'h') => {
                println!();
                learner::hint(exercise, lang);
            }
            Event::Key(b'l') => {
                println!();
                learner::list(lang);
            }
            Event::Key(b'n') if passed => match course::after(exercise, &state::load()) {
                Some(next) => return Next::Exercise(next),
                None => println!(
                    "\n{}",
                    ALL_DONE.get(lang).replace("{ex}", &exercise.handle())
                ),
            },
            Event::Key(b'n') => {
                println!(
                    "\n{}",
                    NOT_YET.get(lang).replace("{ex}", &exercise.handle())
                );
            }
            Event::Key(_) => {}
            Event::Status(pid, line) => {
                if *running.lock().unwrap_or_else(|e| e.into_inner()) != Some(pid) {
                    continue; // from a check that a newer one replaced
                }
                if live {
                    print!("\r\x1b[K{line}");
                    let _ = std::io::stdout().flush();
                } else {
                    println!("{line}");
                }
            }
            Event::Checked {
                code,
                output,
                saved,
            } => {
                passed = code == 0;
                let state = state::load();
                let mut footer = Vec::new();
                if let Some(at) = saved {
                    footer.push(format!(
                        "\x1b[2m{}\x1b[0m",
                        TOOK.get(lang)
                            .replace("{ms}", &at.elapsed().as_millis().to_string())
                    ));
                }
                footer.push(course::bar(&state, lang));
                if passed {
                    footer.push(
                        DONE.get(lang)
                            .replace("{ex}", &exercise.handle())
                            .replace("{learnt}", course::learnt(exercise).get(lang)),
                    );
                    footer.push(match course::after(exercise, &state) {
                        Some(next) => {
                            let section = next.sections.split(',').next().unwrap_or("").trim();
                            NEXT.get(lang)
                                .replace("{next}", &next.handle())
                                .replace("{title}", next.title.get(lang))
                                .replace("{guide}", &course::guide(section, lang))
                        }
                        None => ALL_DONE.get(lang).replace("{ex}", &exercise.handle()),
                    });
                } else {
                    footer.push(keys.clone());
                }
                // Clear the screen and draw the one current report, cut to
                // the terminal's height: failures come first in it, so the
                // first ✗ is always on screen.
                print!("\x1b[2J\x1b[H");
                let room = rows().map(|r| r.saturating_sub(footer.len() + 2));
                println!("{}", fit(&output, room, exercise, lang));
                for line in footer {
                    println!("{line}");
                }
            }
        }
    }
    Next::Quit
}

/// The report, cut to `room` lines (when the height is known), saying how
/// much was left out.
fn fit(output: &str, room: Option<usize>, exercise: &Exercise, lang: Lang) -> String {
    let lines: Vec<&str> = output.trim_end().lines().collect();
    match room {
        Some(room) if lines.len() > room && room > 1 => {
            let mut cut = lines[..room - 1].join("\n");
            cut.push('\n');
            cut.push_str(
                &MORE
                    .get(lang)
                    .replace("{n}", &(lines.len() - room + 1).to_string())
                    .replace("{ex}", &exercise.handle()),
            );
            cut
        }
        _ => lines.join("\n"),
    }
}

/// The terminal's height, or `$LINES` when output is not a terminal.
fn rows() -> Option<usize> {
    rustix::termios::tcgetwinsize(std::io::stdout())
        .ok()
        .map(|w| usize::from(w.ws_row))
        .filter(|r| *r > 0)
        .or_else(|| std::env::var("LINES").ok()?.parse().ok())
}

fn watch(dir: &std::path::Path, poll: bool, tx: Sender<Event>) -> notify::Result<Box<dyn Watcher>> {
    let handler = move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| e.kind.is_modify() || e.kind.is_create() || e.kind.is_remove()) {
            let _ = tx.send(Event::Saved(Instant::now()));
        }
    };
    let mut watcher: Box<dyn Watcher> = if poll {
        Box::new(PollWatcher::new(
            handler,
            notify::Config::default()
                .with_poll_interval(POLL_EVERY)
                .with_compare_contents(true),
        )?)
    } else {
        match notify::recommended_watcher(handler.clone()) {
            Ok(w) => Box::new(w),
            // No native events here (inotify limits, exotic file systems): poll.
            Err(_) => Box::new(PollWatcher::new(
                handler,
                notify::Config::default().with_poll_interval(POLL_EVERY),
            )?),
        }
    };
    watcher.watch(dir, RecursiveMode::Recursive)?;
    Ok(watcher)
}

/// Run `cargo xtask check` for `exercise` in a child; its report arrives as an event.
fn start_check(
    exercise: &'static Exercise,
    saved: Option<Instant>,
    tx: &Sender<Event>,
    running: &Arc<Mutex<Option<u32>>>,
    lang: Lang,
) {
    let exe = std::env::current_exe().unwrap_or_else(|_| "xtask".into());
    let mut command = Command::new(exe);
    command
        .args([
            "check",
            &exercise.handle(),
            "--brief",
            "--lang",
            lang.code(),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if std::io::stdout().is_terminal() {
        command.env("CLICOLOR_FORCE", "1");
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            let _ = tx.send(Event::Checked {
                code: 1,
                output: format!("cannot run the check: {e}"),
                saved,
            });
            return;
        }
    };
    *running.lock().unwrap_or_else(|e| e.into_inner()) = Some(child.id());
    let tx = tx.clone();
    let running = Arc::clone(running);
    // Progress lines become the status line as they come; anything else
    // on stderr (an error) belongs to the report.
    let pid = child.id();
    let stderr = child.stderr.take().map(|err| {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut rest = String::new();
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if line.starts_with(MARK) {
                    let _ = tx.send(Event::Status(pid, line));
                } else {
                    rest.push_str(&line);
                    rest.push('\n');
                }
            }
            rest
        })
    });
    std::thread::spawn(move || {
        let output = child.wait_with_output();
        let errors = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
        let mut current = running.lock().unwrap_or_else(|e| e.into_inner());
        if *current != Some(pid) {
            return; // stopped because a newer run replaced it
        }
        *current = None;
        let (code, text) = match output {
            Ok(o) => (
                o.status.code().unwrap_or(1),
                format!("{}{errors}", String::from_utf8_lossy(&o.stdout)),
            ),
            Err(e) => (1, format!("the check failed to run: {e}")),
        };
        let _ = tx.send(Event::Checked {
            code,
            output: text,
            saved,
        });
    });
}

/// Stop a check in progress (SIGTERM: the child kills every program it started).
fn stop_check(running: &Arc<Mutex<Option<u32>>>) {
    let pid = running.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(pid) = pid.and_then(|p| rustix::process::Pid::from_raw(p as i32)) {
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
    }
}

/// Single key presses from a terminal (no Enter needed), restored on drop.
/// Without a terminal, keys are read from lines of standard input.
struct RawKeys {
    saved: Option<rustix::termios::Termios>,
}

impl RawKeys {
    fn start(tx: Sender<Event>) -> RawKeys {
        let stdin = std::io::stdin();
        let saved = if stdin.is_terminal() {
            rustix::termios::tcgetattr(&stdin).ok().inspect(|original| {
                let mut raw = original.clone();
                raw.local_modes.remove(
                    rustix::termios::LocalModes::ICANON | rustix::termios::LocalModes::ECHO,
                );
                let _ =
                    rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &raw);
            })
        } else {
            None
        };
        std::thread::spawn(move || {
            let mut byte = [0u8; 1];
            while let Ok(1) = std::io::stdin().read(&mut byte) {
                if tx.send(Event::Key(byte[0].to_ascii_lowercase())).is_err() {
                    break;
                }
            }
        });
        RawKeys { saved }
    }
}

impl Drop for RawKeys {
    fn drop(&mut self) {
        if let Some(original) = &self.saved {
            let _ = rustix::termios::tcsetattr(
                std::io::stdin(),
                rustix::termios::OptionalActions::Now,
                original,
            );
        }
    }
}
