//! Exercise 01 (UDP sender) with one flaw at a time.

use common::{Args, fail, say};
use std::io::{BufRead, Read};
use std::net::{SocketAddr, UdpSocket};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// Opens a new socket for every line, so each leaves from another port.
    SocketPerLine,
    /// Sends the line with its newline.
    AppendsNewline,
    /// Binds a fixed source port instead of letting the OS choose.
    BindsAFixedSourcePort,
    /// `connect`s the socket and stops at the first refusal (ICMP port unreachable).
    ConnectedSocketStopsOnRefusal,
    /// Sends only to the first destination it is given.
    OnlyFirstDestination,
    /// Reads all of its input, then sends it as one datagram.
    MergesLines,
    /// Reports its port as Python's getsockname() does before the first send: 0.
    ReportsPortBeforeSending,
    /// `parse().unwrap()` on the destination.
    PanicsOnBadDestination,
    /// Drops the `\n` but keeps a `\r` before it.
    KeepsTheCarriageReturn,
    /// Sends `line.trim()`: the blanks of the message are lost.
    TrimsTheLine,
    /// Stops at any line that starts with `EXIT`.
    StopsAtExitPrefix,
    /// Compares the line with `EXIT` before dropping a `\r`: `EXIT\r\n` is sent.
    ComparesExitWithItsCarriageReturn,
    /// Takes only a line that ends in `\n` for `EXIT`: a last `EXIT` is sent.
    ExitNeedsItsNewline,
    /// Sends only lines that end in `\n`: a last line without it is lost.
    DropsAnUnterminatedLine,
    /// Sends the line as `String::from_utf8_lossy`: bytes that are not UTF-8 become U+FFFD.
    SendsLossyText,
    /// Reads at most 65 507 bytes at a time: a longer line goes out in pieces.
    TruncatesLongLines,
    /// Binds 127.0.0.1:0 instead of 0.0.0.0:0 and reports that address.
    BindsLoopback,
    /// Sends to 127.0.0.1:8080 when no destination is given.
    WrongDefaultDestination,
    /// Reads its arguments with `std::env::args()`.
    ArgsWithEnvArgs,
    /// Skips empty lines, as if there were nothing to send.
    SkipsEmptyLines,
    /// Picks a "random" port of its own (from its process id), not the OS's.
    PicksItsOwnPort,
}

pub fn sender(flaw: Flaw) {
    if flaw == Flaw::ArgsWithEnvArgs {
        crate::args_as_strings();
    }
    let args = Args::parse("m01 [IP:PORT ...]", &[], &[]);
    let mut destinations: Vec<SocketAddr> = Vec::new();
    if flaw == Flaw::PanicsOnBadDestination {
        let text = args.positional(0).unwrap_or("127.0.0.1:7852");
        destinations.push(text.parse().unwrap());
    } else {
        while args.positional(destinations.len()).is_some() {
            destinations.push(args.addr(destinations.len(), ""));
        }
    }
    if destinations.is_empty() {
        let default = if flaw == Flaw::WrongDefaultDestination {
            "127.0.0.1:8080"
        } else {
            "127.0.0.1:7852"
        };
        destinations.push(args.addr(0, default));
    }
    if flaw == Flaw::OnlyFirstDestination {
        destinations.truncate(1);
    }
    let open = || {
        let at = if flaw == Flaw::BindsAFixedSourcePort {
            "0.0.0.0:7851"
        } else if flaw == Flaw::BindsLoopback {
            "127.0.0.1:0"
        } else {
            "0.0.0.0:0"
        };
        if flaw == Flaw::PicksItsOwnPort {
            let port = 40_000 + (std::process::id() % 20_000) as u16;
            return UdpSocket::bind(("0.0.0.0", port))
                .unwrap_or_else(|e| fail("cannot create a UDP socket", &e));
        }
        UdpSocket::bind(at).unwrap_or_else(|e| fail("cannot create a UDP socket", &e))
    };
    let mut socket = open();
    if flaw == Flaw::ConnectedSocketStopsOnRefusal {
        socket
            .connect(destinations[0])
            .unwrap_or_else(|e| fail("cannot connect", &e));
    }
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut input = std::io::stdin().lock();
    if flaw == Flaw::MergesLines {
        let mut all = Vec::new();
        let _ = input.read_to_end(&mut all);
        lines.push(all.split(|&b| b == b'\n').collect::<Vec<_>>().concat());
    }
    loop {
        let mut line = Vec::new();
        if flaw == Flaw::MergesLines {
            match lines.pop() {
                Some(all) => line = all,
                None => break,
            }
        } else {
            let read = if flaw == Flaw::TruncatesLongLines {
                input.by_ref().take(65_507).read_until(b'\n', &mut line)
            } else {
                input.read_until(b'\n', &mut line)
            };
            match read {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            let ended = line.last() == Some(&b'\n');
            if flaw == Flaw::DropsAnUnterminatedLine && !ended {
                break;
            }
            let mut exit_seen = false;
            if flaw != Flaw::AppendsNewline && ended {
                line.pop();
                exit_seen = flaw == Flaw::ComparesExitWithItsCarriageReturn && line == b"EXIT";
                if flaw != Flaw::KeepsTheCarriageReturn
                    && flaw != Flaw::ComparesExitWithItsCarriageReturn
                    && line.last() == Some(&b'\r')
                {
                    line.pop();
                }
            }
            if flaw == Flaw::TrimsTheLine {
                line = line.trim_ascii().to_vec();
            }
            if flaw == Flaw::SendsLossyText {
                line = String::from_utf8_lossy(&line).into_owned().into_bytes();
            }
            let exit = if flaw == Flaw::StopsAtExitPrefix {
                line.starts_with(b"EXIT")
            } else if flaw == Flaw::ComparesExitWithItsCarriageReturn {
                if exit_seen {
                    break;
                }
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                false
            } else if flaw == Flaw::ExitNeedsItsNewline {
                ended && line == b"EXIT"
            } else {
                line.strip_suffix(b"\n").unwrap_or(&line) == b"EXIT"
            };
            if exit {
                break;
            }
            if flaw == Flaw::SkipsEmptyLines && line.is_empty() {
                continue;
            }
            if line.len() > 65_507 {
                let e = std::io::Error::other("the line is longer than one datagram");
                fail("cannot send the line", &e);
            }
        }
        if flaw == Flaw::SocketPerLine {
            socket = open();
        }
        let mut local = socket
            .local_addr()
            .unwrap_or_else(|e| fail("no address", &e));
        if flaw == Flaw::ReportsPortBeforeSending {
            local.set_port(0);
        }
        for to in &destinations {
            let sent = if flaw == Flaw::ConnectedSocketStopsOnRefusal {
                socket.send(&line)
            } else {
                socket.send_to(&line, to)
            };
            match sent {
                Ok(n) => say(format!("sent {n} bytes from {local} to {to}")),
                Err(e) => fail(format!("cannot send to {to}"), &e),
            }
        }
    }
}
