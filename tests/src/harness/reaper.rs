//! Nothing a check starts outlives it.
//!
//! Every program under test runs in its own process group. The group is
//! registered here while it lives, and killed as a whole (so its children
//! die too) when the check ends, when the check's deadline passes, or when
//! the grader itself is told to stop (SIGTERM, SIGINT, SIGHUP — nextest's
//! timeout sends SIGTERM first). If the grader is killed outright, the
//! programs get SIGKILL from the kernel (`PR_SET_PDEATHSIG`, set at spawn).

use rustix::process::{Pid, Signal, kill_process_group};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex, Once};

/// Process groups alive right now, in any check of this process. A fixed
/// array of atomics, because the signal handler may not take a lock.
static LIVE: [AtomicI32; 1024] = [const { AtomicI32::new(0) }; 1024];

/// Every group this process ever started, so a self-test can prove none
/// of them left a process behind.
static STARTED: Mutex<Vec<i32>> = Mutex::new(Vec::new());

/// Processes still alive in a group the grader ever started: `(pid, command)`.
/// Read from the kernel's process table (`/proc/<pid>/stat`, field 5 is the
/// process group), so nothing the programs did can hide from it.
pub fn survivors() -> Vec<(i32, String)> {
    let started = STARTED.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut alive = Vec::new();
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // The command name is in parentheses and may hold spaces: split after it.
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after.split_whitespace().collect();
        let (state, pgrp) = (
            fields.first().copied(),
            fields.get(2).and_then(|f| f.parse::<i32>().ok()),
        );
        if state != Some("Z") && pgrp.is_some_and(|g| started.contains(&g)) {
            let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let cmd = String::from_utf8_lossy(&cmd)
                .replace('\0', " ")
                .trim()
                .to_string();
            alive.push((pid, cmd));
        }
    }
    alive
}

/// The groups one check started; the runner keeps a clone so it can kill
/// them when the check overruns its deadline.
#[derive(Clone, Default)]
pub struct Reaper {
    groups: Arc<Mutex<Vec<i32>>>,
}

impl Reaper {
    pub fn new() -> Reaper {
        install_signal_handlers();
        Reaper::default()
    }

    pub(crate) fn adopt(&self, pgid: i32) {
        // Claim a free slot; with every slot taken the group is still killed
        // by the check's own reaper, only not by the signal handler.
        for slot in &LIVE {
            if slot
                .compare_exchange(0, pgid, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
            {
                break;
            }
        }
        self.groups
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(pgid);
    }

    /// Kill one group and forget it.
    pub(crate) fn kill(&self, pgid: i32) {
        kill_group(pgid);
        for slot in &LIVE {
            let _ = slot.compare_exchange(pgid, 0, Ordering::SeqCst, Ordering::SeqCst);
        }
        self.groups
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|g| *g != pgid);
    }

    /// Kill every group this check started.
    pub fn kill_all(&self) {
        let groups = std::mem::take(&mut *self.groups.lock().unwrap_or_else(|e| e.into_inner()));
        for pgid in groups {
            self.kill(pgid);
        }
    }

    /// How many groups of this check are still registered (for tests of the harness).
    pub fn live(&self) -> usize {
        self.groups.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

fn kill_group(pgid: i32) {
    if let Some(pid) = Pid::from_raw(pgid) {
        // ESRCH (the group is already gone) is the common, harmless case.
        let _ = kill_process_group(pid, Signal::KILL);
    }
}

/// Kill every registered group of this process (used by the signal handler,
/// so it only touches atomics and makes raw system calls).
fn kill_everything() {
    for slot in &LIVE {
        let pgid = slot.swap(0, Ordering::SeqCst);
        if pgid > 0 {
            kill_group(pgid);
        }
    }
}

fn install_signal_handlers() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGINT,
            signal_hook::consts::SIGHUP,
        ] {
            // SAFETY: the handler only swaps atomics, calls kill(2) and
            // _exit(2), all async-signal-safe.
            let _ = unsafe {
                signal_hook::low_level::register(signal, move || {
                    kill_everything();
                    signal_hook::low_level::exit(128 + signal);
                })
            };
        }
    });
}
