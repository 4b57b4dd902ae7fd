//! Exercise 01: send each line you type as one UDP datagram (notes §1.1, §4,
//! the UDP client).
//!
//! Read README.md beside this file for the task and the contract, then
//! replace each `todo!` with real code, step by step. Check your work with
//!
//!     cargo xtask check exercise-01
//!
//! The checks tell you which step is missing and what went wrong.

// While the stub still has `todo!`s the code after them is unreachable and
// some names are unused; delete these two lines when you are done.
#![allow(unreachable_code, clippy::diverging_sub_expression)]
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

use common::{Args, fail, say};
use std::io::{self, BufRead, Read};
use std::net::{SocketAddr, UdpSocket};

/// The largest payload of one UDP datagram over IPv4.
const MAX_DATAGRAM: usize = 65_507;

fn main() {
    // Step 0, where to send: every argument is a destination `IP:PORT`;
    // without any, the notes' server 127.0.0.1:7852. Read them with
    // `Args::parse(usage, &[], &[])`; `.positional(i)` tells you whether an
    // i-th argument exists and `.addr(i, default)` parses it, exiting with
    // code 2 and one sentence when it is not a valid address.
    let destinations: Vec<SocketAddr> = todo!(
        "step 0: read the destinations with Args::parse(..) and .addr(i, \"127.0.0.1:7852\")"
    );

    // Step 1, create the socket: ONE socket for the whole run. The notes'
    // client never binds: the OS gives it a free port when it first sends.
    // In Rust a UdpSocket is made by `UdpSocket::bind`; bind "0.0.0.0:0"
    // (any local address, port 0 = "OS, you choose"), which is the very
    // request Python makes for you. Never choose a port yourself.
    // Then ask the socket which port it got: `socket.local_addr()`.
    let socket: UdpSocket = todo!("step 1: create one UDP socket on 0.0.0.0:0");

    // Step 2, sendto: read standard input line by line (as bytes). Each
    // line, without its newline, is one datagram: send it with
    // `socket.send_to(&line, destination)` to every destination, and after
    // each send print `sent N bytes from LOCAL to DESTINATION`, where LOCAL
    // is the socket's own address (`local_addr()`).
    // An empty line is an empty datagram; the line `EXIT`, or the end of
    // input, ends the program. A datagram carries at most 65 507 bytes.
    todo!("step 2: send each line of standard input as one datagram");

    // Step 3, close: the socket closes when it is dropped at the end of
    // `main`, and the OS takes its port back.
}
