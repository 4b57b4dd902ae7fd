//! Exercise 07 (file download) with one flaw at a time: a server and a
//! client, each a copy of the reference program with `if flaw == …`
//! switches beside the correct code they break.

use common::{Args, explain, fail, say, usage_error};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path};
use std::process;
use std::sync::mpsc;
use std::time::Duration;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    // --- server flaws ---
    /// The notes' `f.read()`: the whole file in memory, then one write.
    WholeFileInMemory,
    /// Joins the root and whatever name arrives: `../x` and `/abs` are served.
    ServesDotDot,
    /// Checks the name for `..` but follows symbolic links out of the root.
    FollowsSymlinks,
    /// The notes' `if content:`: an empty file is answered like a missing one.
    EmptyIsMissing,
    /// A write timeout, and `write` whose count is ignored: a slow reader loses bytes.
    ShortWrites,
    /// Reads the file ahead into an unbounded queue so the socket "never waits".
    ReadsAhead,
    /// Reads the name with one `recv(1024)`.
    SingleRecvName,
    /// Serves one client, then exits.
    ExitsAfterOneClient,
    /// Exits when a client goes away in the middle of a transfer.
    ExitsWhenAClientLeaves,
    // --- client flaws ---
    /// The notes' client: one `recv(1024)` is the whole answer.
    SingleRecv,
    /// Writes straight to `new_NAME`: a broken transfer leaves a half file.
    WritesFinalName,
    /// Saves whatever arrived until the end of the stream, ignoring the size.
    IgnoresSize,
    /// Treats a file with no bytes as a missing one.
    EmptyIsMissingClient,
    /// Replaces an existing `new_NAME` without being told to.
    Overwrites,
    /// Keeps the name's directories: `../x` is saved as `DIR/../new_x`.
    KeepsDirectories,
}

// ---------------------------------------------------------------------------
// The server.

pub fn server(flaw: Flaw) {
    let args = Args::parse("m07-server [IP:PORT] [--root DIR]", &["--root"], &[]).at_most(1);
    let addr = args.addr(0, "127.0.0.1:8080");
    let root: String = args.value("--root").unwrap_or_else(|| ".".to_string());
    let root = std::fs::canonicalize(&root).unwrap_or_else(|e| fail("cannot serve the root", &e));
    let listener = TcpListener::bind(addr).unwrap_or_else(|e| fail("cannot listen", &e));
    let local = listener
        .local_addr()
        .unwrap_or_else(|e| fail("no address", &e));
    say(format!("listening on {local}"));
    loop {
        let Ok((stream, peer)) = listener.accept() else {
            continue;
        };
        serve(flaw, &stream, peer, &root);
        if flaw == Flaw::ExitsAfterOneClient {
            return;
        }
    }
}

fn serve(flaw: Flaw, stream: &TcpStream, peer: SocketAddr, root: &Path) {
    let mut name = Vec::new();
    if flaw == Flaw::SingleRecvName {
        let mut buf = [0u8; 1024];
        let n = (&*stream).read(&mut buf).unwrap_or(0);
        name.extend_from_slice(&buf[..n]);
    } else {
        let _ = BufReader::new(stream)
            .take(4097)
            .read_until(b'\n', &mut name);
    }
    if name.is_empty() {
        say(format!("client {peer} closed without asking"));
        return;
    }
    if name.last() == Some(&b'\n') {
        name.pop();
    }
    let name = String::from_utf8_lossy(&name).into_owned();
    say(format!("request from {peer}: {name}"));
    let mut out = stream;
    let relative = Path::new(&name);
    let plain = relative
        .components()
        .all(|p| matches!(p, Component::Normal(_) | Component::CurDir));
    if !plain && flaw != Flaw::ServesDotDot {
        let _ = out.write_all(b"REFUSED only names inside the served directory\n");
        return;
    }
    let path = root.join(relative);
    if flaw != Flaw::ServesDotDot && flaw != Flaw::FollowsSymlinks {
        match std::fs::canonicalize(&path) {
            Ok(real) if real.starts_with(root) => {}
            Ok(_) => {
                let _ = out.write_all(b"REFUSED it leads outside the served directory\n");
                return;
            }
            Err(_) => {
                let _ = out.write_all(b"MISSING\n");
                return;
            }
        }
    }
    let file = match File::open(&path) {
        Ok(file) if file.metadata().is_ok_and(|m| m.is_file()) => file,
        Ok(_) => {
            let _ = out.write_all(b"REFUSED not a regular file\n");
            return;
        }
        Err(_) => {
            let _ = out.write_all(b"MISSING\n");
            return;
        }
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if flaw == Flaw::EmptyIsMissing && size == 0 {
        let _ = out.write_all(b"MISSING\n");
        return;
    }
    let sent = match flaw {
        Flaw::WholeFileInMemory => send_whole(out, file, size),
        Flaw::ShortWrites => send_short(out, file, size),
        Flaw::ReadsAhead => send_read_ahead(out, file, size),
        _ => send(out, file, size),
    };
    if let Err(e) = sent {
        if flaw == Flaw::ExitsWhenAClientLeaves {
            fail(format!("sending {name} failed"), &e);
        }
        say(format!("sending {name} to {peer} failed: {}", explain(&e)));
    }
}

fn send(mut out: &TcpStream, file: File, size: u64) -> io::Result<()> {
    out.write_all(format!("OK {size}\n").as_bytes())?;
    let mut file = file.take(size);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        out.write_all(&chunk[..n])?;
    }
}

fn send_whole(mut out: &TcpStream, mut file: File, size: u64) -> io::Result<()> {
    let mut content = Vec::new();
    file.read_to_end(&mut content)?;
    out.write_all(format!("OK {size}\n").as_bytes())?;
    out.write_all(&content)
}

fn send_short(mut out: &TcpStream, mut file: File, size: u64) -> io::Result<()> {
    // "So a dead client cannot hang us": a short timeout, and `write`
    // instead of `write_all`, its count dropped.
    out.set_write_timeout(Some(Duration::from_millis(100)))?;
    out.write_all(format!("OK {size}\n").as_bytes())?;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        let _ = out.write(&chunk[..n]);
    }
}

fn send_read_ahead(mut out: &TcpStream, mut file: File, size: u64) -> io::Result<()> {
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        loop {
            let mut chunk = vec![0u8; 64 * 1024];
            match file.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    chunk.truncate(n);
                    if tx.send(chunk).is_err() {
                        return;
                    }
                }
            }
        }
    });
    out.write_all(format!("OK {size}\n").as_bytes())?;
    for chunk in rx {
        out.write_all(&chunk)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The client.

pub fn client(flaw: Flaw) {
    let args = Args::parse(
        "m07-client IP:PORT NAME [--dir DIR] [--force]",
        &["--dir"],
        &["--force"],
    )
    .at_most(2);
    let addr = args.addr(0, "127.0.0.1:8080");
    let Some(name) = args.positional(1).map(str::to_string) else {
        usage_error("give the server's address and a file name")
    };
    let dir = std::path::PathBuf::from(
        args.value::<String>("--dir")
            .unwrap_or_else(|| ".".to_string()),
    );
    let force = args.switch("--force");
    let Some(base) = Path::new(&name).file_name() else {
        usage_error("the name names no file")
    };
    let saved = format!("new_{}", base.to_string_lossy());
    let target = if flaw == Flaw::KeepsDirectories {
        let parent = Path::new(&name).parent().unwrap_or(Path::new(""));
        dir.join(parent).join(&saved)
    } else {
        dir.join(&saved)
    };
    if !force && flaw != Flaw::Overwrites && target.symlink_metadata().is_ok() {
        give_up(format!("{} already exists", target.display()));
    }
    let stream =
        TcpStream::connect(addr).unwrap_or_else(|e| fail(format!("cannot connect to {addr}"), &e));
    let _ = (&stream).write_all(format!("{name}\n").as_bytes());

    if flaw == Flaw::SingleRecv {
        // One recv(1024): the header and whatever else came with it.
        let mut buf = [0u8; 1024];
        let n = (&stream).read(&mut buf).unwrap_or(0);
        let got = &buf[..n];
        let Some(end) = got.iter().position(|&b| b == b'\n') else {
            give_up("no header".to_string());
        };
        if !got.starts_with(b"OK ") {
            give_up(format!("{name}: not found"));
        }
        let _ = std::fs::write(&target, &got[end + 1..]);
        say(format!("saved to {}", target.display()));
        return;
    }

    let mut reader = BufReader::with_capacity(64 * 1024, &stream);
    let mut line = Vec::new();
    let _ = (&mut reader).take(1024).read_until(b'\n', &mut line);
    let text = String::from_utf8_lossy(&line).trim_end().to_string();
    let size: u64 = match text.strip_prefix("OK ").map(str::parse) {
        Some(Ok(size)) => size,
        _ => give_up(format!("{name}: the server said {text:?}")),
    };
    if flaw == Flaw::EmptyIsMissingClient && size == 0 {
        give_up(format!("{name}: the server has no such file"));
    }

    if flaw == Flaw::WritesFinalName {
        let mut file = File::create(&target).unwrap_or_else(|e| fail("cannot save", &e));
        match io::copy(&mut (&mut reader).take(size), &mut file) {
            Ok(n) if n == size => say(format!("saved {size} bytes to {}", target.display())),
            _ => give_up(format!("the download of {name} broke")),
        }
        return;
    }

    let temp = dir.join(format!(".{saved}.{}.part", process::id()));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .unwrap_or_else(|e| fail("cannot save", &e));
    let copied = if flaw == Flaw::IgnoresSize {
        io::copy(&mut reader, &mut file)
    } else {
        io::copy(&mut (&mut reader).take(size), &mut file)
    };
    let complete = match copied {
        Ok(n) => n == size || flaw == Flaw::IgnoresSize,
        Err(_) => false,
    };
    if !complete {
        let _ = std::fs::remove_file(&temp);
        give_up(format!("the download of {name} broke"));
    }
    if let Err(e) = std::fs::rename(&temp, &target) {
        let _ = std::fs::remove_file(&temp);
        fail("cannot save", &e);
    }
    say(format!("saved {size} bytes to {}", target.display()));
}

fn give_up(sentence: String) -> ! {
    eprintln!("error: {sentence}");
    process::exit(1)
}
