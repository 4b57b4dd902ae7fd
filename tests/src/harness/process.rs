//! The program under test: spawned in its own process group, its output read
//! line by line with deadlines, and killed with its whole group on drop.

use super::{Trace, reaper::Reaper};
use crate::check::{Outcome, Shown, Stop};
use crate::diagnosis::Found;
use crate::text::Msg;
use crate::{msg, show};
use predicates::Predicate;
use std::io::Read;
use std::net::SocketAddr;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Output kept per program; a program that prints more is cut off (and,
/// since nobody drains its pipe any more, blocks until the check kills it).
const OUTPUT_CAP: usize = 16 << 20;
/// Standard error kept per program.
const STDERR_CAP: usize = 64 << 10;

enum Event {
    Line(Vec<u8>),
    End,
    Flood,
}

/// How a program ended (or that it was still running when the check ended).
#[derive(Clone, Debug)]
pub struct Ending {
    pub role: Msg,
    /// `None`: it was still running and the check stopped it.
    pub status: Option<ExitStatus>,
    pub stderr: String,
    /// The last line it printed on standard output, if any.
    pub last_line: Option<String>,
    /// Whether the check waited for it to end (an end the check expected
    /// is no diagnosis by itself).
    pub exit_expected: bool,
}

impl Ending {
    /// How the program ended, in a line: a `todo!()` step of the stub, a
    /// panic, or its exit status and last line of standard error; `None`
    /// while it was still running when the check stopped it.
    pub fn described(&self) -> Option<Msg> {
        let status = self.status?;
        if let Some(step) = todo_step(&self.stderr) {
            return Some(msg!("not implemented yet: {}", step; "尚未实现：{}", step));
        }
        if let Some(panic) = panic_message(&self.stderr) {
            return Some(msg!("it panicked: {}", panic; "程序 panic 了：{}", panic));
        }
        let last = self.stderr.lines().rev().find(|l| !l.trim().is_empty());
        let how = describe_status(status);
        Some(match last {
            Some(line) => {
                msg!("{} ended: {}; its last error line: {}", self.role.en, how.en, show::text(line);
                               "{}已结束：{}；最后一行错误输出：{}", self.role.zh, how.zh, show::text(line))
            }
            None => {
                msg!("{} ended: {}", self.role.en, how.en; "{}已结束：{}", self.role.zh, how.zh)
            }
        })
    }

    /// Whether the stub's `todo!()` stopped it.
    pub fn is_todo(&self) -> bool {
        self.status.is_some() && todo_step(&self.stderr).is_some()
    }

    /// The cause this ending shows, if it shows one: a `todo!`, a crash,
    /// an error the program reported, or an end the check did not expect.
    /// `rank` orders them: the runner takes the most telling one.
    pub fn cause(&self) -> Option<(u8, Found)> {
        let status = self.status?;
        let role = &self.role;
        if let Some(step) = todo_step(&self.stderr) {
            return Some((
                0,
                Found::new(
                    "todo",
                    msg!("{} stopped at the stub's `todo!`: {}", role.en, step;
                         "{}停在了存根的 `todo!` 处：{}", role.zh, step),
                ),
            ));
        }
        if let Some(crash) = crash_message(&self.stderr, status) {
            return Some((
                1,
                Found::new(
                    "panicked",
                    msg!("{} crashed: {}", role.en, crash; "{}崩溃了：{}", role.zh, crash),
                ),
            ));
        }
        let last_error = self
            .stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(show::text);
        let lower = self.stderr.to_ascii_lowercase();
        let reported = if lower.contains("address already in use")
            || lower.contains("os error 98")
            || lower.contains("eaddrinuse")
        {
            Some("address-in-use")
        } else if lower.contains("permission denied")
            || lower.contains("os error 13")
            || lower.contains("eacces")
        {
            Some("permission-denied")
        } else {
            None
        };
        // A program the check ran to its end that failed the contract's
        // way (exit 1, its reason said) met the failure the check made for
        // it: what it said is no cause; what the check expected is.
        let as_the_contract_says = self.exit_expected && status.code() == Some(1);
        if let (Some(id), Some(said), false) = (reported, &last_error, as_the_contract_says) {
            return Some((
                3,
                Found::new(
                    id,
                    msg!("{} said: {}", role.en, said; "{}报告：{}", role.zh, said),
                ),
            ));
        }
        // An end the check waited for is no cause; neither is a clean
        // exit (the program stopped its own way, and the check's hint says
        // what was wrong with that). An exit with an error code is.
        if self.exit_expected || status.code() == Some(0) {
            return None;
        }
        let how = describe_status(status);
        let after = match &self.last_line {
            Some(line) => {
                msg!(", after printing {}", show::text(line); "，最后输出的一行是 {}", show::text(line))
            }
            None => msg!(", having printed nothing"; "，没有任何输出"),
        };
        let said = match &last_error {
            Some(line) => msg!("; its last error line: {}", line; "；最后一行错误输出：{}", line),
            None => Msg::default(),
        };
        Some((
            4,
            Found::new(
                "exited",
                msg!("{} ended by itself ({}){}{} while the check still needed it", role.en, how.en, after.en, said.en;
                     "{}在检查仍需要它时自行结束（{}）{}{}", role.zh, how.zh, after.zh, said.zh),
            ),
        ))
    }
}

/// What a crash said: Rust's panic message, the exception a Python
/// traceback ends with, or the signal that killed the program.
fn crash_message(stderr: &str, status: ExitStatus) -> Option<String> {
    if let Some(panic) = panic_message(stderr) {
        return Some(show::text(panic));
    }
    if stderr.contains("Traceback (most recent call last):") {
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty())?;
        return Some(show::text(last.trim()));
    }
    match status.signal() {
        // SIGKILL and SIGTERM come from outside (the check, a limit).
        Some(sig) if sig != 9 && sig != 15 => Some(describe_status(status).en),
        _ => None,
    }
}

/// `not yet implemented: step 3: listen` → `step 3: listen`.
fn todo_step(stderr: &str) -> Option<&str> {
    let at = stderr.find("not yet implemented")?;
    let rest = &stderr[at + "not yet implemented".len()..];
    let rest = rest.strip_prefix(": ").unwrap_or(rest);
    Some(rest.lines().next().unwrap_or("").trim()).filter(|s| !s.is_empty())
}

/// The message line after Rust's `thread 'main' panicked at file:line:col:`.
fn panic_message(stderr: &str) -> Option<&str> {
    let mut lines = stderr.lines();
    lines.find(|l| l.contains("panicked at"))?;
    lines.next().map(str::trim)
}

pub fn describe_status(status: ExitStatus) -> Msg {
    match (status.code(), status.signal()) {
        (Some(code), _) => msg!("exit code {}", code; "退出码 {}", code),
        (None, Some(sig)) => msg!("killed by signal {}", sig; "被信号 {} 终止", sig),
        _ => msg!("{}", status; "{}", status),
    }
}

/// A running program under test.
pub struct Proc {
    role: Msg,
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<Event>,
    /// Every stdout line read so far, for reports.
    seen: Vec<String>,
    ended_output: bool,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_done: Receiver<()>,
    pub(super) trace: Trace,
    reaper: Reaper,
    pub(super) pgid: i32,
    /// Set once the check waits for the program to end.
    exit_expected: bool,
    /// The read end of its stdout pipe, to see whether output is waiting.
    stdout_peek: Option<std::os::fd::OwnedFd>,
}

impl Proc {
    pub(crate) fn spawn<A: AsRef<std::ffi::OsStr>>(
        role: Msg,
        argv: &[String],
        args: &[A],
        dir: &Path,
        trace: Trace,
        reaper: Reaper,
    ) -> Result<Proc, Stop> {
        let shown = argv
            .iter()
            .map(|a| a.into())
            .chain(args.iter().map(|a| a.as_ref().to_string_lossy()))
            .collect::<Vec<std::borrow::Cow<str>>>()
            .join(" ");
        trace.step(msg!("start {}: {}", role.en, shown; "启动{}：{}", role.zh, shown));
        crate::wire::note_started(&role);
        let (program, fixed) = argv.split_first().ok_or_else(|| {
            Stop::fail(msg!("no command was given for {}", role.en; "没有给出{}的命令", role.zh))
        })?;
        let mut command = Command::new(program);
        command
            .args(fixed)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // A panic shows its message, not a backtrace.
            .env("RUST_BACKTRACE", "0")
            // Python keeps its output unbuffered, so a Python program that
            // keeps the contract is graded the same way.
            .env("PYTHONUNBUFFERED", "1")
            .process_group(0);
        // SAFETY: between fork and exec only the async-signal-safe prctl(2) runs.
        unsafe {
            command.pre_exec(|| {
                rustix::process::set_parent_process_death_signal(Some(
                    rustix::process::Signal::KILL,
                ))?;
                Ok(())
            });
        }
        let mut child = command.spawn().map_err(|e| {
            Stop::fail(msg!("could not start {} ({}): {}", role.en, program, e; "无法启动{}（{}）：{}", role.zh, program, e))
        })?;
        let pgid = child.id() as i32;
        reaper.adopt(pgid);
        trace.watch(child.id());

        let (tx, lines) = channel();
        let stdout = child.stdout.take().expect("stdout is piped");
        // A second handle on the same pipe, only to ask how much is waiting
        // in it (the reader thread may lag on a loaded machine).
        let stdout_peek = std::os::fd::AsFd::as_fd(&stdout).try_clone_to_owned().ok();
        thread::spawn(move || read_lines(stdout, |event| tx.send(event).is_ok()));

        let stderr = Arc::new(Mutex::new(Vec::new()));
        let (done_tx, stderr_done) = channel();
        let mut err_pipe = child.stderr.take().expect("stderr is piped");
        let sink = Arc::clone(&stderr);
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut kept = sink.lock().unwrap_or_else(|e| e.into_inner());
                let room = STDERR_CAP.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
            let _ = done_tx.send(());
        });

        Ok(Proc {
            role,
            stdin: child.stdin.take(),
            child,
            lines,
            seen: Vec::new(),
            ended_output: false,
            stderr,
            stderr_done,
            trace,
            reaper,
            pgid,
            exit_expected: false,
            stdout_peek,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn role(&self) -> &Msg {
        &self.role
    }

    /// Type a line on the program's standard input.
    pub fn type_line(&mut self, line: &str) -> Outcome {
        self.trace.step(msg!("type {} into {}", show::text(line), self.role.en; "向{}输入 {}", self.role.zh, show::text(line)));
        self.write_input(format!("{line}\n").as_bytes())
    }

    /// Type several lines on the program's standard input in one write, so
    /// that none is lost if the program stops reading (or exits) halfway.
    pub fn type_lines(&mut self, lines: &[&str]) -> Outcome {
        let shown = lines
            .iter()
            .map(|l| show::text(l))
            .collect::<Vec<_>>()
            .join(", ");
        self.trace
            .step(msg!("type {} into {}", shown, self.role.en; "向{}输入 {}", self.role.zh, shown));
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        self.write_input(text.as_bytes())
    }

    /// Type raw bytes on the program's standard input, in one write: lines
    /// that are not UTF-8, end in `\r\n`, or lack their final `\n`.
    pub fn type_bytes(&mut self, bytes: &[u8]) -> Outcome {
        self.trace.step(msg!("type {} into {}", show::bytes(bytes), self.role.en; "向{}输入 {}", self.role.zh, show::bytes(bytes)));
        self.write_input(bytes)
    }

    /// Write to the program's standard input. A pipe nobody reads any more
    /// is a program that has ended: that end is what the check ran into.
    ///
    /// A pipe holds 64 KiB: a program that stops reading its input (it
    /// waits for a datagram instead, say) would block a plain write for
    /// ever. The write waits for room at most [`super::REPLY`].
    fn write_input(&mut self, bytes: &[u8]) -> Outcome {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        use rustix::io::Errno;
        let Some(stdin) = self.stdin.as_ref() else {
            return Ok(());
        };
        let deadline = Instant::now() + super::REPLY;
        let mut rest = bytes;
        // Our end of the pipe only: the program's end keeps blocking reads.
        let mut failed = rustix::io::ioctl_fionbio(stdin, true).err();
        while failed.is_none() && !rest.is_empty() {
            match rustix::io::write(stdin, rest) {
                Ok(n) => rest = &rest[n..],
                Err(Errno::INTR) => {}
                Err(Errno::AGAIN) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        let taken = bytes.len() - rest.len();
                        return Err(Stop::fail(
                            msg!("{} stopped reading its input: it took {} of {} bytes in {} s", self.role.en, taken, bytes.len(), super::REPLY.as_secs();
                                 "{}不再读取输入：{} 秒内只读入了 {} 字节中的 {} 字节", self.role.zh, super::REPLY.as_secs(), bytes.len(), taken),
                        ));
                    }
                    let slice = Timespec::try_from(left.min(Duration::from_millis(100))).ok();
                    let mut fds = [PollFd::new(stdin, PollFlags::OUT)];
                    let _ = poll(&mut fds, slice.as_ref());
                }
                Err(e) => failed = Some(e),
            }
        }
        match failed {
            None => Ok(()),
            Some(_) => {
                self.trace.note_gone();
                Err(Stop::fail(
                    msg!("{} no longer reads its input (it has probably exited)", self.role.en;
                                "{}已不再读取输入（很可能已退出）", self.role.zh),
                ))
            }
        }
    }

    /// Close the program's standard input (end of input, like Ctrl-D).
    pub fn close_stdin(&mut self) {
        self.trace
            .step(msg!("close the input of {}", self.role.en; "关闭{}的标准输入", self.role.zh));
        self.stdin = None;
    }

    /// Wait for a line on standard output for which `wanted` holds; lines
    /// before it are skipped (and shown if the wait fails).
    pub fn expect_line(
        &mut self,
        expected: &str,
        within: Duration,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<String, Stop> {
        self.trace.step(msg!("wait for {} to print {}", self.role.en, expected; "等待{}输出 {}", self.role.zh, expected));
        let from = self.seen.len();
        let deadline = Instant::now() + within;
        loop {
            match self.next_line(deadline) {
                Ok(line) if wanted(&line) => return Ok(line),
                Ok(line) => {
                    if let Some(stop) = self.near_miss(expected, &line, &wanted) {
                        return Err(stop);
                    }
                }
                Err(why) => {
                    let _ = self.look_on_stderr(&wanted);
                    let seen = self.seen_since(from);
                    return Err(Stop::mismatch(why, expected.to_string(), seen));
                }
            }
        }
    }

    /// The line a check waited for in vain on standard output, if the
    /// program printed it on standard error instead: that is the cause.
    /// Only for a wait that picks particular lines (one that would take any
    /// line proves nothing by finding one).
    fn look_on_stderr(&self, wanted: &impl Fn(&str) -> bool) -> bool {
        if wanted("\u{1}a line no contract prints") {
            return false;
        }
        if self.ended_output {
            // Its last words may still be on their way through the pipe.
            let _ = self.stderr_done.recv_timeout(Duration::from_millis(500));
        }
        let stderr = self.stderr();
        let Some(line) = stderr
            .lines()
            .find(|l| wanted(l) || around(l).any(|v| wanted(&v)))
        else {
            return false;
        };
        self.trace.observed(Found::new(
            "wrong-stream",
            msg!("{} printed {} on standard error; the contract wants it on standard output", self.role.en, show::text(line);
                 "{}把 {} 打印到了标准错误输出；约定要求它在标准输出", self.role.zh, show::text(line)),
        ));
        true
    }

    /// Like [`Proc::expect_line`]; also returns the lines printed before the
    /// wanted one (since this call), in order.
    pub fn expect_line_and_those_before(
        &mut self,
        expected: &str,
        within: Duration,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<(Vec<String>, String), Stop> {
        let from = self.seen.len();
        let line = self.expect_line(expected, within, wanted)?;
        let before = self.seen[from..self.seen.len() - 1].to_vec();
        Ok((before, line))
    }

    /// Wait for the line that starts with `prefix` and require it to be
    /// exactly `expected` (trailing blanks aside, which no one can see).
    pub fn expect_exact_line(&mut self, prefix: &str, expected: &str, within: Duration) -> Outcome {
        let line = self.expect_line(&show::text(expected), within, |l| l.starts_with(prefix))?;
        if line.trim_end() == expected.trim_end() {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("{} printed it differently", self.role.en; "{}打印的内容与预期不同", self.role.zh),
            show::text(expected),
            show::text(&line),
        ))
    }

    /// Wait for the line `wanted` picks and require it to be exactly
    /// `expected`, byte for byte — blanks, `\r` and all: how a program must
    /// show a message it received (without its `\n` only).
    pub fn expect_shown_exactly(
        &mut self,
        expected: &str,
        within: Duration,
        wanted: impl Fn(&str) -> bool,
    ) -> Outcome {
        let line = self.expect_line(&show::text(expected), within, wanted)?;
        if line == expected {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the message is not shown exactly as it arrived (without its \\n only)";
                 "消息没有按到达时的样子原样显示（只应去掉 \\n）"),
            show::text(expected),
            show::text(&line),
        ))
    }

    /// The next line of standard output, whatever it says.
    pub fn next_line_within(&mut self, within: Duration) -> Result<String, Stop> {
        self.trace.step(
            msg!("read the next line {} prints", self.role.en; "读取{}输出的下一行", self.role.zh),
        );
        self.next_line(Instant::now() + within).map_err(Stop::fail)
    }

    /// Wait for `listening on IP:PORT` (TCP) or `bound to IP:PORT` (UDP) and
    /// return the address; this line is also the program's readiness signal.
    ///
    /// While it waits, it watches the program's sockets: a program that is
    /// already listening (or bound) but prints nothing for a while has its
    /// line stuck in an output buffer, and a program whose printed port is
    /// not the one it listens on has printed the wrong address. Both are
    /// said at once, as what they are.
    pub fn expect_address(&mut self, prefix: &str, within: Duration) -> Result<SocketAddr, Stop> {
        let transport = if prefix.starts_with("listening") {
            super::Transport::Tcp
        } else {
            super::Transport::Udp
        };
        let expected = format!("\"{prefix} IP:PORT\"");
        self.trace.step(msg!("wait for {} to print {}", self.role.en, expected; "等待{}输出 {}", self.role.zh, expected));
        let from = self.seen.len();
        let deadline = Instant::now() + within;
        let mut ready_since: Option<(Instant, SocketAddr)> = None;
        let wanted = |l: &str| l.trim_start().starts_with(prefix);
        let line = loop {
            let slice = (Instant::now() + WATCH_SLICE).min(deadline);
            match self.next_line(slice) {
                Ok(line) if wanted(&line) => break line,
                Ok(line) => {
                    if let Some(stop) = self.near_miss(&expected, &line, wanted) {
                        return Err(stop);
                    }
                }
                Err(_) if !self.ended_output && Instant::now() < deadline => {}
                Err(why) => {
                    if self.look_on_stderr(&wanted) {
                        return Err(Stop::mismatch(why, expected, self.seen_since(from)));
                    }
                    if let Some((_, addr)) = ready_since {
                        return Err(self.not_flushed(addr, &expected, from));
                    }
                    return Err(Stop::mismatch(why, expected, self.seen_since(from)));
                }
            }
            if ready_since.is_none() {
                let ready = super::ready_on(self.pid(), transport);
                ready_since = ready.first().map(|addr| (Instant::now(), *addr));
            }
            if let Some((since, addr)) = ready_since
                && since.elapsed() >= FLUSH_GRACE
                && self.output_stuck()
            {
                if self.look_on_stderr(&wanted) {
                    return Err(Stop::mismatch(
                        msg!("{} printed its address on standard error", self.role.en;
                             "{}把地址打印到了标准错误输出", self.role.zh),
                        expected,
                        self.seen_since(from),
                    ));
                }
                return Err(self.not_flushed(addr, &expected, from));
            }
        };
        let rest = line.trim_start()[prefix.len()..].trim();
        let addr: Result<SocketAddr, _> = rest.parse();
        if let Ok(addr) = addr {
            crate::wire::note_program(addr, &self.role);
        }
        let addr = addr.map_err(|_| {
            Stop::mismatch(
                msg!("the line names no address that can be parsed as IP:PORT"; "这一行里的地址无法按 IP:端口 解析"),
                format!("\"{prefix} 127.0.0.1:PORT\""),
                show::text(&line),
            )
        })?;
        let ready = super::ready_on(self.pid(), transport);
        if !ready.is_empty() && !ready.iter().any(|r| r.port() == addr.port()) {
            let really = ready[0];
            self.trace.observed(Found::new(
                "wrong-port-printed",
                msg!("{} printed port {} but its socket is on {}", self.role.en, addr.port(), really;
                     "{}打印的端口是 {}，但它的套接字在 {} 上", self.role.zh, addr.port(), really),
            ));
            return Err(Stop::mismatch(
                msg!("the address printed is not the one the program is on"; "打印的地址不是程序实际所在的地址"),
                format!("\"{prefix} {really}\""),
                show::text(&line),
            ));
        }
        Ok(addr)
    }

    /// Whether what the program printed is stuck inside it: it is not
    /// running (it waits, in accept or a read) and nothing is waiting in
    /// its stdout pipe. On a loaded machine a correct program may be ready
    /// and not yet have been given the CPU to print, or its line may sit
    /// in the pipe while the suite's reader waits for the CPU: neither is
    /// a buffer that was never flushed.
    fn output_stuck(&self) -> bool {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        let state = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next());
        // S: asleep in accept or a read. Not D: that is the disk (a
        // program paging itself in on a loaded machine), not a wait.
        let waiting = state == Some("S");
        let pending = self
            .stdout_peek
            .as_ref()
            .and_then(|fd| rustix::io::ioctl_fionread(fd).ok())
            .unwrap_or(0);
        waiting && pending == 0
    }

    /// The program is ready on `addr` but its line has not come out.
    fn not_flushed(&mut self, addr: SocketAddr, expected: &str, from: usize) -> Stop {
        self.trace.observed(Found::new(
            "not-flushed",
            msg!("{} is already on {} but has printed nothing for {} s", self.role.en, addr, FLUSH_GRACE.as_secs_f32();
                 "{}已经在 {} 上就绪，但 {} 秒内什么也没有输出", self.role.zh, addr, FLUSH_GRACE.as_secs_f32()),
        ));
        Stop::mismatch(
            msg!("{} is ready but did not print its address", self.role.en; "{}已就绪，却没有打印它的地址", self.role.zh),
            expected.to_string(),
            self.seen_since(from),
        )
    }

    /// A line that is not the wanted one, but would be without what is
    /// around it (a prompt, a `\r`, blanks): the program printed the right
    /// thing in the wrong shape. Said at once, with the difference.
    fn near_miss(
        &mut self,
        expected: &str,
        line: &str,
        wanted: impl Fn(&str) -> bool,
    ) -> Option<Stop> {
        let unwrapped = around(line).find(|variant| wanted(variant))?;
        self.trace.observed(Found::new(
            "output-around",
            msg!("{} printed {} where {} was expected (around it: {})", self.role.en, show::text(line), show::text(&unwrapped), show::text(&line.replacen(&unwrapped, "…", 1));
                 "{}打印了 {}，预期是 {}（多出的部分：{}）", self.role.zh, show::text(line), show::text(&unwrapped), show::text(&line.replacen(&unwrapped, "…", 1))),
        ));
        Some(Stop::mismatch(
            msg!("{} printed the line with something around it", self.role.en; "{}打印的这一行前后多了东西", self.role.zh),
            expected.to_string(),
            show::text(line),
        ))
    }

    /// No line for which `unwanted` holds appears during `window` (a bounded
    /// quiet window, for negative checks).
    pub fn expect_no_line(
        &mut self,
        window: Duration,
        what: &str,
        unwanted: impl Fn(&str) -> bool,
    ) -> Outcome {
        self.trace.step(
            msg!("make sure {} does not print {} for {} ms", self.role.en, what, window.as_millis();
                             "确认{}在 {} 毫秒内不输出 {}", self.role.zh, window.as_millis(), what),
        );
        let deadline = Instant::now() + window;
        loop {
            match self.next_line(deadline) {
                Ok(line) if unwanted(&line) => {
                    return Err(Stop::mismatch(
                        msg!("{} printed it too early", self.role.en; "{}过早地输出了它", self.role.zh),
                        msg!("nothing yet ({})", what; "暂时没有输出（{}）", what),
                        show::text(&line),
                    ));
                }
                Ok(_) => continue,
                Err(_) => return Ok(()),
            }
        }
    }

    fn next_line(&mut self, deadline: Instant) -> Result<String, Msg> {
        if self.ended_output {
            self.trace.note_gone();
            return Err(self.ended_msg());
        }
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.lines.recv_timeout(wait) {
            Ok(Event::Line(bytes)) => {
                let line = String::from_utf8_lossy(&bytes).into_owned();
                self.seen.push(line.clone());
                Ok(line)
            }
            Ok(Event::Flood) => {
                self.ended_output = true;
                Err(
                    msg!("{} printed more than {} MiB; the grader stopped reading", self.role.en, OUTPUT_CAP >> 20;
                         "{}输出超过 {} MiB，评测程序不再读取", self.role.zh, OUTPUT_CAP >> 20),
                )
            }
            Ok(Event::End) | Err(RecvTimeoutError::Disconnected) => {
                self.ended_output = true;
                self.trace.note_gone();
                Err(self.ended_msg())
            }
            Err(RecvTimeoutError::Timeout) => Err(msg!(
                "{} printed no such line in time", self.role.en; "{}没有及时输出这样的一行", self.role.zh)),
        }
    }

    fn ended_msg(&mut self) -> Msg {
        // The output closed: give the program a moment to be reaped so the
        // message can say how it ended.
        let status = self.reap(Duration::from_millis(500));
        match status {
            Some(status) => {
                let how = describe_status(status);
                msg!("{} closed its output and ended ({})", self.role.en, how.en; "{}关闭了输出并结束（{}）", self.role.zh, how.zh)
            }
            None => {
                msg!("{} closed its standard output", self.role.en; "{}关闭了标准输出", self.role.zh)
            }
        }
    }

    fn seen_since(&self, from: usize) -> Shown {
        let lines = &self.seen[from..];
        if lines.is_empty() {
            return msg!("(no output)"; "（没有输出）").into();
        }
        let skip = lines.len().saturating_sub(5);
        let mut shown: Vec<String> = lines[skip..].iter().map(|l| show::text(l)).collect();
        if skip > 0 {
            shown.insert(0, format!("… {skip} earlier lines"));
        }
        shown.join(" / ").into()
    }

    /// Everything the program prints on standard output, from its start to
    /// the end of its output (within `within`), is exactly `expected`, line
    /// for line: no blank line, prompt or extra line the contract does not
    /// allow.
    pub fn expect_all_output(&mut self, expected: &[String], within: Duration) -> Outcome {
        self.trace.step(msg!("read the rest of what {} prints: its whole output must be exactly the contract's lines",
                             self.role.en;
                             "读取{}剩余的输出：全部输出必须恰好是约定的那几行", self.role.zh));
        // Reading to the end of its output is waiting for its end.
        self.exit_expected = true;
        let deadline = Instant::now() + within;
        while !self.ended_output {
            if self.next_line(deadline).is_err() && !self.ended_output {
                return Err(Stop::fail(
                    msg!("{} did not finish its output within {} s", self.role.en, within.as_secs_f32();
                         "{}没有在 {} 秒内结束输出", self.role.zh, within.as_secs_f32()),
                ));
            }
        }
        if self.seen == expected {
            return Ok(());
        }
        let shown = |lines: &[String]| {
            lines
                .iter()
                .map(|l| show::text(l))
                .collect::<Vec<_>>()
                .join(" / ")
        };
        Err(Stop::mismatch(
            msg!("standard output holds other lines than the contract's (an extra or blank line, a prompt, a missing line)";
                 "标准输出中的行与约定不符（多了一行或空行、提示符，或少了一行）"),
            shown(expected),
            shown(&self.seen),
        ))
    }

    /// Wait up to `within` for the program to exit by itself (the check
    /// expects it to end, so its end is no diagnosis by itself).
    pub fn wait_status(&mut self, within: Duration) -> Option<ExitStatus> {
        self.exit_expected = true;
        self.reap(within)
    }

    fn reap(&mut self, within: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + within;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            // A child's exit cannot be awaited with a timeout in std; a short
            // poll bounded by the deadline is the portable way.
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// The program exits by itself within `within` with exit code `code`.
    pub fn expect_exit(&mut self, code: i32, within: Duration) -> Outcome {
        self.trace.step(msg!("wait for {} to exit with code {}", self.role.en, code; "等待{}以退出码 {} 结束", self.role.zh, code));
        match self.wait_status(within) {
            Some(status) if status.code() == Some(code) => Ok(()),
            Some(status) => Err(Stop::mismatch(
                msg!("{} ended with the wrong status", self.role.en; "{}的退出状态不对", self.role.zh),
                format!("exit code {code}"),
                describe_status(status).en,
            )),
            None => Err(Stop::mismatch(
                msg!("{} was still running after {} s", self.role.en, within.as_secs_f32(); "{}在 {} 秒后仍在运行", self.role.zh, within.as_secs_f32()),
                format!("exit code {code}"),
                msg!("still running"; "仍在运行"),
            )),
        }
    }

    /// The program is still running (it did not crash or quit early).
    pub fn expect_running(&mut self) -> Outcome {
        self.trace.step(
            msg!("check that {} is still running", self.role.en; "确认{}仍在运行", self.role.zh),
        );
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(Stop::mismatch(
                msg!("{} stopped when it should have kept running", self.role.en; "{}本应继续运行，却已结束", self.role.zh),
                "still running",
                describe_status(status).en,
            )),
            Err(e) => Err(Stop::fail(
                msg!("could not query {}: {}", self.role.en, e; "无法查询{}：{}", self.role.zh, e),
            )),
        }
    }

    /// Everything the program wrote to standard error so far.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }

    /// Close standard input and wait for the program to end by itself,
    /// collecting what it printed: for one-shot programs.
    pub fn finish(mut self, within: Duration) -> Result<Finished, Stop> {
        self.stdin = None;
        self.exit_expected = true;
        let deadline = Instant::now() + within;
        let mut stdout = Vec::new();
        while !self.ended_output {
            match self.next_line(deadline) {
                Ok(line) => stdout.push(line),
                Err(_) if !self.ended_output => {
                    return Err(Stop::fail(
                        msg!("{} did not finish within {} s", self.role.en, within.as_secs_f32();
                                                "{}没有在 {} 秒内结束", self.role.zh, within.as_secs_f32()),
                    ));
                }
                Err(_) => break,
            }
        }
        let status = self.wait_status(deadline.saturating_duration_since(Instant::now()));
        // The program has ended; its stderr ends with it, unless a process
        // it started still holds it. The suite's reader may lag on a loaded
        // machine: give it time, bounded by the check's own deadline.
        let _ = self.stderr_done.recv_timeout(
            deadline
                .saturating_duration_since(Instant::now())
                .max(Duration::from_secs(2)),
        );
        match status {
            Some(status) => Ok(Finished {
                status,
                stdout: stdout.join("\n"),
                stderr: self.stderr(),
                trace: self.trace.clone(),
            }),
            None => Err(Stop::fail(
                msg!("{} closed its output but did not exit within {} s", self.role.en, within.as_secs_f32();
                                         "{}关闭了输出，但没有在 {} 秒内退出", self.role.zh, within.as_secs_f32()),
            )),
        }
    }

    /// Peak resident memory (VmHWM) in KiB, from `/proc/<pid>/status`.
    pub fn peak_memory_kib(&self) -> Option<u64> {
        proc_status_kib(self.pid(), "VmHWM:")
    }

    /// How many file descriptors the program has open, from `/proc/<pid>/fd`.
    pub fn open_fds(&self) -> Option<usize> {
        std::fs::read_dir(format!("/proc/{}/fd", self.pid()))
            .ok()
            .map(|d| d.count())
    }
}

fn proc_status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.stdin = None;
        let mut before = self.child.try_wait().ok().flatten();
        if before.is_none() {
            // A program that has just failed may still be on its way out:
            // an exception closes its sockets (the check sees that and
            // stops) before the interpreter has printed the traceback and
            // exited. A moment's grace, and more when its stderr shows a
            // crash under way, lets it end with its own status.
            before = self.reap(DYING_GRACE);
            if before.is_none() && crash_under_way(&self.stderr()) {
                before = self.reap(CRASH_GRACE);
            }
        }
        self.reaper.kill(self.pgid);
        // A program that was already on its way out (a panic closes its
        // sockets a moment before it can be reaped) ends with its own
        // status, not the check's SIGKILL: only that SIGKILL means it was
        // still running.
        let after = self.child.wait().ok();
        let status = before.or(after.filter(|s| s.signal() != Some(KILLED_BY_THE_CHECK)));
        // Its last words on stderr are evidence (a panic, a traceback): a
        // lagging reader gets a moment, a process that inherited the pipe
        // and lives on does not hold the check up for long.
        let _ = self.stderr_done.recv_timeout(Duration::from_secs(1));
        // What it printed that the check did not wait for: its real last
        // line ("after printing …") is among them.
        while let Ok(Event::Line(bytes)) = self.lines.try_recv() {
            self.seen.push(String::from_utf8_lossy(&bytes).into_owned());
        }
        self.trace.ended(Ending {
            role: self.role.clone(),
            status,
            stderr: self.stderr(),
            last_line: self.seen.last().cloned(),
            exit_expected: self.exit_expected,
        });
    }
}

/// Read `pipe` to its end, line by line, with bounded memory.
fn read_lines(mut pipe: impl Read, mut send: impl FnMut(Event) -> bool) {
    let mut buf = vec![0u8; 64 << 10];
    let mut line = Vec::new();
    let mut total = 0usize;
    loop {
        let n = match pipe.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        total += n;
        if total > OUTPUT_CAP {
            send(Event::Flood);
            return;
        }
        for &b in &buf[..n] {
            // A line is what comes before its `\n`, a `\r` included: the
            // contracts that show a message keep its `\r`, and a program
            // that drops it (or adds one) must be seen doing so.
            if b == b'\n' {
                if !send(Event::Line(std::mem::take(&mut line))) {
                    return;
                }
            } else {
                line.push(b);
            }
        }
    }
    if !line.is_empty() {
        send(Event::Line(line));
    }
    send(Event::End);
}

/// A one-shot program's result.
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    trace: Trace,
}

impl Finished {
    /// It exited with `code`.
    pub fn expect_code(&self, code: i32) -> Outcome {
        self.trace
            .step(msg!("check the exit code is {}", code; "检查退出码是否为 {}", code));
        if self.status.code() == Some(code) {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the program ended with the wrong status; stderr said {}", show::text(self.stderr.trim());
                 "程序的退出状态不对；标准错误输出为 {}", show::text(self.stderr.trim())),
            format!("exit code {code}"),
            describe_status(self.status).en,
        ))
    }

    /// Its standard output satisfies `wanted` (a `predicates` predicate, whose
    /// description is shown as what was expected).
    pub fn expect_stdout(&self, wanted: impl Predicate<str>) -> Outcome {
        self.trace
            .step(msg!("check standard output: {}", wanted; "检查标准输出：{}", wanted));
        if wanted.eval(&self.stdout) {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("standard output is not what the contract says"; "标准输出不符合约定"),
            wanted.to_string(),
            show::text(&self.stdout),
        ))
    }

    /// It printed nothing on standard output: a program that failed before
    /// it could do anything has no contract line to print (`listening on`
    /// printed before the bind, or `connected to` before the connection, is
    /// a promise it did not keep).
    pub fn expect_no_stdout(&self) -> Outcome {
        self.trace
            .step(msg!("check standard output is empty"; "检查标准输出是否为空"));
        if self.stdout.trim().is_empty() {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("it failed before it could do anything, yet it printed a line of its contract: print each line only once it is true";
                 "它在做成任何事之前就失败了，却输出了约定里的行：每一行只在它属实之后再输出"),
            msg!("nothing on standard output"; "标准输出为空"),
            show::text(&self.stdout),
        ))
    }

    /// Its standard error satisfies `wanted`.
    pub fn expect_stderr(&self, wanted: impl Predicate<str>) -> Outcome {
        self.trace
            .step(msg!("check standard error: {}", wanted; "检查标准错误输出：{}", wanted));
        if wanted.eval(&self.stderr) {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("standard error does not say what went wrong"; "标准错误输出没有说明出了什么错"),
            wanted.to_string(),
            show::text(&self.stderr),
        ))
    }

    /// A usage error (a bad argument): exit code 2, explained in one sentence.
    pub fn expect_usage_error(&self) -> Outcome {
        self.expect_code(2)?;
        self.expect_one_sentence_on_stderr()
    }

    /// A failure the program could not help (address in use, connection
    /// refused, …): exit code 1, explained in one sentence.
    pub fn expect_failure_explained(&self) -> Outcome {
        self.expect_code(1)?;
        self.expect_one_sentence_on_stderr()
    }

    /// It explained itself on standard error in one sentence: one non-empty
    /// line, no panic, no backtrace.
    pub fn expect_one_sentence_on_stderr(&self) -> Outcome {
        self.trace
            .step(msg!("check standard error holds one sentence"; "检查标准错误输出是否为一句话"));
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let panicked = self.stderr.contains("panicked at");
        if lines.len() == 1 && !panicked {
            return Ok(());
        }
        let why = if panicked {
            msg!("it panicked: a foreseeable error is explained in one sentence on standard error, never with a panic";
                 "它 panic 了：可预见的错误应在标准错误输出中用一句话说明，绝不能 panic")
        } else if lines.is_empty() {
            // Said, but on the wrong stream: the error sentence is the last
            // thing it printed on standard output.
            if let Some(said) = self
                .stdout
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .filter(|l| sounds_like_an_error(l))
            {
                self.trace.observed(Found::new(
                    "wrong-stream",
                    msg!("the program printed {} on standard output; an error belongs on standard error", show::text(said);
                         "程序把 {} 打印到了标准输出；错误信息应该写到标准错误输出", show::text(said)),
                ));
            }
            msg!("standard error is empty: a foreseeable error is explained there, in one sentence";
                 "标准错误输出是空的：可预见的错误应在那里用一句话说明")
        } else {
            msg!("standard error holds {} lines: a foreseeable error is explained in one sentence", lines.len();
                 "标准错误输出有 {} 行：可预见的错误应该用一句话说明", lines.len())
        };
        Err(Stop::mismatch(
            why,
            msg!("one sentence that says what failed"; "一句说明哪里出错的话"),
            show::text(&self.stderr),
        ))
    }
}

/// Whether a line printed on standard output reads like an error report
/// (the sentence a contract wants on standard error), in either language:
/// it starts the way error sentences start. Contract lines may contain
/// such words (`refused NAME: REASON`, `… failed`), never start with them.
fn sounds_like_an_error(line: &str) -> bool {
    let lower = line.trim_start().to_lowercase();
    lower.contains("error:")
        || [
            "error",
            "cannot",
            "can't",
            "could not",
            "couldn't",
            "unable",
            "failed",
            "usage",
            "错误",
            "无法",
        ]
        .iter()
        .any(|start| lower.starts_with(start))
}

/// Stopping and resuming a program: a program that is stopped reads
/// nothing, so whatever is sent to it waits in (or overflows) its socket's
/// receive queue — the way to show queueing and loss deterministically.
impl Proc {
    /// Stop the program's whole process group (SIGSTOP) and wait until the
    /// kernel reports it stopped.
    pub fn pause(&mut self) -> Outcome {
        self.trace.step(
            msg!("stop {} (SIGSTOP): from now on it reads nothing", self.role.en;
                             "暂停{}（SIGSTOP）：从现在起它什么也不读", self.role.zh),
        );
        let pgid = rustix::process::Pid::from_raw(self.pgid);
        let sent =
            pgid.map(|g| rustix::process::kill_process_group(g, rustix::process::Signal::STOP));
        if !matches!(sent, Some(Ok(()))) {
            return Err(self.not_running());
        }
        // Stopping is asynchronous and std cannot wait for it.
        self.wait_for_state(
            &['T', 't'],
            REPLY_WAIT,
            msg!("{} did not stop within {} s", self.role.en, REPLY_WAIT.as_secs();
                 "{}没有在 {} 秒内暂停", self.role.zh, REPLY_WAIT.as_secs()),
        )
    }

    /// Wait until the program sleeps (state S: blocked in a read, an
    /// accept …): whatever it did before it blocked — a reply written
    /// early — has been done by then, however loaded the machine is.
    pub fn wait_until_it_waits(&mut self, within: Duration) -> Outcome {
        self.trace.step(
            msg!("wait until {} waits (blocked in a read)", self.role.en;
                 "等待{}进入等待（阻塞在读取中）", self.role.zh),
        );
        self.wait_for_state(
            &['S'],
            within,
            msg!("{} did not come to wait within {} s", self.role.en, within.as_secs();
                 "{}没有在 {} 秒内进入等待", self.role.zh, within.as_secs()),
        )
    }

    /// Wait until the kernel reports the program in one of `states`
    /// (`/proc/PID/stat`); `late` if it is not within `within`. The kernel
    /// offers no event for a state change: a short poll, bounded.
    fn wait_for_state(&mut self, states: &[char], within: Duration, late: Msg) -> Outcome {
        let deadline = Instant::now() + within;
        loop {
            match process_state(self.pid()) {
                Some(state) if states.contains(&state) => return Ok(()),
                Some('Z' | 'X') | None => return Err(self.not_running()),
                Some(_) if Instant::now() >= deadline => return Err(Stop::fail(late)),
                Some(_) => thread::sleep(Duration::from_millis(2)),
            }
        }
    }

    /// Let a stopped program run again (SIGCONT).
    pub fn resume(&mut self) -> Outcome {
        self.trace
            .step(msg!("let {} run again (SIGCONT)", self.role.en;
                             "让{}继续运行（SIGCONT）", self.role.zh));
        let pgid = rustix::process::Pid::from_raw(self.pgid);
        let sent =
            pgid.map(|g| rustix::process::kill_process_group(g, rustix::process::Signal::CONT));
        if matches!(sent, Some(Ok(()))) {
            Ok(())
        } else {
            Err(self.not_running())
        }
    }

    fn not_running(&mut self) -> Stop {
        match self.child.try_wait() {
            Ok(Some(status)) => {
                let how = describe_status(status);
                Stop::fail(msg!("{} is no longer running ({})", self.role.en, how.en;
                                "{}已不在运行（{}）", self.role.zh, how.zh))
            }
            _ => Stop::fail(msg!("{} could not be signalled", self.role.en;
                                 "无法向{}发送信号", self.role.zh)),
        }
    }
}

/// How long a program still running when its check ends may take to end
/// by itself before it is killed (paid by every running program, so short).
const DYING_GRACE: Duration = Duration::from_millis(20);
/// How long a program whose stderr shows a crash under way may take to end.
const CRASH_GRACE: Duration = Duration::from_millis(500);

/// Whether `stderr` shows a crash that has begun: a panic, a traceback.
fn crash_under_way(stderr: &str) -> bool {
    stderr.contains("panicked at") || stderr.contains("Traceback (most recent call last)")
}

/// The signal the check's reaper ends a program with (SIGKILL).
const KILLED_BY_THE_CHECK: i32 = 9;

/// How often a wait for a program's line looks at its sockets.
const WATCH_SLICE: Duration = Duration::from_millis(100);
/// How long a program may be ready on its socket without printing the line
/// that says so before its output counts as stuck in a buffer. A correct
/// program prints right after it binds; this leaves room for a loaded
/// machine.
const FLUSH_GRACE: Duration = Duration::from_millis(1500);

/// The shapes a line takes once what may surround the wanted text is taken
/// away: `\r`s, blanks at either end, a prompt or label before it.
fn around(line: &str) -> impl Iterator<Item = String> + '_ {
    let plain = line.replace('\r', "");
    let trimmed = plain.trim().to_string();
    let after_prompt = plain
        .char_indices()
        .filter(|(i, c)| *i > 0 && *i <= 80 && !c.is_whitespace())
        .filter(|(i, _)| {
            plain[..*i]
                .chars()
                .last()
                .is_some_and(|p| p.is_whitespace() || ">:$#]".contains(p))
        })
        .map(|(i, _)| plain[i..].trim_end().to_string())
        .collect::<Vec<_>>();
    [plain.clone(), trimmed]
        .into_iter()
        .chain(after_prompt)
        .filter(move |v| v != line)
}

/// How long a program may take to stop once told to.
const REPLY_WAIT: Duration = Duration::from_secs(5);

/// The state letter of `/proc/<pid>/stat` (R, S, T, Z …).
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the state
    // follows the last `)`.
    stat[stat.rfind(')')? + 1..].trim_start().chars().next()
}
