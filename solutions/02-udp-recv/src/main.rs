//! Exercise 02, reference solution: bind a UDP port and print every datagram
//! that arrives, with its sender.
//!
//! The notes' steps (§4, the receive side of the chat): create a datagram
//! socket, bind a fixed address so others can find it, `recvfrom` in a loop,
//! close. The contract is in `exercises/02-udp-recv/README.md`.

use common::{Args, fail, say};
use std::io::ErrorKind;
use std::net::UdpSocket;

/// Bigger than any datagram (65 507 bytes over IPv4, 65 527 over IPv6):
/// `recv_from` silently cuts a datagram that does not fit its buffer, and
/// the rest is lost for good, so the buffer must hold the largest one.
const BUFFER: usize = 65_536;

fn main() {
    let args = Args::parse("ex02-udp-recv [IP:PORT] [--count N]", &["--count"], &[]).at_most(1);
    let addr = args.addr(0, "127.0.0.1:7999");
    // Without --count the receiver runs until it is stopped (Ctrl-C).
    let count: Option<u64> = args.value("--count");

    // Steps 1-2: socket and bind. A receiver binds a fixed address so that
    // senders know where to send; the OS then hands every datagram for that
    // port to this socket. Only one socket may hold it.
    let socket = UdpSocket::bind(addr).unwrap_or_else(|e| fail(format!("cannot bind {addr}"), &e));
    // The address the OS really bound: with port 0 it chose one.
    let local = socket
        .local_addr()
        .unwrap_or_else(|e| fail("cannot read the bound address", &e));
    say(format!("bound to {local}"));

    // Step 3: recvfrom in a loop. Each call returns exactly one datagram
    // (never part of one, never two glued together) and who sent it.
    let mut buf = vec![0u8; BUFFER];
    let mut received = 0u64;
    while count.is_none_or(|n| received < n) {
        let (n, from) = match socket.recv_from(&mut buf) {
            Ok(got) => got,
            // A signal interrupted the wait; nothing was lost, wait again.
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => fail("receiving failed", &e),
        };
        received += 1;
        // An empty datagram is a message too (it is not "the end", as 0
        // bytes is over TCP). Bytes that are not UTF-8 show as U+FFFD.
        say(format!("received from {from}: {}", one_line(&buf[..n])));
    }

    // Step 4: close. The socket is dropped here and the port is free again.
}

/// The message as one line of text: decoded lossily, with line breaks shown
/// as `\n` and `\r` so that one datagram is always one line of output.
fn one_line(data: &[u8]) -> String {
    String::from_utf8_lossy(data)
        .replace('\r', "\\r")
        .replace('\n', "\\n")
}
