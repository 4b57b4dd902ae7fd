//! `xtask grade-inside`: the trusted runner, inside the sandbox
//! (`sandbox.rs`). It builds the laid-out sources at `/src` into `/work`
//! and runs every check, starting the build and the submission's programs
//! as another user (`NETLINGS_PROGRAM_UID`) with rlimits, and prints one
//! JSON document on its stdout — the pipe only the grader holds: the report,
//! its Markdown, and notes on limits reached. It makes itself non-dumpable
//! first, so no program can read or write its memory.

use crate::check::run_pooled;
use crate::formats;
use crate::model::{Grading, Outcome, Report};
use crate::sandbox::{SOURCES, TOOLCHAIN, WORK, bounded};
use netlings_suite::catalogue::{self, EXERCISES};
use netlings_suite::check::Exercise;
use netlings_suite::targets::{Bins, Targets};
use netlings_suite::text::Lang;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const BUILD_DEADLINE: Duration = Duration::from_secs(300);
/// Processes (and threads) of the submission's user at once.
const PROGRAM_PROCESSES: usize = 256;

pub fn run(
    only: Option<&str>,
    grading: Option<&str>,
    jobs: usize,
    wire: bool,
    lang: Lang,
) -> ExitCode {
    // The course's points, handed over by the grader (trusted).
    let grading = match grading
        .map(Grading::parse)
        .unwrap_or_else(|| Ok(Grading::default()))
    {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: grading.toml: {e}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::SystemTime::now();
    // First, while the runner has one thread (and before it makes itself
    // non-dumpable, which changing uid would undo): a user namespace of its
    // own, so checks can make network namespaces (userns.rs).
    let in_namespace = own_user_namespace();
    if let Err(e) =
        rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)
    {
        eprintln!("error: cannot make the runner non-dumpable: {e}");
        return ExitCode::FAILURE;
    }
    // The grader holds our stdin open and never writes to it: its end means
    // the grader is gone, and then so is this sandbox (when the runner
    // ends, bubblewrap's init ends and the PID namespace with it).
    std::thread::spawn(|| {
        let mut sink = [0u8; 64];
        while let Ok(n) = std::io::Read::read(&mut std::io::stdin(), &mut sink) {
            if n == 0 {
                break;
            }
        }
        eprintln!("error: the grader is gone");
        std::process::exit(3);
    });
    // Folders and files the checks make are the programs' to write in too
    // (they run as another user); the sandbox holds nothing else.
    rustix::process::umask(rustix::fs::Mode::empty());
    let exercises: Vec<&'static Exercise> = match only {
        None => EXERCISES.to_vec(),
        Some(handle) => match catalogue::exercise(handle) {
            Some(e) => vec![e],
            None => {
                eprintln!("error: no exercise {handle:?}");
                return ExitCode::from(2);
            }
        },
    };
    let disks = watch_disks();
    let user = std::env::var("NETLINGS_PROGRAM_UID")
        .ok()
        .and_then(|u| u.parse::<u32>().ok());
    let address_space = std::env::var("NETLINGS_PROGRAM_AS").ok();

    // The build: the submission's code runs here first (macros, const
    // evaluation), so it is contained like a run.
    let mut argv = wrapper(user, &build_limits(address_space.as_deref()));
    argv.extend(
        [
            &format!("{TOOLCHAIN}/bin/cargo"),
            "build",
            "--offline",
            "--locked",
            "--keep-going",
            "--message-format=json-diagnostic-rendered-ansi",
            "--manifest-path",
            &format!("{SOURCES}/Cargo.toml"),
        ]
        .map(String::from),
    );
    if only.is_some() {
        for e in &exercises {
            argv.extend(["--package".to_string(), e.exercise_package.to_string()]);
        }
    } else {
        argv.push("--workspace".into());
    }
    let mut build = Command::new(&argv[0]);
    build
        .args(&argv[1..])
        .current_dir(WORK)
        .env("CARGO_HOME", format!("{WORK}/cargo-home"))
        .env("CARGO_TARGET_DIR", format!("{WORK}/target"))
        .env("RUSTC", format!("{TOOLCHAIN}/bin/rustc"))
        .env("CARGO_TERM_COLOR", "never")
        .stdin(std::process::Stdio::null())
        .process_group(0);
    use std::os::unix::process::CommandExt as _;
    let built = bounded(build, BUILD_DEADLINE, 64 << 20);
    let (bins, _) = Bins::from_cargo_messages(&built.stdout);

    let program_limits = program_limits(address_space.as_deref());
    // Built exercises get their targets; all their checks then run in one
    // pool, so a submission whose programs all hang costs about the
    // longest deadline times the checks over `jobs`, not that summed per
    // exercise.
    let mut prepared: Vec<Option<(&'static Exercise, Arc<Targets>)>> = Vec::new();
    let mut outcomes = Vec::new();
    for exercise in exercises.iter().copied() {
        let complete = exercise
            .programs
            .iter()
            .all(|p| bins.path(p.exercise_bin).is_some());
        if !complete {
            let rendered = match bins.errors.get(exercise.exercise_package) {
                Some(error) => error.clone(),
                None if built.status.is_none() => format!(
                    "the build was stopped at its time limit ({} s)",
                    BUILD_DEADLINE.as_secs()
                ),
                None => format!("the exercise was not built:\n{}", built.stderr_tail),
            };
            outcomes.push(Some(Outcome::CompileError { exercise, rendered }));
            prepared.push(None);
            continue;
        }
        let mut targets = match Targets::exercises(&bins) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        targets.label = format!("exercises/{}", exercise.folder());
        for program in targets.programs.values_mut() {
            let mut wrapped = wrapper(user, &program_limits);
            wrapped.append(program);
            *program = wrapped;
        }
        outcomes.push(None);
        prepared.push(Some((exercise, Arc::new(targets))));
    }
    let no_wire = wire
        .then(|| capture(lang))
        .flatten()
        .map(|why| match &in_namespace {
            Ok(()) => why,
            Err(no_userns) => format!("{why} (no user namespace for the runner: {no_userns})"),
        });
    let results = run_pooled(&prepared, jobs, None);
    let outcomes: Vec<Outcome> = outcomes
        .into_iter()
        .zip(exercises.iter().zip(results))
        .map(|(outcome, (exercise, results))| {
            outcome.unwrap_or_else(|| {
                Outcome::Graded(crate::check::Graded {
                    exercise,
                    label: format!("exercises/{}", exercise.folder()),
                    results,
                })
            })
        })
        .collect();
    let report = Report::new("submission", lang, &grading, started, &outcomes);
    let report_value: serde_json::Value =
        serde_json::from_str(&formats::json(&report)).expect("the report is JSON");
    let document = serde_json::json!({
        "report": report_value,
        "markdown": formats::markdown(&report),
        "junit": formats::junit(&report),
        "gradescope": formats::gradescope(&report),
        "notes": notes(&disks, user),
        "wire": no_wire,
    });
    println!("{document}");
    ExitCode::SUCCESS
}

/// With a user for the programs (a grader that is root): the runner's own
/// user namespace, or why the kernel refused it (added to `--wire`'s note;
/// checks that need a namespace are then skipped with their reason).
fn own_user_namespace() -> Result<(), String> {
    let Some(uid) = std::env::var("NETLINGS_PROGRAM_UID")
        .ok()
        .and_then(|u| u.parse::<u32>().ok())
    else {
        return Ok(());
    };
    crate::userns::enter(uid)
}

/// `--wire`: every check from now on runs in a network namespace of its
/// own whose loopback is captured (the same `unshare(CLONE_NEWNET)` of the
/// check's thread as outside the sandbox, and as the packet-loss checks
/// do here); the programs inherit it, still started as their own user.
/// Where no namespace can be made, why (said once in the report), and the
/// checks run uncaptured with the same verdicts.
fn capture(lang: Lang) -> Option<String> {
    netlings_suite::wire::enable().map(|why| why.get(lang).to_string())
}

/// The programs' user (when there is one, through [`as_user`]), then
/// `prlimit`.
fn wrapper(user: Option<u32>, limits: &[String]) -> Vec<String> {
    let mut argv = Vec::new();
    if let Some(uid) = user {
        argv.extend([
            crate::sandbox::RUNNER.to_string(),
            "as-user".to_string(),
            uid.to_string(),
            "--".to_string(),
        ]);
    }
    argv.push("prlimit".into());
    argv.extend(limits.iter().cloned());
    argv.push("--".into());
    argv
}

/// `xtask as-user UID -- PROGRAM ARGS…`: run PROGRAM as user and group UID,
/// no supplementary groups and (as a non-root user) no capabilities. A
/// process that is not root already runs unprivileged (a check that starts
/// the program as `nobody` on purpose) and is left as it is.
pub fn as_user(uid: u32, argv: &[std::ffi::OsString]) -> ExitCode {
    let Some((program, args)) = argv.split_first() else {
        eprintln!("error: as-user needs a program");
        return ExitCode::from(2);
    };
    if rustix::process::geteuid().is_root() {
        // Still one thread: the thread-level calls change the process.
        let gid = rustix::process::Gid::from_raw(uid);
        let user = rustix::process::Uid::from_raw(uid);
        let dropped = rustix::thread::set_thread_groups(&[])
            .and_then(|_| rustix::thread::set_thread_res_gid(gid, gid, gid))
            .and_then(|_| rustix::thread::set_thread_res_uid(user, user, user));
        if let Err(e) = dropped {
            eprintln!("error: cannot become user {uid}: {e}");
            return ExitCode::from(126);
        }
    }
    use std::os::unix::process::CommandExt as _;
    let e = Command::new(program).args(args).exec();
    eprintln!("error: cannot run {}: {e}", program.to_string_lossy());
    ExitCode::from(127)
}

fn program_limits(address_space: Option<&str>) -> Vec<String> {
    let nproc = format!("--nproc={PROGRAM_PROCESSES}");
    // CPU seconds (a check lasts a minute at most): SIGXCPU at the soft
    // limit, which the check reports; SIGKILL a second later.
    let seconds: u64 = std::env::var("NETLINGS_PROGRAM_CPU")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let cpu = format!("--cpu={seconds}:{}", seconds + 1);
    let mut limits: Vec<String> = [
        // processes of the user, fewer than the cgroup's for the whole
        // sandbox, so a fork bomb leaves the runner room to work
        nproc.as_str(),
        cpu.as_str(),
        "--fsize=268435456",
        "--nofile=1024",
        "--core=0",
    ]
    .map(String::from)
    .to_vec();
    if let Some(bytes) = address_space {
        limits.push(format!("--as={bytes}"));
    }
    limits
}

fn build_limits(address_space: Option<&str>) -> Vec<String> {
    let mut limits: Vec<String> = ["--cpu=600", "--fsize=1073741824", "--core=0"]
        .map(String::from)
        .to_vec();
    // RLIMIT_NPROC counts every process and thread of the user on the whole
    // machine, and rustc starts many threads: with a cgroup, its pids limit
    // bounds the build; without, a generous rlimit.
    if let Some(bytes) = address_space {
        limits.push("--nproc=4096".into());
        // rustc reserves far more address space than it uses.
        let bytes: u64 = bytes.parse().unwrap_or(2 << 30);
        limits.push(format!("--as={}", bytes.saturating_mul(4)));
    }
    limits
}

/// Limits reached: full disks, and the submission's processes that
/// outlived their checks (they left their process group; the sandbox's end
/// kills them).
fn notes(disks: &Mutex<Vec<String>>, user: Option<u32>) -> Vec<String> {
    let mut notes = disks.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let me = rustix::process::getuid().as_raw();
    let uid = user.unwrap_or(me);
    let mine = std::process::id().to_string();
    let mut left = 0;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        let owner = status.lines().find_map(|l| {
            l.strip_prefix("Uid:")?
                .split_whitespace()
                .next()?
                .parse::<u32>()
                .ok()
        });
        let ppid = status
            .lines()
            .find_map(|l| l.strip_prefix("PPid:").map(str::trim));
        // PID 1 is the sandbox's init; the runner and its children are not
        // left over when the programs share the runner's user.
        if pid != "1"
            && pid != mine
            && owner == Some(uid)
            && (user.is_some() || ppid != Some(mine.as_str()))
        {
            left += 1;
        }
    }
    if left > 0 {
        let limit = if left >= PROGRAM_PROCESSES / 2 {
            format!(
                "; process limit ({PROGRAM_PROCESSES} processes of the submission's user) reached"
            )
        } else {
            String::new()
        };
        notes.push(format!(
            "{left} process(es) of the submission outlived their checks (killed with the sandbox){limit}"
        ));
    }
    notes
}

/// Notes of the sandbox's disks found (nearly) full while it ran: the disk
/// limit was reached (a program then sees "no space left on device").
fn watch_disks() -> Arc<Mutex<Vec<String>>> {
    let notes = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&notes);
    std::thread::spawn(move || {
        loop {
            for dir in [WORK, "/tmp", "/dev/shm"] {
                let Ok(st) = rustix::fs::statvfs(Path::new(dir)) else {
                    continue;
                };
                let size = st.f_blocks.saturating_mul(st.f_frsize);
                let free = st.f_bavail.saturating_mul(st.f_frsize);
                if size > 0 && free < (1 << 20) {
                    let note = format!("disk limit reached: {dir} ({} MiB) was full", size >> 20);
                    let mut notes = sink.lock().unwrap_or_else(|e| e.into_inner());
                    if !notes.contains(&note) {
                        notes.push(note);
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    notes
}
