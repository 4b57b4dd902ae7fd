//! The human report of one check: what was done, what was expected, what
//! was seen, which behaviour of the notes failed, and a hint. Never a raw
//! panic or backtrace.

use crate::catalogue;
use crate::check::{Check, Exercise};
use crate::runner::{Status, Verdict};
use crate::text::{Lang, Text};
use std::fmt::Write;

/// Labels of the report in every language.
pub struct Labels {
    pub what: Text,
    pub expected: Text,
    pub seen: Text,
    pub steps: Text,
    pub programs: Text,
    pub hint: Text,
    pub behaviour: Text,
    pub still_running: Text,
    pub cause: Text,
    pub blocked_by: Text,
}

pub const LABELS: Labels = Labels {
    what: Text {
        en: "what happened",
        zh: "发生了什么",
    },
    expected: Text {
        en: "expected",
        zh: "预期",
    },
    seen: Text {
        en: "seen",
        zh: "实际",
    },
    steps: Text {
        en: "steps",
        zh: "步骤",
    },
    programs: Text {
        en: "programs",
        zh: "程序",
    },
    hint: Text {
        en: "hint",
        zh: "提示",
    },
    behaviour: Text {
        en: "behaviour",
        zh: "行为",
    },
    still_running: Text {
        en: "was still running; the check stopped it",
        zh: "仍在运行，已被检查终止",
    },
    cause: Text {
        en: "cause",
        zh: "原因",
    },
    blocked_by: Text {
        en: "blocked by",
        zh: "受阻于",
    },
};

/// `✓`, `✗` or `-`.
pub fn mark(status: Status) -> &'static str {
    match status {
        Status::Pass => "✓",
        Status::Fail => "✗",
        Status::Skip => "-",
    }
}

/// One line: mark, title, behaviour, section, tier.
pub fn headline(check: &Check, status: Status, lang: Lang) -> String {
    format!(
        "{} {}  [{} {} · {}]",
        mark(status),
        check.title.get(lang),
        check.behaviour,
        check.section,
        check.tier.name()
    )
}

/// The body under a failed or skipped check's headline, indented; `hint`
/// is the hint level to show (0 = the first nudge).
pub fn details(
    exercise: &Exercise,
    check: &Check,
    verdict: &Verdict,
    lang: Lang,
    hint: usize,
) -> String {
    let mut out = String::new();
    let pad = "    ";
    if verdict.status == Status::Skip {
        if let Some(why) = &verdict.what {
            let _ = writeln!(out, "{pad}{}", why.get(lang));
        }
        return out;
    }
    if verdict.status == Status::Pass {
        return out;
    }
    // The cause the harness observed comes first: it is what the learner
    // has to fix, whatever this check was about.
    if let Some(found) = &verdict.diagnosis {
        let _ = writeln!(
            out,
            "{pad}{}: {} — {}",
            LABELS.cause.get(lang),
            found.diagnosis().title.get(lang),
            found.evidence.get(lang)
        );
        // An unfinished stub: that one line says all there is to say.
        if found.id == "todo" {
            write_hint(&mut out, check, verdict, lang, hint);
            return out;
        }
    }
    if let Some(what) = &verdict.what {
        let _ = writeln!(out, "{pad}{}: {}", LABELS.what.get(lang), what.get(lang));
    }
    if let Some(expected) = &verdict.expected {
        let _ = writeln!(
            out,
            "{pad}{}: {}",
            LABELS.expected.get(lang),
            expected.get(lang)
        );
    }
    if let Some(seen) = &verdict.seen {
        let _ = writeln!(out, "{pad}{}: {}", LABELS.seen.get(lang), seen.get(lang));
    }
    if !verdict.steps.is_empty() {
        let _ = writeln!(out, "{pad}{}:", LABELS.steps.get(lang));
        let last = verdict.steps.len() - 1;
        for (i, step) in verdict.steps.iter().enumerate() {
            let mark = if i == last { "✗" } else { "✓" };
            let _ = writeln!(out, "{pad}  {mark} {}. {}", i + 1, step.get(lang));
        }
    }
    let ended: Vec<String> = verdict
        .endings
        .iter()
        .map(|e| match e.described() {
            Some(said) => said.get(lang).to_string(),
            None => {
                let space = if lang == Lang::Zh { "" } else { " " };
                format!(
                    "{}{space}{}",
                    e.role.get(lang),
                    LABELS.still_running.get(lang)
                )
            }
        })
        .collect();
    if !ended.is_empty() {
        let _ = writeln!(out, "{pad}{}:", LABELS.programs.get(lang));
        for line in ended {
            let _ = writeln!(out, "{pad}  {line}");
        }
    }
    if let Some(b) = catalogue::behaviour(check.behaviour) {
        let _ = writeln!(
            out,
            "{pad}{}: {} ({} {}): {}",
            LABELS.behaviour.get(lang),
            b.id,
            exercise.handle(),
            check.section,
            b.claim.get(lang)
        );
    }
    let _ = writeln!(
        out,
        "{pad}{}: {}",
        NOTES.get(lang),
        guide(check.section, lang)
    );
    write_hint(&mut out, check, verdict, lang, hint);
    out
}

/// The label of the notes' guide line.
pub const NOTES: Text = Text {
    en: "notes",
    zh: "笔记",
};

/// The guide to a section of the notes, as a path from the workspace root
/// (terminals make it clickable): `docs/notes/5.1.md` for `§5.1`.
pub fn guide(section: &str, lang: Lang) -> String {
    let number = section.trim_start_matches('§');
    match lang {
        Lang::En => format!("docs/notes/{number}.md"),
        Lang::Zh => format!("docs/notes/{number}.zh-CN.md"),
    }
}

/// The hint for a failure: the diagnosis's, in the graded program's
/// language, when the harness found the cause; else the check's own,
/// at `level` (0 = the first nudge).
pub fn hint(check: &Check, verdict: &Verdict, lang: Lang, level: usize) -> Option<String> {
    if let Some(found) = &verdict.diagnosis {
        return Some(
            found
                .diagnosis()
                .hint
                .get(verdict.language)
                .get(lang)
                .to_string(),
        );
    }
    crate::glossary::hint_for(check.hints, level, verdict.language, lang)
}

fn write_hint(out: &mut String, check: &Check, verdict: &Verdict, lang: Lang, level: usize) {
    if let Some(hint) = hint(check, verdict, lang, level) {
        let _ = writeln!(out, "    {}: {}", LABELS.hint.get(lang), hint);
    }
}

/// For each result, the index of the earlier failing check whose cause
/// blocks it: the same diagnosis, with the same evidence, of a kind that
/// stops everything after it (a step not written, a crash, a silent
/// program). A report says such a cause once, in full, on its first ✗, and
/// lists the others as blocked by it; they still count as failed.
pub fn blocked_by(verdicts: &[&Verdict]) -> Vec<Option<usize>> {
    let mut first: Vec<(usize, (&str, &str))> = Vec::new();
    verdicts
        .iter()
        .enumerate()
        .map(|(i, verdict)| {
            let found = verdict.diagnosis.as_ref()?;
            if verdict.status != Status::Fail || !found.diagnosis().blocks_others {
                return None;
            }
            let key = found.key();
            match first.iter().find(|(_, k)| *k == key) {
                Some((at, _)) => Some(*at),
                None => {
                    first.push((i, key));
                    None
                }
            }
        })
        .collect()
}

/// `blocked by: <title of the check that shows the cause>`.
pub fn blocked_line(blocker: &Check, lang: Lang) -> String {
    format!(
        "{}: {}",
        LABELS.blocked_by.get(lang),
        blocker.title.get(lang)
    )
}
