//! `cargo xtask grade PATH`: grade a submission you do not trust.
//!
//! Only `exercises/*/src/**` (regular `.rs` files, bounded in size and count)
//! is taken from the submission and laid over a trusted copy of the stubs in
//! a small workspace of its own (the exercises and `common`, no registry
//! dependencies, so it builds `--offline --locked` with an empty CARGO_HOME).
//! The build and the checks then run in a sandbox: a wall-clock deadline,
//! rlimits (processes, file size, memory, CPU, open files), new PID, mount
//! and network namespaces (loopback only; when the namespace's first
//! process ends every process in it dies), and, when the grader is root,
//! the `nobody` user. Where namespaces are refused the grade says so and
//! falls back to process groups, rlimits and deadlines.

use crate::gradebook;
use netlings_suite::catalogue::EXERCISES;
use netlings_suite::targets::{Bins, workspace_root};
use std::os::unix::fs::PermissionsExt;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const BUILD_DEADLINE: Duration = Duration::from_secs(300);
const RUN_DEADLINE: Duration = Duration::from_secs(900);
const MAX_FILE: u64 = 256 << 10;
const MAX_FILES: usize = 64;
/// rlimits for everything the submission runs (prlimit syntax).
const LIMITS: &[&str] = &[
    "--nproc=512",
    "--fsize=1073741824",
    "--nofile=4096",
    "--cpu=900",
    "--core=0",
];

pub fn run(
    path: &Path,
    only: Option<&str>,
    out: Option<&Path>,
    grading: Option<&Path>,
) -> ExitCode {
    let submissions = match submissions(path) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    if submissions.is_empty() {
        // An empty shard of a class is normal; say so and write an empty gradebook.
        eprintln!(
            "note: {} holds no submission (a folder with exercises/ in it)",
            path.display()
        );
    }
    // The course's points and weights, read here (trusted) and handed to the
    // runner in the sandbox.
    let grading = match crate::model::Grading::load(grading) {
        Ok(g) => g,
        Err(e) => return fail(&e),
    };
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| workspace_root().join("target/netlings/grades"));
    if let Err(e) = std::fs::create_dir_all(&out) {
        return fail(&format!("cannot create {}: {e}", out.display()));
    }
    let sandbox = Sandbox::probe();
    println!("containment: {}", sandbox.describe());
    let mut rows = Vec::new();
    for (name, dir) in &submissions {
        let started = Instant::now();
        let commit = gradebook::commit_of(dir);
        match grade_one(name, dir, only, &out, &sandbox, &grading) {
            Ok(report) => {
                rows.extend(gradebook::rows(name, &report, &commit));
                let t = &report.totals;
                println!(
                    "{name}: {}/{} points, {}/{} checks pass, {} skipped ({:.0} s) → {}",
                    crate::model::show(report.points.earned),
                    crate::model::show(report.points.max),
                    t.passed,
                    t.total,
                    t.skipped,
                    started.elapsed().as_secs_f32(),
                    out.join(format!("{name}.json")).display()
                );
            }
            Err(e) => {
                let now = crate::model::rfc3339(std::time::SystemTime::now());
                rows.push(gradebook::Row::unscored(
                    name,
                    format!("error: {e}"),
                    &commit,
                    &now,
                ));
                println!("{name}: could not be graded: {e}");
            }
        }
    }
    if let Err(e) = gradebook::update(&out, rows) {
        return fail(&e);
    }
    println!(
        "gradebook: {} (one row per student and exercise), {} (one row per student)",
        out.join(gradebook::LONG).display(),
        out.join(gradebook::WIDE).display()
    );
    ExitCode::SUCCESS
}

fn fail(why: &str) -> ExitCode {
    eprintln!("error: {why}");
    ExitCode::FAILURE
}

/// How many checks of a submission run at once: most of a check's time is
/// spent waiting on the programs (a hung one only costs its deadline), so
/// more than the cores (docs/grading.md, "Sizing shards", has the figures).
/// `NETLINGS_GRADE_JOBS` overrides it.
fn jobs() -> usize {
    std::env::var("NETLINGS_GRADE_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .filter(|j| *j > 0)
        .unwrap_or(DEFAULT_JOBS)
}

const DEFAULT_JOBS: usize = 32;

/// One submission (`PATH/exercises` exists) or a folder of them.
pub fn submissions(path: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let name_of = |p: &Path| {
        p.file_name().map_or("submission".to_string(), |n| {
            n.to_string_lossy().into_owned()
        })
    };
    if path.join("exercises").is_dir() {
        return Ok(vec![(name_of(path), path.to_path_buf())]);
    }
    let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("exercises").is_dir())
        .map(|p| (name_of(&p), p))
        .collect();
    found.sort();
    Ok(found)
}

fn grade_one(
    name: &str,
    submission: &Path,
    only: Option<&str>,
    out: &Path,
    sandbox: &Sandbox,
    grading: &crate::model::Grading,
) -> Result<gradebook::Summary, String> {
    let work = workspace_root().join("target/netlings/grade").join(name);
    lay_out(&work, submission)?;

    // Build, contained: the learner's code runs here for the first time
    // (macros, const evaluation), so it is treated like a run.
    let tc = sandbox.toolchain(&work);
    let build = sandbox.command(
        &work,
        &[
            tc.join("bin/cargo").to_string_lossy().as_ref(),
            "build",
            "--offline",
            "--locked",
            "--workspace",
            "--keep-going",
            "--message-format=json-diagnostic-rendered-ansi",
        ],
    );
    let output = run_bounded(build, BUILD_DEADLINE, &work.join("build.log"))?;
    let (bins, _) = Bins::from_cargo_messages(&output);
    let bins_file = work.join("bins.json");
    std::fs::write(
        &bins_file,
        serde_json::to_vec_pretty(&bins).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;

    // Run the checks, contained, with the trusted runner copied in.
    let runner = work.join("xtask");
    std::fs::copy(std::env::current_exe().map_err(|e| e.to_string())?, &runner)
        .map_err(|e| format!("cannot copy the runner: {e}"))?;
    let report_file = work.join("report.json");
    let grading_file = work.join("grading.toml");
    std::fs::write(
        &grading_file,
        toml::to_string(grading).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let mut args: Vec<String> = vec![runner.display().to_string(), "check".into()];
    match only {
        Some(ex) => args.push(ex.to_string()),
        None => args.push("--all".into()),
    }
    args.extend([
        "--jobs".into(),
        jobs().to_string(),
        "--bins".into(),
        bins_file.display().to_string(),
        "--grading".into(),
        grading_file.display().to_string(),
        "--json".into(),
        report_file.display().to_string(),
        "--junit".into(),
        work.join("junit.xml").display().to_string(),
        "--gradescope".into(),
        work.join("gradescope.json").display().to_string(),
        "--format".into(),
        "markdown".into(),
    ]);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = sandbox.command(&work, &argv);
    let summary = run_bounded(run, RUN_DEADLINE, &work.join("run.log"))?;
    let report_json = std::fs::read(&report_file).map_err(|e| {
        format!(
            "the runner wrote no report ({e}); see {}",
            work.join("run.log").display()
        )
    })?;
    std::fs::write(out.join(format!("{name}.json")), &report_json).map_err(|e| e.to_string())?;
    std::fs::write(out.join(format!("{name}.md")), &summary).map_err(|e| e.to_string())?;
    for (file, suffix) in [
        ("junit.xml", "junit.xml"),
        ("gradescope.json", "gradescope.json"),
    ] {
        std::fs::copy(work.join(file), out.join(format!("{name}.{suffix}")))
            .map_err(|e| format!("the runner wrote no {file}: {e}"))?;
    }
    serde_json::from_slice(&report_json)
        .map_err(|e| format!("the report does not follow the schema: {e}"))
}

/// A workspace of `common` and the exercises: trusted manifests and stubs,
/// the submission's `src/**` laid over them.
fn lay_out(work: &Path, submission: &Path) -> Result<(), String> {
    let root = workspace_root();
    if work.exists() {
        std::fs::remove_dir_all(work)
            .map_err(|e| format!("cannot clear {}: {e}", work.display()))?;
    }
    copy_tree(&root.join("common"), &work.join("common"), &|_| true)?;
    for exercise in EXERCISES {
        let folder = Path::new("exercises").join(exercise.folder());
        copy_tree(&root.join(&folder), &work.join(&folder), &|p| {
            !p.to_string_lossy().ends_with(".bak")
        })?;
    }
    let manifest = r#"# Written by `cargo xtask grade`: the exercises and `common` only.
[workspace]
resolver = "3"
members = ["common", "exercises/*"]

[workspace.package]
edition = "2024"
rust-version = "1.95"
license = "MIT OR Apache-2.0"
publish = false

[workspace.dependencies]
netlings-common = { path = "common" }

[profile.dev]
debug = false
"#;
    std::fs::write(work.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    // The lock file is made from trusted manifests only, before any
    // submitted file is in place.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let locked = Command::new(cargo)
        .args(["generate-lockfile", "--offline"])
        .current_dir(work)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !locked.status.success() {
        return Err(format!(
            "cannot write the lock file: {}",
            String::from_utf8_lossy(&locked.stderr)
        ));
    }
    // Now the submission: regular .rs files under exercises/<known folder>/src only.
    let mut taken = 0;
    for exercise in EXERCISES {
        let rel = Path::new("exercises").join(exercise.folder()).join("src");
        let from = submission.join(&rel);
        if !from.is_dir() {
            continue;
        }
        for file in walk(&from)? {
            let inner = file.strip_prefix(&from).expect("walked below it");
            let safe = inner
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
            let meta = std::fs::symlink_metadata(&file).map_err(|e| e.to_string())?;
            if !safe
                || !meta.file_type().is_file()
                || meta.len() > MAX_FILE
                || file.extension().is_none_or(|x| x != "rs")
            {
                continue;
            }
            taken += 1;
            if taken > MAX_FILES {
                return Err(format!(
                    "the submission has more than {MAX_FILES} source files"
                ));
            }
            let to = work.join(&rel).join(inner);
            if let Some(dir) = to.parent() {
                std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
            }
            std::fs::copy(&file, &to).map_err(|e| e.to_string())?;
        }
    }
    std::fs::create_dir_all(work.join("toolchain")).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(work.join("cargo-home")).map_err(|e| e.to_string())?;
    open_up(work)
}

/// Files below `dir` (symlinks are listed, not followed).
fn walk(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d)
            .map_err(|e| format!("{}: {e}", d.display()))?
            .flatten()
        {
            let kind = entry.file_type().map_err(|e| e.to_string())?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    Ok(files)
}

fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<(), String> {
    for file in walk(from)? {
        if !keep(&file) || std::fs::symlink_metadata(&file).is_ok_and(|m| !m.file_type().is_file())
        {
            continue;
        }
        let dest = to.join(file.strip_prefix(from).expect("walked below it"));
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::copy(&file, &dest).map_err(|e| format!("cannot copy {}: {e}", file.display()))?;
    }
    Ok(())
}

/// When the grader is root the submission runs as `nobody`: give the work
/// folder to it (and nothing else).
fn open_up(work: &Path) -> Result<(), String> {
    if !rustix::process::geteuid().is_root() {
        return Ok(());
    }
    let status = Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(work)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("chown failed".into());
    }
    // Its parents must be traversable for `nobody`.
    let mut dir = work.parent();
    while let Some(d) = dir {
        if d == workspace_root().parent().unwrap_or(Path::new("/")) {
            break;
        }
        if let Ok(meta) = std::fs::metadata(d) {
            let mode = meta.permissions().mode();
            if mode & 0o001 == 0 {
                let _ = std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode | 0o011));
            }
        }
        dir = d.parent();
    }
    Ok(())
}

/// Run with a wall-clock deadline; the sandbox's PID namespace makes the
/// kill take every process the submission started.
fn run_bounded(mut command: Command, deadline: Duration, log: &Path) -> Result<Vec<u8>, String> {
    let logfile = std::fs::File::create(log).map_err(|e| e.to_string())?;
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(logfile)
        .process_group(0);
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut bytes);
        bytes
    });
    let started = Instant::now();
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if started.elapsed() > deadline {
            if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
                let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
            }
            let _ = child.wait();
            return Err(format!(
                "the sandbox was stopped after {} s",
                deadline.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(reader.join().unwrap_or_default())
}

use std::os::unix::process::CommandExt;

/// How the submission is contained here.
struct Sandbox {
    namespaces: bool,
    root: bool,
    why_not: Option<String>,
}

impl Sandbox {
    fn probe() -> Sandbox {
        let root = rustix::process::geteuid().is_root();
        let mut probe = Command::new("unshare");
        if !root {
            probe.args(["--user", "--map-root-user"]);
        }
        let ok = probe
            .args([
                "--mount",
                "--net",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc",
                "--",
                "ip",
                "link",
                "set",
                "lo",
                "up",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output();
        let why_not = match ok {
            Ok(o) if o.status.success() => None,
            Ok(o) => Some(String::from_utf8_lossy(&o.stderr).trim().to_string()),
            Err(e) => Some(e.to_string()),
        };
        Sandbox {
            namespaces: why_not.is_none(),
            root,
            why_not,
        }
    }

    fn describe(&self) -> String {
        let user = if self.root {
            "runs as nobody (uid 65534)"
        } else {
            "runs as you (the grader is not root)"
        };
        let base = format!(
            "wall-clock deadlines, rlimits ({}), own process group, {user}",
            LIMITS.join(" ")
        );
        match &self.why_not {
            None => format!("{base}, new PID + mount + network namespaces (loopback only)"),
            Some(why) => format!(
                "{base}; NO namespaces ({why}): the submission shares this machine's network and process table"
            ),
        }
    }

    /// `argv` inside the sandbox, in `work`.
    /// Where the toolchain is seen from inside: the sysroot bind-mounted into
    /// the work folder (so `nobody` reaches it even when it lives under a
    /// private home), or the sysroot itself without a mount namespace.
    fn toolchain(&self, work: &Path) -> PathBuf {
        if self.namespaces {
            work.join("toolchain")
        } else {
            rustc_sysroot()
        }
    }

    fn command(&self, work: &Path, argv: &[&str]) -> Command {
        let sysroot = rustc_sysroot();
        let tc = self.toolchain(work);
        let mut inner: Vec<String> = Vec::new();
        if self.root {
            inner.extend(
                [
                    "setpriv",
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    "--",
                ]
                .map(String::from),
            );
        }
        inner.push("prlimit".into());
        inner.extend(LIMITS.iter().map(|s| s.to_string()));
        inner.push("--".into());
        inner.extend(argv.iter().map(|s| s.to_string()));
        let script = if self.namespaces {
            // Loopback up; the toolchain where `nobody` can reach it; a
            // private /tmp, so nothing written there outlives the sandbox
            // (the work folder, which may itself live under /tmp, is carried
            // over to the same path in the new /tmp).
            "set -e; ip link set lo up; mount --bind \"$NETLINGS_SYSROOT\" \"$NETLINGS_TC\"; \
             mount -t tmpfs tmpfs /run; keep=/run/netlings-sandbox; mkdir -p \"$keep\"; mount --rbind \"$NETLINGS_WORK\" \"$keep\"; \
             mount -t tmpfs -o mode=1777,size=2g tmpfs /tmp; \
             mkdir -p \"$NETLINGS_WORK\"; mount --rbind \"$keep\" \"$NETLINGS_WORK\"; exec \"$@\""
        } else {
            "exec \"$@\""
        };
        let mut command = if self.namespaces {
            let mut c = Command::new("unshare");
            if !self.root {
                c.args(["--user", "--map-root-user"]);
            }
            c.args([
                "--mount",
                "--net",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc",
                "--",
                "sh",
                "-c",
                script,
                "sandbox",
            ]);
            c
        } else {
            let mut c = Command::new("sh");
            c.args(["-c", script, "sandbox"]);
            c
        };
        command
            .args(&inner)
            .current_dir(work)
            .env_clear()
            .env(
                "PATH",
                format!(
                    "{}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
                    tc.join("bin").display()
                ),
            )
            .env("HOME", work)
            .env("CARGO_HOME", work.join("cargo-home"))
            .env("CARGO_TARGET_DIR", work.join("target"))
            .env("RUSTC", tc.join("bin/rustc"))
            .env("NETLINGS_SYSROOT", &sysroot)
            .env("NETLINGS_TC", &tc)
            .env("NETLINGS_WORK", work)
            .env(
                "LANG",
                std::env::var("LANG").unwrap_or_else(|_| "C.UTF-8".into()),
            )
            .env("NO_COLOR", "1");
        command
    }
}

fn rustc_sysroot() -> PathBuf {
    Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .ok()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .unwrap_or_else(|| PathBuf::from("/usr"))
}
