//! Exercise 04: a TCP client that sends lines and shows the replies (notes §5.1).
//!
//! Read README.md beside this file for the task and the contract, then
//! replace each `todo!` with real code, step by step. Check your work with
//!
//!     cargo xtask check exercise-04
//!
//! The checks tell you which step is missing and what went wrong.

// While the stub still has `todo!`s the code after them is unreachable and
// some names are unused; delete these two lines when you are done.
#![allow(unreachable_code, clippy::diverging_sub_expression)]
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

use common::{Args, explain, fail, say};
use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};

fn main() {
    // Step 0, the server's address: the first argument, or the notes'
    // default 127.0.0.1:8080. `Args::parse(usage, &[], &[])` reads the
    // arguments and `.addr(0, default)` parses `IP:PORT`, exiting with
    // code 2 and one sentence when it is not valid (port 65536, 256.1.1.1, ...).
    let server: SocketAddr =
        todo!("step 0: read the address with Args::parse(..).addr(0, \"127.0.0.1:8080\")");

    // Steps 1-2, socket + connect: in Rust one call does both,
    // `TcpStream::connect(server)`. Do not bind first: a client lets the OS
    // pick its port (an ephemeral port) when it connects. If nobody listens
    // there, connect fails with "connection refused": call
    // `fail("cannot connect to ...", &error)`, which prints one sentence and
    // exits with code 1. Then print `connected to IP:PORT` (the server's
    // address) with `say`.
    let stream: TcpStream = todo!("step 1-2: connect to the server with TcpStream::connect");

    // Step 3a, send: read standard input line by line (`io::stdin().lock()`
    // and `read_until(b'\n', ..)` keeps the bytes exactly as typed). Stop at
    // the line `EXIT` (do not send it) or at the end of the input. Send every
    // other line WITH its `\n`: TCP is a stream of bytes with no boundaries,
    // the newline is what tells the server where a message ends. Use
    // `write_all`. If a write fails, the server has closed the connection:
    // stop sending, but still go on to show what it sent.
    todo!("step 3: send each line of standard input until EXIT");

    // Step 3b, say you are done: `stream.shutdown(Shutdown::Write)` closes
    // only your sending side (a half-close). The server reads end-of-stream
    // and knows you have finished, but it can still answer you. If the
    // server is already gone this fails with NotConnected; that is fine.
    todo!("step 3: half-close the connection with shutdown(Shutdown::Write)");

    // Step 3c, receive: read until the server closes the connection (a read
    // returns 0 bytes) and print each line it sent as `received: LINE`
    // (without the `\n`). One read is not one line: a reply may come in
    // pieces, or several lines in one piece, so use a BufReader and
    // read_until(b'\n', ..). Print with String::from_utf8_lossy, so bytes
    // that are not UTF-8 cannot crash you. A ConnectionReset here means the
    // server closed while your lines were on their way: stop, exit 0.
    todo!("step 3: print every line the server sends until it closes");

    // Step 4, close: in Rust a socket closes when its value is dropped,
    // e.g. at the end of `main`.
}
