//! Exercise 07, reference solution: the download server.
//!
//! The notes' server (§5.3) reads the requested file whole into memory,
//! sends it in one go, opens any path it is given, and sends nothing at all
//! for a missing file, so a client cannot tell "missing" from "empty". This
//! one answers with a header the client can rely on, streams the file in
//! small pieces, and serves only what lies inside its root directory. The
//! contract is in `exercises/07-file-download/README.md`.

use common::{Args, explain, fail, say};
use std::fs::File;
use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// The longest file name we read. The name is a line from the network: a
/// bound keeps one client that never sends a newline from filling memory.
const MAX_NAME: u64 = 4096;

/// How much of the file is in memory at once, whatever its size.
const CHUNK: usize = 64 * 1024;

/// Clients are served one after another, so one that connects and says
/// nothing, or stops reading, would hold up everyone behind it: give up on
/// such a client after these times. The contract promises 3 s for the
/// name (a read that brings nothing for that long ends the client).
const NAME_TIMEOUT: Duration = Duration::from_secs(3);
const WRITE_TIMEOUT: Duration = Duration::from_secs(60);

/// What the server answers to one request.
enum Answer {
    /// `OK <size>`, then the bytes.
    File(File, u64),
    /// `MISSING`: nothing by that name inside the root.
    Missing,
    /// `REFUSED <reason>`: we will not serve that name.
    Refused(String),
}

fn main() {
    let args = Args::parse("ex07-server [IP:PORT] [--root DIR]", &["--root"], &[]).at_most(1);
    let addr = args.addr(0, "127.0.0.1:8080");
    let root: String = args.value("--root").unwrap_or_else(|| ".".to_string());

    // The root as the OS sees it, with every symbolic link resolved: a
    // requested file is served only if its own resolved path lies under it.
    let root =
        std::fs::canonicalize(&root).unwrap_or_else(|e| fail(format!("cannot serve {root}"), &e));
    if !root.is_dir() {
        let e = io::Error::new(ErrorKind::NotADirectory, "not a directory");
        fail(format!("cannot serve {}", root.display()), &e);
    }

    let listener =
        TcpListener::bind(addr).unwrap_or_else(|e| fail(format!("cannot listen on {addr}"), &e));
    let local = listener
        .local_addr()
        .unwrap_or_else(|e| fail("cannot read the bound address", &e));
    say(format!("listening on {local}"));

    // Like the notes' looping server: one client after another, forever.
    // Anything that goes wrong with one client is that client's problem;
    // the server reports it and goes on to the next.
    loop {
        match listener.accept() {
            Ok((stream, peer)) => serve(&stream, peer, &root),
            // accept can fail for one connection (the client gave up before
            // we took it, or we ran out of file descriptors for a moment).
            Err(e) => eprintln!("accept failed: {}", explain(&e)),
        }
    }
}

/// Answer one client: read the name, then send the header and the file.
fn serve(stream: &TcpStream, peer: SocketAddr, root: &Path) {
    let _ = stream.set_read_timeout(Some(NAME_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let name = match read_name(stream) {
        Ok(Some(name)) => name,
        Ok(None) => {
            say(format!("client {peer} closed without asking"));
            return;
        }
        Err(e) => {
            say(format!("client {peer}: no name arrived: {}", explain(&e)));
            return;
        }
    };
    let shown = String::from_utf8_lossy(&name).into_owned();
    say(format!("request from {peer}: {shown}"));

    match find(root, &name) {
        Answer::Missing => {
            let _ = (&*stream).write_all(b"MISSING\n");
            say(format!("missing {shown}"));
        }
        Answer::Refused(reason) => {
            let _ = (&*stream).write_all(format!("REFUSED {reason}\n").as_bytes());
            say(format!("refused {shown}: {reason}"));
        }
        Answer::File(file, size) => match send(stream, file, size) {
            Ok(()) => say(format!("sent {size} bytes of {shown} to {peer}")),
            Err(e) => say(format!("sending {shown} to {peer} failed: {}", explain(&e))),
        },
    }
    // Returning drops nothing we own, but the caller's `stream` is dropped
    // right after: closing the connection is how the client learns the end.
}

/// Read the requested name: one line, without its `\n` (and a `\r` before
/// it, as `nc -C` or telnet send). `None` when the client sent nothing.
fn read_name(stream: &TcpStream) -> io::Result<Option<Vec<u8>>> {
    // The name may arrive in several pieces: read up to the newline, not
    // "one recv". `take` bounds the line.
    let mut name = Vec::new();
    BufReader::new(stream)
        .take(MAX_NAME + 1)
        .read_until(b'\n', &mut name)?;
    if name.is_empty() {
        return Ok(None);
    }
    if name.last() == Some(&b'\n') {
        name.pop();
        if name.last() == Some(&b'\r') {
            name.pop();
        }
    }
    Ok(Some(name))
}

/// Decide what to answer for `name`, opening the file if it is to be sent.
fn find(root: &Path, name: &[u8]) -> Answer {
    let refused = |why: &str| Answer::Refused(why.to_string());
    if name.len() as u64 > MAX_NAME {
        return refused("the name is too long");
    }
    let Ok(name) = std::str::from_utf8(name) else {
        return refused("the name is not UTF-8");
    };
    if name.is_empty() || name.contains('\0') {
        return refused("the name is empty or holds a NUL byte");
    }
    // First by the name alone: a name is a path relative to the root made
    // of plain parts. `..` climbs out of the root, and an absolute path
    // would replace it (`root.join("/etc/passwd")` is `/etc/passwd`).
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    if !plain {
        return refused(
            "only names inside the served directory are allowed (no `..`, no absolute path)",
        );
    }
    // Then by where it really leads: a symbolic link inside the root can
    // point anywhere. canonicalize resolves every link; the result must
    // still be under the (resolved) root.
    let real: PathBuf = match std::fs::canonicalize(root.join(relative)) {
        Ok(real) => real,
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            return Answer::Missing;
        }
        Err(e) => return Answer::Refused(format!("it cannot be opened: {}", explain(&e))),
    };
    if !real.starts_with(root) {
        return refused("it leads outside the served directory");
    }
    // Look before opening: opening a named pipe waits for a writer (for
    // ever, and the clients behind this one with it), and a device may do
    // anything. Only a regular file is opened.
    match std::fs::metadata(&real) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return refused("it is not a regular file"),
        Err(e) => return Answer::Refused(format!("it cannot be read: {}", explain(&e))),
    }
    // Open the resolved path, so what we checked is what we send.
    // It exists and is a regular file: failing to open it now (no read
    // permission, say) is a refusal, never "missing".
    let file = match File::open(&real) {
        Ok(file) => file,
        Err(e) => return Answer::Refused(format!("it cannot be opened: {}", explain(&e))),
    };
    match file.metadata() {
        Ok(meta) if meta.is_file() => Answer::File(file, meta.len()),
        Ok(_) => refused("it is not a regular file"),
        Err(e) => Answer::Refused(format!("it cannot be read: {}", explain(&e))),
    }
}

/// Send `OK <size>\n` and then exactly `size` bytes of `file`, a chunk at a
/// time: memory use does not depend on the file's size.
fn send(mut stream: &TcpStream, file: File, size: u64) -> io::Result<()> {
    stream.write_all(format!("OK {size}\n").as_bytes())?;
    // `take(size)`: we promised `size` bytes, so we send no more even if
    // the file grows meanwhile.
    let mut file = file.take(size);
    let mut chunk = vec![0u8; CHUNK];
    let mut sent = 0u64;
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        // write_all, not write: one write may take only part of the chunk
        // (a timeout, a signal); write_all goes on until all of it is out.
        // When the client reads slowly, this blocks: TCP's flow control
        // holds us back instead of us piling the file up in memory.
        stream.write_all(&chunk[..n])?;
        sent += n as u64;
    }
    if sent < size {
        // The file shrank while we sent it. Closing now, short of the
        // promised size, is how the client learns the copy is incomplete.
        return Err(io::Error::new(
            ErrorKind::UnexpectedEof,
            format!("the file shrank to {sent} bytes while it was being sent"),
        ));
    }
    Ok(())
}
