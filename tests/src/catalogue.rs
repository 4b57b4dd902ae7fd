//! The behaviour catalogue and the list of exercises.
//!
//! Each behaviour is one testable claim of the notes (section numbers are the
//! notes' own headings), with what is really true on Linux. `docs/behaviours.md`
//! explains each in prose; a test keeps the two lists equal, and the
//! coverage check fails when a behaviour marked for an exercise has no check
//! there, or a check names a behaviour that does not exist.

use crate::check::Exercise;
use crate::exercises;

/// One testable claim.
pub struct Behaviour {
    pub id: &'static str,
    pub section: &'static str,
    /// The claim in a few words.
    pub claim: &'static str,
    /// The exercises (two-digit ids) that must have a check of it; empty
    /// where nothing can observe it on loopback.
    pub checked_in: &'static [&'static str],
}

const fn b(
    id: &'static str,
    section: &'static str,
    claim: &'static str,
    checked_in: &'static [&'static str],
) -> Behaviour {
    Behaviour {
        id,
        section,
        claim,
        checked_in,
    }
}

pub static BEHAVIOURS: &[Behaviour] = &[
    b(
        "U1",
        "§1.1",
        "UDP needs no connection before sending",
        &["01"],
    ),
    b(
        "U2",
        "§1.1",
        "a UDP sender cannot tell whether its datagram arrived",
        &["01"],
    ),
    b(
        "U3",
        "§1.1",
        "UDP may lose datagrams (a full receive buffer drops them)",
        &["03"],
    ),
    b(
        "U4",
        "§1.1",
        "one UDP socket can send to many receivers",
        &["01"],
    ),
    b(
        "T1",
        "§1.2",
        "TCP connects before it sends; no listener means connection refused",
        &["04"],
    ),
    b(
        "T2",
        "§1.2",
        "a TCP conversation is established, used, then ended",
        &["05"],
    ),
    b(
        "T3",
        "§1.2",
        "a TCP connection joins exactly two endpoints",
        &["06"],
    ),
    b(
        "T4",
        "§1.2",
        "TCP delivers every byte despite packet loss",
        &["07"],
    ),
    b(
        "T5",
        "§1.2",
        "TCP delivers bytes in order, without duplicates",
        &["07"],
    ),
    b(
        "T6",
        "§1.2",
        "TCP checksums its segments (cannot be forced on loopback)",
        &[],
    ),
    b(
        "T7",
        "§1.2",
        "TCP flow control stops a fast sender from overrunning a slow reader",
        &["07"],
    ),
    b(
        "D1",
        "§1.3",
        "TCP is a byte stream; UDP keeps message boundaries",
        &["01", "02", "04"],
    ),
    b(
        "D2",
        "§1.3",
        "UDP peers are symmetric: one socket both sends and receives",
        &["08"],
    ),
    b("D3", "§1.3", "sockets are full duplex", &["08"]),
    b(
        "A1",
        "§2",
        "an IPv4 address is four octets of 0-255",
        &["00"],
    ),
    b(
        "A2",
        "§2",
        "an address has a network part and a host part",
        &["00"],
    ),
    b(
        "A3",
        "§2",
        "hosts on one LAN share the network part",
        &["00"],
    ),
    b("A4", "§2", "classes A-E by the first octet", &["00"]),
    b(
        "A5",
        "§2",
        "the private ranges 10/8, 172.16/12, 192.168/16",
        &["00"],
    ),
    b("A6", "§2", "all of 127.0.0.0/8 is this host", &["00"]),
    b(
        "A7",
        "§2",
        "IPv6 link-local fe80::/10 with a zone index",
        &["00"],
    ),
    b(
        "A8",
        "§2",
        "IPv4 exhaustion and IPv5 (history, not observable)",
        &[],
    ),
    b(
        "P1",
        "§3",
        "ports are 0-65535; port 0 asks the OS to choose",
        &["00", "03"],
    ),
    b(
        "P2",
        "§3",
        "well-known ports 0-1023 need privilege to bind",
        &["00", "03"],
    ),
    b(
        "P3",
        "§3",
        "registered 1024-49151, dynamic 49152-65535; the kernel's ephemeral range",
        &["00"],
    ),
    b(
        "P4",
        "§3",
        "the OS gives a port when one is needed and frees it on close",
        &["01"],
    ),
    b(
        "P5",
        "§3",
        "a client talks from an ephemeral port to the server's fixed one",
        &["03", "05"],
    ),
    b(
        "S1",
        "§4",
        "sockets are made for a family and a type (design, not observable)",
        &[],
    ),
    b(
        "S2",
        "§4",
        "a socket is created, used, then closed like a file",
        &["05"],
    ),
    b(
        "S3",
        "§4",
        "an unbound UDP socket gets a port from the OS at its first send",
        &["01"],
    ),
    b(
        "S4",
        "§4",
        "a bound UDP port receives what is sent to it; no one else can bind it",
        &["02", "03", "08"],
    ),
    b(
        "S5",
        "§4",
        "simplex, half duplex, full duplex; sockets are full duplex",
        &["08"],
    ),
    b(
        "C1",
        "§5.1",
        "a TCP client normally does not bind",
        &["04", "05"],
    ),
    b(
        "C2",
        "§5.1",
        "a TCP server binds, listens, accepts, talks, closes",
        &["05"],
    ),
    b(
        "C3",
        "§5.1",
        "listen makes a socket passive: it accepts connections",
        &["05"],
    ),
    b(
        "C4",
        "§5.1",
        "accept returns a new socket; the listener keeps listening",
        &["06"],
    ),
    b(
        "C5",
        "§5.1",
        "closing the listener stops new clients, not connected ones",
        &["06"],
    ),
    b(
        "C6",
        "§5.1",
        "closing the accepted socket ends that client's service",
        &["05"],
    ),
    b(
        "C7",
        "§5.1",
        "recv returning 0 bytes means the peer closed",
        &["05", "06"],
    ),
    b(
        "C8",
        "§5.2",
        "a looping server serves clients one at a time",
        &["06"],
    ),
    b(
        "C9",
        "§5.1",
        "both ends must agree on the text encoding",
        &["04", "05"],
    ),
    b(
        "C10",
        "§5.1",
        "a restarted server can bind its port again at once",
        &["05"],
    ),
    b(
        "F1",
        "§5.3",
        "the client names a file; the server sends its bytes; the client saves them",
        &["07"],
    ),
    b(
        "F2",
        "§5.3",
        "a missing file is reported and nothing is saved",
        &["07"],
    ),
    b("F3", "§5.3", "files of any size arrive whole", &["07"]),
    b("F4", "§5.3", "binary files arrive byte-exact", &["07"]),
    b("F5", "§5.3", "an empty file is not a missing file", &["07"]),
    b(
        "F6",
        "§5.3",
        "the server serves only inside its root",
        &["07"],
    ),
    b(
        "F7",
        "§5.3",
        "a broken transfer leaves no half file",
        &["07"],
    ),
    b(
        "F8",
        "§5.3",
        "memory stays flat whatever the file size",
        &["07"],
    ),
    b("F9", "§5.3", "file names may be Chinese", &["07"]),
];

/// Every exercise, in order.
pub static EXERCISES: &[&Exercise] = &[&exercises::ex05::EXERCISE, &exercises::ex07::EXERCISE];

pub fn behaviour(id: &str) -> Option<&'static Behaviour> {
    BEHAVIOURS.iter().find(|b| b.id == id)
}

/// Find an exercise by what a learner types: `exercise-05`, `05`, `5`, `ex05`, `05-tcp-server`.
pub fn exercise(handle: &str) -> Option<&'static Exercise> {
    let digits: String = handle
        .trim_start_matches("exercise-")
        .trim_start_matches("ex")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let n: u32 = digits.parse().ok()?;
    EXERCISES
        .iter()
        .copied()
        .find(|e| e.id.parse::<u32>() == Ok(n))
}

/// Behaviours marked for `exercise` that none of its checks names.
pub fn uncovered(exercise: &Exercise) -> Vec<&'static str> {
    BEHAVIOURS
        .iter()
        .filter(|b| b.checked_in.contains(&exercise.id))
        .filter(|b| !exercise.checks.iter().any(|c| c.behaviour == b.id))
        .map(|b| b.id)
        .collect()
}
