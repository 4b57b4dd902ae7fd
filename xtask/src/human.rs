//! The report a learner reads in the terminal.

use crate::check::Graded;
use crate::model::Report;
use anstream::println;
use anstyle::{AnsiColor, Style};
use netlings_suite::check::{Exercise, Tier};
use netlings_suite::report::{self, details, headline};
use netlings_suite::runner::{Status, Verdict};
use netlings_suite::text::{Lang, Text};

const GREEN: Style = AnsiColor::Green.on_default();
const RED: Style = AnsiColor::Red.on_default();
const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

/// How many failures are shown in full before the rest are one line each.
const FULL_FAILURES: usize = 3;

pub struct Words {
    pub graded: Text,
    pub score: Text,
    pub total: Text,
    pub all_pass: Text,
    pub next: Text,
    pub more: Text,
    pub compile: Text,
    pub folded: Text,
}

pub const WORDS: Words = Words {
    graded: Text {
        en: "graded",
        zh: "评测对象",
    },
    score: Text {
        en: "score",
        zh: "得分",
    },
    total: Text {
        en: "total",
        zh: "合计",
    },
    all_pass: Text {
        en: "every check passes: well done!",
        zh: "全部检查通过，做得好！",
    },
    next: Text {
        en: "next: fix the first ✗ above; `cargo xtask hint {ex}` says more",
        zh: "下一步：先修复上面第一个 ✗；`cargo xtask hint {ex}` 会给出更多提示",
    },
    more: Text {
        en: "more failures; `--verbose` shows them in full",
        zh: "还有更多失败；加 `--verbose` 查看完整信息",
    },
    compile: Text {
        en: "does not compile yet; the compiler says:",
        zh: "还不能编译，编译器的信息如下：",
    },
    folded: Text {
        en: "{n} checks pass",
        zh: "{n} 项检查通过",
    },
};

fn title_line(exercise: &Exercise, lang: Lang) {
    println!(
        "{BOLD}netlings · {} · {} ({}){BOLD:#}",
        exercise.handle(),
        exercise.title.get(lang),
        exercise.sections
    );
}

/// The report of one exercise. `brief` (what `watch` shows): failures
/// first, so the first ✗ is at the top, and the passing checks folded into
/// one line.
pub fn report(graded: &Graded, lang: Lang, verbose: bool, brief: bool) {
    let exercise = graded.exercise;
    title_line(exercise, lang);
    println!("{DIM}{}: {}{DIM:#}\n", WORDS.graded.get(lang), graded.label);
    let mut shown = 0;
    let mut hidden = 0;
    let verdicts: Vec<&Verdict> = graded.results.iter().map(|(_, v)| v).collect();
    let blocked = report::blocked_by(&verdicts);
    let passing = graded
        .results
        .iter()
        .filter(|(_, v)| v.status == Status::Pass)
        .count();
    // Brief (what `watch` shows): failures first, the passing folded away.
    let results: Vec<_> = graded
        .results
        .iter()
        .zip(blocked)
        .filter(|((_, v), _)| !brief || v.status != Status::Pass)
        .collect();
    for ((check, verdict), blocker) in results {
        let style = match verdict.status {
            Status::Pass => GREEN,
            Status::Fail => RED,
            Status::Skip => DIM,
        };
        println!(
            "  {style}{}{style:#}",
            headline(check, verdict.status, lang)
        );
        if verdict.status == Status::Pass {
            continue;
        }
        if let Some(at) = blocker {
            // One cause, said once: the check that first showed it has
            // the whole story; this one only points there.
            let line = report::blocked_line(graded.results[at].0, lang);
            println!("      {DIM}{line}{DIM:#}");
            continue;
        }
        if verdict.status == Status::Fail && shown >= FULL_FAILURES && !verbose {
            hidden += 1;
            continue;
        }
        shown += usize::from(verdict.status == Status::Fail);
        for line in details(exercise, check, verdict, lang, 0).lines() {
            println!("  {line}");
        }
        crate::wire::show(verdict, lang);
    }
    if hidden > 0 {
        println!("\n  {DIM}{hidden} {}{DIM:#}", WORDS.more.get(lang));
    }
    if brief && passing > 0 {
        println!(
            "  {GREEN}✓ {}{GREEN:#}",
            WORDS.folded.get(lang).replace("{n}", &passing.to_string())
        );
    }
    println!();
    score(graded, lang);
    if graded.passed() {
        println!("{GREEN}{}{GREEN:#}", WORDS.all_pass.get(lang));
    } else {
        println!(
            "{}",
            WORDS.next.get(lang).replace("{ex}", &exercise.handle())
        );
    }
}

/// `score: notes 10/12 · real 3/6 · total 13/18`.
pub fn score(graded: &Graded, lang: Lang) {
    let count = |tier: Option<Tier>| {
        let of_tier = graded
            .results
            .iter()
            .filter(|(c, _)| tier.is_none_or(|t| c.tier == t));
        let (total, passed) = of_tier.fold((0, 0), |(t, p), (_, v)| {
            (t + 1, p + usize::from(v.status == Status::Pass))
        });
        format!("{passed}/{total}")
    };
    println!(
        "{BOLD}{}{BOLD:#}: notes {} · real {} · {} {}",
        WORDS.score.get(lang),
        count(Some(Tier::Notes)),
        count(Some(Tier::Real)),
        WORDS.total.get(lang),
        count(None)
    );
}

pub fn compile_error(exercise: &Exercise, rendered: &str, lang: Lang) {
    title_line(exercise, lang);
    println!(
        "{RED}✗ exercises/{} {}{RED:#}\n",
        exercise.folder(),
        WORDS.compile.get(lang)
    );
    println!("{rendered}");
}

/// The total over several exercises.
pub fn totals(report: &Report, lang: Lang) {
    let t = &report.totals;
    println!(
        "\n{BOLD}{} ({} exercises){BOLD:#}: {}/{} ✓, {} ✗, {} - · {}/{}",
        WORDS.total.get(lang),
        report.exercises.len(),
        t.passed,
        t.total,
        t.failed,
        t.skipped,
        crate::model::show(report.points.earned),
        crate::model::show(report.points.max)
    );
}
