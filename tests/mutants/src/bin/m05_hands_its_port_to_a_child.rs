//! Serves its client, then starts a helper process that inherits the
//! listening socket (as its standard input) and outlives it: the program
//! exits, but its port stays taken by a socket that is still open.
//! program: 05
//! rejected-by: releases_its_port_when_done
//! kind: wrong
//! clause: 05.close-and-exit
//! diagnosis: check
//! diagnosis: check

use common::{fail, say};
use netlings_mutants::listen::{Start, listen};
use std::io::{BufRead, BufReader, Write};
use std::os::fd::OwnedFd;
use std::process::{Command, Stdio};

fn main() {
    // The start every server of the corpus shares, without a flaw.
    let (listener, local) = listen("m05 [IP:PORT]", Start::Right);
    say(format!("listening on {local}"));
    let (mut stream, peer) = listener
        .accept()
        .unwrap_or_else(|e| fail("accept failed", &e));
    say(format!("client connected from {peer}"));
    let mut message = Vec::new();
    let _ = BufReader::new(&stream).read_until(b'\n', &mut message);
    let text = String::from_utf8_lossy(message.strip_suffix(b"\n").unwrap_or(&message));
    say(format!("received from {peer}: {text}"));
    let _ = stream.write_all("数据已收到\n".as_bytes());
    drop(stream);
    // The flaw: the listening socket goes to a process that lives on.
    let _helper = Command::new("sleep")
        .arg("60")
        .stdin(Stdio::from(OwnedFd::from(listener)))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}
