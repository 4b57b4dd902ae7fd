//! Exercise 05, reference solution: a TCP server that serves one client.
//!
//! The notes' steps (§5.1): socket → bind → listen → accept → recv → send →
//! close. The contract is in `exercises/05-tcp-server/README.md`.

use common::{Args, fail, say};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

/// The reply, as in the notes; sent as UTF-8, ended by a newline like every
/// TCP message of the course.
const REPLY: &str = "数据已收到";

/// The longest message we accept. A line-reading server must bound its
/// buffer, or one client that never sends a newline could exhaust memory.
const MAX_MESSAGE: u64 = 64 * 1024;

fn main() {
    let args = Args::parse("ex05-tcp-server [IP:PORT]", &[], &[]).at_most(1);
    let addr = args.addr(0, "127.0.0.1:8080");

    // Steps 1-3: socket, bind, listen. `TcpListener::bind` does all three
    // (with SO_REUSEADDR on Unix, so a restart is not blocked by TIME_WAIT).
    let listener =
        TcpListener::bind(addr).unwrap_or_else(|e| fail(format!("cannot listen on {addr}"), &e));
    // Print the address the OS really gave us: with port 0 it chose one.
    let local = listener
        .local_addr()
        .unwrap_or_else(|e| fail("cannot read the bound address", &e));
    say(format!("listening on {local}"));

    // Step 4: accept. It returns a new socket for this one client; the
    // listening socket stays as it was.
    let (stream, peer) = listener
        .accept()
        .unwrap_or_else(|e| fail("accept failed", &e));
    say(format!("client connected from {peer}"));

    // Step 5: recv. TCP is a byte stream: one message may arrive in several
    // pieces, so read until the newline that ends it (or until the client
    // closes), never "one read = one message".
    let mut message = Vec::new();
    let mut reader = BufReader::new(&stream).take(MAX_MESSAGE);
    if let Err(e) = reader.read_until(b'\n', &mut message) {
        fail(format!("reading from {peer} failed"), &e);
    }
    if message.is_empty() {
        // recv returned 0 bytes: the client closed without sending anything.
        say(format!("client {peer} closed without sending"));
        return;
    }
    if message.last() == Some(&b'\n') {
        message.pop();
    }
    // Bytes that are not UTF-8 are shown with U+FFFD instead of crashing.
    say(format!(
        "received from {peer}: {}",
        String::from_utf8_lossy(&message)
    ));

    // Step 6: send. `write_all` keeps writing until every byte is out
    // (Python's sendall), where a single write may send only part.
    if let Err(e) = (&stream).write_all(format!("{REPLY}\n").as_bytes()) {
        fail(format!("replying to {peer} failed"), &e);
    }

    // Step 7: close. Dropping `stream` closes this client's connection (it
    // reads end-of-stream); dropping `listener` stops accepting. Rust drops
    // both here, at the end of `main`, in reverse order of creation.
}
