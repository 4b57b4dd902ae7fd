//! `cargo xtask check`: choose and build what is graded, run its checks,
//! report.

use crate::model::{Grading, Outcome, Report};
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
    /// Points, tier weights and how skips score (default: grading.toml at
    /// the workspace root, else one point a check with skips credited).
    #[arg(long, value_name = "FILE")]
    pub grading: Option<PathBuf>,
    /// Capture each check's packets (a private network namespace per
    /// check) and show a failed check's conversation.
    #[arg(long)]
    pub wire: bool,
    /// Write each check's packets to DIR/exNN-check_name.pcap (implies --wire).
    #[arg(long, value_name = "DIR")]
    pub pcap: Option<PathBuf>,
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
    let grading = match Grading::load(args.grading.as_deref()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::SystemTime::now();
    let mut outcomes = Vec::new();
    if let Err(e) = crate::wire::enable(args) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    for (exercise, graded) in exercises.iter().zip(grade_all(&exercises, args, lang)) {
        let exercise = *exercise;
        match graded {
            Ok(graded) => {
                if let Err(e) = crate::wire::write_pcaps(args, &graded) {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
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
    let report = Report::new(&target, lang, &grading, started, &outcomes);
    if let Err(e) = write_outputs(args, &report) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    // --wire where no namespace can be made: said once, graded anyway.
    let no_wire = crate::wire::unavailable(args, lang);
    if let (Some(why), false) = (&no_wire, args.format == Format::Human) {
        eprintln!("{why}");
    }
    match args.format {
        Format::Human => {
            if let Some(why) = no_wire {
                println!("{why}\n");
            }
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
/// GitHub Actions offers `$GITHUB_STEP_SUMMARY`, and annotations under
/// Actions — on stderr, which the runner reads for workflow commands too, so
/// that stdout is exactly the format asked for.
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
        eprint!("{}", formats::github_annotations(report));
    }
    Ok(())
}

pub enum Unbuilt {
    /// The learner's code does not compile: the compiler's own message.
    Compile(String),
    Other(String),
}

/// Build every exercise, then run all their checks in one pool of
/// `args.jobs`: a submission whose programs all hang costs the longest
/// check's deadline times the checks over the jobs, not that summed
/// exercise by exercise.
pub fn grade_all(
    exercises: &[&'static Exercise],
    args: &CheckArgs,
    lang: Lang,
) -> Vec<Result<Graded, Unbuilt>> {
    let status = crate::progress::Status::new(lang);
    let built: Vec<Result<Arc<Targets>, Unbuilt>> = exercises
        .iter()
        .map(|e| targets_for(e, args, &status).map(Arc::new))
        .collect();
    let prepared: Vec<Option<(&'static Exercise, Arc<Targets>)>> = exercises
        .iter()
        .zip(&built)
        .map(|(e, t)| t.as_ref().ok().map(|t| (*e, Arc::clone(t))))
        .collect();
    let handles: Vec<String> = exercises.iter().map(|e| e.handle()).collect();
    let total = prepared
        .iter()
        .flatten()
        .map(|(e, t)| e.checks.iter().filter(|c| in_scope(e, c, t)).count())
        .sum();
    status.checking(&handles.join(", "), total);
    let mut results = run_pooled(&prepared, args.jobs, Some(&status)).into_iter();
    exercises
        .iter()
        .zip(built)
        .map(|(exercise, targets)| {
            let results = results.next().unwrap_or_default();
            targets.map(|t| Graded {
                exercise,
                label: t.label.clone(),
                results,
            })
        })
        .collect()
}

/// The checks of every exercise given targets (`None`: not built, no
/// checks), at most `jobs` at once across all of them; results per
/// exercise, in the checks' order.
pub fn run_pooled(
    prepared: &[Option<(&'static Exercise, Arc<Targets>)>],
    jobs: usize,
    status: Option<&crate::progress::Status>,
) -> Vec<Vec<(&'static Check, Verdict)>> {
    type Work = (usize, &'static Exercise, &'static Check, Arc<Targets>);
    let mut work: Vec<Work> = Vec::new();
    for (i, entry) in prepared.iter().enumerate() {
        if let Some((exercise, targets)) = entry {
            work.extend(
                exercise
                    .checks
                    .iter()
                    .filter(|c| in_scope(exercise, c, targets))
                    .map(|c| (i, *exercise, *c, Arc::clone(targets))),
            );
        }
    }
    // The exercise with the most checks first: it is the one that finishes
    // last when every program hangs.
    work.sort_by_key(|(i, ..)| {
        std::cmp::Reverse(prepared[*i].as_ref().map_or(0, |(e, _)| e.checks.len()))
    });
    let groups: Vec<usize> = work.iter().map(|(i, ..)| *i).collect();
    let verdicts = pool_per_group(
        jobs,
        PER_EXERCISE,
        &groups,
        &work,
        |(_, exercise, check, targets)| {
            if let Some(status) = status {
                status.check_started(check);
            }
            let verdict = run_check(exercise, check, Arc::clone(targets), CHECK_LIMIT);
            if let Some(status) = status {
                status.check_ended(check);
            }
            verdict
        },
    );
    let mut results: Vec<Vec<(&'static Check, Verdict)>> =
        prepared.iter().map(|_| Vec::new()).collect();
    for ((i, _, check, _), verdict) in work.into_iter().zip(verdicts) {
        results[i].push((check, verdict));
    }
    results
}

/// Build (or name) the programs `args` says to grade for `exercise`.
fn targets_for(
    exercise: &'static Exercise,
    args: &CheckArgs,
    status: &crate::progress::Status,
) -> Result<Targets, Unbuilt> {
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
        let bins = {
            status.building(&format!("solutions/{}", exercise.folder()));
            Bins::build(&[exercise.solution_package]).map_err(|f| Unbuilt::Compile(f.rendered))?
        };
        let mut targets = Targets::solutions(&bins).map_err(Unbuilt::Other)?;
        targets.label = format!("solutions/{} (built just now)", exercise.folder());
        targets
    } else {
        let bins = {
            status.building(&format!("exercises/{}", exercise.folder()));
            Bins::build(&[exercise.exercise_package]).map_err(|f| Unbuilt::Compile(f.rendered))?
        };
        let mut targets = Targets::exercises(&bins).map_err(Unbuilt::Other)?;
        targets.label = format!("exercises/{} (built just now)", exercise.folder());
        targets
    };
    Ok(targets)
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

/// Checks of one exercise at once, however many run in all. Exercise 07
/// has the most checks (50), so where every program hangs it is the
/// longest path: each of its checks waits out a deadline (about 10 s), and
/// 12 at once bring that to about 40 s. Its checks' files fit a sandbox's
/// /tmp even all at once (about 300 MiB, most of it one 200 MiB file).
const PER_EXERCISE: usize = 12;

/// `work` on every item, at most `jobs` at once and at most `per_group` of
/// one group (`groups[i]` is item i's); results in the items' order. A
/// worker takes the first item whose group has room, else waits for one.
pub fn pool_per_group<T: Sync, R: Send>(
    jobs: usize,
    per_group: usize,
    groups: &[usize],
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    struct State {
        taken: Vec<bool>,
        running: std::collections::HashMap<usize, usize>,
        left: usize,
    }
    let state = Mutex::new(State {
        taken: vec![false; items.len()],
        running: std::collections::HashMap::new(),
        left: items.len(),
    });
    let room = std::sync::Condvar::new();
    let done: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
                    let next = loop {
                        if s.left == 0 {
                            break None;
                        }
                        let free = (0..items.len()).find(|&i| {
                            !s.taken[i]
                                && s.running.get(&groups[i]).copied().unwrap_or(0)
                                    < per_group.max(1)
                        });
                        if let Some(i) = free {
                            break Some(i);
                        }
                        s = room.wait(s).unwrap_or_else(|e| e.into_inner());
                    };
                    let Some(i) = next else { break };
                    s.taken[i] = true;
                    s.left -= 1;
                    *s.running.entry(groups[i]).or_insert(0) += 1;
                    drop(s);
                    let result = work(&items[i]);
                    done.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
                    *s.running.entry(groups[i]).or_insert(1) -= 1;
                    drop(s);
                    room.notify_all();
                }
                // Wake the others: nothing is left to take.
                room.notify_all();
            });
        }
    });
    let results = done.into_inner().unwrap_or_else(|e| e.into_inner());
    results
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
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
