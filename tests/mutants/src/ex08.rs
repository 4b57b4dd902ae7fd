//! Exercise 08 (UDP chat) with one flaw at a time.

use common::{Args, fail, say};
use std::io::{self, BufRead};
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
}

pub fn chat(flaw: Flaw) {
    let args = Args::parse("m08 [LOCAL [PEER]]", &[], &[]).at_most(2);
    let mut local = args.addr(0, "127.0.0.1:7890");
    let peer_arg = args.positional(1).map(|_| args.addr(1, ""));
    if flaw == Flaw::BindsLoopbackOnly {
        local = SocketAddr::from(([127, 0, 0, 1], local.port()));
    }
    let socket = UdpSocket::bind(local).unwrap_or_else(|e| fail("cannot bind", &e));
    let bound = socket
        .local_addr()
        .unwrap_or_else(|e| fail("no address", &e));
    let peer = peer_arg.unwrap_or(bound);
    say(format!("bound to {bound}"));
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
    for line in io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if line == "EXIT" && flaw != Flaw::IgnoresExit {
            if flaw == Flaw::HangsOnExit
                && let Some(receiver) = receiver
            {
                let _ = receiver.join();
            }
            return;
        }
        let data = if flaw == Flaw::AppendsANewline {
            format!("{line}\n")
        } else {
            line
        };
        let _ = sender.send_to(data.as_bytes(), peer);
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
    let text = if flaw == Flaw::PanicsOnInvalidUtf8 {
        String::from_utf8(buf[..n].to_vec()).unwrap()
    } else {
        String::from_utf8_lossy(&buf[..n]).into_owned()
    };
    say(format!(">>> from {from}: {text}"));
    true
}
