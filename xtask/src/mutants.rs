//! `cargo xtask mutants [exercise-NN|common]`: mutation testing of the
//! reference solutions with cargo-mutants, the exercise's checks being the
//! tests.
//!
//! cargo-mutants copies the workspace, changes one thing in a solution
//! (a `>` becomes `>=`, a function returns `Default::default()` …) and runs
//! the tests. Here the tests are the exercise's checks as nextest runs them
//! (`netlings-suite`'s `conformance` binary, filtered to `exNN::`): the
//! nextest setup script builds the solutions *in the mutated copy* and
//! names their paths, so what is graded is always the mutated build, never
//! a binary left from before. A mutant the checks reject is caught; one
//! they pass is missed — a change to the program no check notices — unless
//! `.cargo/mutants.toml` lists it as equivalent, with the reason.

use netlings_suite::catalogue::EXERCISES;
use netlings_suite::check::Exercise;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// What cargo-mutants is asked to mutate and which checks judge it.
struct Target {
    label: String,
    package: &'static str,
    /// nextest filterset of the checks that are the tests.
    filter: String,
    /// The baseline: `cargo xtask check` arguments that grade the
    /// unmutated solutions with the same checks.
    baseline: Vec<String>,
}

fn targets(which: Option<&str>) -> Result<Vec<Target>, String> {
    let exercise = |e: &'static Exercise| Target {
        label: e.handle(),
        package: e.solution_package,
        filter: format!("test(/^ex{}::/)", e.id),
        baseline: vec![e.id.to_string()],
    };
    match which {
        None => Ok(EXERCISES.iter().map(|e| exercise(e)).collect()),
        Some("common") => Ok(vec![Target {
            label: "common".into(),
            package: "netlings-common",
            // Every program uses it: every check of every exercise.
            filter: "test(/^ex[0-9]+::/)".into(),
            baseline: vec!["--all".into()],
        }]),
        Some(handle) => netlings_suite::catalogue::exercise(handle)
            .map(|e| vec![exercise(e)])
            .ok_or_else(|| format!("no exercise {handle:?} (exercise-NN, NN, or common)")),
    }
}

/// The counts cargo-mutants writes to `mutants.out/outcomes.json`.
#[derive(Deserialize, Default)]
struct Outcomes {
    total_mutants: usize,
    caught: usize,
    missed: usize,
    timeout: usize,
    unviable: usize,
}

/// One target's result, for the table.
struct Row {
    label: String,
    outcomes: Outcomes,
    missed: Vec<String>,
    took: Duration,
}

impl Row {
    /// Caught (a timeout is the checks' deadline noticing a hang) out of
    /// the viable mutants.
    fn score(&self) -> Option<f64> {
        let o = &self.outcomes;
        let viable = o.total_mutants - o.unviable;
        (viable > 0).then(|| 100.0 * (o.caught + o.timeout) as f64 / viable as f64)
    }
}

pub struct Options<'a> {
    pub which: Option<&'a str>,
    pub timeout: u64,
    pub shard: Option<&'a str>,
    pub list: bool,
    pub extra: &'a [String],
}

pub fn run(options: &Options) -> ExitCode {
    let targets = match targets(options.which) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if Command::new("cargo")
        .args(["mutants", "--version"])
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true)
    {
        eprintln!(
            "error: cargo-mutants is not installed: `cargo install cargo-mutants --locked` (and cargo-nextest)"
        );
        return ExitCode::from(2);
    }
    let root = netlings_suite::targets::workspace_root();
    let mut rows = Vec::new();
    for target in &targets {
        let out = root.join("target/netlings/mutants").join(&target.label);
        if let Err(e) = std::fs::create_dir_all(&out) {
            eprintln!("error: cannot create {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
        if !options.list && !baseline_passes(target) {
            return ExitCode::FAILURE;
        }
        // The suite's package holds the checks; the mutated package is
        // listed too so that a mutant that does not compile fails the build
        // phase (unviable) rather than the checks' setup script (caught).
        let tests = format!("netlings-suite,{}", target.package);
        let filter = format!(
            "package(netlings-suite) and binary(conformance) and {}",
            target.filter
        );
        let mut command = Command::new("cargo");
        command
            .current_dir(&root)
            .args(["mutants", "--package", target.package])
            .args(["--test-tool", "nextest", "--test-package", &tests])
            // cargo-mutants' own baseline runs the mutated package's tests
            // (it ignores --test-package), which are not the checks: the
            // baseline above, `cargo xtask check --solutions`, stands in.
            .arg("--baseline=skip")
            .arg("--timeout")
            .arg(options.timeout.to_string())
            .arg("--output")
            .arg(&out)
            .args(options.shard.map(|s| format!("--shard={s}")))
            .args(options.list.then_some("--list"))
            .args(options.extra)
            // Arguments to `cargo nextest run`: the exercise's checks only.
            .args(["--", "-E", &filter]);
        eprintln!("== {}: mutating {} ==", target.label, target.package);
        let started = Instant::now();
        let status = match command.status() {
            Ok(status) => status,
            Err(e) => {
                eprintln!("error: cannot run cargo mutants: {e}");
                return ExitCode::FAILURE;
            }
        };
        if options.list {
            continue;
        }
        // 0: all caught; 2: some missed; 3: some timed out; 4: baseline failed.
        if !matches!(status.code(), Some(0 | 2 | 3)) {
            eprintln!(
                "error: cargo mutants failed for {} ({status}); see {}",
                target.label,
                out.join("mutants.out/debug.log").display()
            );
            return ExitCode::FAILURE;
        }
        rows.push(read_row(&target.label, &out, started.elapsed()));
    }
    if options.list {
        return ExitCode::SUCCESS;
    }
    print_table(&rows);
    if rows.iter().all(|r| r.outcomes.missed == 0) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The unmutated solutions pass the checks, or mutation testing means
/// nothing: a mutant would be "caught" by a check that fails anyway.
fn baseline_passes(target: &Target) -> bool {
    eprintln!(
        "== {}: baseline (the unmutated solution against its checks) ==",
        target.label
    );
    let Ok(xtask) = std::env::current_exe() else {
        return false;
    };
    let passed = Command::new(xtask)
        .arg("check")
        .args(&target.baseline)
        .args(["--solutions", "--lang", "en"])
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !passed {
        eprintln!(
            "error: the reference solution fails its own checks (cargo xtask check {} --solutions): fix that first",
            target.baseline.join(" ")
        );
    }
    passed
}

fn read_row(label: &str, out: &Path, took: Duration) -> Row {
    let dir: PathBuf = out.join("mutants.out");
    let outcomes = std::fs::read_to_string(dir.join("outcomes.json"))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let missed = std::fs::read_to_string(dir.join("missed.txt"))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    Row {
        label: label.to_string(),
        outcomes,
        missed,
        took,
    }
}

fn print_table(rows: &[Row]) {
    println!(
        "\n{:<12} {:>7} {:>7} {:>7} {:>8} {:>9} {:>7} {:>9}",
        "target", "mutants", "caught", "missed", "timeout", "unviable", "score", "time"
    );
    for row in rows {
        let o = &row.outcomes;
        let score = row
            .score()
            .map_or_else(|| "-".to_string(), |s| format!("{s:.1}%"));
        println!(
            "{:<12} {:>7} {:>7} {:>7} {:>8} {:>9} {:>7} {:>8}s",
            row.label,
            o.total_mutants,
            o.caught,
            o.missed,
            o.timeout,
            o.unviable,
            score,
            row.took.as_secs()
        );
    }
    for row in rows.iter().filter(|r| !r.missed.is_empty()) {
        println!(
            "\nmissed in {} (kill it with a check, or list it as equivalent in .cargo/mutants.toml with the reason):",
            row.label
        );
        for m in &row.missed {
            println!("  {m}");
        }
    }
}
