//! Exercise 01, reference solution: send each line typed as one UDP
//! datagram, without choosing a port of our own.
//!
//! The notes' steps (§1.1, §4, the UDP client): create a datagram socket,
//! `sendto` an address, close. There is no connection: nothing is set up
//! before the first datagram and nobody confirms it arrived. The contract is
//! in `exercises/01-udp-send/README.md`.

use common::{Args, fail, say};
use std::io::{self, BufRead, ErrorKind, Read};
use std::net::{SocketAddr, UdpSocket};

/// The largest payload one UDP datagram can carry over IPv4
/// (65 535 − 8 bytes of UDP header − 20 bytes of IP header).
const MAX_DATAGRAM: usize = 65_507;

fn main() {
    let args = Args::parse("ex01-udp-send [IP:PORT ...]", &[], &[]);
    // Every argument is a destination; without any, the notes' server.
    let mut destinations: Vec<SocketAddr> = Vec::new();
    while args.positional(destinations.len()).is_some() {
        destinations.push(args.addr(destinations.len(), ""));
    }
    if destinations.is_empty() {
        destinations.push(args.addr(0, "127.0.0.1:7852"));
    }

    // Step 1: one socket for the whole run. Python's socket needs no bind:
    // its first `sendto` makes the OS pick a free port. Rust's std makes the
    // same request explicit: bind the unspecified address and port 0, which
    // means "any local address, any port you like" — the OS chooses, exactly
    // as it does for Python. We never pick a port ourselves: two copies of
    // this program would collide, and a sender does not need to be found.
    let any: SocketAddr = if destinations[0].is_ipv4() {
        "0.0.0.0:0"
    } else {
        "[::]:0"
    }
    .parse()
    .expect("a valid literal");
    let socket = UdpSocket::bind(any).unwrap_or_else(|e| fail("cannot create a UDP socket", &e));
    // The port the OS gave us; every datagram of this run leaves from it.
    let local = socket
        .local_addr()
        .unwrap_or_else(|e| fail("cannot read the socket's address", &e));

    // Step 2: sendto, once per line and destination. A line is read with a
    // bound: anything longer than one datagram can carry is an error, not a
    // reason to hold an endless line in memory.
    let mut input = io::stdin().lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        let limit = MAX_DATAGRAM as u64 + 2; // the payload, then "\r\n"
        let read = input.by_ref().take(limit).read_until(b'\n', &mut line);
        match read {
            Ok(0) => break, // end of input
            Ok(_) => {}
            Err(e) => fail("cannot read standard input", &e),
        }
        // The newline ends the line; it is not part of the message. A UDP
        // datagram needs no separator: its boundaries travel with it.
        if line.last() == Some(&b'\n') {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        }
        if line == b"EXIT" {
            break;
        }
        if line.len() > MAX_DATAGRAM {
            let too_long = io::Error::new(
                ErrorKind::InvalidInput,
                format!("a line longer than {MAX_DATAGRAM} bytes does not fit in one UDP datagram"),
            );
            fail("cannot send the line", &too_long);
        }
        for to in &destinations {
            // `send_to` returns as soon as the datagram is handed to the OS.
            // Success says nothing about delivery: if nobody listens at `to`
            // the datagram is simply dropped there, and we are not told.
            match socket.send_to(&line, to) {
                Ok(n) => say(format!("sent {n} bytes from {local} to {to}")),
                Err(e) => fail(format!("cannot send to {to}"), &e),
            }
        }
    }

    // Step 3: close. Dropping the socket at the end of `main` closes it and
    // gives the port back to the OS.
}
