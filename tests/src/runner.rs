//! Running one check: its needs, its deadline, its verdict.
//!
//! The same function serves `cargo nextest run` (one check per process) and
//! `cargo xtask check` (many checks, in threads): the check body runs in a
//! thread of its own, and if it overruns its deadline every process group it
//! started is killed and the verdict says so.

use crate::check::{Check, Exercise, Need, Shown, Stop};
use crate::diagnosis::{Found, Language};
use crate::harness::{Ending, Reaper, Test, TraceLog};
use crate::msg;
use crate::targets::Targets;
use crate::text::Msg;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::Command;
use std::sync::{Arc, OnceLock, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// The longest any check may run; every wait inside has its own shorter
/// deadline, so only a harness bug or a very loaded machine reaches this.
pub const CHECK_LIMIT: Duration = Duration::from_secs(60);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    Skip,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Skip => "skip",
        }
    }
}

/// What a check found.
#[derive(Debug)]
pub struct Verdict {
    pub status: Status,
    /// For a failure: what went wrong; for a skip: why it could not run.
    pub what: Option<Msg>,
    pub expected: Option<Shown>,
    pub seen: Option<Shown>,
    /// The steps done, the last one being where it stopped (on failure).
    pub steps: Vec<Msg>,
    /// How each program ended.
    pub endings: Vec<Ending>,
    pub duration: Duration,
    /// For a failure: the cause the harness observed, if one fits.
    pub diagnosis: Option<Found>,
    /// What the graded program is written in (which hints to show).
    pub language: Language,
    /// The packets the check caused, with `--wire` (see `crate::wire`).
    pub wire: Option<crate::wire::Wire>,
}

impl Verdict {
    pub fn skipped(why: Msg) -> Verdict {
        Verdict {
            status: Status::Skip,
            what: Some(why),
            expected: None,
            seen: None,
            steps: Vec::new(),
            endings: Vec::new(),
            duration: Duration::ZERO,
            diagnosis: None,
            language: Language::Rust,
            wire: None,
        }
    }

    /// The stub's `todo!("step …")` that stopped a program, if any: the
    /// headline of a report on an unfinished exercise.
    pub fn todo(&self) -> Option<Msg> {
        self.endings
            .iter()
            .find(|e| e.is_todo())
            .and_then(Ending::described)
    }

    /// The diagnosis id a report gives: a cause the harness observed, or
    /// `check` when none fits and the check's own hint stands.
    pub fn diagnosis_id(&self) -> &'static str {
        self.diagnosis
            .as_ref()
            .map_or(crate::diagnosis::CHECK, |d| d.id)
    }
}

/// The cause of a failure, from what the harness observed: a program's
/// `todo!` or crash first (nothing else it did matters then), then what
/// was seen while waiting (a silent but listening program, a reply from
/// another port …), then an error the program reported, then an end the
/// check did not expect and ran into (`waited_on_gone`).
pub fn diagnose(endings: &[Ending], evidence: &[Found], waited_on_gone: bool) -> Option<Found> {
    let mut causes: Vec<(u8, Found)> = endings
        .iter()
        .filter_map(Ending::cause)
        // An end is the cause only if the check ran into it: a program
        // that failed cleanly (exit 1, one sentence) while the check was
        // looking at something else is not diagnosed by its end.
        .filter(|(_, found)| found.id != "exited" || waited_on_gone)
        .collect();
    // A refused connection to a program that has ended says less than the
    // end itself (its exit code, its last words) when that end was not clean.
    let ended_badly = causes.iter().any(|(_, found)| found.id == "exited");
    // A reset from a program that had taken the connection (it printed the
    // suite's port: "client 127.0.0.1:PORT …") is no refusal: it served
    // that client, then ended its own way.
    let spoke_of = |port: u16| {
        let port = format!(":{port}");
        endings
            .iter()
            .any(|e| e.last_line.as_deref().is_some_and(|l| l.contains(&port)))
    };
    if let Some(seen) = evidence.iter().find(|seen| {
        !(seen.id == "refused-gone" && (ended_badly || seen.port.is_some_and(spoke_of)))
    }) {
        causes.push((2, seen.clone()));
    }
    causes.sort_by_key(|(rank, _)| *rank);
    causes.into_iter().next().map(|(_, found)| found)
}

/// Why `need` cannot be met here, or `None` when it can (probed once).
pub fn unmet(need: Need) -> Option<Msg> {
    static NAMESPACE: OnceLock<Option<Msg>> = OnceLock::new();
    static UNPRIVILEGED: OnceLock<Option<Msg>> = OnceLock::new();
    static PRIVATE: OnceLock<Option<Msg>> = OnceLock::new();
    match need {
        Need::PrivateNamespace => PRIVATE
            .get_or_init(crate::harness::probe_private_namespace)
            .clone(),
        Need::LossyNamespace => NAMESPACE.get_or_init(probe_lossy_namespace).clone(),
        Need::Unprivileged => UNPRIVILEGED.get_or_init(probe_unprivileged).clone(),
    }
}

/// The same mechanism the checks use (`Test::enter_lossy_namespace`): a
/// per-thread `unshare(CLONE_NEWNET)`, `ip` and `nft`, tried on a thread of
/// its own.
fn probe_lossy_namespace() -> Option<Msg> {
    crate::harness::probe_lossy_namespace()
}

fn probe_unprivileged() -> Option<Msg> {
    let start = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        .unwrap_or(1024);
    if start < 1024 {
        return Some(
            msg!("skipped: this machine lets anyone bind ports from {} up (net.ipv4.ip_unprivileged_port_start)", start;
                         "已跳过：本机允许任何用户绑定 {} 以上的端口（net.ipv4.ip_unprivileged_port_start）", start),
        );
    }
    if rustix::process::geteuid().is_root()
        && Command::new("setpriv").arg("--version").output().is_err()
    {
        return Some(
            msg!("skipped: the grader runs as root and has no `setpriv` to drop privileges";
                         "已跳过：评测程序以 root 运行，且没有 `setpriv` 可用来降低权限"),
        );
    }
    None
}

/// Run `check` of `exercise` against `targets`, within `limit`.
pub fn run_check(
    exercise: &'static Exercise,
    check: &'static Check,
    targets: Arc<Targets>,
    limit: Duration,
) -> Verdict {
    if let Some(why) = check.needs.iter().find_map(|n| unmet(*n)) {
        return Verdict::skipped(why);
    }
    let started = Instant::now();
    let language = exercise
        .programs
        .first()
        .map_or(Language::Rust, |p| targets.language(p.key));
    let reaper = Reaper::new();
    let (tx, rx) = mpsc::channel();
    let check_reaper = reaper.clone();
    let spawned = thread::Builder::new()
        .name(exercise.check_id(check))
        .spawn(move || {
            // --wire: this thread (and all it starts) in a captured namespace.
            let wire = crate::wire::Session::begin();
            let (outcome, log) = match Test::new(exercise, targets, check_reaper) {
                Ok(mut test) => {
                    let outcome = catch_unwind(AssertUnwindSafe(|| (check.run)(&mut test)));
                    let trace = test.trace().clone();
                    wire.as_ref().map(crate::wire::Session::body_ended);
                    drop(test); // kills what is left, records how it ended
                    (outcome, trace.take())
                }
                Err(e) => (Ok(Err(Stop::fail(msg!("could not make a temporary directory: {}", e; "无法创建临时目录：{}", e)))), TraceLog::default()),
            };
            let _ = tx.send((outcome, log, wire.map(crate::wire::Session::end)));
        });
    if let Err(e) = spawned {
        return Verdict {
            status: Status::Fail,
            what: Some(msg!("could not start the check: {}", e; "无法启动检查：{}", e)),
            ..Verdict::skipped(Msg::default())
        };
    }
    let (outcome, log, wire) = match rx.recv_timeout(limit) {
        Ok(done) => done,
        Err(_) => {
            reaper.kill_all();
            return Verdict {
                status: Status::Fail,
                what: Some(
                    msg!("the check did not finish within {} s; everything it started was killed", limit.as_secs();
                                "检查没有在 {} 秒内完成；它启动的所有进程都已被终止", limit.as_secs()),
                ),
                duration: started.elapsed(),
                ..Verdict::skipped(Msg::default())
            };
        }
    };
    let mut verdict = Verdict {
        status: Status::Pass,
        what: None,
        expected: None,
        seen: None,
        steps: log.steps,
        endings: log.endings,
        duration: started.elapsed(),
        diagnosis: None,
        language,
        wire,
    };
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(Stop::Skip(why))) => {
            verdict.status = Status::Skip;
            verdict.what = Some(why);
        }
        Ok(Err(Stop::Fail(failure))) => {
            verdict.status = Status::Fail;
            verdict.what = Some(failure.what);
            verdict.expected = failure.expected;
            verdict.seen = failure.seen;
            verdict.diagnosis = diagnose(&verdict.endings, &log.evidence, log.waited_on_gone)
                .or_else(|| verdict.wire.as_ref().and_then(wire_cause));
        }
        Err(panic) => {
            let text = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            verdict.status = Status::Fail;
            verdict.what = Some(
                msg!("internal error in the check (please report it): {}", text; "检查本身出错（请报告）：{}", text),
            );
        }
    }
    verdict
}

/// A cause only the packets show (with `--wire`): a reset where a close
/// belonged, a datagram cut short, data from another port. Findings that
/// describe the network rather than the program (retransmissions, a zero
/// window) are shown beside the diagram but are no diagnosis.
fn wire_cause(wire: &crate::wire::Wire) -> Option<Found> {
    wire.findings
        .iter()
        .find(|f| {
            matches!(
                f.id,
                "reset-not-closed" | "no-close" | "second-socket" | "datagram-cut"
            )
        })
        .map(|f| Found::new(f.id, f.text.clone()))
}
