//! `--wire` and `--pcap DIR` of `cargo xtask check`: turn the capture on,
//! say once when it cannot be made, show a failed check's conversation,
//! write each check's pcap file. The capture itself is
//! `netlings_suite::wire`.

use crate::check::{CheckArgs, Graded};
use anstream::println;
use anstyle::Style;
use netlings_suite::runner::{Status, Verdict};
use netlings_suite::text::Lang;
use netlings_suite::wire;

const DIM: Style = Style::new().dimmed();

/// Turn captures on when asked (whether they can be made here is
/// [`unavailable`]); an error only when the pcap folder cannot be made.
pub fn enable(args: &CheckArgs) -> Result<(), String> {
    if !args.wire && args.pcap.is_none() {
        return Ok(());
    }
    if let Some(dir) = &args.pcap {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    wire::enable();
    Ok(())
}

/// The same, in the report's language (said once, above the report).
pub fn unavailable(args: &CheckArgs, lang: Lang) -> Option<String> {
    if !args.wire && args.pcap.is_none() {
        return None;
    }
    wire::enable().map(|why| why.get(lang).to_string())
}

/// Under a failed check's details: its conversation and what the packets show.
pub fn show(verdict: &Verdict, lang: Lang) {
    if verdict.status != Status::Fail {
        return;
    }
    if let Some(w) = &verdict.wire {
        for line in wire::render(w, lang).lines() {
            println!("    {DIM}{line}{DIM:#}");
        }
    }
}

/// `DIR/exNN-check_name.pcap` for every captured check of `graded`.
pub fn write_pcaps(args: &CheckArgs, graded: &Graded) -> Result<(), String> {
    let Some(dir) = &args.pcap else {
        return Ok(());
    };
    for (check, verdict) in &graded.results {
        if let Some(w) = &verdict.wire {
            let path = dir.join(format!("ex{}-{}.pcap", graded.exercise.id, check.name));
            wire::write_pcap(&w.capture, &path)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// `cargo xtask wire-docs [--check]`: capture one passing check of each
/// exercise on the reference solution and write its diagram into the
/// exercise's READMEs (between the markers of `wire::docs`); with `--check`
/// only say which README is stale.
pub fn docs(check_only: bool) -> std::process::ExitCode {
    use netlings_suite::catalogue::{self, EXERCISES};
    use netlings_suite::runner::{CHECK_LIMIT, run_check};
    use netlings_suite::targets::{Bins, Targets, workspace_root};
    use std::process::ExitCode;
    use std::sync::Arc;
    let fail = |why: String| {
        eprintln!("error: {why}");
        ExitCode::FAILURE
    };
    if let Some(why) = wire::enable() {
        return fail(why.en);
    }
    let packages: Vec<&str> = EXERCISES.iter().map(|e| e.solution_package).collect();
    let targets = match Bins::build(&packages) {
        Ok(bins) => match Targets::solutions(&bins) {
            Ok(t) => Arc::new(t),
            Err(e) => return fail(e),
        },
        Err(f) => return fail(f.rendered),
    };
    let mut stale = Vec::new();
    for (id, name) in wire::docs::SHOWN {
        let exercise = catalogue::exercise(id).expect("a listed exercise");
        let Some(check) = exercise.checks.iter().find(|c| c.name == *name) else {
            return fail(format!("exercise {id} has no check {name}"));
        };
        // A capture on a loaded machine can come out short (the reader
        // thread not scheduled in time); a README that is really stale
        // differs on every try, so `--check` tries three captures.
        let tries = if check_only { 3 } else { 1 };
        let mut differs = Vec::new();
        let mut captured_block = String::new();
        for attempt in 1..=tries {
            differs.clear();
            let verdict = run_check(exercise, check, Arc::clone(&targets), CHECK_LIMIT);
            let Some(captured) = verdict.wire.filter(|_| verdict.status == Status::Pass) else {
                if attempt < tries {
                    continue;
                }
                return fail(format!(
                    "ex{id}::{name} did not pass on the solution: {:?}",
                    verdict.what.map(|w| w.en)
                ));
            };
            for (file, lang) in [("README.md", Lang::En), ("README.zh-CN.md", Lang::Zh)] {
                let path = workspace_root()
                    .join("exercises")
                    .join(exercise.folder())
                    .join(file);
                let text = match std::fs::read_to_string(&path) {
                    Ok(t) => t,
                    Err(e) => return fail(format!("cannot read {}: {e}", path.display())),
                };
                let block = wire::docs::block(id, name, &wire::docs::diagram(&captured, lang));
                if lang == Lang::En {
                    captured_block.clone_from(&block);
                }
                let Some(new) = wire::docs::replace_block(&text, &block) else {
                    return fail(format!(
                        "{} has no `{}` marker",
                        path.display(),
                        wire::docs::BEGIN
                    ));
                };
                if new != text {
                    differs.push((path, new));
                }
            }
            if differs.is_empty() {
                break;
            }
        }
        for (path, new) in differs {
            if check_only {
                // What the capture shows now, so a stale README can be told
                // from a capture that came out otherwise.
                eprintln!(
                    "{}: the capture now shows\n{captured_block}",
                    path.display()
                );
                stale.push(path.display().to_string());
            } else if let Err(e) = std::fs::write(&path, new) {
                return fail(format!("cannot write {}: {e}", path.display()));
            } else {
                println!("wrote {}", path.display());
            }
        }
    }
    if stale.is_empty() {
        return ExitCode::SUCCESS;
    }
    fail(format!(
        "these READMEs do not show what the solutions do on the wire now; run `cargo xtask wire-docs`:\n  {}",
        stale.join("\n  ")
    ))
}
