//! Exercise 03 (UDP echo server on a fixed port) with one flaw at a time.

use common::{Args, fail, say};
use std::io::ErrorKind;
use std::net::{SocketAddr, UdpSocket};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// Prints the address it was given, so port 0 stays 0.
    PrintsTheRequestedAddress,
    /// Binds 127.0.0.1 whatever IP it is given.
    Binds127001Always,
    /// Sends every reply to a fixed port (8080) on the sender's IP.
    RepliesToAFixedPort,
    /// `connect`s to its first client, then hears and answers no one else.
    TalksOnlyToTheFirstClient,
    /// The notes' server: one datagram, one reply, exit.
    ServesOneDatagram,
    /// When the port is taken, quietly binds another one.
    FallsBackToAnotherPort,
    /// `UdpSocket::bind(..).unwrap()`.
    PanicsOnBindError,
    /// Reads without blocking and exits as soon as nothing is queued.
    ExitsWhenIdle,
    /// The notes' `recvfrom(500)`: longer datagrams are cut.
    Buffer500,
    /// Sends each reply from a new socket of its own.
    RepliesFromASecondSocket,
    /// Treats every failed bind as a bad argument: exit 2.
    ExitsTwoWhenBindFails,
    /// Echoes the message trimmed: its blanks and a final \r\n are lost.
    TrimsBeforeEchoing,
    /// Binds 0.0.0.0 with the port given and prints the IP it was given.
    BindsEveryAddress,
    /// Binds exercise 02's 127.0.0.1:7999 when no address is given.
    WrongDefaultAddress,
    /// Tests the count after each receive: `--count 0` waits for one.
    CountsAfterReceiving,
    /// `--count` parsed with `unwrap()`.
    PanicsOnABadCount,
    /// Reads its arguments with `std::env::args()`.
    ArgsWithEnvArgs,
    /// Writes out `\n` but prints a `\r` as it is.
    EscapesOnlyTheNewline,
}

pub fn server(flaw: Flaw) {
    if flaw == Flaw::ArgsWithEnvArgs {
        crate::args_as_strings();
    }
    let args = Args::parse("m03 [IP:PORT] [--count N]", &["--count"], &[]);
    let default = if flaw == Flaw::WrongDefaultAddress {
        "127.0.0.1:7999"
    } else {
        "127.0.0.1:7852"
    };
    let mut addr = args.addr(0, default);
    let count: Option<u64> = if flaw == Flaw::PanicsOnABadCount {
        let raw: Vec<String> = std::env::args().collect();
        raw.iter()
            .position(|a| a == "--count")
            .map(|at| raw[at + 1].parse().unwrap())
    } else {
        args.value("--count")
    };
    let given = addr;
    if flaw == Flaw::BindsEveryAddress {
        addr.set_ip([0, 0, 0, 0].into());
    }
    if flaw == Flaw::Binds127001Always {
        addr = SocketAddr::new([127, 0, 0, 1].into(), addr.port());
    }
    let socket = match UdpSocket::bind(addr) {
        Ok(socket) => socket,
        Err(_) if flaw == Flaw::FallsBackToAnotherPort => {
            UdpSocket::bind(SocketAddr::new(addr.ip(), 0))
                .unwrap_or_else(|e| fail("cannot bind", &e))
        }
        Err(e) if flaw == Flaw::PanicsOnBindError => panic!("bind failed: {e:?}"),
        Err(e) if flaw == Flaw::ExitsTwoWhenBindFails => {
            eprintln!("cannot bind {addr}: {e}");
            std::process::exit(2);
        }
        Err(e) => fail(format!("cannot bind {addr}"), &e),
    };
    let local = socket
        .local_addr()
        .unwrap_or_else(|e| fail("no address", &e));
    let shown = if flaw == Flaw::PrintsTheRequestedAddress {
        addr
    } else if flaw == Flaw::BindsEveryAddress {
        SocketAddr::new(given.ip(), local.port())
    } else {
        local
    };
    say(format!("bound to {shown}"));
    if flaw == Flaw::ExitsWhenIdle {
        socket.set_nonblocking(true).ok();
    }
    let size = if flaw == Flaw::Buffer500 { 500 } else { 65_536 };
    let mut buf = vec![0u8; size];
    let mut served = 0u64;
    let mut first: Option<SocketAddr> = None;
    loop {
        if flaw != Flaw::CountsAfterReceiving && count.is_some_and(|n| served >= n) {
            break;
        }
        let (n, from) = match socket.recv_from(&mut buf) {
            Ok(got) => got,
            Err(e) if e.kind() == ErrorKind::WouldBlock => return,
            Err(e) => fail("receiving failed", &e),
        };
        served += 1;
        let mut text = String::from_utf8_lossy(&buf[..n]).into_owned();
        if flaw != Flaw::EscapesOnlyTheNewline {
            text = text.replace('\r', "\\r");
        }
        let text = text.replace('\n', "\\n");
        say(format!("received from {from}: {text}"));
        if flaw == Flaw::TalksOnlyToTheFirstClient && first.is_none() {
            first = Some(from);
            socket
                .connect(from)
                .unwrap_or_else(|e| fail("cannot connect", &e));
        }
        let to = if flaw == Flaw::RepliesToAFixedPort {
            SocketAddr::new(from.ip(), 8080)
        } else {
            from
        };
        let reply = if flaw == Flaw::TrimsBeforeEchoing {
            buf[..n].trim_ascii()
        } else {
            &buf[..n]
        };
        if flaw == Flaw::RepliesFromASecondSocket {
            let other = UdpSocket::bind(SocketAddr::new(local.ip(), 0))
                .unwrap_or_else(|e| fail("cannot bind", &e));
            let _ = other.send_to(reply, to);
        } else {
            let _ = socket.send_to(reply, to);
        }
        if flaw == Flaw::ServesOneDatagram {
            return;
        }
        if flaw == Flaw::CountsAfterReceiving && count.is_some_and(|n| served >= n) {
            break;
        }
    }
}
