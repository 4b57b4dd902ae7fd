//! Exercise 06, reference solution: a TCP server that serves clients one
//! after another until `EXIT`.
//!
//! The notes' looping server (§5.2, with the remarks of §5.4): bind and
//! listen once, then accept → recv/send until the client closes → close,
//! again and again. The contract is in `exercises/06-looping-server/README.md`.

use common::{Args, explain, fail, say};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

/// The reply to every message, as in the notes; sent as UTF-8 and ended by
/// a newline like every TCP message of the course.
const REPLY: &str = "数据已收到";

/// The longest message we hold in memory; a longer line is handled in
/// pieces of this size, so one client cannot exhaust our memory.
const MAX_MESSAGE: u64 = 64 * 1024;

fn main() {
    let args = Args::parse("ex06-looping-server [IP:PORT]", &[], &[]).at_most(1);
    let addr = args.addr(0, "127.0.0.1:8080");

    // Steps 1-3: socket, bind, listen, once for the whole life of the
    // server. The listening socket only takes in connections; each client
    // gets its own socket from accept.
    let listener =
        TcpListener::bind(addr).unwrap_or_else(|e| fail(format!("cannot listen on {addr}"), &e));
    let local = listener
        .local_addr()
        .unwrap_or_else(|e| fail("cannot read the bound address", &e));
    say(format!("listening on {local}"));

    // The server blocks in accept (waiting for a client) or in recv
    // (waiting for a message) and cannot look at the keyboard meanwhile,
    // so a second thread reads it and raises this flag on EXIT.
    let stop = Arc::new(AtomicBool::new(false));
    watch_keyboard(Arc::clone(&stop), local);

    // Step 4, again and again: accept the next client and serve it to the
    // end. Clients that connect meanwhile wait in the listen queue: this
    // server serves one client at a time.
    loop {
        let accepted = listener.accept();
        // Checked after every accept: EXIT typed while we served a client
        // (or while we waited, see `watch_keyboard`) stops us here, before
        // we serve anyone new.
        if stop.load(Ordering::SeqCst) {
            break;
        }
        match accepted {
            Ok((stream, peer)) => serve(stream, peer),
            // A failed accept (say, no file descriptor left: EMFILE) is a
            // passing shortage, not a reason to stop serving: report it and
            // go on. The failure may last while the connection waits in
            // the queue, so pause a little instead of spinning.
            Err(e) => {
                eprintln!("note: accepting a client failed: {}", explain(&e));
                thread::sleep(Duration::from_millis(100));
            }
        }
    }
    // Step 7: `listener` is dropped here, at the end of `main`: the port is
    // closed, so new clients are refused, and connections still waiting in
    // the queue, never accepted, are reset by the OS.
}

/// Serve one client: answer each message (a line) until the client closes.
fn serve(stream: TcpStream, peer: SocketAddr) {
    say(format!("client connected from {peer}"));
    let mut reader = BufReader::new(&stream);
    let mut message = Vec::new();
    loop {
        message.clear();
        // Step 5, recv. TCP is a byte stream: a message may arrive in
        // pieces and two messages may arrive in one piece, so read up to
        // each newline rather than "one read = one message".
        match (&mut reader)
            .take(MAX_MESSAGE)
            .read_until(b'\n', &mut message)
        {
            // 0 bytes: the client closed its side. This is how a server
            // learns that a client has left (§5.4).
            Ok(0) => {
                say(format!("client {peer} disconnected"));
                break;
            }
            Ok(_) => {}
            // A client that resets (RST) or vanishes ends its own session,
            // never the server.
            Err(e) => {
                say(format!("client {peer} disconnected: {}", explain(&e)));
                break;
            }
        }
        if message.last() == Some(&b'\n') {
            message.pop();
        }
        say(format!(
            "received from {peer}: {}",
            String::from_utf8_lossy(&message)
        ));
        // Step 6, send: one reply per message, every byte of it.
        if let Err(e) = (&stream).write_all(format!("{REPLY}\n").as_bytes()) {
            say(format!("client {peer} disconnected: {}", explain(&e)));
            break;
        }
    }
    // `stream` is dropped when we return: this client's socket is closed
    // (service is over) and its file descriptor is given back. Forgetting
    // this would leak one descriptor per client until the server dies.
}

/// Read standard input on a thread of its own; on the line `EXIT` (or at
/// the end of the input) print `stopping` and make the accept loop stop.
fn watch_keyboard(stop: Arc<AtomicBool>, listening_on: SocketAddr) {
    thread::spawn(move || {
        for line in io::stdin().lock().split(b'\n') {
            match line {
                Ok(line) if line == b"EXIT" => break,
                Ok(_) => continue,
                Err(_) => break, // the keyboard is gone: stop as for EXIT
            }
        }
        say("stopping");
        stop.store(true, Ordering::SeqCst);
        // If the main thread is waiting in accept, nothing in the standard
        // library can interrupt it from here. So we connect to the server
        // ourselves: accept returns, the loop sees the flag and stops. If
        // a client is being served, this connection just waits in the
        // queue and does the same once that client is done.
        let _ = TcpStream::connect(reachable(listening_on));
    });
}

/// An address we can connect to for `listening_on`: a server that listens
/// on every address (0.0.0.0 or ::) is reached through loopback.
fn reachable(listening_on: SocketAddr) -> SocketAddr {
    let ip = match listening_on.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, listening_on.port())
}
