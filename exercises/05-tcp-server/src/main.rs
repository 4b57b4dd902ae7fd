//! Exercise 05: a TCP server that serves one client (notes §5.1).
//!
//! Read README.md beside this file for the task and the contract, then
//! replace each `todo!` with real code, step by step. Check your work with
//!
//!     cargo xtask check exercise-05
//!
//! The checks tell you which step is missing and what went wrong.

// While the stub still has `todo!`s the code after them is unreachable and
// some names are unused; delete these two lines when you are done.
#![allow(unreachable_code, clippy::diverging_sub_expression)]
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

use common::{Args, fail, say};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};

/// The reply the server sends, as in the notes, followed by `\n`.
const REPLY: &str = "数据已收到";

fn main() {
    // Step 0, the address to listen on: the first argument, or the notes'
    // default 127.0.0.1:8080. The `common` crate keeps the course's
    // conventions: `Args::parse(usage, &[], &[])` reads the arguments and
    // `.addr(0, default)` parses `IP:PORT`, exiting with code 2 and one
    // sentence when it is not valid (port 65536, 256.1.1.1, ...).
    let addr: SocketAddr =
        todo!("step 0: read the address with Args::parse(..).addr(0, \"127.0.0.1:8080\")");

    // Steps 1-3, socket + bind + listen: in Rust one call does all three,
    // `TcpListener::bind(addr)`. If it fails (the port is taken, say), call
    // `fail("cannot listen on ...", &error)`: it prints one sentence and
    // exits with code 1.
    let listener: TcpListener = todo!("step 1-3: create a listening socket with TcpListener::bind");

    // Print `listening on IP:PORT` with the address the OS really bound
    // (`listener.local_addr()`): when the port is 0 the OS picks one, and
    // this line is how a client learns it. Use `say`, which flushes.
    todo!("step 3: print `listening on IP:PORT` with listener.local_addr()");

    // Step 4, accept: wait for a client. You get a new socket just for it,
    // and its address (IP and the port its OS picked). Print
    // `client connected from IP:PORT`. accept can fail too (no file
    // descriptor left): `fail` with one sentence, never unwrap.
    let (stream, peer): (TcpStream, SocketAddr) = todo!("step 4: accept a client");

    // Step 5, recv: read one message, which is a line ending in `\n`.
    // Careful: TCP is a stream of bytes, one message may arrive in several
    // pieces. Read until the newline (BufReader::read_until), not just once.
    // If the client closed without sending anything (you read 0 bytes),
    // print `client IP:PORT closed without sending` and stop.
    // Otherwise print `received from IP:PORT: MESSAGE` (without the `\n`
    // and nothing else: no trim; use String::from_utf8_lossy so bytes that
    // are not UTF-8 cannot crash you). If the read fails (the client reset
    // the connection), say so in one sentence and exit 1: `fail` does both.
    todo!("step 5: receive one message (a line) and print it");

    // Step 6, send: reply `数据已收到\n` (UTF-8). Use write_all, which keeps
    // writing until every byte is sent. It fails if the client has reset
    // the connection meanwhile: `fail` again, never unwrap.
    todo!("step 6: send the reply");

    // Step 7, close: the client must see the connection close. In Rust a
    // socket closes when its value is dropped, e.g. at the end of `main`.
}
