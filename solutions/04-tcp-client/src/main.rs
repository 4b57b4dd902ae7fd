//! Exercise 04, reference solution: a TCP client that sends lines and shows
//! the replies.
//!
//! The notes' steps (§5.1): socket → connect → send/recv → close. The
//! contract is in `exercises/04-tcp-client/README.md`.

use common::{Args, explain, fail, say};
use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};

/// The longest line we hold in memory at once. A line-reading client must
/// bound its buffer, or a server that never sends a newline could exhaust
/// memory; a longer line is shown in pieces of this size.
const MAX_LINE: u64 = 64 * 1024;

fn main() {
    let args = Args::parse("ex04-tcp-client [IP:PORT]", &[], &[]).at_most(1);
    let server = args.addr(0, "127.0.0.1:8080");

    // Steps 1-2: socket + connect. No bind: connect picks our address and
    // an ephemeral port for us; a client has no reason to sit on a fixed
    // port (two copies of it could not run at once). When nobody listens,
    // connect fails with "connection refused": a foreseeable error, told
    // in one sentence, not a panic.
    let stream = TcpStream::connect(server)
        .unwrap_or_else(|e| fail(format!("cannot connect to {server}"), &e));
    say(format!("connected to {server}"));

    // Step 3, send: every line typed, until EXIT or the end of the input.
    send_lines(&stream);

    // Tell the server we are done sending, but keep our receiving side
    // open: shutdown(Write) is the half-close. The server reads
    // end-of-stream (0 bytes) and can still answer. If the server is
    // already gone the connection is closed and there is nothing to shut
    // down; that is not an error for us.
    match stream.shutdown(Shutdown::Write) {
        Err(e) if e.kind() != ErrorKind::NotConnected => {
            fail("cannot close the sending side", &e);
        }
        _ => {}
    }

    // Step 3, receive: everything the server sends, until it closes.
    show_replies(&stream);

    // Step 4, close: `stream` is dropped at the end of `main`, which closes
    // the socket.
}

/// Send each line of standard input, with its `\n` (a TCP stream has no
/// message boundaries of its own: the newline is what ends a message),
/// until the line `EXIT` or the end of the input. `EXIT` itself is not sent.
fn send_lines(mut stream: &TcpStream) {
    let mut input = io::stdin().lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        // Read bytes, not a String: what is typed is sent exactly as typed.
        match input.read_until(b'\n', &mut line) {
            Ok(0) => return, // end of input: the same as EXIT
            Ok(_) => {}
            Err(e) => fail("cannot read standard input", &e),
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if line == b"EXIT" {
            return;
        }
        line.push(b'\n');
        // write_all keeps writing until every byte is out (Python's
        // sendall); a single write may send only part.
        if let Err(e) = stream.write_all(&line) {
            // The server has closed (or reset) the connection: nobody is
            // left to send to. Stop sending, but still show what it sent.
            eprintln!(
                "note: the server closed the connection ({}); nothing more is sent",
                explain(&e)
            );
            return;
        }
    }
}

/// Print each line the server sends as `received: LINE`, until it closes
/// the connection. One read is not one line: a line may arrive in pieces
/// and several lines may arrive in one piece, so read up to each newline.
fn show_replies(stream: &TcpStream) {
    let mut reader = BufReader::new(stream);
    let mut line = Vec::new();
    loop {
        line.clear();
        match (&mut reader).take(MAX_LINE).read_until(b'\n', &mut line) {
            Ok(0) => return, // the server closed the connection: all shown
            Ok(_) => {}
            // A reset after the server's last line: the server closed while
            // lines were still on their way, and its OS answered them with a
            // reset (RST). Whether that shows on a write or only here depends
            // on timing; either way the server ended the conversation.
            Err(e) if e.kind() == ErrorKind::ConnectionReset => {
                eprintln!("note: the server reset the connection after closing it");
                return;
            }
            Err(e) => fail("receiving from the server failed", &e),
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        // Decode the whole line at once (a piece may end inside a Chinese
        // character), and lossily: bytes that are not UTF-8 show as U+FFFD
        // instead of crashing the client.
        say(format!("received: {}", String::from_utf8_lossy(&line)));
    }
}
