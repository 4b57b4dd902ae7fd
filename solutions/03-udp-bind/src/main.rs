//! Exercise 03, reference solution: a UDP server bound to a fixed port that
//! answers every datagram at the address it came from, with the same bytes
//! (an echo).
//!
//! The notes' steps (§4 "binding a UDP port", the UDP server): create a
//! datagram socket, bind the fixed address clients know, then `recvfrom`
//! and `sendto` the sender's address — for every client, not just one. The
//! contract is in `exercises/03-udp-bind/README.md`.

use common::{Args, explain, fail, say};
use std::io::ErrorKind;
use std::net::UdpSocket;

/// Bigger than any datagram: `recv_from` silently cuts what does not fit.
const BUFFER: usize = 65_536;

fn main() {
    let args = Args::parse("ex03-udp-bind [IP:PORT] [--count N]", &["--count"], &[]).at_most(1);
    let addr = args.addr(0, "127.0.0.1:7852");
    // Without --count the server runs until it is stopped (Ctrl-C).
    let count: Option<u64> = args.value("--count");

    // Steps 1-2: socket and bind. A server binds a fixed port so clients
    // can find it, like an emergency number that never changes. The OS
    // refuses a port another socket holds (address in use) and, for a user
    // without privilege, a port below 1024 (permission denied).
    let socket = UdpSocket::bind(addr).unwrap_or_else(|e| fail(format!("cannot bind {addr}"), &e));
    let local = socket
        .local_addr()
        .unwrap_or_else(|e| fail("cannot read the bound address", &e));
    say(format!("bound to {local}"));

    // Step 3: serve. One socket talks to every client: each recv_from says
    // who sent the datagram, and the reply goes back to exactly that
    // address — the client's IP and the ephemeral port its OS chose.
    let mut buf = vec![0u8; BUFFER];
    let mut served = 0u64;
    while count.is_none_or(|n| served < n) {
        let (n, from) = match socket.recv_from(&mut buf) {
            Ok(got) => got,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => fail("receiving failed", &e),
        };
        served += 1;
        let text = String::from_utf8_lossy(&buf[..n])
            .replace('\r', "\\r")
            .replace('\n', "\\n");
        say(format!("received from {from}: {text}"));
        // A reply that cannot be sent concerns that client only: say so and
        // keep serving the others.
        if let Err(e) = socket.send_to(&buf[..n], from) {
            eprintln!("warning: cannot reply to {from}: {}", explain(&e));
        }
    }

    // Step 4: close. The socket is dropped here and the port is free again.
}
