//! `cargo xtask`: the learner's and the teacher's entry point.
//!
//! `check` builds what is graded (the learner's exercise, the reference
//! solution, or any command), runs the exercise's checks from
//! `netlings-suite` (the same ones `cargo nextest run` runs), and prints a
//! report that teaches.

mod check;
mod course;
mod formats;
mod grade;
mod human;
mod learner;
mod model;
mod progress;
mod selftest;
mod state;
mod stress;
mod stubs;
mod watch;

use clap::{Parser, Subcommand};
use netlings_suite::text::Lang;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "netlings: socket programming exercises, graded",
    version
)]
struct Cli {
    /// Language of reports: en or zh-CN (default: from LC_ALL / LANG).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Build an exercise and run its checks: `cargo xtask check exercise-05`.
    Check(check::CheckArgs),
    /// Build the solutions and the known-wrong programs and record their
    /// paths (the nextest setup script runs this once per run).
    BuildBins {
        /// Append NETLINGS_BINS=<file> to the file nextest names in $NEXTEST_ENV.
        #[arg(long)]
        nextest_env: bool,
    },
    /// Re-check an exercise whenever its source is saved; on success it
    /// says what you learnt and waits for `n` to move on.
    Watch {
        /// The exercise (default: the one you are on).
        exercise: Option<String>,
        /// Poll for changes instead of waiting for the OS's file events
        /// (for WSL-mounted or network drives, where events do not arrive).
        #[arg(long)]
        poll: bool,
    },
    /// Every exercise in course order, its status from the last check, and which is next.
    List,
    /// The exercise to work on now, what to read, and how to check it.
    Next,
    /// A hint for the latest result of an exercise: the compiler's first
    /// error, or the first failing check (each call says more).
    Hint {
        /// The exercise: exercise-05, 05 or 5 (default: the one you are on).
        exercise: Option<String>,
    },
    /// Put an exercise's stub back byte-exact, keeping your version as .bak.
    Reset {
        exercise: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Grade a student's checkout, or a folder of them (a CSV gradebook),
    /// without trusting it: only exercises/*/src/** is used, and the build
    /// and the checks run contained (docs/grading.md).
    Grade {
        /// A submission (a folder with exercises/ in it) or a folder of them.
        path: std::path::PathBuf,
        /// Grade one exercise only (e.g. exercise-05).
        #[arg(long)]
        exercise: Option<String>,
        /// Where the reports and gradebook.csv go (default: target/netlings/grades).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Prove the suite has teeth: solutions pass, stubs fail, known-wrong
    /// programs are rejected by the check they name; kill and coverage tables.
    Selftest,
    /// Run the whole suite N times in a row, oversubscribed and under CPU load.
    Stress {
        #[arg(default_value_t = 30)]
        runs: usize,
        /// Test threads (more than the cores, to shake out timing bugs).
        #[arg(long, default_value_t = 8)]
        threads: usize,
        /// Do not start stress-ng.
        #[arg(long)]
        no_load: bool,
        /// A nextest filterset, e.g. 'test(/ex05::/)'.
        #[arg(long, short = 'E')]
        filter: Option<String>,
    },
    /// Maintainers: record the stubs' blob ids in xtask/stubs.lock after changing a stub.
    Stubs {
        #[arg(long)]
        update: bool,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use en or zh-CN"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    // Everything but grading a command or prebuilt programs works on the
    // checkout you stand in, found from here as cargo finds its workspace.
    let anywhere = matches!(
        &cli.command,
        Some(Cmd::Check(args)) if args.cmd.is_some() || args.bins.is_some()
    );
    if !anywhere {
        let here = std::env::current_dir().unwrap_or_default();
        if netlings_suite::targets::find_workspace(&here).is_none() {
            eprintln!(
                "error: {} is not inside a netlings checkout; run cargo xtask from the clone you work in",
                here.display()
            );
            return ExitCode::from(2);
        }
    }
    match cli.command {
        Some(Cmd::Check(args)) => check::run(&args, lang),
        Some(Cmd::BuildBins { nextest_env }) => check::build_bins(nextest_env),
        Some(Cmd::Selftest) => selftest::run(),
        Some(Cmd::Stress {
            runs,
            threads,
            no_load,
            filter,
        }) => stress::run(runs, threads, !no_load, filter.as_deref()),
        Some(Cmd::Grade {
            path,
            exercise,
            out,
        }) => grade::run(&path, exercise.as_deref(), out.as_deref()),
        Some(Cmd::Stubs { update }) => stubs_command(update),
        Some(Cmd::List) => learner::list(lang),
        Some(Cmd::Next) => learner::next(lang),
        Some(Cmd::Hint {
            exercise: Some(handle),
        }) => with_exercise(&handle, |e| learner::hint(e, lang)),
        Some(Cmd::Hint { exercise: None }) => match course::current(&state::load()) {
            Some(e) => learner::hint(e, lang),
            None => learner::list(lang),
        },
        Some(Cmd::Reset { exercise, yes }) => {
            with_exercise(&exercise, |e| learner::reset(e, yes, lang))
        }
        Some(Cmd::Watch {
            exercise: Some(handle),
            poll,
        }) => with_exercise(&handle, |e| watch::run(Some(e), poll, lang)),
        Some(Cmd::Watch {
            exercise: None,
            poll,
        }) => watch::run(None, poll, lang),
        None => learner::welcome(lang),
    }
}

fn stubs_command(update: bool) -> ExitCode {
    let result = if update {
        stubs::update().map(|n| println!("{} lists {n} stub files", stubs::LOCK))
    } else {
        stubs::drift().map(|drift| {
            for d in &drift {
                println!("{d}");
            }
            if drift.is_empty() {
                println!("every stub is as shipped");
            }
        })
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn with_exercise(
    handle: &str,
    run: impl FnOnce(&'static netlings_suite::check::Exercise) -> ExitCode,
) -> ExitCode {
    match netlings_suite::catalogue::exercise(handle) {
        Some(exercise) => run(exercise),
        None => {
            let known: Vec<String> = netlings_suite::catalogue::EXERCISES
                .iter()
                .map(|e| e.handle())
                .collect();
            eprintln!(
                "error: no exercise {handle:?}; the exercises are {}",
                known.join(", ")
            );
            ExitCode::from(2)
        }
    }
}
