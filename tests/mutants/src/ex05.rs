//! Exercise 05 (TCP server) with one flaw at a time.

use crate::listen::{Start, listen};
use common::{fail, say};
use std::io::{BufRead, BufReader, Read, Write};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// Reads the message but never answers.
    NeverReplies,
    /// Sends the reply as soon as the client connects.
    RepliesBeforeReading,
    /// The notes' `recv(1024)`: one read, whatever it returns is "the message".
    SingleFixedRead,
    /// Prints its own address where the client's belongs.
    PrintsOwnPort,
    /// `String::from_utf8(..).unwrap()` on what the client sent.
    PanicsOnInvalidUtf8,
    /// Replies, then keeps the connection open forever.
    NeverCloses,
    /// Binds 0.0.0.0 (every address) with the port it was given, and
    /// prints the address it was given.
    BindsEveryAddress,
    /// Pops the last byte of the message, newline or not.
    PopsTheLastByte,
    /// Trims the message before printing it.
    TrimsTheMessage,
    /// Drops a `\r` before the final `\n` too ("handles Windows line
    /// endings"): the message loses a byte the client sent.
    DropsTheCarriageReturn,
    /// Takes a message of blanks only (an empty line) for "nothing sent".
    TakesABlankLineForNoMessage,
    /// `read_until(..).unwrap()`.
    PanicsOnReadError,
    /// `write_all(..).unwrap()` on the reply.
    PanicsOnWriteError,
    /// `read_until(..).unwrap_or(0)`: a reset looks like a silent client.
    TreatsAResetAsAClose,
    /// Parses its argument with `.parse::<SocketAddr>().unwrap()`.
    PanicsOnABadArgument,
    /// `TcpListener::bind(..).unwrap()`.
    PanicsWhenTheAddressIsInUse,
    /// Prints the message with its `\n`: a blank line follows it.
    KeepsTheNewline,
    /// `listener.accept().unwrap()`.
    PanicsOnAcceptError,
    /// Writes its lines through a `BufWriter` it never flushes.
    BufferedStdout,
    /// The step that replies is still the stub's `todo!`.
    TodoAtReply,
    /// Puts a `[server] ` label before every line it prints.
    LabelsItsLines,
    /// Prints the address it was given (port 0) instead of the one bound.
    PrintsTheRequestedAddress,
    /// Exits with code 2 (a usage error) when the address is in use.
    ExitsTwoWhenInUse,
    /// Replies, then aborts the connection (SO_LINGER 0): RST, not FIN.
    ResetsInsteadOfClosing,
    /// Explains that it cannot listen on standard output.
    ExplainsOnStdout,
    /// Says `listening on` before it binds.
    SaysListeningBeforeBinding,
    /// Sends its reply to a client that sent nothing, as the notes' server does.
    RepliesToASilentClient,
    /// Reads at most 8 KiB of the message.
    CapsTheMessageAt8KiB,
    /// Reads 1000 bytes at a time and decodes each read on its own: a
    /// character split between two reads turns into U+FFFD.
    DecodesEachRead,
}

/// Print one line as this flawed server does.
fn print_line(flaw: Flaw, out: &mut impl Write, line: String) {
    match flaw {
        Flaw::BufferedStdout => {
            let _ = writeln!(out, "{line}");
        }
        Flaw::LabelsItsLines => say(format!("[server] {line}")),
        _ => say(line),
    }
}

pub fn server(flaw: Flaw) {
    let start = match flaw {
        Flaw::PanicsOnABadArgument => Start::PanicsOnABadArgument,
        Flaw::BindsEveryAddress => Start::BindsEveryAddress,
        Flaw::PanicsWhenTheAddressIsInUse => Start::PanicsWhenTheAddressIsInUse,
        Flaw::PrintsTheRequestedAddress => Start::PrintsTheRequestedAddress,
        Flaw::ExitsTwoWhenInUse => Start::ExitsTwoWhenInUse,
        Flaw::ExplainsOnStdout => Start::ExplainsOnStdout,
        Flaw::SaysListeningBeforeBinding => Start::SaysListeningBeforeBinding,
        _ => Start::Right,
    };
    let (listener, local) = listen("m05 [IP:PORT]", start);
    let mut out = std::io::BufWriter::new(std::io::stdout());
    if !crate::listen::SAID.load(std::sync::atomic::Ordering::Relaxed) {
        print_line(flaw, &mut out, format!("listening on {local}"));
    }
    let accepted = listener.accept();
    let (mut stream, peer) = if flaw == Flaw::PanicsOnAcceptError {
        accepted.unwrap()
    } else {
        accepted.unwrap_or_else(|e| fail("accept failed", &e))
    };
    let shown_peer = if flaw == Flaw::PrintsOwnPort {
        local
    } else {
        peer
    };
    print_line(
        flaw,
        &mut out,
        format!("client connected from {shown_peer}"),
    );
    if flaw == Flaw::RepliesBeforeReading {
        let _ = stream.write_all("数据已收到\n".as_bytes());
    }
    let mut message = Vec::new();
    if flaw == Flaw::SingleFixedRead {
        let mut buf = [0u8; 1024];
        let n = stream.read(&mut buf).unwrap_or(0);
        message.extend_from_slice(&buf[..n]);
    } else if flaw == Flaw::DecodesEachRead {
        let mut text = String::new();
        let mut buf = [0u8; 1000];
        loop {
            match (&stream).read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    text.push_str(&String::from_utf8_lossy(&buf[..n]));
                    if buf[..n].ends_with(b"\n") {
                        break;
                    }
                }
                Err(e) => fail("reading from the client failed", &e),
            }
        }
        message = text.into_bytes();
    } else {
        let cap = if flaw == Flaw::CapsTheMessageAt8KiB {
            8192
        } else {
            u64::MAX
        };
        let read = BufReader::new(&stream)
            .take(cap)
            .read_until(b'\n', &mut message);
        match read {
            _ if flaw == Flaw::TreatsAResetAsAClose => {}
            Ok(_) => {}
            Err(e) if flaw == Flaw::PanicsOnReadError => panic!("recv failed: {e}"),
            Err(e) => fail("reading from the client failed", &e),
        }
    }
    let blank = flaw == Flaw::TakesABlankLineForNoMessage && message.trim_ascii().is_empty();
    if message.is_empty() || blank {
        print_line(
            flaw,
            &mut out,
            format!("client {shown_peer} closed without sending"),
        );
        if flaw == Flaw::RepliesToASilentClient {
            let _ = (&stream).write_all("数据已收到\n".as_bytes());
        }
        return;
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
    print_line(
        flaw,
        &mut out,
        format!("received from {shown_peer}: {text}"),
    );
    if flaw == Flaw::TodoAtReply {
        todo!("step 5: reply to the client");
    }
    if flaw != Flaw::NeverReplies && flaw != Flaw::RepliesBeforeReading {
        let sent = stream.write_all("数据已收到\n".as_bytes());
        match sent {
            Ok(()) => {}
            Err(e) if flaw == Flaw::PanicsOnWriteError => panic!("send failed: {e}"),
            Err(e) => fail("replying to the client failed", &e),
        }
    }
    if flaw == Flaw::ResetsInsteadOfClosing {
        // A zero linger time turns close into an abort: the kernel sends RST
        // and throws away what is unsent, instead of FIN after the data.
        let socket = socket2::SockRef::from(&stream);
        let _ = socket.set_linger(Some(std::time::Duration::ZERO));
        drop(stream);
        return;
    }
    if flaw == Flaw::NeverCloses || flaw == Flaw::NeverReplies {
        // Hold the connection open until the grader gives up.
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        std::thread::park();
    }
}
