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
}

pub fn server(flaw: Flaw) {
    let args = Args::parse("m03 [IP:PORT] [--count N]", &["--count"], &[]);
    let mut addr = args.addr(0, "127.0.0.1:7852");
    let count: Option<u64> = args.value("--count");
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
    while count.is_none_or(|n| served < n) {
        let (n, from) = match socket.recv_from(&mut buf) {
            Ok(got) => got,
            Err(e) if e.kind() == ErrorKind::WouldBlock => return,
            Err(e) => fail("receiving failed", &e),
        };
        served += 1;
        let text = String::from_utf8_lossy(&buf[..n]).replace('\n', "\\n");
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
        if flaw == Flaw::RepliesFromASecondSocket {
            let other = UdpSocket::bind(SocketAddr::new(local.ip(), 0))
                .unwrap_or_else(|e| fail("cannot bind", &e));
            let _ = other.send_to(&buf[..n], to);
        } else {
            let _ = socket.send_to(&buf[..n], to);
        }
        if flaw == Flaw::ServesOneDatagram {
            return;
        }
    }
}
