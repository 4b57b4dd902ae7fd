//! Progress a learner can see while `check` works: what it is doing (the
//! build, the checks) and for how long, and which long check is still
//! running, so a quiet minute never looks like a hang.
//!
//! On a terminal one status line on stderr is redrawn every second and
//! wiped at the end. Elsewhere (a pipe, CI, `watch`'s child) each news is
//! one line of its own, starting with [`MARK`], so `watch` can tell it from
//! the report and show it as its status line.

use netlings_suite::check::Check;
use netlings_suite::text::{Lang, Text};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The first character of every progress line.
pub const MARK: char = '⏳';

/// A check running longer than this is named while it runs.
const LONG: Duration = Duration::from_secs(3);
const TICK: Duration = Duration::from_secs(1);

const BUILDING: Text = Text {
    en: "building {what} …",
    zh: "正在编译 {what} …",
};
const CHECKING: Text = Text {
    en: "checking {what}: {done}/{total} checks done",
    zh: "正在检查 {what}：已完成 {done}/{total} 项",
};
const STILL: Text = Text {
    en: "still running: {title} ({s} s)",
    zh: "仍在运行：{title}（{s} 秒）",
};

#[derive(Default)]
struct Now {
    line: String,
    started: Option<Instant>,
    /// Checks running now, with when each began.
    running: Vec<(&'static Check, Instant)>,
    done: usize,
    total: usize,
    what: String,
    /// Long checks already announced (plain-line mode says each once).
    told: Vec<&'static str>,
}

/// The status of one `check` run; dropped, it wipes its line.
pub struct Status {
    now: Arc<(Mutex<Now>, Condvar)>,
    stop: Arc<AtomicBool>,
    live: bool,
    lang: Lang,
    ticker: Option<std::thread::JoinHandle<()>>,
}

impl Status {
    pub fn new(lang: Lang) -> Status {
        let live = std::io::stderr().is_terminal();
        let now: Arc<(Mutex<Now>, Condvar)> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let ticker = {
            let (now, stop) = (Arc::clone(&now), Arc::clone(&stop));
            std::thread::spawn(move || tick(&now, &stop, live, lang))
        };
        Status {
            now,
            stop,
            live,
            lang,
            ticker: Some(ticker),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Now> {
        self.now.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Say that `what` is being built, at once.
    pub fn building(&self, what: &str) {
        let line = BUILDING.get(self.lang).replace("{what}", what);
        let mut now = self.lock();
        now.line = line.clone();
        now.started = Some(Instant::now());
        drop(now);
        show(&line, self.live);
    }

    /// The checks of `what` begin.
    pub fn checking(&self, what: &str, total: usize) {
        let mut now = self.lock();
        now.what = what.to_string();
        now.total = total;
        now.done = 0;
        now.started = Some(Instant::now());
        now.line = checking_line(&now, self.lang);
        let line = now.line.clone();
        drop(now);
        if self.live {
            show(&line, true);
        }
    }

    pub fn check_started(&self, check: &'static Check) {
        self.lock().running.push((check, Instant::now()));
    }

    pub fn check_ended(&self, check: &'static Check) {
        let mut now = self.lock();
        now.running.retain(|(c, _)| c.name != check.name);
        now.done += 1;
        now.line = checking_line(&now, self.lang);
    }
}

impl Drop for Status {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.now.1.notify_all();
        if let Some(ticker) = self.ticker.take() {
            let _ = ticker.join();
        }
        if self.live {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}

fn checking_line(now: &Now, lang: Lang) -> String {
    CHECKING
        .get(lang)
        .replace("{what}", &now.what)
        .replace("{done}", &now.done.to_string())
        .replace("{total}", &now.total.to_string())
}

/// Every second: on a terminal, redraw the line with the elapsed time and
/// the longest-running check; elsewhere, name each long check once.
fn tick(now: &(Mutex<Now>, Condvar), stop: &AtomicBool, live: bool, lang: Lang) {
    let mut guard = now.0.lock().unwrap_or_else(|e| e.into_inner());
    while !stop.load(Ordering::SeqCst) {
        guard = now
            .1
            .wait_timeout(guard, TICK)
            .unwrap_or_else(|e| e.into_inner())
            .0;
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let longest = guard
            .running
            .iter()
            .min_by_key(|(_, since)| *since)
            .filter(|(_, since)| since.elapsed() >= LONG)
            .map(|(check, since)| (*check, since.elapsed().as_secs()));
        let still = longest.map(|(check, s)| {
            (
                check.name,
                STILL
                    .get(lang)
                    .replace("{title}", check.title.get(lang))
                    .replace("{s}", &s.to_string()),
            )
        });
        if live {
            let elapsed = guard.started.map_or(0, |t| t.elapsed().as_secs());
            let mut line = format!("{} ({elapsed} s)", guard.line);
            if let Some((_, still)) = &still {
                line = format!("{line} · {still}");
            }
            show(&line, true);
        } else if let Some((name, still)) = still
            && !guard.told.contains(&name)
        {
            guard.told.push(name);
            show(&still, false);
        }
    }
}

fn show(line: &str, live: bool) {
    let mut err = std::io::stderr().lock();
    if live {
        // One line, cut to the terminal's width so it never wraps.
        let width = terminal_width().unwrap_or(80).saturating_sub(3);
        let cut: String = line.chars().take(width).collect();
        let _ = write!(err, "\r\x1b[K{MARK} {cut}");
    } else {
        let _ = writeln!(err, "{MARK} {line}");
    }
    let _ = err.flush();
}

fn terminal_width() -> Option<usize> {
    rustix::termios::tcgetwinsize(std::io::stderr())
        .ok()
        .map(|w| usize::from(w.ws_col))
        .filter(|w| *w > 0)
}
