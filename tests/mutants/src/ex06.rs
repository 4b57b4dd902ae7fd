//! Exercise 06 (looping server) with one flaw at a time.

use crate::listen::{Start, listen};
use common::say;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
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
    /// Passes a client's read error up with `?` out of `main`: a reset
    /// ends the whole server with exit code 1.
    EndsOnAClientError,
    /// Never reads standard input.
    IgnoresExit,
    /// Sets the flag on EXIT but never wakes the main thread out of accept.
    NeverWakesAccept,
    /// Wakes accept by connecting to 127.0.0.1, wherever it listens.
    WakesAcceptOn127001,
    /// Reads a message in pieces of at most 1 KiB, each taken for a message.
    CapsTheMessageAt1KiB,
    /// Reads at most 8 KiB of a message: a longer one counts as several.
    CapsTheMessageAt8KiB,
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
    /// Binds 0.0.0.0 (every address) with the port it was given, and
    /// prints the address it was given.
    BindsEveryAddress,
    /// Trims the message before printing it.
    TrimsTheMessage,
    /// Drops a `\r` before the final `\n` too.
    DropsTheCarriageReturn,
    /// Pops the last byte of every message, newline or not.
    PopsTheLastByte,
    /// `String::from_utf8(..).unwrap()` on a message.
    PanicsOnInvalidUtf8,
    /// Reads messages with `BufRead::lines()`: text only, `\r\n` stripped.
    ReadsLinesAsText,
    /// Prints `disconnected` without a reason when a read fails.
    ReportsAResetAsAClose,
    /// `write_all(..).unwrap()` on the reply.
    PanicsOnWriteError,
    /// `listener.accept().unwrap()`.
    PanicsOnAcceptError,
    /// Looks at the stop flag before `accept`, not after: the connection
    /// that wakes it is served as a client before it stops.
    ChecksTheFlagBeforeAccepting,
    /// After EXIT, answers the current client's next message, then hangs
    /// up on it instead of serving it until it closes.
    HangsUpAfterExit,
    /// Takes `exit`, `Exit` … for `EXIT` (`eq_ignore_ascii_case`).
    TakesExitInAnyCase,
    /// Drops a `\r` before comparing with `EXIT`: `EXIT\r\n` stops it.
    TakesExitWithACarriageReturnForExit,
    /// Stops at any typed line that starts with `EXIT`.
    StopsAtLinesStartingWithExit,
    /// Prints the message with its `\n`: a blank line after each.
    KeepsTheNewline,
    /// Parses its argument with `.parse::<SocketAddr>().unwrap()`.
    PanicsOnABadArgument,
    /// `TcpListener::bind(..).unwrap()`.
    PanicsWhenTheAddressIsInUse,
}

const REPLY: &[u8] = "数据已收到\n".as_bytes();

pub fn server(flaw: Flaw) {
    let start = match flaw {
        Flaw::PanicsOnABadArgument => Start::PanicsOnABadArgument,
        Flaw::BindsEveryAddress => Start::BindsEveryAddress,
        Flaw::PanicsWhenTheAddressIsInUse => Start::PanicsWhenTheAddressIsInUse,
        _ => Start::Right,
    };
    let (listener, local) = listen("m06 [IP:PORT]", start);
    say(format!("listening on {local}"));

    let stop = Arc::new(AtomicBool::new(false));
    if flaw != Flaw::IgnoresExit {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            for line in io::stdin().lock().split(b'\n') {
                match line {
                    Ok(line) if line == b"EXIT" => break,
                    Ok(line)
                        if (flaw == Flaw::TakesExitInAnyCase
                            && line.eq_ignore_ascii_case(b"EXIT"))
                            || (flaw == Flaw::TakesExitWithACarriageReturnForExit
                                && line == b"EXIT\r") =>
                    {
                        break;
                    }
                    Ok(line)
                        if flaw == Flaw::StopsAtLinesStartingWithExit
                            && line.starts_with(b"EXIT") =>
                    {
                        break;
                    }
                    Ok(_) => continue,
                    Err(_) => break,
                }
            }
            say("stopping");
            STOPPING.store(true, std::sync::atomic::Ordering::SeqCst);
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
        if flaw == Flaw::ChecksTheFlagBeforeAccepting && stop.load(Ordering::SeqCst) {
            break;
        }
        let accepted = listener.accept();
        if flaw != Flaw::ChecksTheFlagBeforeAccepting && stop.load(Ordering::SeqCst) {
            break;
        }
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) if flaw == Flaw::PanicsOnAcceptError => panic!("accept failed: {e}"),
            Err(e) => {
                eprintln!("note: accepting a client failed: {e}");
                thread::sleep(std::time::Duration::from_millis(100));
                continue;
            }
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
/// Set once `stopping` is printed (for the flaw that reads it mid-session).
static STOPPING: AtomicBool = AtomicBool::new(false);

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
    } else if flaw == Flaw::CapsTheMessageAt8KiB {
        8192
    } else {
        u64::MAX
    };
    let mut lines = BufReader::new(stream).lines();
    let ended = loop {
        let mut message = Vec::new();
        let read = if flaw == Flaw::ReadsLinesAsText {
            match lines.next() {
                None => Ok(0),
                Some(Ok(line)) => {
                    message = line.into_bytes();
                    message.push(b'\n');
                    Ok(message.len())
                }
                Some(Err(e)) => Err(e),
            }
        } else {
            (&mut reader).take(limit).read_until(b'\n', &mut message)
        };
        match read {
            Ok(0) => break None,
            Ok(_) => {}
            Err(e) if flaw == Flaw::CrashesOnReset => panic!("recv failed: {e}"),
            Err(e) if flaw == Flaw::EndsOnAClientError => {
                // What `fn main() -> io::Result<()>` does with a `?` here.
                eprintln!("Error: {e:?}");
                std::process::exit(1);
            }
            Err(_) if flaw == Flaw::ReportsAResetAsAClose => break None,
            Err(e) => break Some(e),
        }
        if (flaw == Flaw::PopsTheLastByte || message.last() == Some(&b'\n'))
            && flaw != Flaw::KeepsTheNewline
        {
            message.pop();
        }
        if flaw == Flaw::DropsTheCarriageReturn && message.last() == Some(&b'\r') {
            message.pop();
        }
        let text = if flaw == Flaw::PanicsOnInvalidUtf8 {
            String::from_utf8(message).unwrap()
        } else {
            String::from_utf8_lossy(&message).into_owned()
        };
        let text = if flaw == Flaw::TrimsTheMessage {
            text.trim()
        } else {
            &text
        };
        say(format!("received from {peer}: {text}"));
        messages += 1;
        let sent = (&*stream).write_all(REPLY);
        if flaw == Flaw::PanicsOnWriteError {
            sent.unwrap();
        } else if let Err(e) = sent {
            break Some(e);
        }
        if flaw == Flaw::OneMessagePerClient
            || (flaw == Flaw::HangsUpAfterExit
                && STOPPING.load(std::sync::atomic::Ordering::SeqCst))
        {
            break None;
        }
    };
    match ended {
        None => say(format!("client {peer} disconnected")),
        Some(e) => say(format!("client {peer} disconnected: {e}")),
    }
    messages > 0
}
