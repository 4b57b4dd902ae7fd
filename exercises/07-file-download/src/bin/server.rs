//! Exercise 07, part 1: the download server (notes §5.3, done right).
//!
//! Read README.md in the exercise's folder for the task, the protocol and
//! the contract, then replace each `todo!` with real code, step by step.
//! Check your work with
//!
//!     cargo xtask check exercise-07
//!
//! The checks tell you which step is missing and what went wrong.

// While the stub still has `todo!`s the code after them is unreachable and
// some names are unused; delete these two lines when you are done.
#![allow(unreachable_code, clippy::diverging_sub_expression)]
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

use common::{Args, explain, fail, say};
use std::fs::File;
use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// The longest file name you should accept: the name is a line from the
/// network, and a line with no end must not fill your memory.
const MAX_NAME: u64 = 4096;

/// How much of a file you hold in memory at once, whatever its size.
const CHUNK: usize = 64 * 1024;

/// What the server answers to one request.
enum Answer {
    /// `OK <size>\n`, then exactly `size` bytes of the file.
    File(File, u64),
    /// `MISSING\n`: nothing by that name inside the root.
    Missing,
    /// `REFUSED <reason>\n`: a name we will not serve.
    Refused(String),
}

fn main() {
    // Step 0, the arguments: `[IP:PORT] [--root DIR]`. Use
    // `Args::parse(usage, &["--root"], &[])`, then `.addr(0, "127.0.0.1:8080")`
    // for the address and `.value("--root")` for the directory (default
    // "."). Turn the root into an absolute path with every symbolic link
    // resolved (`std::fs::canonicalize`): later you will compare each
    // requested file's real path with it. A root that does not exist is a
    // runtime error: `fail(...)` (exit 1).
    let addr: SocketAddr = todo!("step 0: read the address and --root with Args");
    let root: PathBuf = todo!("step 0: canonicalize the root directory");

    // Step 1, socket + bind + listen, as in exercise 05: `TcpListener::bind`,
    // then print `listening on IP:PORT` with `local_addr()` using `say`.
    let listener: TcpListener = todo!("step 1: listen and print `listening on IP:PORT`");

    // Step 2, accept clients one after another, forever, like the notes'
    // looping server (§5.2). Whatever goes wrong with one client must not
    // end the server: `serve` reports it and returns, and the loop goes on.
    // (When you are done, `listener.accept()` in a `loop` calls `serve`.)
    todo!("step 2: accept clients in a loop and serve each with `serve`");
}

/// Serve one client: read the name, answer, close.
fn serve(stream: &TcpStream, peer: SocketAddr, root: &Path) {
    // Step 3, the name: one line. If the client closed without sending
    // anything, print `client IP:PORT closed without asking` and return.
    // Otherwise print `request from IP:PORT: NAME`. A client that says
    // nothing would block everyone behind it: a read timeout
    // (`stream.set_read_timeout`) of 3 seconds, as the contract says,
    // keeps the line moving.
    let name: Vec<u8> = todo!("step 3: read the requested name with `read_name`");

    // Step 4, decide what to answer (`find`), then step 5, answer it:
    // `MISSING\n`, `REFUSED <reason>\n`, or `OK <size>\n` and the bytes
    // (`send`). Print one line saying what happened.
    todo!("step 4-5: answer with `find` and `send`");

    // Step 6, close: when this function returns, the caller drops the
    // stream and the connection closes. That close is how the client
    // learns there is nothing more.
}

/// Read one line (the name) without its `\n`; `None` when the client sent
/// nothing at all.
fn read_name(stream: &TcpStream) -> io::Result<Option<Vec<u8>>> {
    // TCP is a byte stream: the name may arrive in several pieces (even a
    // Chinese character cut in two). Read until the newline with
    // `BufReader::new(stream).take(MAX_NAME + 1).read_until(b'\n', &mut name)`,
    // not with one `read` (the notes' `recv(1024)`).
    todo!("step 3: read until the newline, at most MAX_NAME bytes")
}

/// What to answer for `name`.
fn find(root: &Path, name: &[u8]) -> Answer {
    // Step 4. The notes open whatever name arrives: `../../etc/passwd`
    // would be sent. Check twice:
    //  - the name itself: UTF-8, not empty, and made only of plain parts
    //    (`Path::new(name).components()` are all `Component::Normal`). `..`
    //    climbs out of the root, and `root.join("/etc/passwd")` is
    //    `/etc/passwd`. Otherwise `Answer::Refused(reason)`.
    //  - where it really leads: `std::fs::canonicalize(root.join(name))`
    //    resolves symbolic links. NotFound means `Answer::Missing`; any
    //    other error (a link that loops) is a refusal, and a real path that
    //    does not start with `root` means `Answer::Refused`.
    // Look before you open: `std::fs::metadata` and `is_file()`. Only a
    // regular file is sent; a directory is refused, and so is a named pipe
    // (opening one waits for a writer, for ever). Then open it and take its
    // size from `file.metadata()`.
    todo!("step 4: refuse names outside the root, report missing files, open the file")
}

/// Send `OK <size>\n` and then exactly `size` bytes of `file`.
fn send(stream: &TcpStream, file: File, size: u64) -> io::Result<()> {
    // Step 5. The header first: the client needs the size to know when the
    // file is complete (and to tell an empty file, `OK 0`, from a missing
    // one). Then the file, a CHUNK at a time: read into a buffer, write it
    // with `write_all` (a plain `write` may send only part), until the read
    // returns 0. Never read the whole file into memory (the notes'
    // `f.read()`): a 10 GiB file would need 10 GiB. When the client reads
    // slowly, `write_all` simply waits: that is TCP's flow control at work.
    todo!("step 5: send the header, then the file chunk by chunk with write_all")
}
