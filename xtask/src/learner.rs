//! The learner's loop around `check`: the welcome, `list`, `next`, `hint`,
//! `reset`.

use crate::course;
use crate::state::{self, Progress};
use crate::stubs;
use anstream::{eprintln, println};
use anstyle::{AnsiColor, Style};
use netlings_suite::catalogue::EXERCISES;
use netlings_suite::check::Exercise;
use netlings_suite::text::{Lang, Text};
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

const GREEN: Style = AnsiColor::Green.on_default();
const RED: Style = AnsiColor::Red.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

struct Words {
    welcome: Text,
    not_started: Text,
    compile: Text,
    failing: Text,
    done: Text,
    next: Text,
    all_done: Text,
    no_check_yet: Text,
    no_failure: Text,
    last_hint: Text,
    reset_ask: Text,
    reset_done: Text,
    reset_nothing: Text,
    reset_refused: Text,
    compile_hint: Text,
    start_here: Text,
}

const WORDS: Words = Words {
    welcome: Text {
        en: "Welcome to netlings: socket programming, one graded exercise at a time.\nEdit exercises/NN-name/src, then check it; every check names the behaviour of the notes it tests.",
        zh: "欢迎来到 netlings：一次一个评测练习，学习套接字编程。\n编辑 exercises/NN-name/src，然后运行检查；每个检查都会注明它对应笔记中的哪个行为。",
    },
    not_started: Text {
        en: "not started",
        zh: "未开始",
    },
    compile: Text {
        en: "does not compile",
        zh: "无法编译",
    },
    failing: Text {
        en: "failing {f} of {n}",
        zh: "{n} 项中 {f} 项未通过",
    },
    done: Text {
        en: "done",
        zh: "已完成",
    },
    next: Text {
        en: "next: cargo xtask check {ex}",
        zh: "下一步：cargo xtask check {ex}",
    },
    all_done: Text {
        en: "Every exercise is done. Well done!",
        zh: "所有练习都已完成，做得好！",
    },
    no_check_yet: Text {
        en: "No check of {ex} has run yet: run `cargo xtask check {ex}` first.",
        zh: "{ex} 还没有运行过检查：请先运行 `cargo xtask check {ex}`。",
    },
    no_failure: Text {
        en: "Every check of {ex} passed last time: no hint needed.",
        zh: "{ex} 上次的检查全部通过，不需要提示。",
    },
    last_hint: Text {
        en: "(that was the last hint for this check)",
        zh: "（这是该检查的最后一条提示）",
    },
    reset_ask: Text {
        en: "Put the stub of {ex} back? Your version is kept as a .bak file beside it. [y/N] ",
        zh: "把 {ex} 恢复为初始代码吗？你的版本会以 .bak 文件保存在旁边。[y/N] ",
    },
    reset_done: Text {
        en: "restored {file} (your version: {bak})",
        zh: "已恢复 {file}（你的版本：{bak}）",
    },
    reset_nothing: Text {
        en: "{ex} is already the untouched stub.",
        zh: "{ex} 已经是初始代码。",
    },
    reset_refused: Text {
        en: "not confirmed; nothing changed (use --yes to skip the question)",
        zh: "未确认，未做任何改动（使用 --yes 可跳过确认）",
    },
    compile_hint: Text {
        en: "{ex} does not compile yet, so no check could run. The compiler's first error:\n  {error}\n  Fix that one first (the errors after it often follow from it), then check again.",
        zh: "{ex} 还不能编译，所以没有运行任何检查。编译器的第一个错误：\n  {error}\n  先修复这一个（后面的错误常常由它引起），然后再检查。",
    },
    start_here: Text {
        en: "read exercises/{folder}/README.md and the guide {guide}, then: cargo xtask check {ex}",
        zh: "先读 exercises/{folder}/README.zh-CN.md 和导读 {guide}，然后运行：cargo xtask check {ex}",
    },
};

fn status_line(progress: Option<&Progress>, lang: Lang) -> (Style, String, bool) {
    match progress {
        None => (DIM, WORDS.not_started.get(lang).to_string(), false),
        Some(p) if p.compile_error => (RED, WORDS.compile.get(lang).to_string(), false),
        p if course::is_done(p) => (GREEN, WORDS.done.get(lang).to_string(), true),
        Some(p) if p.total == 0 => (DIM, WORDS.not_started.get(lang).to_string(), false),
        Some(p) => {
            let text = WORDS
                .failing
                .get(lang)
                .replace("{f}", &p.failing.len().to_string())
                .replace("{n}", &p.total.to_string());
            (YELLOW, text, false)
        }
    }
}

pub fn welcome(lang: Lang) -> ExitCode {
    println!("{BOLD}{}{BOLD:#}\n", WORDS.welcome.get(lang));
    list(lang)
}

/// `text` followed by spaces up to `width` terminal cells.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

pub fn list(lang: Lang) -> ExitCode {
    let state = state::load();
    let next = course::current(&state);
    // Pad by display width, not by chars: a Chinese title takes two
    // terminal cells per character.
    let titles: Vec<&str> = course::order().iter().map(|e| e.title.get(lang)).collect();
    let title_width = titles.iter().map(|t| t.width()).max().unwrap_or(0);
    let sections_width = EXERCISES
        .iter()
        .map(|e| e.sections.width())
        .max()
        .unwrap_or(0);
    for (exercise, title) in course::order().iter().zip(titles) {
        let (style, status, _) = status_line(state.exercises.get(exercise.id), lang);
        let arrow = if next.is_some_and(|n| n.id == exercise.id) {
            "→"
        } else {
            " "
        };
        println!(
            "{arrow} {} {}  {DIM}{}{DIM:#}  {style}{status}{style:#}",
            exercise.handle(),
            pad(title, title_width),
            pad(exercise.sections, sections_width),
        );
    }
    println!("\n{}", course::bar(&state, lang));
    match next {
        Some(e) => println!("{}", WORDS.next.get(lang).replace("{ex}", &e.handle())),
        None => println!("{GREEN}{}{GREEN:#}", WORDS.all_done.get(lang)),
    }
    ExitCode::SUCCESS
}

/// `cargo xtask next`: the exercise to work on, where to read first, and
/// the command to check it.
pub fn next(lang: Lang) -> ExitCode {
    let state = state::load();
    println!("{}", course::bar(&state, lang));
    match course::current(&state) {
        Some(e) => {
            let section = e.sections.split(',').next().unwrap_or("").trim();
            println!(
                "→ {} {}\n{}",
                e.handle(),
                e.title.get(lang),
                WORDS
                    .start_here
                    .get(lang)
                    .replace("{folder}", &e.folder())
                    .replace("{guide}", &course::guide(section, lang))
                    .replace("{ex}", &e.handle())
            );
        }
        None => println!("{GREEN}{}{GREEN:#}", WORDS.all_done.get(lang)),
    }
    ExitCode::SUCCESS
}

/// The next hint level of the first failing check: a nudge first, more
/// on every call, never past the last.
pub fn hint(exercise: &'static Exercise, lang: Lang) -> ExitCode {
    let mut state = state::load();
    let handle = exercise.handle();
    let Some(progress) = state.exercises.get_mut(exercise.id) else {
        println!("{}", WORDS.no_check_yet.get(lang).replace("{ex}", &handle));
        return ExitCode::SUCCESS;
    };
    // The latest result decides: after a compile error no check ran, so
    // the hint is about the compiler, not a check from an older run.
    if progress.compile_error {
        println!(
            "{}",
            WORDS
                .compile_hint
                .get(lang)
                .replace("{ex}", &handle)
                .replace("{error}", progress.compiler_says.as_deref().unwrap_or("?"))
        );
        return ExitCode::SUCCESS;
    }
    let Some(check) = progress
        .failing
        .first()
        .and_then(|name| exercise.checks.iter().find(|c| c.name == name))
    else {
        println!("{}", WORDS.no_failure.get(lang).replace("{ex}", &handle));
        return ExitCode::SUCCESS;
    };
    let level = progress.hints.get(check.name).copied().unwrap_or(0);
    let shown = level.min(check.hints.len() - 1);
    println!(
        "{BOLD}✗ {}{BOLD:#}  [{} {} · {}]",
        check.title.get(lang),
        check.behaviour,
        check.section,
        check.tier.name()
    );
    // The cause the harness found comes first, with its own hint: it is
    // what to fix, whatever the check was about.
    if let Some(cause) = &progress.cause
        && let Some(diagnosis) = netlings_suite::diagnosis::get(&cause.id)
    {
        let evidence = match lang {
            Lang::En => &cause.en,
            Lang::Zh => &cause.zh,
        };
        println!(
            "  {}: {} — {}",
            netlings_suite::report::LABELS.cause.get(lang),
            diagnosis.title.get(lang),
            evidence
        );
        println!(
            "  {}: {}",
            netlings_suite::report::LABELS.hint.get(lang),
            diagnosis
                .hint
                .get(netlings_suite::diagnosis::Language::Rust)
                .get(lang)
        );
    }
    println!(
        "  {} {}/{}: {}",
        netlings_suite::report::LABELS.hint.get(lang),
        shown + 1,
        check.hints.len(),
        check.hints[shown].get(lang)
    );
    println!(
        "  {}: {}",
        netlings_suite::report::NOTES.get(lang),
        course::guide(check.section, lang)
    );
    if shown + 1 == check.hints.len() {
        println!("  {DIM}{}{DIM:#}", WORDS.last_hint.get(lang));
    }
    progress.hints.insert(
        check.name.to_string(),
        (shown + 1).min(check.hints.len() - 1),
    );
    state::save(&state);
    ExitCode::SUCCESS
}

/// Put the stub back byte-exact, keeping the learner's files as `.bak`.
pub fn reset(exercise: &'static Exercise, yes: bool, lang: Lang) -> ExitCode {
    let handle = exercise.handle();
    let entries = match stubs::of(exercise) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let root = netlings_suite::targets::workspace_root();
    let changed: Vec<_> = entries
        .iter()
        .filter(|e| {
            let path = root.join(&e.path);
            !path.exists() || stubs::blob_of(&path).map_or(true, |b| b != e.blob)
        })
        .collect();
    if changed.is_empty() {
        println!("{}", WORDS.reset_nothing.get(lang).replace("{ex}", &handle));
        return ExitCode::SUCCESS;
    }
    if !yes {
        print!("{}", WORDS.reset_ask.get(lang).replace("{ex}", &handle));
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let mut answer = String::new();
        let stdin = std::io::stdin();
        let confirmed = stdin.is_terminal()
            && stdin.lock().read_line(&mut answer).is_ok()
            && answer.trim().eq_ignore_ascii_case("y");
        if !confirmed {
            println!("\n{}", WORDS.reset_refused.get(lang));
            return ExitCode::FAILURE;
        }
    }
    for entry in changed {
        let path = root.join(&entry.path);
        let bytes = match stubs::pristine_bytes(entry) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        let backup = path.with_extension("rs.bak");
        let kept = if path.exists() {
            std::fs::copy(&path, &backup).map(drop)
        } else {
            Ok(())
        };
        if let Err(e) = kept.and_then(|_| std::fs::write(&path, &bytes)) {
            eprintln!("error: cannot restore {}: {e}", entry.path.display());
            return ExitCode::FAILURE;
        }
        println!(
            "{}",
            WORDS
                .reset_done
                .get(lang)
                .replace("{file}", &entry.path.display().to_string())
                .replace(
                    "{bak}",
                    &backup.file_name().unwrap_or_default().to_string_lossy()
                )
        );
    }
    let mut state = state::load();
    state.exercises.remove(exercise.id);
    state::save(&state);
    ExitCode::SUCCESS
}
