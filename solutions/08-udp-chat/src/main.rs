//! Exercise 08, reference solution: a full-duplex UDP chat on one socket.
//!
//! The notes build the chat three times (§4): 001 sends, then blocks until
//! a reply arrives; 002 offers a menu to send or to receive one message;
//! 014 gives receiving a thread of its own, so a message is printed the
//! moment it arrives while the keyboard is read at the same time. This is
//! 014. The contract is in `exercises/08-udp-chat/README.md`.

use common::{Args, explain, fail, say};
use std::io::{self, BufRead, ErrorKind, Read};
use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::thread;

/// The largest payload one UDP datagram can carry over IPv4
/// (65 535 − 8 bytes of UDP header − 20 bytes of IP header).
const MAX_DATAGRAM: usize = 65_507;

fn main() {
    let args = Args::parse("ex08-udp-chat [LOCAL_IP:PORT [PEER_IP:PORT]]", &[], &[]).at_most(2);
    let local = args.addr(0, "127.0.0.1:7890");
    let peer_arg = args.positional(1).map(|_| args.addr(1, ""));

    // One socket for both directions. A UDP peer is symmetric (no client,
    // no server): the port we bind is where others send to us, and it is
    // also the source port of everything we send, so a reply to "where the
    // message came from" comes back to this very socket.
    let socket =
        UdpSocket::bind(local).unwrap_or_else(|e| fail(format!("cannot bind {local}"), &e));
    let bound = socket
        .local_addr()
        .unwrap_or_else(|e| fail("cannot read the bound address", &e));
    // Without a peer we chat with ourselves, as the notes do by sending to
    // their own port.
    let peer = peer_arg.unwrap_or(bound);
    // From here on datagrams sent to us wait in the socket's receive
    // buffer, so announcing the address before the receiver runs is safe.
    say(format!("bound to {bound}"));

    // Full duplex: the same socket is read by one thread and written by
    // another at the same time. `Arc` shares the one socket (it is not
    // copied); `recv_from` and `send_to` take `&self`, so no lock is needed.
    let socket = Arc::new(socket);
    let receiver = Arc::clone(&socket);
    thread::spawn(move || receive_forever(&receiver));

    send_each_line(&socket, peer);

    // The user typed EXIT (or the input ended). The receiving thread is
    // still blocked in `recv_from`, and that is fine: returning from `main`
    // ends the whole process, that thread included, and the kernel closes
    // the socket. We deliberately do not `join` it — std has no way to
    // interrupt a blocking `recv_from` from another thread, so a join would
    // wait for a datagram that may never come. The alternatives cost more:
    // a read timeout plus a "quit" flag makes the receiver wake up all day
    // and delays the exit by up to one timeout; a wake-up datagram sent to
    // our own port works, but any stranger's datagram would wake it too, so
    // it still needs the flag.
}

/// Print every datagram that arrives, with its sender, until the process ends.
fn receive_forever(socket: &UdpSocket) {
    // One byte more than the largest datagram: a buffer smaller than the
    // datagram silently cuts it (the notes' recvfrom(1024) loses the rest).
    let mut buf = vec![0u8; MAX_DATAGRAM + 1];
    loop {
        match socket.recv_from(&mut buf) {
            Ok((n, from)) => {
                // Bytes that are not UTF-8 are shown with U+FFFD, never a crash.
                say(format!(
                    ">>> from {from}: {}",
                    String::from_utf8_lossy(&buf[..n])
                ));
            }
            // A signal, or an ICMP "port unreachable" left over from an
            // earlier send (the peer was not running): not data, keep going.
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::Interrupted | ErrorKind::ConnectionRefused
                ) => {}
            Err(e) => fail("receiving failed", &e),
        }
    }
}

/// Send each line typed on standard input to `peer`, one datagram per line,
/// until the line `EXIT` or the end of the input.
fn send_each_line(socket: &UdpSocket, peer: SocketAddr) {
    let mut input = io::stdin().lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        // Read at most one datagram's worth (and the newline): a line with
        // no end must not grow our memory without bound.
        let limit = (MAX_DATAGRAM + 2) as u64;
        let n = (&mut input)
            .take(limit)
            .read_until(b'\n', &mut line)
            .unwrap_or_else(|e| fail("reading the keyboard failed", &e));
        if n == 0 {
            return; // end of input (Ctrl-D): like EXIT
        }
        let ended = line.last() == Some(&b'\n');
        if ended {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        }
        if line == b"EXIT" {
            return;
        }
        if line.len() > MAX_DATAGRAM {
            if !ended {
                skip_rest_of_line(&mut input);
            }
            eprintln!(
                "error: that line is longer than one datagram can carry ({MAX_DATAGRAM} bytes); it was not sent"
            );
            continue;
        }
        // The line as it was typed, without its newline: a datagram is a
        // message by itself and needs no end marker. A failed send (say, no
        // route) is reported, and the chat goes on.
        if let Err(e) = socket.send_to(&line, peer) {
            eprintln!("error: sending to {peer} failed: {}", explain(&e));
        }
    }
}

/// Throw away the rest of an over-long line, up to and including its newline.
fn skip_rest_of_line(input: &mut impl BufRead) {
    loop {
        let (done, used) = match input.fill_buf() {
            Ok([]) => return,
            Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                Some(at) => (true, at + 1),
                None => (false, buf.len()),
            },
            Err(e) => fail("reading the keyboard failed", &e),
        };
        input.consume(used);
        if done {
            return;
        }
    }
}
