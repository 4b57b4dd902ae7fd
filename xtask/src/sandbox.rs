//! The sandbox a submission is built and graded in.
//!
//! bubblewrap (`bwrap`, the sandbox Flatpak is built on) makes new PID, IPC,
//! network (loopback only), UTS and mount namespaces: the submission sees
//! `/usr` and the Rust toolchain read-only, its own trusted copy of the
//! sources read-only at `/src`, the trusted runner at `/grader/xtask`, and
//! size-bounded tmpfs at `/work`, `/tmp` and `/dev/shm` (`/var/tmp` is
//! `/tmp`). Nothing else of the host: no `/root`, `/home`, `/work`, other
//! submissions, grades or `.git`. `--die-with-parent` and the PID namespace
//! end every process of it when the grader stops it.
//!
//! Limits bubblewrap does not give are added here: a cgroup (v2, or v1's
//! memory and pids controllers) bounds memory and processes of the whole
//! sandbox and says when it was hit; rlimits bound CPU time, file size and
//! processes of the submission's programs (set by the runner); a wall-clock
//! deadline bounds the whole.

use std::ffi::CString;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// The user (and group) the submission's programs and its build run as when
/// the grader is root: neither the runner's user (root inside the sandbox,
/// holding only [`RUNNER_CAPS`]) nor the grader's, and — unlike
/// `nobody` — no one else's on the machine, so its process limit
/// (RLIMIT_NPROC counts a user's processes machine-wide) is the
/// submission's alone.
pub const PROGRAM_UID: u32 = 1_900_000_000;

/// Where things are inside the sandbox.
pub const RUNNER: &str = "/grader/xtask";
pub const SOURCES: &str = "/src";
pub const WORK: &str = "/work";
pub const TOOLCHAIN: &str = "/toolchain";

#[derive(Clone, Debug)]
pub struct Limits {
    /// Wall-clock time for one submission, build and checks.
    pub wall: Duration,
    /// Memory of the whole sandbox (a cgroup), bytes.
    pub memory: u64,
    /// Processes and threads of the whole sandbox (a cgroup).
    pub pids: u64,
    /// CPU seconds of each of the submission's programs (RLIMIT_CPU).
    pub cpu: u64,
    /// Sizes of the tmpfs at /work, /tmp and /dev/shm (the disk it has).
    pub work_disk: u64,
    pub tmp_disk: u64,
    pub shm_disk: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            wall: Duration::from_secs(1200),
            // tmpfs pages count as the sandbox's memory: the disks' sizes
            // (2.06 GiB together) leave the processes 2 GiB of it. /tmp
            // holds the checks' folders (exercise 07 serves 200 MiB).
            memory: 4 << 30,
            pids: 1024,
            cpu: 60,
            work_disk: 1 << 30,
            tmp_disk: 1 << 30,
            shm_disk: 64 << 20,
        }
    }
}

/// How a submission is contained on this machine (probed once per class).
pub struct Sandbox {
    root: bool,
    sysroot: PathBuf,
    cgroup: Option<CgroupKind>,
    cgroup_why_not: String,
    pub limits: Limits,
}

impl Sandbox {
    /// Try the real configuration once; refuse (with what to do) where
    /// bubblewrap is missing or a namespace is refused.
    pub fn probe(limits: Limits) -> Result<Sandbox, String> {
        let root = rustix::process::geteuid().is_root();
        let sysroot = rustc_sysroot()?;
        let (cgroup, cgroup_why_not) = match CgroupKind::probe() {
            Ok(kind) => {
                kind.remove_stale();
                (Some(kind), String::new())
            }
            Err(why) => (None, why),
        };
        let sandbox = Sandbox {
            root,
            sysroot,
            cgroup,
            cgroup_why_not,
            limits,
        };
        let here = std::env::current_exe().map_err(|e| e.to_string())?;
        let dir = tempfile::Builder::new()
            .prefix("netlings-probe-")
            .tempdir()
            .map_err(|e| e.to_string())?;
        let mut probe = sandbox.command(dir.path(), &here, &["/usr/bin/true"]);
        probe.stdout(Stdio::null()).stderr(Stdio::piped());
        let output = probe.output().map_err(|e| {
            format!(
                "cannot start bubblewrap ({e}): install it (Debian/Ubuntu: apt-get install bubblewrap); \
                 a submission is never graded uncontained"
            )
        })?;
        if !output.status.success() {
            let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
            return Err(format!(
                "bubblewrap cannot make the sandbox here ({said}); the namespaces it needs \
                 (user unless root, mount, PID, IPC, network) were refused. Run the grader as root, \
                 or allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, \
                 or on Ubuntu 24.04 kernel.apparmor_restrict_unprivileged_userns=0); a submission is never graded uncontained"
            ));
        }
        Ok(sandbox)
    }

    pub fn describe(&self) -> String {
        let l = &self.limits;
        let user = if self.root {
            format!(
                "programs and build run as uid {PROGRAM_UID} (a user of their own); the runner as root of the sandbox with only the capabilities it needs for them (setuid, setgid, kill, ptrace-read, file access, resource limits, a network namespace per check), then root of a user namespace of its own (uid {} outside: no capability over the host) where the kernel allows, non-dumpable",
                crate::userns::RUNNER_UID
            )
        } else {
            "the grader is not root: runner and programs share your user inside a user namespace (the runner is non-dumpable, but a program can signal it: that submission is then not graded)".to_string()
        };
        let memory = match &self.cgroup {
            Some(kind) => format!(
                "cgroup {}: memory {} MiB, {} processes",
                kind.name(),
                l.memory >> 20,
                l.pids
            ),
            None => format!(
                "NO cgroup ({}): memory bounded per program only (rlimit on address space)",
                self.cgroup_why_not
            ),
        };
        format!(
            "bubblewrap: new PID, IPC, network (loopback only), UTS and mount namespaces; {user}; {memory}; \
             disk: tmpfs /work {} MiB, /tmp {} MiB, /dev/shm {} MiB; CPU {} s a program; wall clock {} s",
            l.work_disk >> 20,
            l.tmp_disk >> 20,
            l.shm_disk >> 20,
            l.cpu,
            l.wall.as_secs()
        )
    }

    /// `argv` (a path inside) in a fresh sandbox over the laid-out sources
    /// `src`, with `runner` at [`RUNNER`].
    fn command(&self, src: &Path, runner: &Path, argv: &[&str]) -> Command {
        let l = &self.limits;
        let mut c = Command::new("bwrap");
        c.args([
            "--die-with-parent",
            "--new-session",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-net",
            "--unshare-uts",
            "--unshare-cgroup-try",
        ]);
        if !self.root {
            c.arg("--unshare-user");
        } else {
            // Root of the sandbox keeps only what the runner needs to work
            // with programs of another user (bubblewrap run by root keeps
            // every capability unless told to drop them). Becoming that user
            // drops them all.
            c.args(["--cap-drop", "ALL"]);
            for (cap, _) in RUNNER_CAPS.iter().filter(|(cap, _)| in_bounding_set(cap)) {
                c.args(["--cap-add", cap]);
            }
        }
        c.args(["--ro-bind", "/usr", "/usr"]);
        // /bin, /lib… as the host has them (links into /usr, or folders).
        for top in ["bin", "sbin", "lib", "lib32", "lib64", "libx32"] {
            let host = Path::new("/").join(top);
            match std::fs::read_link(&host) {
                Ok(target) => {
                    c.arg("--symlink").arg(target).arg(&host);
                }
                Err(_) if host.is_dir() => {
                    c.arg("--ro-bind").arg(&host).arg(&host);
                }
                Err(_) => {}
            }
        }
        // What the linker (`cc` is an alternative on Debian) and the dynamic
        // loader need of /etc; nothing else of it.
        // Folders bubblewrap makes on the way are root's, 0700 otherwise.
        for dir in ["/etc", "/grader", "/var"] {
            c.args(["--perms", "0755", "--dir", dir]);
        }
        for etc in [
            "/etc/alternatives",
            "/etc/ld.so.cache",
            "/etc/ld.so.conf",
            "/etc/ld.so.conf.d",
        ] {
            c.args(["--ro-bind-try", etc, etc]);
        }
        c.arg("--ro-bind").arg(&self.sysroot).arg(TOOLCHAIN);
        c.arg("--ro-bind").arg(runner).arg(RUNNER);
        c.arg("--ro-bind").arg(src).arg(SOURCES);
        c.args(["--proc", "/proc", "--dev", "/dev"]);
        for (size, path) in [
            (l.work_disk, WORK),
            (l.tmp_disk, "/tmp"),
            (l.shm_disk, "/dev/shm"),
        ] {
            c.args([
                "--size",
                &size.to_string(),
                "--perms",
                "1777",
                "--tmpfs",
                path,
            ]);
        }
        c.args(["--symlink", "../tmp", "/var/tmp"]);
        c.args(["--chdir", WORK, "--clearenv"]);
        let path = format!("{TOOLCHAIN}/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        let lang = std::env::var("LANG").unwrap_or_else(|_| "C.UTF-8".into());
        for (key, value) in [
            ("PATH", path.as_str()),
            ("HOME", WORK),
            ("TMPDIR", "/tmp"),
            ("LANG", lang.as_str()),
            ("NO_COLOR", "1"),
            // The check folders must be open to the programs' user.
            ("NETLINGS_OPEN_CHECK_DIRS", "1"),
        ] {
            c.args(["--setenv", key, value]);
        }
        if self.root {
            c.args(["--setenv", "NETLINGS_PROGRAM_UID", &PROGRAM_UID.to_string()]);
        }
        if self.cgroup.is_none() {
            c.args(["--setenv", "NETLINGS_PROGRAM_AS", &l.memory.to_string()]);
        }
        c.args(["--setenv", "NETLINGS_PROGRAM_CPU", &l.cpu.to_string()]);
        c.arg("--").args(argv);
        // The runner's stdin is a pipe the grader holds and never writes:
        // its end (EOF) tells the runner the grader is gone, whatever
        // happened to bubblewrap's own death signals.
        c.stdin(Stdio::piped()).process_group(0);
        let root = self.root;
        let grader = rustix::process::getpid();
        // SAFETY: between fork and exec only prctl(2), getppid(2) and
        // setgroups(2) run. bubblewrap dies with the grader (its own
        // --die-with-parent is for the sandbox's first process), also when
        // the grader died before the death signal was set; the grader's
        // supplementary groups (root's) must not reach the sandbox.
        unsafe {
            c.pre_exec(move || {
                rustix::process::set_parent_process_death_signal(Some(
                    rustix::process::Signal::KILL,
                ))?;
                if rustix::process::getppid() != Some(grader) {
                    return Err(std::io::Error::other("the grader is gone"));
                }
                if root {
                    rustix::thread::set_thread_groups(&[])?;
                }
                Ok(())
            });
        }
        c
    }

    /// Run `argv` (the runner at [`RUNNER`] and its arguments) in a fresh sandbox over `src`,
    /// bounded by the limits; what the runner printed on stdout (at most
    /// `cap` bytes) and how it ended.
    pub fn run(&self, name: &str, src: &Path, runner: &Path, argv: &[&str], cap: usize) -> Ran {
        let cgroup = self.cgroup.as_ref().and_then(|kind| {
            Cgroup::create(kind, name, &self.limits)
                .map_err(|e| eprintln!("warning: no cgroup for {name}: {e}"))
                .ok()
        });
        let mut command = self.command(src, runner, argv);
        if let Some(cgroup) = &cgroup {
            let procs = cgroup.procs_files();
            // SAFETY: between fork and exec only open(2)/write(2)/close(2)
            // on paths made before the fork.
            unsafe {
                command.pre_exec(move || {
                    for file in &procs {
                        let fd = rustix::fs::open(
                            file.as_c_str(),
                            rustix::fs::OFlags::WRONLY | rustix::fs::OFlags::CLOEXEC,
                            rustix::fs::Mode::empty(),
                        )?;
                        rustix::io::write(&fd, b"0")?;
                    }
                    Ok(())
                });
            }
        }
        let mut ran = bounded(command, self.limits.wall, cap);
        if let Some(cgroup) = cgroup {
            ran.limits_hit.extend(cgroup.finish(&self.limits));
        }
        ran
    }
}

/// The capabilities the runner keeps as root of the sandbox, and why: the
/// programs are another user's processes. Nothing here makes a network
/// namespace (CAP_SYS_ADMIN over the host): the runner's own user
/// namespace (`userns.rs`) gives it that power over its own namespaces only.
pub const RUNNER_CAPS: &[(&str, &str)] = &[
    (
        "CAP_SETUID",
        "start the build and the programs as their user",
    ),
    (
        "CAP_SETGID",
        "start the build and the programs as their group",
    ),
    ("CAP_KILL", "stop, resume and kill the programs"),
    (
        "CAP_SYS_PTRACE",
        "read a program's /proc/PID/fd: which sockets it holds (the not-flushed and wrong-port diagnoses)",
    ),
    (
        "CAP_DAC_OVERRIDE",
        "read and remove what programs leave in their check folders",
    ),
    ("CAP_FOWNER", "remove folders the programs made"),
    (
        "CAP_SYS_RESOURCE",
        "cap a running program's address space (prlimit), where the host grants it",
    ),
];

/// Whether this process may hand `cap` on: bubblewrap cannot add a
/// capability that is not in the bounding set (a container may lack some).
fn in_bounding_set(cap: &str) -> bool {
    let number = match cap {
        "CAP_DAC_OVERRIDE" => 1,
        "CAP_FOWNER" => 3,
        "CAP_KILL" => 5,
        "CAP_SETGID" => 6,
        "CAP_SETUID" => 7,
        "CAP_SYS_PTRACE" => 19,
        "CAP_SYS_RESOURCE" => 24,
        _ => return false,
    };
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let hex = status.lines().find_map(|l| l.strip_prefix("CapBnd:"))?;
            u64::from_str_radix(hex.trim(), 16).ok()
        })
        .is_some_and(|set| set & (1 << number) != 0)
}

/// How a bounded run ended.
pub struct Ran {
    pub stdout: Vec<u8>,
    /// True when stdout was longer than the cap (the rest was thrown away).
    pub overflowed: bool,
    /// The last bytes of stderr.
    pub stderr_tail: String,
    /// None when it did not end by itself before the deadline.
    pub status: Option<ExitStatus>,
    pub elapsed: Duration,
    /// Limits the kernel says were reached (memory, processes).
    pub limits_hit: Vec<String>,
}

const STDERR_KEEP: usize = 16 << 10;

/// Run `command` (its own process group) with a wall-clock deadline: kill
/// the group at the deadline; read stdout up to `cap` bytes and the tail of
/// stderr, never waiting on a pipe past the deadline.
pub fn bounded(mut command: Command, deadline: Duration, cap: usize) -> Ran {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            return Ran {
                stdout: Vec::new(),
                overflowed: false,
                stderr_tail: format!("cannot start {:?}: {e}", command.get_program()),
                status: None,
                elapsed: started.elapsed(),
                limits_hit: Vec::new(),
            };
        }
    };
    // A piped stdin stays open (never written) until the run is over.
    let _held = child.stdin.take();
    let out = drain(child.stdout.take().expect("piped"), cap, false);
    let err = drain(child.stderr.take().expect("piped"), STDERR_KEEP, true);
    let status = wait_until(&mut child, started + deadline);
    if status.is_none() {
        kill_group(&child);
        let _ = child.wait();
    }
    // The pipes close when the last process holding them is gone; a process
    // that escaped the group (impossible in the PID namespace) cannot hold
    // the grader: the reads get two more seconds.
    let grace = Instant::now() + Duration::from_secs(2);
    let take = |rx: Receiver<(Vec<u8>, bool)>| {
        rx.recv_timeout(grace.saturating_duration_since(Instant::now()))
            .unwrap_or_default()
    };
    let (stdout, overflowed) = take(out);
    let (stderr, _) = take(err);
    Ran {
        stdout,
        overflowed,
        stderr_tail: String::from_utf8_lossy(&stderr).into_owned(),
        status,
        elapsed: started.elapsed(),
        limits_hit: Vec::new(),
    }
}

fn wait_until(child: &mut Child, end: Instant) -> Option<ExitStatus> {
    let mut pause = Duration::from_millis(5);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if Instant::now() >= end {
            return None;
        }
        std::thread::sleep(pause.min(end.saturating_duration_since(Instant::now())));
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

pub fn kill_group(child: &Child) {
    if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

/// Read a pipe to its end on a thread, keeping at most `cap` bytes (the
/// first ones, or with `tail` the last ones), so a flood cannot fill memory.
fn drain(
    mut pipe: impl Read + Send + 'static,
    cap: usize,
    tail: bool,
) -> Receiver<(Vec<u8>, bool)> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut over = false;
        let mut buf = [0u8; 16 << 10];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            kept.extend_from_slice(&buf[..n]);
            if kept.len() > cap {
                over = true;
                if tail {
                    let cut = kept.len() - cap;
                    kept.drain(..cut);
                } else {
                    kept.truncate(cap);
                }
            }
        }
        let _ = tx.send((kept, over));
    });
    rx
}

fn rustc_sysroot() -> Result<PathBuf, String> {
    let output = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("cannot run rustc to find the toolchain: {e}"))?;
    let path = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    if !output.status.success() || !path.join("bin/cargo").is_file() {
        return Err(format!(
            "no toolchain with cargo at {} (rustc --print sysroot)",
            path.display()
        ));
    }
    Ok(path)
}

/// Which cgroup hierarchy this machine offers the grader.
enum CgroupKind {
    /// cgroup v2: a child of the root cgroup with memory and pids enabled.
    V2(PathBuf),
    /// cgroup v1: children of our own memory and pids cgroups.
    V1 { memory: PathBuf, pids: PathBuf },
}

impl CgroupKind {
    fn name(&self) -> &'static str {
        match self {
            CgroupKind::V2(_) => "v2",
            CgroupKind::V1 { .. } => "v1",
        }
    }

    fn parents(&self) -> Vec<&Path> {
        match self {
            CgroupKind::V2(root) => vec![root.as_path()],
            CgroupKind::V1 { memory, pids } => vec![memory.as_path(), pids.as_path()],
        }
    }

    /// Cgroups of graders that were killed (their pid is gone): emptied
    /// (killing what is left) and removed.
    fn remove_stale(&self) {
        for parent in self.parents() {
            for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let Some(pid) = name
                    .strip_prefix("netlings-")
                    .and_then(|rest| rest.split('-').next())
                    .and_then(|pid| pid.parse::<u32>().ok())
                else {
                    continue;
                };
                if !Path::new("/proc").join(pid.to_string()).exists() {
                    empty_and_remove(&entry.path(), matches!(self, CgroupKind::V2(_)));
                }
            }
        }
    }

    fn probe() -> Result<CgroupKind, String> {
        if !rustix::process::geteuid().is_root() {
            return Err("the grader is not root".into());
        }
        let unified = Path::new("/sys/fs/cgroup");
        let enabled = std::fs::read_to_string(unified.join("cgroup.subtree_control"));
        if let Ok(enabled) = enabled {
            let on: Vec<&str> = enabled.split_whitespace().collect();
            if on.contains(&"memory") && on.contains(&"pids") {
                return Ok(CgroupKind::V2(unified.to_path_buf()));
            }
            let offered =
                std::fs::read_to_string(unified.join("cgroup.controllers")).unwrap_or_default();
            if offered.contains("memory") && offered.contains("pids") {
                let enable =
                    std::fs::write(unified.join("cgroup.subtree_control"), "+memory +pids");
                return match enable {
                    Ok(()) => Ok(CgroupKind::V2(unified.to_path_buf())),
                    Err(e) => Err(format!("cannot enable memory and pids in cgroup v2: {e}")),
                };
            }
        }
        // cgroup v1: our own place in the memory and pids hierarchies.
        let own = std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
        let place = |controller: &str| {
            own.lines().find_map(|line| {
                let mut parts = line.splitn(3, ':');
                let (_, names, path) = (parts.next()?, parts.next()?, parts.next()?);
                names
                    .split(',')
                    .any(|n| n == controller)
                    .then(|| unified.join(controller).join(path.trim_start_matches('/')))
            })
        };
        match (place("memory"), place("pids")) {
            (Some(memory), Some(pids))
                if memory.join("memory.limit_in_bytes").exists()
                    && pids.join("cgroup.procs").exists() =>
            {
                Ok(CgroupKind::V1 { memory, pids })
            }
            _ => {
                Err("no cgroup v2 with memory and pids, nor v1 memory and pids hierarchies".into())
            }
        }
    }
}

/// A cgroup of one submission's sandbox: made before, emptied and removed after.
struct Cgroup {
    dirs: Vec<PathBuf>,
    v2: bool,
}

impl Cgroup {
    fn create(kind: &CgroupKind, name: &str, limits: &Limits) -> Result<Cgroup, String> {
        let leaf = format!(
            "netlings-{}-{}",
            std::process::id(),
            name.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .take(40)
                .collect::<String>()
        );
        let write = |dir: &Path, file: &str, value: &str| {
            std::fs::write(dir.join(file), value)
                .map_err(|e| format!("cannot write {}: {e}", dir.join(file).display()))
        };
        let make = |dir: &Path| {
            // An empty one left by a grader that was killed is reused.
            let _ = std::fs::remove_dir(dir);
            std::fs::create_dir(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))
        };
        match kind {
            CgroupKind::V2(root) => {
                let dir = root.join(&leaf);
                make(&dir)?;
                let cgroup = Cgroup {
                    dirs: vec![dir.clone()],
                    v2: true,
                };
                write(&dir, "memory.max", &limits.memory.to_string())?;
                let _ = write(&dir, "memory.swap.max", "0");
                write(&dir, "pids.max", &limits.pids.to_string())?;
                Ok(cgroup)
            }
            CgroupKind::V1 { memory, pids } => {
                let (m, p) = (memory.join(&leaf), pids.join(&leaf));
                make(&m)?;
                let mut cgroup = Cgroup {
                    dirs: vec![m.clone()],
                    v2: false,
                };
                make(&p)?;
                cgroup.dirs.push(p.clone());
                write(&m, "memory.limit_in_bytes", &limits.memory.to_string())?;
                let _ = write(
                    &m,
                    "memory.memsw.limit_in_bytes",
                    &limits.memory.to_string(),
                );
                write(&p, "pids.max", &limits.pids.to_string())?;
                Ok(cgroup)
            }
        }
    }

    fn procs_files(&self) -> Vec<CString> {
        self.dirs
            .iter()
            .map(|d| {
                CString::new(d.join("cgroup.procs").as_os_str().as_encoded_bytes())
                    .expect("no NUL in a cgroup path")
            })
            .collect()
    }

    /// Which limits were reached; then kill what is left and remove it.
    fn finish(self, limits: &Limits) -> Vec<String> {
        let mut hit = Vec::new();
        let count = |file: PathBuf, key: &str| -> u64 {
            std::fs::read_to_string(file)
                .unwrap_or_default()
                .lines()
                .find_map(|l| l.strip_prefix(key)?.trim().parse().ok())
                .unwrap_or(0)
        };
        let memory_dir = &self.dirs[0];
        let pids_dir = self.dirs.last().expect("a cgroup has a folder");
        let (oom, max) = if self.v2 {
            (
                count(memory_dir.join("memory.events"), "oom_kill "),
                count(memory_dir.join("memory.events"), "max "),
            )
        } else {
            (
                count(memory_dir.join("memory.oom_control"), "oom_kill "),
                std::fs::read_to_string(memory_dir.join("memory.failcnt"))
                    .ok()
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(0),
            )
        };
        if oom > 0 || max > 0 {
            hit.push(format!(
                "memory limit ({} MiB) reached{}",
                limits.memory >> 20,
                if oom > 0 {
                    format!(": the kernel killed {oom} process(es)")
                } else {
                    String::new()
                }
            ));
        }
        if count(pids_dir.join("pids.events"), "max ") > 0 {
            hit.push(format!(
                "process limit ({}) reached: starting more processes or threads failed",
                limits.pids
            ));
        }
        for dir in &self.dirs {
            empty_and_remove(dir, self.v2);
        }
        hit
    }
}

/// Kill every process left in a cgroup (bounded: 5 s), then remove it.
fn empty_and_remove(dir: &Path, v2: bool) {
    if v2 {
        let _ = std::fs::write(dir.join("cgroup.kill"), "1");
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let procs = std::fs::read_to_string(dir.join("cgroup.procs")).unwrap_or_default();
        let pids: Vec<i32> = procs
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        if pids.is_empty() || Instant::now() > deadline {
            break;
        }
        for pid in pids {
            if let Some(pid) = rustix::process::Pid::from_raw(pid) {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = std::fs::remove_dir(dir);
}
