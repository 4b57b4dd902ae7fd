//! Exercise 08: a full-duplex UDP chat on one socket (notes §4, chats
//! 001, 002 and the threaded chat 014).
//!
//! Read README.md beside this file for the task and the contract, then
//! replace each `todo!` with real code, step by step. Check your work with
//!
//!     cargo xtask check exercise-08
//!
//! The checks tell you which step is missing and what went wrong.

// While the stub still has `todo!`s the code after them is unreachable and
// some names are unused; delete these two lines when you are done.
#![allow(unreachable_code, clippy::diverging_sub_expression)]
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

use common::{Args, explain, fail, say};
use std::io::{self, BufRead, ErrorKind, Read};
use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::thread;

/// The largest payload one UDP datagram can carry over IPv4.
const MAX_DATAGRAM: usize = 65_507;

fn main() {
    // Step 0, the arguments: first this program's own address (default
    // 127.0.0.1:7890, the notes' port), then the peer's address. Without a
    // peer the chat talks to itself, as the notes do by sending to their
    // own port. `Args::parse(usage, &[], &[]).at_most(2)` reads them;
    // `.addr(0, "127.0.0.1:7890")` parses the first (exit code 2 and one
    // sentence when it is not valid); `.positional(1)` tells whether a peer
    // was given, and `.addr(1, "")` parses it.
    let local: SocketAddr = todo!(
        "step 0: read this program's address with Args::parse(..).addr(0, \"127.0.0.1:7890\")"
    );
    let peer_arg: Option<SocketAddr> = todo!("step 0: read the peer's address, if one was given");

    // Step 1, bind: `UdpSocket::bind(local)`. The bound port is how others
    // reach you, and it is also the port everything you send leaves from,
    // so make exactly ONE socket and use it for both directions. If bind
    // fails (the port is taken, say) call `fail("cannot bind ...", &error)`.
    // Then print `bound to IP:PORT` with `socket.local_addr()` (port 0 lets
    // the OS choose) using `say`, which flushes at once.
    let socket: UdpSocket = todo!("step 1: bind one UDP socket and print `bound to IP:PORT`");
    let peer: SocketAddr =
        todo!("step 1: the peer, or this socket's own address when none was given");

    // Step 2, receive in a thread of its own (the notes' chat 014). The
    // notes' first chat sends, then waits for a reply: while it waits for
    // the keyboard, nothing that arrives is shown. Instead, start a thread
    // that loops on `recv_from` and prints each datagram at once as
    //     >>> from IP:PORT: TEXT
    // (String::from_utf8_lossy, so bytes that are not UTF-8 cannot crash
    // you). Make the buffer big enough for any datagram (65 507 bytes):
    // a smaller one cuts long datagrams short. Share the one socket with
    // the thread through an `Arc` (recv_from and send_to take `&self`).
    todo!("step 2: start a thread that prints every datagram that arrives");

    // Step 3, send: read standard input line by line; send each line,
    // without its newline, as one datagram to the peer with `send_to`.
    // A datagram is a whole message by itself and needs no end marker.
    todo!("step 3: send each typed line to the peer as one datagram");

    // Step 4, EXIT: the line `EXIT` (or the end of the input) ends the
    // program at once, with exit code 0 — even though the receiving thread
    // is blocked in `recv_from`. Think about how: can you wait for (join)
    // that thread? What happens to it when `main` returns?
    todo!("step 4: stop on the line EXIT (or the end of the input)");
}
