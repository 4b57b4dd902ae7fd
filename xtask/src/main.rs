//! `cargo xtask`: the learner's and the teacher's entry point.
//!
//! `check` builds what is graded (the learner's exercise, the reference
//! solution, or any command), runs the exercise's checks from
//! `netlings-suite` (the same ones `cargo nextest run` runs), and prints a
//! report that teaches.

mod check;
mod class;
mod collect;
mod course;
mod formats;
mod grade;
mod gradebook;
mod human;
mod inside;
mod intake;
mod learner;
mod model;
mod mutants;
mod progress;
mod sandbox;
mod selftest;
mod state;
mod stress;
mod stubs;
mod userns;
mod watch;
mod wire;

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
        /// Where the reports and the gradebooks go (default:
        /// target/netlings/grades). An existing gradebook there keeps the
        /// rows of students not graded now.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// Points, tier weights and how skips score (default: grading.toml).
        #[arg(long, value_name = "FILE")]
        grading: Option<std::path::PathBuf>,
        /// Wall-clock limit of one submission, build and checks, in seconds.
        #[arg(long, default_value_t = 1200)]
        time_limit: u64,
        /// Memory limit of one submission's sandbox, in MiB.
        #[arg(long, default_value_t = 4096)]
        memory_limit: u64,
        /// Size of each of the sandbox's disks (/work, /tmp), in MiB.
        #[arg(long, default_value_t = 1024)]
        disk_limit: u64,
        /// CPU seconds of each of the submission's programs.
        #[arg(long, default_value_t = 60)]
        cpu_limit: u64,
        /// Capture each check's packets inside the sandbox (a network
        /// namespace per check, where the kernel allows it): the reports
        /// carry a failed check's packets and diagram.
        #[arg(long)]
        wire: bool,
        /// Tests only: run this program in the sandbox instead of the
        /// trusted runner.
        #[arg(long, hide = true)]
        runner: Option<std::path::PathBuf>,
    },
    /// The trusted runner inside grade's sandbox (not for people).
    #[command(hide = true)]
    GradeInside {
        #[arg(long)]
        exercise: Option<String>,
        /// The course's grading.toml, as text (from the grader).
        #[arg(long)]
        grading_toml: Option<String>,
        /// Checks run at once.
        #[arg(long, default_value_t = 4)]
        jobs: usize,
        /// Capture each check's packets (`grade --wire`).
        #[arg(long)]
        wire: bool,
    },
    /// Fetch each student's repository at the last commit before a deadline
    /// into a class folder, recording the commit (collected.csv).
    Collect {
        /// One student a line: `id repository` (a URL or a local path).
        roster: std::path::PathBuf,
        /// e.g. 2026-05-01T23:59:00+08:00 (git's date syntax); default: the latest commit.
        #[arg(long)]
        deadline: Option<String>,
        /// The class folder (default: submissions).
        #[arg(long)]
        into: Option<std::path::PathBuf>,
    },
    /// A class across CI runners: plan the shards, take one, join their gradebooks.
    #[command(subcommand)]
    Class(class::ClassCmd),
    /// Inside grade's sandbox: run a program as the submission's user.
    #[command(hide = true)]
    AsUser {
        uid: u32,
        /// Bytes as given: a check passes arguments that are not UTF-8.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        argv: Vec<std::ffi::OsString>,
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
    /// Maintainers: write the packet diagrams of the exercises' READMEs
    /// (one passing check each, captured on the reference solution).
    WireDocs {
        /// Only say whether a README is stale (exit 1 if one is).
        #[arg(long)]
        check: bool,
    },
    /// Mutation testing: cargo-mutants changes the reference solutions one
    /// thing at a time and the exercise's checks must reject each change
    /// (`common` mutates the shared crate against every check).
    Mutants {
        /// exercise-NN, NN, or common (default: every exercise in turn).
        target: Option<String>,
        /// Seconds one mutant's checks may take before it counts as a timeout.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
        /// Run only shard K of N (`--shard 1/4`), as CI's matrix does.
        #[arg(long, value_name = "K/N")]
        shard: Option<String>,
        /// List the mutants without testing them.
        #[arg(long)]
        list: bool,
        /// More arguments for cargo-mutants (after `--`).
        #[arg(last = true)]
        extra: Vec<String>,
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
    // The grader's runner works inside its sandbox, on the trusted copy it
    // is given, wherever that is.
    let anywhere = matches!(
        &cli.command,
        Some(Cmd::Check(args)) if args.cmd.is_some() || args.bins.is_some()
    ) || matches!(
        &cli.command,
        Some(Cmd::GradeInside { .. } | Cmd::AsUser { .. })
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
            grading,
            time_limit,
            memory_limit,
            disk_limit,
            cpu_limit,
            wire,
            runner,
        }) => grade::run(
            &path,
            &grade::Options {
                only: exercise,
                out,
                limits: sandbox::Limits {
                    wall: std::time::Duration::from_secs(time_limit),
                    memory: memory_limit << 20,
                    work_disk: disk_limit << 20,
                    tmp_disk: disk_limit << 20,
                    cpu: cpu_limit,
                    ..sandbox::Limits::default()
                },
                runner,
                grading,
                wire,
            },
        ),
        Some(Cmd::GradeInside {
            exercise,
            grading_toml,
            jobs,
            wire,
        }) => inside::run(
            exercise.as_deref(),
            grading_toml.as_deref(),
            jobs,
            wire,
            lang,
        ),
        Some(Cmd::Collect {
            roster,
            deadline,
            into,
        }) => collect::run(
            &roster,
            deadline.as_deref(),
            &into.unwrap_or_else(collect::default_into),
        ),
        Some(Cmd::Class(command)) => class::run(command),
        Some(Cmd::AsUser { uid, argv }) => inside::as_user(uid, &argv),
        Some(Cmd::Stubs { update }) => stubs_command(update),
        Some(Cmd::WireDocs { check }) => wire::docs(check),
        Some(Cmd::Mutants {
            target,
            timeout,
            shard,
            list,
            extra,
        }) => mutants::run(&mutants::Options {
            which: target.as_deref(),
            timeout,
            shard: shard.as_deref(),
            list,
            extra: &extra,
        }),
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
