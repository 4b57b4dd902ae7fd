//! `cargo xtask selftest`: the suite proves it has teeth.
//!
//! Builds the stubs, the solutions and the known-wrong programs; asserts
//! every solution passes every check, every pristine stub fails every check,
//! every known-wrong program is rejected by the check it declares (and names
//! the checks that reject it instead when it is not), and no hostile program
//! leaves a process behind. Prints a kill table per exercise and the
//! coverage of the behaviour catalogue.

use crate::check::pool;
use crate::stubs;
use netlings_suite::catalogue::{BEHAVIOURS, EXERCISES, uncovered};
use netlings_suite::check::{Check, Exercise};
use netlings_suite::harness::survivors;
use netlings_suite::mutants::{self, Mutant};
use netlings_suite::report;
use netlings_suite::runner::{CHECK_LIMIT, Status, run_check};
use netlings_suite::targets::{Bins, Targets};
use netlings_suite::text::Lang;
use std::process::ExitCode;
use std::sync::Arc;

/// Checks mostly wait on sockets, so more run at once than there are cores.
const JOBS: usize = 8;

pub fn run() -> ExitCode {
    let mut problems: Vec<String> = Vec::new();
    let strict = std::env::var_os("CI").is_some();

    let corpus = match mutants::all() {
        Ok(corpus) => corpus,
        Err(e) => return fatal(&e),
    };
    let mut packages: Vec<&str> = EXERCISES
        .iter()
        .flat_map(|e| [e.exercise_package, e.solution_package])
        .collect();
    packages.push(mutants::PACKAGE);
    println!("building {} packages …", packages.len());
    let bins = match Bins::build(&packages) {
        Ok(bins) => bins,
        Err(failure) => return fatal(&format!("the build failed:\n{}", failure.rendered)),
    };
    let (solutions, stubs_targets) = match (Targets::solutions(&bins), Targets::exercises(&bins)) {
        (Ok(s), Ok(e)) => (Arc::new(s), Arc::new(e)),
        (Err(e), _) | (_, Err(e)) => return fatal(&e),
    };
    match stubs::drift() {
        Ok(drift) if drift.is_empty() => {}
        Ok(drift) if strict => problems.extend(
            drift
                .into_iter()
                .map(|d| format!("{d} (run `cargo xtask stubs --update` after changing a stub)")),
        ),
        Ok(drift) => println!(
            "note: {} (stub checks are skipped for changed exercises)",
            drift.join("; ")
        ),
        Err(e) => problems.push(e),
    }

    for &exercise in EXERCISES {
        println!("\n== {} {} ==", exercise.handle(), exercise.title.en);
        let checks: Vec<&'static Check> = exercise.checks.to_vec();

        // The solution passes everything (or skips, with a reason).
        let verdicts = pool(JOBS, &checks, |c| {
            run_check(exercise, c, Arc::clone(&solutions), CHECK_LIMIT)
        });
        let failed: Vec<&str> = checks
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| v.status == Status::Fail)
            .map(|(c, _)| c.name)
            .collect();
        let skipped = verdicts.iter().filter(|v| v.status == Status::Skip).count();
        println!(
            "solution: {}/{} pass, {skipped} skipped",
            checks.len() - failed.len() - skipped,
            checks.len()
        );
        // A solution that fails is a bug in the suite or the solution: show
        // the whole report, so it can be fixed from this log alone.
        for (check, verdict) in checks.iter().zip(&verdicts) {
            if verdict.status == Status::Fail {
                println!("{}", report::headline(check, verdict.status, Lang::En));
                print!("{}", report::details(exercise, check, verdict, Lang::En, 1));
            }
        }
        problems.extend(
            failed
                .iter()
                .map(|c| format!("the solution of {} fails {c}", exercise.handle())),
        );

        // The untouched stub fails everything.
        match stubs::is_pristine(exercise) {
            Ok(true) => {
                let verdicts = pool(JOBS, &checks, |c| {
                    run_check(exercise, c, Arc::clone(&stubs_targets), CHECK_LIMIT)
                });
                let passed: Vec<&str> = checks
                    .iter()
                    .zip(&verdicts)
                    .filter(|(_, v)| v.status == Status::Pass)
                    .map(|(c, _)| c.name)
                    .collect();
                println!(
                    "stub: {}/{} fail",
                    checks.len() - passed.len(),
                    checks.len()
                );
                problems.extend(
                    passed
                        .iter()
                        .map(|c| format!("the stub of {} passes {c}", exercise.handle())),
                );
            }
            Ok(false) => println!(
                "stub: skipped (exercises/{} has changes)",
                exercise.folder()
            ),
            Err(e) => problems.push(e),
        }

        // Every known-wrong program is rejected by the check it declares.
        let mine: Vec<&Mutant> = corpus
            .iter()
            .filter(|m| m.exercise() == exercise.id)
            .collect();
        let rows = pool(JOBS, &mine, |m| kill(exercise, m, &bins));
        println!("kill table:");
        println!(
            "  {:<34} {:<7} {:<44} verdict",
            "known-wrong program", "kind", "declared check"
        );
        for (mutant, row) in mine.iter().zip(&rows) {
            let kind = if mutant.hostile { "hostile" } else { "wrong" };
            println!(
                "  {:<34} {:<7} {:<44} {}",
                mutant.bin, kind, mutant.rejected_by, row.verdict
            );
            if let Some(problem) = &row.problem {
                problems.push(problem.clone());
            }
        }
        let wrong = mine.iter().filter(|m| !m.hostile).count();
        if wrong < 5 {
            problems.push(format!(
                "{} has {wrong} known-wrong programs; at least 5 are needed",
                exercise.handle()
            ));
        }
    }

    let left = survivors();
    if !left.is_empty() {
        problems.push(format!("processes outlived their checks: {left:?}"));
    }
    println!(
        "\nprocess table: {} processes left behind by any check",
        left.len()
    );

    coverage(&mut problems);

    if problems.is_empty() {
        println!(
            "\nselftest: every solution passes, every stub fails, every known-wrong program is caught."
        );
        ExitCode::SUCCESS
    } else {
        println!("\nselftest found {} problems:", problems.len());
        for p in &problems {
            println!("  ✗ {p}");
        }
        ExitCode::FAILURE
    }
}

struct Row {
    verdict: String,
    problem: Option<String>,
}

/// Run the mutant's declared check; when it slips through, find which
/// checks do reject it, so the report can say "rejected only by …".
fn kill(exercise: &'static Exercise, mutant: &Mutant, bins: &Bins) -> Row {
    let Some(path) = bins.path(&mutant.bin) else {
        return Row {
            verdict: "not built".into(),
            problem: Some(format!("{} was not built", mutant.bin)),
        };
    };
    let Ok(solutions) = Targets::solutions(bins) else {
        return Row {
            verdict: "no solutions".into(),
            problem: Some("no solutions were built".into()),
        };
    };
    let targets = Arc::new(solutions.with(
        &mutant.program,
        &mutant.bin,
        vec![path.display().to_string()],
    ));
    let Some(declared) = exercise
        .checks
        .iter()
        .copied()
        .find(|c| c.name == mutant.rejected_by)
    else {
        return Row {
            verdict: "no such check".into(),
            problem: Some(format!(
                "{} names unknown check {}",
                mutant.bin, mutant.rejected_by
            )),
        };
    };
    let verdict = run_check(exercise, declared, Arc::clone(&targets), CHECK_LIMIT);
    match verdict.status {
        Status::Fail => match mutant.diagnosis_mismatch(&verdict) {
            None => Row {
                verdict: format!(
                    "✓ rejected ({:.1} s), diagnosis {}",
                    verdict.duration.as_secs_f32(),
                    verdict.diagnosis_id()
                ),
                problem: None,
            },
            Some(why) => Row {
                verdict: format!("✗ rejected, wrong diagnosis {}", verdict.diagnosis_id()),
                problem: Some(why),
            },
        },
        Status::Skip => Row {
            verdict: "- skipped here".into(),
            problem: None,
        },
        Status::Pass => {
            let others: Vec<&str> = exercise
                .checks
                .iter()
                .filter(|c| c.name != declared.name)
                .filter(|c| {
                    run_check(exercise, c, Arc::clone(&targets), CHECK_LIMIT).status == Status::Fail
                })
                .map(|c| c.name)
                .collect();
            let verdict = if others.is_empty() {
                "✗ NOT REJECTED by any check".to_string()
            } else {
                format!("✗ rejected only by the wrong check: {}", others.join(", "))
            };
            Row {
                problem: Some(format!("{}: {verdict}", mutant.bin)),
                verdict,
            }
        }
    }
}

/// The behaviour catalogue against the checks: every behaviour marked for
/// an exercise has a check there; every check names a real behaviour.
fn coverage(problems: &mut Vec<String>) {
    println!("\ncoverage of the behaviour catalogue (checks per exercise):");
    let header: Vec<String> = EXERCISES.iter().map(|e| e.id.to_string()).collect();
    println!(
        "  {:<5} {:<6} {}",
        "id",
        "§",
        header.iter().map(|h| format!("{h:>4}")).collect::<String>()
    );
    for b in BEHAVIOURS {
        let cells: String = EXERCISES
            .iter()
            .map(|e| {
                let n = e.checks.iter().filter(|c| c.behaviour == b.id).count();
                let marked = b.checked_in.contains(&e.id);
                match (n, marked) {
                    (0, true) => "   ✗".to_string(),
                    (0, false) => "   ·".to_string(),
                    (n, _) => format!("{n:>4}"),
                }
            })
            .collect();
        let note = if b.checked_in.is_empty() {
            "  (not observable on loopback)"
        } else {
            ""
        };
        println!("  {:<5} {:<6} {cells}{note}", b.id, b.section);
    }
    for e in EXERCISES {
        for id in uncovered(e) {
            problems.push(format!(
                "behaviour {id} is marked for {} but no check there names it",
                e.handle()
            ));
        }
        for c in e.checks {
            if netlings_suite::catalogue::behaviour(c.behaviour).is_none() {
                problems.push(format!(
                    "{} names behaviour {}, which is not in the catalogue",
                    e.check_id(c),
                    c.behaviour
                ));
            }
        }
    }
}

fn fatal(why: &str) -> ExitCode {
    eprintln!("error: {why}");
    ExitCode::FAILURE
}
