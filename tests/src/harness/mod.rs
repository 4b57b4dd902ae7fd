//! The harness: everything a check does to a program, written once.
//!
//! A check body gets a [`Test`]: it starts the program under test, makes
//! peers (TCP client or server, UDP socket), and every action on them is
//! recorded as a step of the trace, so a failure report can list what was
//! done before the step that failed. Every wait has a deadline; every
//! program is killed with its process group when the check ends.

mod edges;
mod files;
mod limits;
mod lines;
mod loopback;
mod netns;
mod process;
mod reaper;
mod reset;
mod servers;
mod sockets;
mod tcp;
mod teeth;
mod udp;
mod unprivileged;
mod watch;

pub use edges::Edge;
pub use files::{SameAs, human_size};
pub use lines::{HasLine, Mentions, NoLineStarting, has_line, mentions, no_line_starting};
pub use loopback::{Transport, expect_os_chosen};
pub(crate) use netns::{probe_lossy_namespace, probe_private_namespace};
pub use process::{Ending, Finished, Proc, describe_status};
pub use reaper::{Reaper, survivors};
pub use reset::BreakOff;
pub use sockets::{Held, held_by, ready_on};
pub use tcp::{TcpPeer, TcpServerPeer};
pub use teeth::EXIT_ENDINGS;
pub use udp::udp_drops;
pub use udp::{MAX_DATAGRAM, UdpPeer};

use crate::check::{Exercise, Stop};
use crate::diagnosis::Found;
use crate::targets::Targets;
use crate::text::Msg;
use std::cell::RefCell;
use std::net::SocketAddr;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

/// How long a program may take to print its "listening"/"bound" line.
/// Generous: a cold start on a loaded 2-core machine is slow, and a correct
/// program never waits this long, so only failures pay for it.
pub const START: Duration = Duration::from_secs(10);
/// How long a reply may take.
pub const REPLY: Duration = Duration::from_secs(5);
/// How long a program may take to exit once it should.
pub const EXIT: Duration = Duration::from_secs(5);
/// A quiet window for negative checks ("nothing arrives yet"). Short, since
/// it is paid by every passing run; it can only make a wrong program slip
/// through, never make a right one fail.
pub const QUIET: Duration = Duration::from_millis(300);

/// The steps of one check, shared by the test and every peer and program.
#[derive(Clone, Default)]
pub struct Trace(Rc<RefCell<TraceLog>>);

#[derive(Default)]
pub struct TraceLog {
    pub steps: Vec<Msg>,
    pub endings: Vec<Ending>,
    /// Causes the harness observed while waiting (a program listening but
    /// silent, a reply from another port …), in the order seen.
    pub evidence: Vec<Found>,
    /// Whether a wait ended because the programs it waited for were gone.
    pub waited_on_gone: bool,
    watched: Vec<watch::Watched>,
}

impl Trace {
    pub fn step(&self, step: Msg) {
        self.0.borrow_mut().steps.push(step);
    }

    fn ended(&self, ending: Ending) {
        self.0.borrow_mut().endings.push(ending);
    }

    /// Record a cause observed while waiting; the runner names the first
    /// one as the diagnosis of a failure.
    pub fn observed(&self, found: Found) {
        self.0.borrow_mut().evidence.push(found);
    }

    /// How many steps are recorded so far.
    pub fn len(&self) -> usize {
        self.0.borrow().steps.len()
    }

    /// Whether no step is recorded yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forget the steps after the first `len` (to fold a passing repetition).
    pub fn truncate(&self, len: usize) {
        self.0.borrow_mut().steps.truncate(len);
    }

    /// Take what was recorded (the runner does this when the check ends).
    pub fn take(&self) -> TraceLog {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// What a check body works with.
pub struct Test {
    exercise: &'static Exercise,
    targets: Arc<Targets>,
    trace: Trace,
    reaper: Reaper,
    dir: tempfile::TempDir,
    /// Addresses the suite holds for the check's whole life (see
    /// [`Test::unused_addr`]).
    held: RefCell<Vec<socket2::Socket>>,
}

impl Test {
    pub fn new(
        exercise: &'static Exercise,
        targets: Arc<Targets>,
        reaper: Reaper,
    ) -> std::io::Result<Test> {
        let dir = tempfile::Builder::new().prefix("netlings-").tempdir()?;
        // Inside `cargo xtask grade`'s sandbox the programs run as another
        // user than the runner: they start in (and may write) this folder.
        if std::env::var_os("NETLINGS_OPEN_CHECK_DIRS").is_some() {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777))?;
        }
        Ok(Test {
            exercise,
            targets,
            trace: Trace::default(),
            reaper,
            dir,
            held: RefCell::default(),
        })
    }

    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// A private directory for this check; programs start in it.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Record a step the check does by itself.
    pub fn step(&self, step: Msg) {
        self.trace.step(step);
    }

    /// Start the exercise's (only) program with `args`.
    pub fn start(&self, args: &[&str]) -> Result<Proc, Stop> {
        let program = self
            .exercise
            .programs
            .first()
            .expect("an exercise has a program");
        self.start_program(program.key, args)
    }

    /// Start one program of the exercise (`07-server`) with `args`.
    pub fn start_program(&self, key: &str, args: &[&str]) -> Result<Proc, Stop> {
        self.start_program_os(key, args)
    }

    /// Start one program with arguments that need not be UTF-8.
    fn start_program_os<A: AsRef<std::ffi::OsStr>>(
        &self,
        key: &str,
        args: &[A],
    ) -> Result<Proc, Stop> {
        let program = self
            .exercise
            .program(key)
            .expect("the check names a program of its exercise");
        let argv = self.targets.argv(key).ok_or_else(|| {
            Stop::fail(crate::msg!("the grader has no command for program {}", key; "评测程序没有程序 {} 的命令", key))
        })?;
        Proc::spawn(
            program.role.into(),
            argv,
            args,
            self.dir(),
            self.trace.clone(),
            self.reaper.clone(),
        )
    }

    /// Start a TCP server program with `args` and wait for its
    /// `listening on IP:PORT` line: the readiness signal and the address.
    pub fn start_listening(&self, args: &[&str]) -> Result<(Proc, SocketAddr), Stop> {
        let mut server = self.start(args)?;
        let addr = server.expect_address("listening on", START)?;
        Ok((server, addr))
    }

    /// Run a one-shot program to its end with `args` and nothing on stdin.
    pub fn run(&self, args: &[&str]) -> Result<Finished, Stop> {
        self.start(args)?.finish(EXIT)
    }

    /// A TCP client of the suite, connected to `addr`.
    pub fn connect(&self, addr: SocketAddr) -> Result<TcpPeer, Stop> {
        self.connect_as(crate::msg!("the client"; "客户端"), addr)
    }

    /// A named TCP client ("client 2") connected to `addr`.
    pub fn connect_as(&self, name: Msg, addr: SocketAddr) -> Result<TcpPeer, Stop> {
        TcpPeer::connect(name, addr, REPLY, self.trace.clone())
    }

    /// An address on this host where nothing listens, and nothing can
    /// start to for as long as the check runs: a loopback IP of the check's
    /// own, and a port the suite keeps bound there without listening (a
    /// connection is refused; no one else can bind that address). A port
    /// taken on 127.0.0.1 and let go could be taken by any other check's
    /// program in the meantime.
    pub fn unused_addr(&self) -> Result<SocketAddr, Stop> {
        let failed = |e: std::io::Error| {
            Stop::fail(
                crate::msg!("the suite could not pick a free port: {}", e; "评测程序无法挑选空闲端口：{}", e),
            )
        };
        let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
            .map_err(failed)?;
        let ip = loopback::random_loopback_ip();
        socket
            .bind(&SocketAddr::from((ip, 0)).into())
            .map_err(failed)?;
        let addr = socket
            .local_addr()
            .map_err(failed)?
            .as_socket()
            .ok_or_else(|| failed(std::io::ErrorKind::AddrNotAvailable.into()))?;
        self.held.borrow_mut().push(socket);
        self.step(crate::msg!("the suite picks {}, where nothing listens", addr; "评测程序选定 {}，那里没有程序监听", addr));
        Ok(addr)
    }

    /// Do `round` `n` times (round 1 to n). The steps of rounds that pass
    /// are folded into one line of the trace, so a long run stays readable;
    /// a failing round keeps its own steps, after a line naming it.
    pub fn rounds(
        &self,
        n: usize,
        what: Msg,
        mut round: impl FnMut(usize) -> crate::check::Outcome,
    ) -> crate::check::Outcome {
        let start = self.trace.len();
        for i in 1..=n {
            self.step(crate::msg!("round {} of {}: {}", i, n, what.en; "第 {} 轮（共 {} 轮）：{}", i, n, what.zh));
            round(i)?;
            self.trace.truncate(start);
        }
        self.step(crate::msg!("{} rounds passed: {}", n, what.en; "{} 轮全部通过：{}", n, what.zh));
        Ok(())
    }

    /// A TCP server of the suite on 127.0.0.1 and a port the OS chose.
    pub fn tcp_server(&self) -> Result<TcpServerPeer, Stop> {
        TcpServerPeer::bind(self.trace.clone())
    }

    /// A UDP socket of the suite on 127.0.0.1 and a port the OS chose.
    pub fn udp(&self) -> Result<UdpPeer, Stop> {
        self.udp_as(crate::msg!("the peer"; "对端"), "127.0.0.1:0")
    }

    /// A named UDP socket bound to `addr`.
    pub fn udp_as(&self, name: Msg, addr: &str) -> Result<UdpPeer, Stop> {
        UdpPeer::bind(name, addr, self.trace.clone())
    }
}

impl Drop for Test {
    fn drop(&mut self) {
        self.reaper.kill_all();
    }
}

/// Programs that bind UDP: the readiness line is `bound to IP:PORT`.
impl Test {
    /// Start the exercise's program with `args` and wait for its
    /// `bound to IP:PORT` line: the readiness signal and the address.
    pub fn start_bound(&self, args: &[&str]) -> Result<(Proc, SocketAddr), Stop> {
        let mut program = self.start(args)?;
        let addr = program.expect_address("bound to", START)?;
        Ok((program, addr))
    }
}
