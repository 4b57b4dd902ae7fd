//! Exercise 03: a UDP server on a fixed port that answers every datagram at
//! the sender's own address (notes §4 "binding a UDP port", the UDP server).
//!
//! Read README.md beside this file for the task and the contract, then
//! replace each `todo!` with real code, step by step. Check your work with
//!
//!     cargo xtask check exercise-03
//!
//! The checks tell you which step is missing and what went wrong.

// While the stub still has `todo!`s the code after them is unreachable and
// some names are unused; delete these two lines when you are done.
#![allow(unreachable_code, clippy::diverging_sub_expression)]
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

use common::{Args, explain, fail, say};
use std::io::ErrorKind;
use std::net::{SocketAddr, UdpSocket};

fn main() {
    // Step 0, the arguments: the address to bind (default 127.0.0.1:7852,
    // the notes' server) and an optional `--count N`, the number of
    // datagrams to answer before exiting. `Args::parse(usage, &["--count"],
    // &[])` reads them; `.addr(0, default)` and `.value("--count")` parse
    // them (exit 2 and one sentence on a bad value).
    let addr: SocketAddr =
        todo!("step 0: read the address with Args::parse(..).addr(0, \"127.0.0.1:7852\")");
    let count: Option<u64> = todo!("step 0: read --count with .value(\"--count\")");

    // Steps 1-2, socket + bind: a server binds a FIXED port, so clients know
    // where to find it (`UdpSocket::bind(addr)`). When bind fails, call
    // `fail("cannot bind ...", &error)`: one sentence, exit 1. It explains
    // the two usual reasons: "address already in use" (another socket holds
    // the port) and "permission denied" (ports below 1024 need privilege).
    let socket: UdpSocket = todo!("step 1-2: bind a UDP socket with UdpSocket::bind");

    // Print `bound to IP:PORT` with `socket.local_addr()` (port 0 lets the
    // OS choose), using `say`: clients wait for this line.
    todo!("step 2: print `bound to IP:PORT` with socket.local_addr()");

    // Step 3, serve every client, in a loop (stop after `count` datagrams
    // if given):
    // - `recv_from` one datagram (a buffer for the largest, 65 507 bytes)
    //   and print `received from IP:PORT: MESSAGE` as in exercise 02;
    // - reply with the same bytes (an echo) to the address recv_from gave
    //   you: the client's own IP and port, never a port you chose;
    // - if a reply cannot be sent, print a warning on stderr and go on.
    todo!("step 3: answer every datagram at its sender's address");

    // Step 4, close: the socket closes when it is dropped at the end of
    // `main`.
}
