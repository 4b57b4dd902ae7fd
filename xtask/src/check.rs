//! `cargo xtask check`: choose and build what is graded, run its checks,
//! report.

use crate::model::{Outcome, Report};
use crate::{formats, human, state};
use clap::Args;
use netlings_suite::catalogue::{self, EXERCISES};
use netlings_suite::check::{Check, Exercise};
use netlings_suite::runner::{CHECK_LIMIT, Status, Verdict, run_check};
use netlings_suite::targets::{BINS_ENV, Bins, Targets, suite_packages, workspace_root};
use netlings_suite::text::Lang;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Args, Clone)]
pub struct CheckArgs {
    /// The exercise: exercise-05, 05 or 5 (default: the one you are on).
    pub exercise: Option<String>,
    /// Check every exercise, in one report.
    #[arg(long, conflicts_with = "exercise")]
    pub all: bool,
    /// Grade the reference solutions instead of the exercises.
    #[arg(long, conflicts_with = "cmd")]
    pub solutions: bool,
    /// Grade this command instead (e.g. "python3 server.py"); it gets the
    /// contract's arguments appended.
    #[arg(long)]
    pub cmd: Option<String>,
    /// Grade executables already built, named in a bins file (what
    /// `cargo xtask grade` does inside its sandbox).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["cmd", "solutions"])]
    pub bins: Option<PathBuf>,
    /// With --cmd on an exercise of two programs: which one (07-server, 07-client).
    #[arg(long, requires = "cmd")]
    pub program: Option<String>,
    /// Show every failure in full (by default the first three are).
    #[arg(long, short)]
    pub verbose: bool,
    /// Failures first and the passing checks folded into one line (what
    /// `watch` shows).
    #[arg(long, hide = true)]
    pub brief: bool,
    /// How many checks run at once.
    #[arg(long, default_value_t = 4)]
    pub jobs: usize,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write the JSON report (schema: docs/report-format.md) to this file.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Also write a JUnit XML report to this file.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Also write a Markdown summary to this file.
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Also write Gradescope's results.json to this file.
    #[arg(long, value_name = "FILE")]
    pub gradescope: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Junit,
    Markdown,
    Gradescope,
}

/// One exercise's checks and what they found.
pub struct Graded {
    pub exercise: &'static Exercise,
    pub label: String,
    pub results: Vec<(&'static Check, Verdict)>,
}

impl Graded {
    pub fn passed(&self) -> bool {
        self.results.iter().all(|(_, v)| v.status != Status::Fail)
    }
}

pub fn run(args: &CheckArgs, lang: Lang) -> ExitCode {
    let exercises: Vec<&'static Exercise> = if args.all {
        EXERCISES.to_vec()
    } else if args.exercise.is_none() {
        // No exercise named: the one being worked on.
        match crate::course::current(&state::load()) {
            Some(e) => vec![e],
            None => vec![crate::course::order()[0]],
        }
    } else {
        let handle = args.exercise.as_deref().unwrap_or("");
        match catalogue::exercise(handle) {
            Some(e) => vec![e],
            None => {
                let known: Vec<String> = EXERCISES.iter().map(|e| e.handle()).collect();
                eprintln!(
                    "error: no exercise {handle:?}; the exercises are {}",
                    known.join(", ")
                );
                return ExitCode::from(2);
            }
        }
    };
    let mut outcomes = Vec::new();
    for exercise in exercises {
        match grade(exercise, args, lang) {
            Ok(graded) => {
                if graded.label.starts_with("exercises/") {
                    state::record(&graded);
                }
                outcomes.push(Outcome::Graded(graded));
            }
            Err(Unbuilt::Compile(rendered)) => {
                state::record_compile_error(exercise, &rendered);
                outcomes.push(Outcome::CompileError { exercise, rendered });
            }
            Err(Unbuilt::Other(why)) => {
                eprintln!("error: {why}");
                return ExitCode::FAILURE;
            }
        }
    }
    let target = target_label(args);
    let report = Report::new(&target, lang, &outcomes);
    if let Err(e) = write_outputs(args, &report) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    match args.format {
        Format::Human => {
            for outcome in &outcomes {
                match outcome {
                    Outcome::Graded(graded) => {
                        human::report(graded, lang, args.verbose, args.brief)
                    }
                    Outcome::CompileError { exercise, rendered } => {
                        human::compile_error(exercise, rendered, lang)
                    }
                }
            }
            if outcomes.len() > 1 {
                human::totals(&report, lang);
            }
        }
        Format::Json => println!("{}", formats::json(&report)),
        Format::Junit => println!("{}", formats::junit(&report)),
        Format::Markdown => println!("{}", formats::markdown(&report)),
        Format::Gradescope => println!("{}", formats::gradescope(&report)),
    }
    if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn target_label(args: &CheckArgs) -> String {
    match (&args.cmd, args.solutions) {
        (Some(cmd), _) => cmd.clone(),
        (None, true) => "solutions".to_string(),
        (None, false) => "exercises".to_string(),
    }
}

/// Files asked for with `--json` and friends, the Markdown summary when
/// GitHub Actions offers `$GITHUB_STEP_SUMMARY`, and annotations under Actions.
fn write_outputs(args: &CheckArgs, report: &Report) -> Result<(), String> {
    type Render = fn(&Report) -> String;
    let files: [(&Option<PathBuf>, Render); 4] = [
        (&args.json, formats::json),
        (&args.junit, formats::junit),
        (&args.markdown, formats::markdown),
        (&args.gradescope, formats::gradescope),
    ];
    for (path, render) in files {
        if let Some(path) = path {
            std::fs::write(path, render(report))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY") {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&summary)
            .map_err(|e| format!("cannot open $GITHUB_STEP_SUMMARY: {e}"))?;
        let _ = writeln!(file, "{}", formats::markdown(report));
    }
    if std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true") {
        print!("{}", formats::github_annotations(report));
    }
    Ok(())
}

pub enum Unbuilt {
    /// The learner's code does not compile: the compiler's own message.
    Compile(String),
    Other(String),
}

/// Build what `args` says to grade for `exercise` and run its checks.
pub fn grade(exercise: &'static Exercise, args: &CheckArgs, lang: Lang) -> Result<Graded, Unbuilt> {
    let status = crate::progress::Status::new(lang);
    let targets = if let Some(cmd) = &args.cmd {
        let argv = shlex::split(cmd)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| Unbuilt::Other(format!("cannot split the command {cmd:?}")))?;
        // Programs start in a private directory: a relative path that names
        // a file here (`python3 docs/python/x.py`) must become absolute.
        let argv: Vec<String> = argv
            .into_iter()
            .map(|arg| match std::fs::canonicalize(&arg) {
                Ok(path) if !arg.starts_with('-') && std::path::Path::new(&arg).is_relative() => {
                    path.display().to_string()
                }
                _ => arg,
            })
            .collect();
        let key = match &args.program {
            Some(key) => key.clone(),
            None if exercise.programs.len() == 1 => exercise.programs[0].key.to_string(),
            None => {
                let keys: Vec<&str> = exercise.programs.iter().map(|p| p.key).collect();
                return Err(Unbuilt::Other(format!(
                    "exercise {} has two programs: say which with --program ({})",
                    exercise.id,
                    keys.join(" or ")
                )));
            }
        };
        Targets {
            label: cmd.clone(),
            programs: [(key, argv)].into(),
        }
    } else if let Some(file) = &args.bins {
        let bins = Bins::load(file).map_err(Unbuilt::Other)?;
        if !exercise
            .programs
            .iter()
            .all(|p| bins.path(p.exercise_bin).is_some())
        {
            let error = bins.errors.get(exercise.exercise_package).cloned();
            return Err(Unbuilt::Compile(
                error.unwrap_or_else(|| "the exercise was not built".to_string()),
            ));
        }
        let mut targets = Targets::exercises(&bins).map_err(Unbuilt::Other)?;
        targets.label = format!("exercises/{} (prebuilt)", exercise.folder());
        targets
    } else if args.solutions {
        status.building(&format!("solutions/{}", exercise.folder()));
        let bins =
            Bins::build(&[exercise.solution_package]).map_err(|f| Unbuilt::Compile(f.rendered))?;
        let mut targets = Targets::solutions(&bins).map_err(Unbuilt::Other)?;
        targets.label = format!("solutions/{} (built just now)", exercise.folder());
        targets
    } else {
        status.building(&format!("exercises/{}", exercise.folder()));
        let bins =
            Bins::build(&[exercise.exercise_package]).map_err(|f| Unbuilt::Compile(f.rendered))?;
        let mut targets = Targets::exercises(&bins).map_err(Unbuilt::Other)?;
        targets.label = format!("exercises/{} (built just now)", exercise.folder());
        targets
    };
    let label = targets.label.clone();
    let checks: Vec<&'static Check> = exercise
        .checks
        .iter()
        .copied()
        .filter(|c| in_scope(exercise, c, &targets))
        .collect();
    status.checking(&exercise.handle(), checks.len());
    let results = run_all(exercise, checks, Arc::new(targets), args.jobs, &status);
    Ok(Graded {
        exercise,
        label,
        results,
    })
}

/// With `--cmd` on a two-program exercise, only that program's checks apply.
fn in_scope(exercise: &Exercise, check: &Check, targets: &Targets) -> bool {
    exercise.programs.len() == 1 || targets.argv(program_of(exercise, check)).is_some()
}

/// The program a check exercises: by convention a two-program exercise
/// names its checks `server_…` / `client_…`.
pub fn program_of(exercise: &Exercise, check: &Check) -> &'static str {
    exercise
        .programs
        .iter()
        .find(|p| {
            p.key
                .split_once('-')
                .is_some_and(|(_, role)| check.name.starts_with(role))
        })
        .unwrap_or(&exercise.programs[0])
        .key
}

/// Run `checks` with at most `jobs` at once, keeping their order.
pub fn run_all(
    exercise: &'static Exercise,
    checks: Vec<&'static Check>,
    targets: Arc<Targets>,
    jobs: usize,
    status: &crate::progress::Status,
) -> Vec<(&'static Check, Verdict)> {
    let verdicts = pool(jobs, &checks, |check| {
        status.check_started(check);
        let verdict = run_check(exercise, check, Arc::clone(&targets), CHECK_LIMIT);
        status.check_ended(check);
        verdict
    });
    checks.into_iter().zip(verdicts).collect()
}

/// `work` on every item, at most `jobs` at once; results in the items' order.
pub fn pool<T: Sync, R: Send>(jobs: usize, items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(i) else { break };
                    let result = work(item);
                    done.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                }
            });
        }
    });
    let results = done.into_inner().unwrap_or_else(|e| e.into_inner());
    results
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}

/// `cargo xtask build-bins`: build the solutions and the corpus, write their
/// paths to `target/netlings/bins.json`, and tell nextest where it is.
pub fn build_bins(nextest_env: bool) -> ExitCode {
    let bins = match Bins::build(&suite_packages()) {
        Ok(bins) => bins,
        Err(failure) => {
            eprintln!(
                "error: building the solutions failed:\n{}",
                failure.rendered
            );
            return ExitCode::FAILURE;
        }
    };
    let dir = workspace_root().join("target/netlings");
    let path = dir.join("bins.json");
    let written = std::fs::create_dir_all(&dir).and_then(|_| {
        std::fs::write(
            &path,
            serde_json::to_vec_pretty(&bins).expect("bins serialize"),
        )
    });
    if let Err(e) = written {
        eprintln!("error: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    if nextest_env {
        let Some(env_file) = std::env::var_os("NEXTEST_ENV") else {
            eprintln!("error: --nextest-env needs $NEXTEST_ENV (run me as a nextest setup script)");
            return ExitCode::FAILURE;
        };
        let appended = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(env_file)
            .and_then(|mut f| writeln!(f, "{BINS_ENV}={}", path.display()));
        if let Err(e) = appended {
            eprintln!("error: cannot write to $NEXTEST_ENV: {e}");
            return ExitCode::FAILURE;
        }
    }
    println!("{}", path.display());
    ExitCode::SUCCESS
}
