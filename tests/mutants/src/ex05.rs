//! Exercise 05 (TCP server) with one flaw at a time.

use common::{Args, fail, say};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

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
    /// Replies, then aborts the connection (SO_LINGER 0): RST, not FIN.
    ResetsInsteadOfClosing,
}

pub fn server(flaw: Flaw) {
    let args = Args::parse("m05 [IP:PORT]", &[], &[]);
    let addr = args.addr(0, "127.0.0.1:8080");
    let listener = TcpListener::bind(addr).unwrap_or_else(|e| fail("cannot listen", &e));
    let local = listener
        .local_addr()
        .unwrap_or_else(|e| fail("no address", &e));
    say(format!("listening on {local}"));
    let (mut stream, peer) = listener
        .accept()
        .unwrap_or_else(|e| fail("accept failed", &e));
    let shown_peer = if flaw == Flaw::PrintsOwnPort {
        local
    } else {
        peer
    };
    say(format!("client connected from {shown_peer}"));
    if flaw == Flaw::RepliesBeforeReading {
        let _ = stream.write_all("数据已收到\n".as_bytes());
    }
    let mut message = Vec::new();
    if flaw == Flaw::SingleFixedRead {
        let mut buf = [0u8; 1024];
        let n = stream.read(&mut buf).unwrap_or(0);
        message.extend_from_slice(&buf[..n]);
    } else {
        let _ = BufReader::new(&stream).read_until(b'\n', &mut message);
    }
    if message.is_empty() {
        say(format!("client {shown_peer} closed without sending"));
        return;
    }
    if message.last() == Some(&b'\n') {
        message.pop();
    }
    let text = if flaw == Flaw::PanicsOnInvalidUtf8 {
        String::from_utf8(message).unwrap()
    } else {
        String::from_utf8_lossy(&message).into_owned()
    };
    say(format!("received from {shown_peer}: {text}"));
    if flaw != Flaw::NeverReplies && flaw != Flaw::RepliesBeforeReading {
        let _ = stream.write_all("数据已收到\n".as_bytes());
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
