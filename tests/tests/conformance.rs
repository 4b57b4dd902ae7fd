//! The conformance suite as nextest sees it: one test per check, generated
//! from the check registry, run against the reference solutions; and one
//! `teeth::` test per known-wrong program, which must be rejected by the
//! check it names. Failures print the same report `cargo xtask check` shows.

use libtest_mimic::{Arguments, Failed, Trial};
use netlings_suite::catalogue::EXERCISES;
use netlings_suite::check::{Check, Exercise};
use netlings_suite::mutants::{self, Mutant};
use netlings_suite::report;
use netlings_suite::runner::{CHECK_LIMIT, Status, run_check, unmet};
use netlings_suite::targets::{Bins, Targets};
use netlings_suite::text::Lang;
use std::sync::{Arc, OnceLock};

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for &exercise in EXERCISES {
        for &check in exercise.checks {
            let trial = Trial::test(exercise.check_id(check), move || {
                solution_passes(exercise, check)
            });
            trials.push(trial.with_ignored_flag(skipped(check)));
        }
    }
    let corpus = mutants::all().expect("the mutant corpus has valid headers");
    for mutant in corpus {
        let Some((exercise, check)) = declared_check(&mutant) else {
            trials.push(Trial::test(format!("teeth::{}", mutant.bin), move || {
                Err(format!(
                    "{} names `{}`, which is not a check of exercise {}",
                    mutant.bin,
                    mutant.rejected_by,
                    mutant.exercise()
                )
                .into())
            }));
            continue;
        };
        let name = format!("teeth::{}", mutant.bin);
        let ignored = skipped(check);
        trials.push(
            Trial::test(name, move || mutant_is_rejected(&mutant, exercise, check))
                .with_ignored_flag(ignored),
        );
    }
    libtest_mimic::run(&args, trials).exit();
}

/// A check whose needs this machine cannot meet is listed as ignored, so
/// nextest reports it skipped instead of passing it.
fn skipped(check: &Check) -> bool {
    check.needs.iter().any(|n| unmet(*n).is_some())
}

fn bins() -> Result<&'static Bins, Failed> {
    static BINS: OnceLock<Result<Bins, String>> = OnceLock::new();
    BINS.get_or_init(Bins::for_suite)
        .as_ref()
        .map_err(|e| e.clone().into())
}

fn solutions() -> Result<Arc<Targets>, Failed> {
    Ok(Arc::new(Targets::solutions(bins()?)?))
}

fn solution_passes(exercise: &'static Exercise, check: &'static Check) -> Result<(), Failed> {
    let verdict = run_check(exercise, check, solutions()?, CHECK_LIMIT);
    match verdict.status {
        Status::Pass => Ok(()),
        _ => Err(format!(
            "the reference solution fails this check:\n{}\n{}",
            report::headline(check, verdict.status, Lang::En),
            report::details(exercise, check, &verdict, Lang::En, 0)
        )
        .into()),
    }
}

fn declared_check(mutant: &Mutant) -> Option<(&'static Exercise, &'static Check)> {
    let exercise = EXERCISES
        .iter()
        .copied()
        .find(|e| e.id == mutant.exercise())?;
    let check = exercise
        .checks
        .iter()
        .copied()
        .find(|c| c.name == mutant.rejected_by)?;
    Some((exercise, check))
}

fn mutant_is_rejected(
    mutant: &Mutant,
    exercise: &'static Exercise,
    check: &'static Check,
) -> Result<(), Failed> {
    let path = bins()?
        .path(&mutant.bin)
        .ok_or_else(|| format!("the known-wrong program {} was not built", mutant.bin))?;
    if mutant.hostile {
        // A hostile program may spin on a CPU until its check's deadline;
        // the lowest priority (this thread's, which the programs it starts
        // inherit) lets it spin only on time no other test wants. Waits
        // are on deadlines, not CPU time, so the verdict is the same.
        let _ = rustix::process::setpriority_process(None, 19);
    }
    let targets = Targets::solutions(bins()?)?.with(
        &mutant.program,
        &mutant.bin,
        vec![path.display().to_string()],
    );
    let verdict = run_check(exercise, check, Arc::new(targets), CHECK_LIMIT);
    match verdict.status {
        Status::Fail => match mutant.diagnosis_mismatch(&verdict) {
            None => Ok(()),
            Some(why) => Err(format!(
                "{why}\n{}\n{}",
                report::headline(check, verdict.status, Lang::En),
                report::details(exercise, check, &verdict, Lang::En, 0)
            )
            .into()),
        },
        status => Err(format!(
            "{} ({}) should be rejected by {} but the check says {}",
            mutant.bin,
            mutant.summary,
            exercise.check_id(check),
            status.name()
        )
        .into()),
    }
}
