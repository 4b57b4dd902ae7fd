//! Exercise 02: bind a UDP port and print every datagram that arrives
//! (notes §4, the receive side of the UDP chat).
//!
//! Read README.md beside this file for the task and the contract, then
//! replace each `todo!` with real code, step by step. Check your work with
//!
//!     cargo xtask check exercise-02
//!
//! The checks tell you which step is missing and what went wrong.

// While the stub still has `todo!`s the code after them is unreachable and
// some names are unused; delete these two lines when you are done.
#![allow(unreachable_code, clippy::diverging_sub_expression)]
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

use common::{Args, fail, say};
use std::io::ErrorKind;
use std::net::{SocketAddr, UdpSocket};

fn main() {
    // Step 0, the arguments: the address to bind (default 127.0.0.1:7999,
    // the chat's) and an optional `--count N`, the number of datagrams to
    // print before exiting. `Args::parse(usage, &["--count"], &[])` reads
    // them; `.addr(0, default)` parses the address and `.value("--count")`
    // the count (both exit with code 2 and one sentence on a bad value).
    let addr: SocketAddr =
        todo!("step 0: read the address with Args::parse(..).addr(0, \"127.0.0.1:7999\")");
    let count: Option<u64> = todo!("step 0: read --count with .value(\"--count\")");

    // Steps 1-2, socket + bind: `UdpSocket::bind(addr)`. Binding a fixed
    // port is how senders find you: the OS delivers every datagram for that
    // port to this socket. If it fails (another program holds the port),
    // `fail("cannot bind ...", &error)` prints one sentence and exits 1.
    let socket: UdpSocket = todo!("step 1-2: bind a UDP socket with UdpSocket::bind");

    // Print `bound to IP:PORT` with the address the OS really bound
    // (`socket.local_addr()`; with port 0 the OS chose one). Use `say`,
    // which flushes at once: the sender waits for this line.
    todo!("step 2: print `bound to IP:PORT` with socket.local_addr()");

    // Step 3, recvfrom: in a loop (stop after `count` datagrams if given),
    // `socket.recv_from(&mut buf)` returns one whole datagram and its
    // sender. Print `received from IP:PORT: MESSAGE`, one line each:
    // - the buffer must hold the largest datagram (65 507 bytes): a smaller
    //   one cuts longer datagrams and the rest is lost;
    // - an empty datagram is a message too, not the end;
    // - decode with String::from_utf8_lossy (any bytes may arrive) and show
    //   `\n` and `\r` inside a message as the two characters `\n` and `\r`.
    todo!("step 3: receive datagrams and print each with its sender");

    // Step 4, close: the socket is closed when it is dropped at the end of
    // `main`.
}
