//! Bounds the message at 1 KiB instead of 64 KiB: a longer line is cut,
//! printed short and answered as if it were whole.
//! program: 05
//! rejected-by: reads_a_message_longer_than_1024_bytes
//! kind: wrong
//! clause: 05.message
//! diagnosis: check
//! diagnosis: check

use common::{fail, say};
use netlings_mutants::listen::{Start, listen};
use std::io::{BufRead, BufReader, Read, Write};

fn main() {
    // The start every server of the corpus shares, without a flaw.
    let (listener, local) = listen("m05 [IP:PORT]", Start::Right);
    say(format!("listening on {local}"));
    let (mut stream, peer) = listener
        .accept()
        .unwrap_or_else(|e| fail("accept failed", &e));
    say(format!("client connected from {peer}"));
    let mut message = Vec::new();
    // The flaw: the bound is the notes' 1024 bytes, not a line's 64 KiB.
    let _ = BufReader::new(&stream)
        .take(1024)
        .read_until(b'\n', &mut message);
    let text = String::from_utf8_lossy(message.strip_suffix(b"\n").unwrap_or(&message));
    say(format!("received from {peer}: {text}"));
    let _ = stream.write_all("数据已收到\n".as_bytes());
}
