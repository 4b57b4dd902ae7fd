//! Exercise 02 (UDP receiver) with one flaw at a time.

use common::{Args, fail, say};
use std::net::UdpSocket;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// The notes' `recvfrom(1024)`: longer datagrams are cut.
    Buffer1024,
    /// Drains whatever else is queued after each receive and prints it all as one message.
    MergesDatagrams,
    /// Prints its own address where the sender's belongs.
    PrintsOwnAddress,
    /// Treats an empty datagram as the end, as if it were TCP.
    StopsOnEmptyDatagram,
    /// `String::from_utf8(..).unwrap()` on what arrived.
    PanicsOnInvalidUtf8,
    /// Ignores `--count` and runs forever.
    IgnoresCount,
    /// Prints a message's line breaks as they are, splitting it over lines.
    PrintsNewlinesRaw,
    /// Prints the message trimmed: its blanks (and a final \r\n) are lost.
    TrimsTheMessage,
    /// Ends at a datagram that says EXIT, as the chat's keyboard does.
    StopsAtAnExitDatagram,
    /// Binds 0.0.0.0 with the port given and prints the IP it was given.
    BindsEveryAddress,
    /// Binds 127.0.0.1:7852 (exercise 03's) when no address is given.
    WrongDefaultAddress,
    /// `--count` parsed with `unwrap()`.
    PanicsOnABadCount,
    /// Reads its arguments with `std::env::args()`.
    ArgsWithEnvArgs,
    /// `UdpSocket::bind(addr).unwrap()`: a taken address panics.
    PanicsOnBindError,
    /// Prints `bound to IP:PORT` on standard error (`eprintln!`).
    PrintsItsAddressOnStderr,
    /// Counts only datagrams that carry something: an empty one is printed
    /// but not counted.
    CountsOnlyNonEmptyDatagrams,
    /// Tests the count after each receive: `--count 0` waits for one.
    CountsAfterReceiving,
}

pub fn receiver(flaw: Flaw) {
    if flaw == Flaw::ArgsWithEnvArgs {
        crate::args_as_strings();
    }
    let args = Args::parse("m02 [IP:PORT] [--count N]", &["--count"], &[]);
    let default = if flaw == Flaw::WrongDefaultAddress {
        "127.0.0.1:7852"
    } else {
        "127.0.0.1:7999"
    };
    let addr = args.addr(0, default);
    let mut count: Option<u64> = if flaw == Flaw::PanicsOnABadCount {
        let raw: Vec<String> = std::env::args().collect();
        raw.iter()
            .position(|a| a == "--count")
            .map(|at| raw[at + 1].parse().unwrap())
    } else {
        args.value("--count")
    };
    if flaw == Flaw::IgnoresCount {
        count = None;
    }
    let mut at = addr;
    if flaw == Flaw::BindsEveryAddress {
        at.set_ip([0, 0, 0, 0].into());
    }
    let socket = if flaw == Flaw::PanicsOnBindError {
        UdpSocket::bind(at).unwrap()
    } else {
        UdpSocket::bind(at).unwrap_or_else(|e| fail(format!("cannot bind {addr}"), &e))
    };
    let mut local = socket
        .local_addr()
        .unwrap_or_else(|e| fail("no address", &e));
    if flaw == Flaw::BindsEveryAddress {
        local.set_ip(addr.ip());
    }
    if flaw == Flaw::PrintsItsAddressOnStderr {
        eprintln!("bound to {local}");
    } else {
        say(format!("bound to {local}"));
    }
    let size = if flaw == Flaw::Buffer1024 {
        1024
    } else {
        65_536
    };
    let mut buf = vec![0u8; size];
    let mut received = 0u64;
    loop {
        if flaw != Flaw::CountsAfterReceiving && count.is_some_and(|n| received >= n) {
            break;
        }
        let (n, from) = socket
            .recv_from(&mut buf)
            .unwrap_or_else(|e| fail("receiving failed", &e));
        if flaw != Flaw::CountsOnlyNonEmptyDatagrams || n > 0 {
            received += 1;
        }
        if flaw == Flaw::StopsOnEmptyDatagram && n == 0 {
            return;
        }
        let mut data = buf[..n].to_vec();
        if flaw == Flaw::MergesDatagrams {
            socket.set_nonblocking(true).ok();
            while let Ok((more, _)) = socket.recv_from(&mut buf) {
                data.extend_from_slice(&buf[..more]);
            }
            socket.set_nonblocking(false).ok();
        }
        if flaw == Flaw::StopsAtAnExitDatagram && data.starts_with(b"EXIT") {
            return;
        }
        if flaw == Flaw::TrimsTheMessage {
            data = data.trim_ascii().to_vec();
        }
        let text = if flaw == Flaw::PanicsOnInvalidUtf8 {
            String::from_utf8(data).unwrap()
        } else {
            String::from_utf8_lossy(&data).into_owned()
        };
        let text = if flaw == Flaw::PrintsNewlinesRaw {
            text
        } else {
            text.replace('\r', "\\r").replace('\n', "\\n")
        };
        let shown = if flaw == Flaw::PrintsOwnAddress {
            local
        } else {
            from
        };
        say(format!("received from {shown}: {text}"));
        if flaw == Flaw::CountsAfterReceiving && count.is_some_and(|n| received >= n) {
            break;
        }
    }
}
