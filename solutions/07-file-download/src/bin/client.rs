//! Exercise 07, reference solution: the download client.
//!
//! The notes' client (§5.3) reads the answer with one `recv(1024)`, so any
//! file over 1 KiB arrives cut, and it saves whatever came. This one reads
//! the header, copies exactly the announced number of bytes to a temporary
//! file and renames it only when all of them arrived: a broken transfer
//! never leaves a half file behind. The contract is in
//! `exercises/07-file-download/README.md`.

use common::{Args, explain, fail, say, usage_error};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process;
use std::time::Duration;

/// The longest header line we accept (`OK 18446744073709551615` is 23 bytes).
const MAX_HEADER: u64 = 1024;

/// How long the server may stay silent before we give up on it.
const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// How much of the file is in memory at once, whatever its size.
const CHUNK: usize = 64 * 1024;

fn main() {
    let args = Args::parse(
        "ex07-client IP:PORT NAME [--dir DIR] [--force]",
        &["--dir"],
        &["--force"],
    )
    .at_most(2);
    let addr = args.addr(0, "127.0.0.1:8080");
    let Some(name) = args.positional(1).map(str::to_string) else {
        usage_error(
            "give the server's address and a file name, e.g. 127.0.0.1:8080 hello.txt (usage: ex07-client IP:PORT NAME [--dir DIR] [--force])",
        )
    };
    let dir = PathBuf::from(
        args.value::<String>("--dir")
            .unwrap_or_else(|| ".".to_string()),
    );
    let force = args.switch("--force");

    // The name goes on the wire as one line, so it cannot hold a newline.
    if name.is_empty() || name.contains('\n') {
        usage_error("the file name must be one non-empty line");
    }
    // We save under `new_` + the last part of the name, in `dir` and
    // nowhere else: whatever the name says (`../x`, `/etc/x`, `a/b`), only
    // its final part is used, so it cannot lead us out of `dir`.
    let Some(base) = Path::new(&name).file_name() else {
        usage_error(format!(
            "{name:?} names no file to save (it ends in `..` or `/`)"
        ))
    };
    let target = dir.join(format!("new_{}", base.to_string_lossy()));
    // Never destroy a file the user has unless asked to. (Checked again
    // just before the rename; see `keep`.)
    if !force && target.symlink_metadata().is_ok() {
        give_up(format!(
            "{} already exists; use --force to replace it",
            target.display()
        ));
    }

    let stream =
        TcpStream::connect(addr).unwrap_or_else(|e| fail(format!("cannot connect to {addr}"), &e));
    // A server that stops sending would otherwise keep us waiting forever.
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    if let Err(e) = (&stream).write_all(format!("{name}\n").as_bytes()) {
        fail(format!("sending the name to {addr} failed"), &e);
    }

    // The answer: a header line, then (for OK) the bytes. Both may arrive
    // in any number of pieces; BufReader keeps what was read past the
    // header for the copy below.
    let mut reader = BufReader::with_capacity(CHUNK, &stream);
    let size = match read_header(&mut reader) {
        Ok(size) => size,
        Err(why) => give_up(format!("{name}: {why}")),
    };

    // Write to a temporary name in the same directory, so that a transfer
    // that breaks leaves nothing behind, and a rename (atomic within one
    // directory) makes the whole file appear at once.
    let temp = dir.join(format!(
        ".new_{}.{}.part",
        base.to_string_lossy(),
        process::id()
    ));
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .unwrap_or_else(|e| fail(format!("cannot save into {}", dir.display()), &e));
    if let Err(why) = receive(&mut reader, size, file) {
        let _ = std::fs::remove_file(&temp);
        give_up(format!("the download of {name} failed: {why}"));
    }
    if let Err(e) = keep(&temp, &target, force) {
        let _ = std::fs::remove_file(&temp);
        fail(format!("cannot save {}", target.display()), &e);
    }
    say(format!("saved {size} bytes to {}", target.display()));
}

/// Read and understand the header: the size for `OK <size>`, otherwise
/// the sentence to end with.
fn read_header(reader: &mut impl BufRead) -> Result<u64, String> {
    let mut line = Vec::new();
    reader
        .take(MAX_HEADER)
        .read_until(b'\n', &mut line)
        .map_err(|e| format!("no answer came from the server: {}", explain(&e)))?;
    if line.is_empty() {
        return Err("the server closed the connection without answering".to_string());
    }
    if line.pop() != Some(b'\n') {
        return Err("the server's answer was cut off before its end of line".to_string());
    }
    let text = String::from_utf8_lossy(&line);
    let text = text.trim_end_matches('\r');
    let (word, rest) = text.split_once(' ').unwrap_or((text, ""));
    match word {
        "OK" => rest
            .parse()
            .map_err(|_| format!("the server announced a size that is not a number: {rest:?}")),
        "MISSING" => Err("the server has no such file".to_string()),
        "REFUSED" => Err(format!("the server refused to send it: {rest}")),
        _ => Err(format!(
            "the server's answer is not OK, MISSING or REFUSED: {text:?}"
        )),
    }
}

/// Copy exactly `size` bytes from the connection into `file`.
fn receive(reader: &mut impl Read, size: u64, mut file: File) -> Result<(), String> {
    // io::copy goes through a fixed buffer: the file is never all in
    // memory. `take(size)`: the announced size is the end of the file.
    let copied = io::copy(&mut reader.take(size), &mut file);
    match copied {
        Ok(n) if n == size => {}
        // Fewer bytes than announced and then the end of the stream: the
        // server died or closed early. Only the size in the header lets us
        // notice; without it a cut file looks like a complete one.
        Ok(n) => return Err(format!("the connection ended after {n} of {size} bytes")),
        Err(e) => return Err(explain(&e)),
    }
    // Make sure the bytes are on disk before the file gets its real name.
    file.sync_all().map_err(|e| explain(&e))
}

/// Give the finished temporary file its real name.
fn keep(temp: &Path, target: &Path, force: bool) -> io::Result<()> {
    if !force && target.symlink_metadata().is_ok() {
        // Someone made it while we were downloading.
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "it appeared during the download; use --force to replace it",
        ));
    }
    std::fs::rename(temp, target)
}

/// A runtime error that is not an `io::Error`: one sentence, exit code 1.
fn give_up(sentence: String) -> ! {
    eprintln!("error: {sentence}");
    process::exit(1)
}
