//! Verbs for checks of TCP server programs: listening only where they were
//! told to, and an `accept` that fails because the program has run out of
//! file descriptors.

use super::{Proc, START, Test};
use crate::check::{Outcome, Stop};
use crate::msg;
use rustix::process::{Pid, Resource, Rlimit, prlimit};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

/// A loopback address in 127.64.0.1–127.254.255.254 other than `not`:
/// no other check uses it, so nothing but a program listening on every
/// address (0.0.0.0) can answer there.
fn another_loopback_ip(not: IpAddr) -> IpAddr {
    loop {
        let ip = IpAddr::V4(Ipv4Addr::new(
            127,
            fastrand::u8(64..=254),
            fastrand::u8(..),
            fastrand::u8(1..=254),
        ));
        if ip != not {
            return ip;
        }
    }
}

impl Test {
    /// Start a TCP server program on a loopback IP of this check's own with
    /// port 0, and wait for its `listening on IP:PORT`: the IP printed must
    /// be the one it was given.
    pub fn start_listening_on_own_address(&self) -> Result<(Proc, SocketAddr), Stop> {
        let key = self.exercise.programs[0].key;
        self.start_program_listening_on_own_address(key, &[])
    }

    /// The same for program `key` of the exercise, with `more` arguments
    /// after the address (`--root root` for the download server).
    pub fn start_program_listening_on_own_address(
        &self,
        key: &str,
        more: &[&str],
    ) -> Result<(Proc, SocketAddr), Stop> {
        let own = self.own_loopback_addr(0)?.to_string();
        let args: Vec<&str> = std::iter::once(own.as_str())
            .chain(more.iter().copied())
            .collect();
        let own: SocketAddr = own.parse().expect("an address it made");
        let mut server = self.start_program(key, &args)?;
        let addr = server.expect_address("listening on", START)?;
        if addr.ip() == own.ip() && addr.port() != 0 {
            return Ok((server, addr));
        }
        Err(Stop::mismatch(
            msg!("the server printed another address than the one it was told to listen on";
                 "服务器打印的地址不是让它监听的那个地址"),
            format!("listening on {}:PORT (PORT not 0)", own.ip()),
            format!("listening on {addr}"),
        ))
    }

    /// The program listening on `addr` listens there only: the same port on
    /// another loopback address refuses connections. A program that binds
    /// 0.0.0.0 (every address) and prints the address it was given fails.
    pub fn expect_listening_only_on(&self, addr: SocketAddr) -> Outcome {
        let other = SocketAddr::new(another_loopback_ip(addr.ip()), addr.port());
        self.step(msg!("the server was told to listen on {} only: try the same port on {}", addr.ip(), other.ip();
                       "服务器只应在 {} 上监听：试试 {} 上的同一端口", addr.ip(), other.ip()));
        self.expect_refused(other).map_err(|_| {
            Stop::mismatch(
                msg!("the server also accepts connections on {}: it listens on every address (0.0.0.0), not only on the one it was given",
                     other.ip();
                     "服务器在 {} 上也接受连接：它监听的是所有地址（0.0.0.0），而不只是给它的那个地址", other.ip()),
                format!("connection refused on {other}"),
                format!("connected to {other}"),
            )
        })
    }

    /// Lower `program`'s limit of open files (its soft `RLIMIT_NOFILE`) to
    /// what it has open now, so its next `accept` fails with "too many open
    /// files" (EMFILE) while the connection waits in the queue. Returns the
    /// limit to give back with [`Test::restore_open_files`].
    pub fn exhaust_open_files(&self, program: &Proc) -> Result<Rlimit, Stop> {
        let pid = program.pid();
        // The lowest free descriptor number: a new descriptor needs a
        // number below the limit, and the kernel gives the lowest free one.
        let open: std::collections::HashSet<u64> = std::fs::read_dir(format!("/proc/{pid}/fd"))
            .map_err(|e| Stop::fail(msg!("could not read /proc/{}/fd: {}", pid, e; "无法读取 /proc/{}/fd：{}", pid, e)))?
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse().ok())
            .collect();
        let lowest_free = (0..).find(|n| !open.contains(n)).unwrap_or(0);
        self.step(msg!("lower {}'s limit of open files to {} (all in use): its next accept fails with \"too many open files\"",
                       program.role().en, lowest_free;
                       "把{}的打开文件数上限降到 {}（已全部占用）：它的下一次 accept 将以“打开的文件过多”失败",
                       program.role().zh, lowest_free));
        let old = open_files_limit(pid).ok_or_else(|| {
            Stop::fail(msg!("could not read /proc/{}/limits", pid; "无法读取 /proc/{}/limits", pid))
        })?;
        let starved = Rlimit {
            current: Some(lowest_free),
            maximum: old.maximum,
        };
        self.set_open_files(program, starved)?;
        Ok(old)
    }

    /// `program` writes a line on standard error within `within` (a
    /// failure it reports); the wait ends early if the program ends.
    pub fn expect_stderr_line(&self, program: &mut Proc, within: Duration) -> Outcome {
        self.step(
            msg!("wait for {} to report the failure on standard error", program.role().en;
                       "等待{}在标准错误输出中报告这个失败", program.role().zh),
        );
        let mut deadline = Instant::now() + within;
        loop {
            if program.stderr().contains('\n') {
                return Ok(());
            }
            if program.wait_status(Duration::ZERO).is_some() {
                // It ended: its last words may still be in the pipe for a
                // moment, no longer.
                deadline = deadline.min(Instant::now() + Duration::from_millis(200));
            }
            if Instant::now() >= deadline {
                return Err(Stop::mismatch(
                    msg!("{} said nothing on standard error about the failure", program.role().en;
                         "{}没有在标准错误输出中说明这个失败", program.role().zh),
                    "one line on standard error",
                    msg!("nothing"; "什么也没有"),
                ));
            }
            // Standard error is collected by a thread of the harness with
            // no event to wait on: a short poll bounded by the deadline.
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Give `program` back the limit [`Test::exhaust_open_files`] took.
    pub fn restore_open_files(&self, program: &Proc, old: Rlimit) -> Outcome {
        self.step(
            msg!("give {} its limit of open files back", program.role().en;
                       "恢复{}的打开文件数上限", program.role().zh),
        );
        self.set_open_files(program, old)
    }

    fn set_open_files(&self, program: &Proc, new: Rlimit) -> Outcome {
        let pid = Pid::from_raw(program.pid() as i32);
        let changed = match prlimit(pid, Resource::Nofile, new) {
            Err(rustix::io::Errno::PERM) => as_program_user(program.pid(), &new),
            done => done.map(drop).map_err(std::io::Error::from),
        };
        changed.map_err(|e| {
            Stop::fail(
                msg!("could not change {}'s limit of open files: {}", program.role().en, e;
                            "无法修改{}的打开文件数上限：{}", program.role().zh, e),
            )
        })
    }
}

/// In the grading sandbox the programs run as a user of their own
/// (`NETLINGS_PROGRAM_UID`) and the runner may not change another user's
/// limits; a process of the program's own user may, so `prlimit(1)` runs
/// as that user.
fn as_program_user(pid: u32, new: &Rlimit) -> std::io::Result<()> {
    use std::os::unix::process::CommandExt;
    let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    let uid: u32 = std::env::var("NETLINGS_PROGRAM_UID")
        .ok()
        .and_then(|u| u.parse().ok())
        .ok_or_else(denied)?;
    let limit = |n: Option<u64>| n.map_or("unlimited".to_string(), |n| n.to_string());
    let status = std::process::Command::new("prlimit")
        .arg(format!("--pid={pid}"))
        .arg(format!(
            "--nofile={}:{}",
            limit(new.current),
            limit(new.maximum)
        ))
        .uid(uid)
        .gid(uid)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(denied())
    }
}

/// The soft and hard limits of open files of process `pid`, from
/// `/proc/<pid>/limits` (`Max open files  1024  1048576  files`).
fn open_files_limit(pid: u32) -> Option<Rlimit> {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let mut fields = line["Max open files".len()..].split_whitespace();
    let mut limit = || match fields.next()? {
        "unlimited" => Some(None),
        n => n.parse().ok().map(Some),
    };
    Some(Rlimit {
        current: limit()?,
        maximum: limit()?,
    })
}
