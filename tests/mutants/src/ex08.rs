//! Exercise 08 (UDP chat) with one flaw at a time.

use common::{Args, fail, say};
use std::io::{self, BufRead, Read};
use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::thread;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// The notes' chat 001: read a line, send it, then block on recv_from.
    AlternatesSendAndReceive,
    /// Sends from a second, unbound socket: another source port.
    SendsFromASecondSocket,
    /// Sends the line EXIT like any other and keeps going.
    IgnoresExit,
    /// On EXIT, joins the receiving thread, which is blocked in recv_from.
    HangsOnExit,
    /// Sends each line with its `\n`.
    AppendsANewline,
    /// No receiving thread: after each typed line, prints what has arrived.
    PrintsAfterTheNextLine,
    /// The notes' recvfrom(1024).
    SmallReceiveBuffer,
    /// Binds 127.0.0.1 and the given port, whatever IP it is given.
    BindsLoopbackOnly,
    /// `String::from_utf8(..).unwrap()` on what arrives.
    PanicsOnInvalidUtf8,
    /// Sends each typed line trimmed.
    TrimsTypedLines,
    /// Compares the line with `EXIT` while its `\r` is still on: `EXIT\r\n`
    /// is sent and the chat goes on.
    ComparesExitWithItsCarriageReturn,
    /// Connects its socket to the peer: datagrams from anyone else are
    /// dropped by the kernel.
    ConnectsToItsPeer,
    /// Prints nothing for an empty datagram.
    SkipsEmptyDatagrams,
    /// Prints what arrived trimmed.
    TrimsWhatArrived,
    /// Ends at any line that starts with EXIT.
    StopsAtExitPrefix,
    /// Sends only lines that end in `\n`: a last line without it is lost.
    DropsAnUnterminatedLine,
    /// Drops the `\n` but keeps a `\r` before it.
    KeepsTheCarriageReturn,
    /// Ends the chat (exit 1) at a line too long for a datagram.
    ExitsOnALongLine,
    /// Reads at most 65 507 bytes at a time: a long line goes out in pieces.
    SendsLongLinesInPieces,
    /// Reads at most a datagram (and `\r\n`) of a line, refuses it when too
    /// long, but does not throw the rest away: it goes out as a line.
    SendsTheRestOfALongLine,
    /// `>=` for `>`: the longest line that fits (65 507 bytes) is refused.
    RefusesTheLongestLine,
    /// Binds 0.0.0.0 with the port given and prints the IP it was given.
    BindsEveryAddress,
    /// Binds 127.0.0.1:7999 (exercise 02's) when no address is given.
    WrongDefaultAddress,
    /// Reads its arguments with `std::env::args()`.
    ArgsWithEnvArgs,
    /// Without a peer argument, sends to the notes' 127.0.0.1:7890 rather than to itself.
    DefaultPeerIsTheNotesPort,
    /// `UdpSocket::bind(local).unwrap()`: a taken port panics.
    PanicsOnBindError,
}

pub fn chat(flaw: Flaw) {
    if flaw == Flaw::ArgsWithEnvArgs {
        crate::args_as_strings();
    }
    let args = Args::parse("m08 [LOCAL [PEER]]", &[], &[]).at_most(2);
    let default = if flaw == Flaw::WrongDefaultAddress {
        "127.0.0.1:7999"
    } else {
        "127.0.0.1:7890"
    };
    let mut local = args.addr(0, default);
    let given = local;
    if flaw == Flaw::BindsEveryAddress {
        local.set_ip([0, 0, 0, 0].into());
    }
    let peer_arg = args.positional(1).map(|_| args.addr(1, ""));
    if flaw == Flaw::BindsLoopbackOnly {
        local = SocketAddr::from(([127, 0, 0, 1], local.port()));
    }
    let socket = if flaw == Flaw::PanicsOnBindError {
        UdpSocket::bind(local).unwrap()
    } else {
        UdpSocket::bind(local).unwrap_or_else(|e| fail("cannot bind", &e))
    };
    let mut bound = socket
        .local_addr()
        .unwrap_or_else(|e| fail("no address", &e));
    if flaw == Flaw::BindsEveryAddress {
        bound.set_ip(given.ip());
    }
    let peer = if flaw == Flaw::DefaultPeerIsTheNotesPort {
        peer_arg.unwrap_or(SocketAddr::from(([127, 0, 0, 1], 7890)))
    } else {
        peer_arg.unwrap_or(bound)
    };
    say(format!("bound to {bound}"));
    if flaw == Flaw::ConnectsToItsPeer {
        socket
            .connect(peer)
            .unwrap_or_else(|e| fail("cannot connect", &e));
    }
    let socket = Arc::new(socket);
    let threaded = !matches!(
        flaw,
        Flaw::AlternatesSendAndReceive | Flaw::PrintsAfterTheNextLine
    );
    let receiver = threaded.then(|| {
        let socket = Arc::clone(&socket);
        thread::spawn(move || {
            loop {
                receive_one(&socket, flaw);
            }
        })
    });
    let sender = if flaw == Flaw::SendsFromASecondSocket {
        Arc::new(UdpSocket::bind("0.0.0.0:0").unwrap_or_else(|e| fail("cannot bind", &e)))
    } else {
        Arc::clone(&socket)
    };
    let mut input = io::stdin().lock();
    loop {
        let mut line = Vec::new();
        let read = if flaw == Flaw::SendsLongLinesInPieces {
            input.by_ref().take(65_507).read_until(b'\n', &mut line)
        } else if flaw == Flaw::SendsTheRestOfALongLine {
            input.by_ref().take(65_509).read_until(b'\n', &mut line)
        } else {
            input.read_until(b'\n', &mut line)
        };
        if !matches!(read, Ok(1..)) {
            break;
        }
        let ended = line.last() == Some(&b'\n');
        if flaw == Flaw::DropsAnUnterminatedLine && !ended {
            break;
        }
        let mut exit_with_cr = false;
        if ended {
            line.pop();
            exit_with_cr = line == b"EXIT";
            if flaw != Flaw::KeepsTheCarriageReturn && line.last() == Some(&b'\r') {
                line.pop();
            }
        }
        if flaw == Flaw::TrimsTypedLines {
            line = line.trim_ascii().to_vec();
        }
        let exit = if flaw == Flaw::StopsAtExitPrefix {
            line.starts_with(b"EXIT")
        } else if flaw == Flaw::ComparesExitWithItsCarriageReturn {
            exit_with_cr
        } else {
            line == b"EXIT"
        };
        let longest = if flaw == Flaw::RefusesTheLongestLine {
            65_506
        } else {
            65_507
        };
        if line.len() > longest {
            if flaw == Flaw::ExitsOnALongLine {
                fail("cannot send", &io::Error::other("the line is too long"));
            }
            eprintln!("error: that line is longer than one datagram can carry; it was not sent");
            continue;
        }
        if exit && flaw != Flaw::IgnoresExit {
            if flaw == Flaw::HangsOnExit
                && let Some(receiver) = receiver
            {
                let _ = receiver.join();
            }
            return;
        }
        if flaw == Flaw::AppendsANewline {
            line.push(b'\n');
        }
        let _ = sender.send_to(&line, peer);
        match flaw {
            Flaw::AlternatesSendAndReceive => {
                receive_one(&socket, flaw);
            }
            Flaw::PrintsAfterTheNextLine => {
                let _ = socket.set_nonblocking(true);
                while receive_one(&socket, flaw) {}
                let _ = socket.set_nonblocking(false);
            }
            _ => {}
        }
    }
    if flaw == Flaw::HangsOnExit
        && let Some(receiver) = receiver
    {
        let _ = receiver.join();
    }
}

/// Receive and print one datagram; false when none was waiting.
fn receive_one(socket: &UdpSocket, flaw: Flaw) -> bool {
    let size = if flaw == Flaw::SmallReceiveBuffer {
        1024
    } else {
        65_536
    };
    let mut buf = vec![0u8; size];
    let Ok((n, from)) = socket.recv_from(&mut buf) else {
        return false;
    };
    if n == 0 && flaw == Flaw::SkipsEmptyDatagrams {
        return true;
    }
    let text = if flaw == Flaw::PanicsOnInvalidUtf8 {
        String::from_utf8(buf[..n].to_vec()).unwrap()
    } else {
        String::from_utf8_lossy(&buf[..n]).into_owned()
    };
    let text = if flaw == Flaw::TrimsWhatArrived {
        text.trim()
    } else {
        &text
    };
    say(format!(">>> from {from}: {text}"));
    true
}
