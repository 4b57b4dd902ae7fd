//! See the wire: the packets a check caused, recorded on the loopback of a
//! private network namespace, shown as a sequence diagram and read for
//! causes the process view cannot see.
//!
//! With `--wire` the runner calls [`Session::begin`] on the check's own
//! thread before the check starts anything: the thread moves into a network
//! namespace of its own (`unshare(CLONE_NEWNET)` is per thread, and every
//! program started from the thread inherits it), brings its loopback up and
//! opens an `AF_PACKET` socket bound to it. A reader thread keeps a bounded
//! ring of what passes: the first and the last [`KEEP`] packets, each cut to
//! its headers and [`EXCERPT`] bytes of payload. [`Session::end`] returns a
//! [`Wire`]: the [`Capture`], the [`Roles`] (which port is the suite, which
//! the program) and the [`Finding`]s of [`findings`].
//!
//! Where a namespace cannot be made, [`enable`] says why once and every
//! check runs as it would without `--wire`: the capture never changes a
//! verdict.
//!
//! The interface for diagnoses is one pure function,
//! [`findings`]`(&Capture, &Roles) -> Vec<Finding>`, each finding with a
//! stable id (`reset-not-closed`, `no-close`, `second-socket`,
//! `datagram-cut`, `retransmitted`, `zero-window`) and bilingual text.

mod capture;
mod diagram;
pub mod docs;
mod findings;
mod json;
mod packet;
mod pcap;

pub use capture::{Capture, Packet};
pub use diagram::{Diagram, render};
pub use findings::{Finding, findings};
pub use json::{JSON_PACKETS, Json, JsonFinding, JsonPacket};
pub use packet::{Decoded, Flags, Proto};
pub use pcap::write_pcap;

use crate::msg;
use crate::text::Msg;
use serde::Serialize;
use std::cell::RefCell;
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::SystemTime;

/// How many packets are kept at each end of a check's conversation.
pub const KEEP: usize = 300;
/// How many payload bytes of each packet are kept.
pub const EXCERPT: usize = 48;

/// Whether `--wire` asked for captures, and why they cannot be made here.
static ENABLED: OnceLock<Result<(), Msg>> = OnceLock::new();
/// The probe's capture socket, open for the whole run: while it asks for
/// timestamps the kernel stamps every packet as it arrives, and switching
/// that on takes a moment (a work queue), which a check's first packets
/// must not wait for.
static STAMPING: OnceLock<capture::Ring> = OnceLock::new();

/// Turn captures on for every check this process runs from now on. Returns
/// why they cannot be made here (probed once, on a thread of its own that is
/// thrown away with its namespace), or `None` when they can. Checks run
/// either way; without a namespace they run uncaptured.
pub fn enable() -> Option<Msg> {
    ENABLED
        .get_or_init(|| {
            std::thread::spawn(|| capture::Ring::open().map(|ring| drop(STAMPING.set(ring))))
                .join()
                .unwrap_or_else(|_| Err(msg!("the capture probe crashed"; "抓包探测崩溃了")))
        })
        .clone()
        .err()
}

/// Whether checks are being captured.
pub fn enabled() -> bool {
    matches!(ENABLED.get(), Some(Ok(())))
}

/// One endpoint's side of the conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// A socket of the grader (its peers).
    Suite,
    /// A socket of a program under test.
    Program,
}

/// Who owns a port: a side and a name ("the suite", "the server").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Who {
    pub side: Side,
    pub name: Msg,
}

/// Which address belongs to whom, as the harness learned it: the suite's
/// own sockets as it made them, the programs' as they printed them.
#[derive(Clone, Debug, Default)]
pub struct Roles {
    pub known: Vec<(SocketAddr, Who)>,
    /// The roles of the programs started ("the server"), in order.
    pub programs: Vec<Msg>,
}

impl Roles {
    /// Who `addr` is. A port nobody claimed belongs to a program (the suite
    /// names every socket it makes): the one program, if only one was
    /// started.
    pub fn of(&self, addr: SocketAddr) -> Who {
        let exact = self.known.iter().find(|(a, _)| *a == addr);
        // A program that printed 0.0.0.0:PORT is reached on 127.x.y.z:PORT.
        let by_port = || {
            self.known
                .iter()
                .find(|(a, _)| a.ip().is_unspecified() && a.port() == addr.port())
        };
        if let Some((_, who)) = exact.or_else(by_port) {
            return who.clone();
        }
        let name = match self.programs.as_slice() {
            [one] => one.clone(),
            _ => msg!("a program"; "某个程序"),
        };
        Who {
            side: Side::Program,
            name,
        }
    }

    /// `the server :40112`, `the suite :51230` (every socket of the
    /// suite is "the suite": its peers' own names are in the steps).
    pub fn label(&self, addr: SocketAddr) -> Msg {
        let name = self.name(addr);
        msg!("{} :{}", name.en, addr.port(); "{} :{}", name.zh, addr.port())
    }

    /// `the server`, `the suite`: the role alone.
    pub fn name(&self, addr: SocketAddr) -> Msg {
        let who = self.of(addr);
        match who.side {
            Side::Suite => msg!("the suite"; "评测程序"),
            Side::Program => who.name,
        }
    }
}

/// What one check's capture produced.
#[derive(Debug)]
pub struct Wire {
    pub capture: Capture,
    pub roles: Roles,
    pub findings: Vec<Finding>,
}

thread_local! {
    /// The roles noted on this (check) thread while a session is open.
    static NOTED: RefCell<Option<Roles>> = const { RefCell::new(None) };
}

/// The suite made a socket at `addr` (a peer named `name`). A no-op
/// without a capture on this thread.
pub fn note_suite(addr: SocketAddr, name: &Msg) {
    note(addr, Side::Suite, name);
}

/// A program (`role`) printed that it listens or is bound at `addr`.
pub fn note_program(addr: SocketAddr, role: &Msg) {
    note(addr, Side::Program, role);
}

/// A program (`role`) was started.
pub fn note_started(role: &Msg) {
    NOTED.with(|n| {
        if let Some(roles) = n.borrow_mut().as_mut() {
            roles.programs.push(role.clone());
        }
    });
}

fn note(addr: SocketAddr, side: Side, name: &Msg) {
    NOTED.with(|n| {
        if let Some(roles) = n.borrow_mut().as_mut() {
            roles.known.retain(|(a, _)| *a != addr);
            let name = name.clone();
            roles.known.push((addr, Who { side, name }));
        }
    });
}

/// Whether this thread already lives in a private network namespace made
/// for its capture (so the packet-loss checks add their rule to it instead
/// of leaving it).
pub fn in_private_namespace() -> bool {
    NOTED.with(|n| n.borrow().is_some())
}

/// A capture in progress on the calling (check) thread.
pub struct Session {
    ring: capture::Running,
    began: SystemTime,
}

impl Session {
    /// Start capturing this thread's traffic, or `None` when `--wire` is off
    /// or no namespace can be made (said once by [`enable`]).
    pub fn begin() -> Option<Session> {
        if !enabled() {
            return None;
        }
        let ring = capture::Ring::open().ok()?;
        NOTED.with(|n| *n.borrow_mut() = Some(Roles::default()));
        let began = SystemTime::now();
        Some(Session {
            ring: ring.start(began),
            began,
        })
    }

    /// The check's body is over: what follows is the harness stopping the
    /// programs (a FIN or RST after this line was not the program's choice).
    pub fn body_ended(&self) {
        let now = SystemTime::now().duration_since(self.began);
        self.ring.mark_stop(now.unwrap_or_default());
    }

    /// Stop capturing and read the conversation.
    pub fn end(self) -> Wire {
        let capture = self.ring.finish();
        let roles = NOTED.with(|n| n.borrow_mut().take()).unwrap_or_default();
        let findings = findings(&capture, &roles);
        Wire {
            capture,
            roles,
            findings,
        }
    }
}
