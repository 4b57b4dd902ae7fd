//! Exercise 04 (TCP client) with one flaw at a time.

use common::{Args, fail, say};
use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// The notes' `recv(1024)`: one read, whatever it returns is the reply.
    SingleFixedRead,
    /// Prints every read as if it were one line.
    PrintsEachReadAsALine,
    /// Sends the line `EXIT` to the server before stopping.
    SendsExit,
    /// Binds a fixed local port (4004) before connecting.
    BindsAFixedPort,
    /// `TcpStream::connect(..).unwrap()`.
    PanicsOnConnectionRefused,
    /// Sends each line without its newline, as the notes' client did.
    DropsTheNewline,
    /// Waits for the reply without half-closing: both sides wait forever.
    NeverHalfCloses,
    /// Reads and shows the first reply line only.
    ShowsOnlyTheFirstLine,
    /// `String::from_utf8(..).unwrap()` on what the server sent.
    PanicsOnInvalidUtf8,
    /// `write_all(..).unwrap()` and `shutdown(..).unwrap()`.
    PanicsWhenTheServerHasGone,
    /// Treats a reset after the reply as a broken connection: exit 1.
    FailsWhenTheServerResets,
    /// Says nothing when the server resets after its reply.
    StaysSilentOnAReset,
    /// Writes its notes (a failed write, a reset) on standard output.
    NotesOnStdout,
    /// Prints its own address in `connected to`.
    PrintsItsOwnAddress,
    /// Prints `connected to` before it connects.
    SaysConnectedBeforeConnecting,
    /// Trims each typed line before sending it.
    TrimsEachLine,
    /// Skips empty typed lines.
    SkipsEmptyLines,
    /// Reads standard input with `lines()`: text only, `\r\n` stripped.
    ReadsLinesAsText,
    /// Takes `exit`, `Exit` … for `EXIT` (`eq_ignore_ascii_case`).
    TakesExitInAnyCase,
    /// Drops a `\r` before comparing with `EXIT` ("Windows line endings"):
    /// `EXIT\r\n` stops it instead of being sent.
    TakesExitWithACarriageReturnForExit,
    /// Reads the keyboard 1024 bytes at a time: a longer typed line is sent
    /// as several.
    ReadsTypedLinesIn1KiB,
    /// Reads at most 8 KiB of a reply line: a longer one is shown in pieces.
    CapsReplyLinesAt8KiB,
    /// Stops at any typed line that starts with `EXIT`.
    StopsAtLinesStartingWithExit,
    /// Takes a last line without its `\n` for the end of the input.
    DropsAnUnfinishedLastLine,
    /// Parses its argument with `.parse::<SocketAddr>().unwrap()`.
    PanicsOnABadArgument,
    /// Prints each reply line with its `\n`: a blank line after each.
    KeepsTheNewline,
    /// `read_until(..).unwrap()` on the replies.
    PanicsWhenTheServerResets,
    /// Trims each reply line before printing it.
    TrimsTheReply,
    /// Drops a `\r` before each reply line's `\n` too.
    DropsTheCarriageReturn,
    /// Throws away the bytes after the server's last newline.
    DropsAnUnfinishedReplyLine,
}

/// A note about how the connection ended: on stderr, where notes go.
fn note(flaw: Flaw, text: String) {
    if flaw == Flaw::NotesOnStdout {
        say(text);
    } else {
        eprintln!("{text}");
    }
}

fn connect(flaw: Flaw, server: SocketAddr) -> TcpStream {
    if flaw == Flaw::BindsAFixedPort {
        let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
            .unwrap_or_else(|e| fail("socket", &e));
        let _ = socket.set_reuse_address(true);
        let fixed: SocketAddr = "127.0.0.1:4004".parse().expect("an address");
        socket
            .bind(&fixed.into())
            .unwrap_or_else(|e| fail("cannot bind 127.0.0.1:4004", &e));
        socket
            .connect(&server.into())
            .unwrap_or_else(|e| fail("cannot connect", &e));
        return socket.into();
    }
    if flaw == Flaw::PanicsOnConnectionRefused {
        return TcpStream::connect(server).unwrap();
    }
    TcpStream::connect(server).unwrap_or_else(|e| fail(format!("cannot connect to {server}"), &e))
}

pub fn client(flaw: Flaw) {
    let server: SocketAddr = if flaw == Flaw::PanicsOnABadArgument {
        let text = std::env::args().nth(1);
        text.as_deref().unwrap_or("127.0.0.1:8080").parse().unwrap()
    } else {
        Args::parse("m04 [IP:PORT]", &[], &[]).addr(0, "127.0.0.1:8080")
    };
    if flaw == Flaw::SaysConnectedBeforeConnecting {
        say(format!("connected to {server}"));
    }
    let mut stream = connect(flaw, server);
    let shown = if flaw == Flaw::PrintsItsOwnAddress {
        stream.local_addr().unwrap_or(server)
    } else {
        server
    };
    if flaw != Flaw::SaysConnectedBeforeConnecting {
        say(format!("connected to {shown}"));
    }

    let mut input = io::stdin().lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        if flaw == Flaw::ReadsLinesAsText {
            match input.by_ref().lines().next() {
                Some(Ok(text)) => line = text.into_bytes(),
                _ => break,
            }
        } else if flaw == Flaw::ReadsTypedLinesIn1KiB {
            if input
                .by_ref()
                .take(1024)
                .read_until(b'\n', &mut line)
                .unwrap_or(0)
                == 0
            {
                break;
            }
            if line.last() != Some(&b'\n') {
                line.push(b'\n');
            }
        } else if input.read_until(b'\n', &mut line).unwrap_or(0) == 0 {
            break;
        }
        if flaw == Flaw::DropsAnUnfinishedLastLine && line.last() != Some(&b'\n') {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if flaw == Flaw::TrimsEachLine {
            line = line.trim_ascii().to_vec();
        }
        if flaw == Flaw::SkipsEmptyLines && line.is_empty() {
            continue;
        }
        let exit = line == b"EXIT"
            || (flaw == Flaw::StopsAtLinesStartingWithExit && line.starts_with(b"EXIT"))
            || (flaw == Flaw::TakesExitInAnyCase && line.eq_ignore_ascii_case(b"EXIT"))
            || (flaw == Flaw::TakesExitWithACarriageReturnForExit && line == b"EXIT\r");
        if exit && flaw != Flaw::SendsExit {
            break;
        }
        if flaw != Flaw::DropsTheNewline {
            line.push(b'\n');
        }
        let sent = stream.write_all(&line);
        if flaw == Flaw::PanicsWhenTheServerHasGone {
            sent.unwrap();
        } else if let Err(e) = sent {
            note(
                flaw,
                format!("note: the server closed the connection ({e}); sending stops"),
            );
            break;
        }
        if exit {
            break;
        }
    }

    if flaw != Flaw::NeverHalfCloses {
        let shut = stream.shutdown(Shutdown::Write);
        if flaw == Flaw::PanicsWhenTheServerHasGone {
            shut.unwrap();
        } else if let Err(e) = shut
            && e.kind() != ErrorKind::NotConnected
        {
            fail("shutdown", &e);
        }
    }

    if flaw == Flaw::SingleFixedRead || flaw == Flaw::PrintsEachReadAsALine {
        let mut buf = [0u8; 1024];
        loop {
            let n = stream.read(&mut buf).unwrap_or(0);
            if n == 0 {
                break;
            }
            let text = String::from_utf8_lossy(&buf[..n]);
            say(format!("received: {}", text.trim_end_matches('\n')));
            if flaw == Flaw::SingleFixedRead {
                break;
            }
        }
        return;
    }

    let mut reader = BufReader::new(&stream);
    loop {
        let mut line = Vec::new();
        let cap = if flaw == Flaw::CapsReplyLinesAt8KiB {
            8192
        } else {
            u64::MAX
        };
        match (&mut reader).take(cap).read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if flaw == Flaw::PanicsWhenTheServerResets => panic!("recv failed: {e}"),
            Err(e)
                if e.kind() == std::io::ErrorKind::ConnectionReset
                    && flaw != Flaw::FailsWhenTheServerResets =>
            {
                if flaw != Flaw::StaysSilentOnAReset {
                    note(flaw, "note: the server reset the connection".to_string());
                }
                break;
            }
            Err(e) => fail("recv", &e),
        }
        if flaw == Flaw::DropsAnUnfinishedReplyLine && line.last() != Some(&b'\n') {
            break;
        }
        if line.last() == Some(&b'\n') && flaw != Flaw::KeepsTheNewline {
            line.pop();
        }
        if flaw == Flaw::TrimsTheReply {
            line = line.trim_ascii().to_vec();
        }
        if flaw == Flaw::DropsTheCarriageReturn && line.last() == Some(&b'\r') {
            line.pop();
        }
        let text = if flaw == Flaw::PanicsOnInvalidUtf8 {
            String::from_utf8(line).unwrap()
        } else {
            String::from_utf8_lossy(&line).into_owned()
        };
        say(format!("received: {text}"));
        if flaw == Flaw::ShowsOnlyTheFirstLine {
            break;
        }
    }
}
