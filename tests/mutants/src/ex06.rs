//! Exercise 06 (looping server) with one flaw at a time.

use common::{Args, fail, say};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// Serves one client, then exits.
    ServesOnlyTheFirstClient,
    /// Answers one message per client, then closes it.
    OneMessagePerClient,
    /// Keeps every accepted socket in a list: one descriptor per client.
    LeaksEachConnection,
    /// Unwraps reads: a client's reset kills the server.
    CrashesOnReset,
    /// Never reads standard input.
    IgnoresExit,
    /// Sets the flag on EXIT but never wakes the main thread out of accept.
    NeverWakesAccept,
    /// Wakes accept by connecting to 127.0.0.1, wherever it listens.
    WakesAcceptOn127001,
    /// Reads a message in pieces of at most 1 KiB, each taken for a message.
    CapsTheMessageAt1KiB,
    /// Exits the process on EXIT, cutting off the client being served.
    ExitsAtOnceOnExit,
    /// A thread per client: client 2 is answered while client 1 is served.
    ServesClientsConcurrently,
    /// The notes' loop: one reply per non-empty recv(1024).
    RepliesToEachRead,
    /// Takes the first line of each read and throws the rest away.
    DropsTheRestOfARead,
    /// Names each client by the server's own address.
    PrintsItsOwnAddress,
    /// Copied from exercise 05: a client that sends nothing ends the server.
    StopsAtAClientThatSendsNothing,
}

const REPLY: &[u8] = "数据已收到\n".as_bytes();

pub fn server(flaw: Flaw) {
    let args = Args::parse("m06 [IP:PORT]", &[], &[]);
    let addr = args.addr(0, "127.0.0.1:8080");
    let listener = TcpListener::bind(addr).unwrap_or_else(|e| fail("cannot listen", &e));
    let local = listener
        .local_addr()
        .unwrap_or_else(|e| fail("no address", &e));
    say(format!("listening on {local}"));

    let stop = Arc::new(AtomicBool::new(false));
    if flaw != Flaw::IgnoresExit {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            for line in io::stdin().lock().split(b'\n') {
                match line {
                    Ok(line) if line == b"EXIT" => break,
                    Ok(_) => continue,
                    Err(_) => break,
                }
            }
            say("stopping");
            if flaw == Flaw::ExitsAtOnceOnExit {
                std::process::exit(0);
            }
            stop.store(true, Ordering::SeqCst);
            if flaw == Flaw::WakesAcceptOn127001 {
                let _ = TcpStream::connect(SocketAddr::from(([127, 0, 0, 1], local.port())));
            } else if flaw != Flaw::NeverWakesAccept {
                let _ = TcpStream::connect(local);
            }
        });
    }

    let mut kept = Vec::new();
    loop {
        let accepted = listener.accept();
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok((stream, peer)) = accepted else {
            continue;
        };
        let shown = if flaw == Flaw::PrintsItsOwnAddress {
            local
        } else {
            peer
        };
        if flaw == Flaw::ServesClientsConcurrently {
            thread::spawn(move || {
                serve(flaw, &stream, shown);
            });
            continue;
        }
        let went_on = serve(flaw, &stream, shown);
        if flaw == Flaw::LeaksEachConnection {
            kept.push(stream);
        }
        if flaw == Flaw::ServesOnlyTheFirstClient
            || (flaw == Flaw::StopsAtAClientThatSendsNothing && !went_on)
        {
            return;
        }
    }
}

/// Serve one client; false when it sent nothing at all.
fn serve(flaw: Flaw, stream: &TcpStream, peer: SocketAddr) -> bool {
    say(format!("client connected from {peer}"));
    let mut messages = 0;
    if flaw == Flaw::RepliesToEachRead || flaw == Flaw::DropsTheRestOfARead {
        let mut buf = [0u8; 1024];
        loop {
            let n = match (&*stream).read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let mut message = &buf[..n];
            if flaw == Flaw::DropsTheRestOfARead
                && let Some(end) = message.iter().position(|&b| b == b'\n')
            {
                message = &message[..end];
            }
            let text = String::from_utf8_lossy(message);
            say(format!(
                "received from {peer}: {}",
                text.trim_end_matches('\n')
            ));
            messages += 1;
            if (&*stream).write_all(REPLY).is_err() {
                break;
            }
        }
        say(format!("client {peer} disconnected"));
        return messages > 0;
    }
    let mut reader = BufReader::new(stream);
    let limit = if flaw == Flaw::CapsTheMessageAt1KiB {
        1024
    } else {
        u64::MAX
    };
    loop {
        let mut message = Vec::new();
        match (&mut reader).take(limit).read_until(b'\n', &mut message) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if flaw == Flaw::CrashesOnReset => panic!("recv failed: {e}"),
            Err(_) => break,
        }
        if message.last() == Some(&b'\n') {
            message.pop();
        }
        say(format!(
            "received from {peer}: {}",
            String::from_utf8_lossy(&message)
        ));
        messages += 1;
        if (&*stream).write_all(REPLY).is_err() || flaw == Flaw::OneMessagePerClient {
            break;
        }
    }
    say(format!("client {peer} disconnected"));
    messages > 0
}
