//! Exercise 06: a TCP server that serves clients one after another until
//! EXIT (notes §5.2 and §5.4).
//!
//! Read README.md beside this file for the task and the contract, then
//! replace each `todo!` with real code, step by step. Check your work with
//!
//!     cargo xtask check exercise-06
//!
//! The checks tell you which step is missing and what went wrong.

// While the stub still has `todo!`s the code after them is unreachable and
// some names are unused; delete these two lines when you are done.
#![allow(unreachable_code, clippy::diverging_sub_expression)]
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

use common::{Args, explain, fail, say};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

/// The reply to every message, as in the notes, followed by `\n`.
const REPLY: &str = "数据已收到";

fn main() {
    // Step 0, the address to listen on: the first argument, or the notes'
    // default 127.0.0.1:8080, read with `Args::parse(..).addr(0, ..)` as in
    // exercise 05 (a bad address exits with code 2 and one sentence).
    let addr: SocketAddr =
        todo!("step 0: read the address with Args::parse(..).addr(0, \"127.0.0.1:8080\")");

    // Steps 1-3, socket + bind + listen, ONCE for the whole life of the
    // server: `TcpListener::bind(addr)`, `fail(..)` if it cannot. Then print
    // `listening on IP:PORT` with `listener.local_addr()` and `say`.
    let listener: TcpListener = todo!("step 1-3: listen with TcpListener::bind");
    let local: SocketAddr = todo!("step 3: print `listening on IP:PORT`");

    // Start the keyboard watcher (see `watch_keyboard` below): it sets
    // `stop` when EXIT is typed.
    let stop = Arc::new(AtomicBool::new(false));
    watch_keyboard(Arc::clone(&stop), local);

    // Step 4, the loop of §5.2: accept the next client, serve it until it
    // leaves, then accept the next one. After each accept, check `stop`
    // (`stop.load(Ordering::SeqCst)`): if EXIT was typed, leave the loop
    // without serving that connection. Otherwise call `serve`. If accept
    // itself fails (say, no file descriptor is left), print a note on
    // stderr, pause a little (the failure may last) and go on.
    todo!("step 4: loop: accept a client, stop if EXIT was typed, else serve it");

    // Step 7: when `main` ends, `listener` is dropped and the port closes:
    // new clients are refused from now on.
}

/// Steps 5-6 for one client: answer every message until the client leaves.
fn serve(stream: TcpStream, peer: SocketAddr) {
    // Print `client connected from IP:PORT`. Then, in a loop, read one
    // message (a line ending in `\n`) with a BufReader and read_until:
    // a message may arrive in pieces, and two may arrive in one piece.
    // - 0 bytes read: the client closed. Print `client IP:PORT disconnected`
    //   and return.
    // - an error (e.g. the client reset the connection): print
    //   `client IP:PORT disconnected: REASON` and return. Never panic: one
    //   client's trouble must not stop the server.
    // - a message: print `received from IP:PORT: MESSAGE` (no `\n` and no
    //   trim, decoded with String::from_utf8_lossy) and reply `数据已收到\n`
    //   with write_all. If that write fails, the client is gone: print
    //   `client IP:PORT disconnected: REASON` and return.
    // Returning drops `stream`, which closes this client's socket. Do not
    // keep it anywhere, or every client leaks a file descriptor.
    todo!("step 5-6: answer each message until the client closes")
}

/// Read standard input on a thread of its own and stop the server on EXIT.
///
/// The main thread is blocked in accept or in a read, so it cannot watch the
/// keyboard itself. This thread can: when it reads the line `EXIT` (or the
/// input ends) it prints `stopping`, sets `stop`, and then wakes the main
/// thread if it is waiting in accept. Nothing in the standard library can
/// interrupt accept from another thread, but a connection can: the thread
/// connects to the server itself (`TcpStream::connect(listening_on)`; if the
/// server listens on 0.0.0.0, connect to 127.0.0.1 instead). Accept returns,
/// the loop checks `stop`, and leaves.
fn watch_keyboard(stop: Arc<AtomicBool>, listening_on: SocketAddr) {
    thread::spawn(move || {
        todo!("step 4: wait for the line EXIT, print `stopping`, set `stop`, wake accept")
    });
}
