//! Exercise 07, part 2: the download client (notes §5.3, done right).
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

use common::{Args, explain, fail, say, usage_error};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process;
use std::time::Duration;

/// The longest header line you should accept.
const MAX_HEADER: u64 = 1024;

fn main() {
    // Step 0, the arguments: `IP:PORT NAME [--dir DIR] [--force]`. Use
    // `Args::parse(usage, &["--dir"], &["--force"])`, `.addr(0, ...)`,
    // `.positional(1)` for the name (missing, empty or holding a newline:
    // `usage_error`, exit 2, since it must go out as one line),
    // `.value("--dir")` (default ".") and `.switch("--force")`.
    //
    // The file is saved as `DIR/new_<last part of NAME>`: only the last
    // part (`Path::new(&name).file_name()`), so that a name like
    // `../../x` cannot make you write outside DIR. If that file exists and
    // --force was not given, stop now: one sentence, exit 1.
    let addr: SocketAddr = todo!("step 0: read the address, name, --dir and --force with Args");
    let name: String = todo!("step 0: the file name");
    let target: PathBuf = todo!("step 0: DIR/new_<last part of NAME>; refuse to overwrite");

    // Step 1, connect: `TcpStream::connect(addr)`. No server listening is
    // a runtime error: `fail("cannot connect to ...", &error)` (exit 1).
    let stream: TcpStream = todo!("step 1: connect to the server");

    // Step 2, send the name as one line: `NAME\n`, with `write_all`.
    todo!("step 2: send the file name followed by a newline");

    // Step 3, the answer's header: one line, `OK <size>`, `MISSING` or
    // `REFUSED <reason>`. Read it with a `BufReader` (read_until b'\n'):
    // the header may arrive in pieces, and the first bytes of the file may
    // arrive with it; the BufReader keeps those for step 4. For MISSING or
    // REFUSED, print one sentence on stderr (with the server's reason) and
    // exit 1, before creating any file.
    let size: u64 = todo!("step 3: read and interpret the header line");

    // Step 4, the bytes: copy exactly `size` bytes into a temporary file
    // in the same directory (say `DIR/.new_NAME.<pid>.part`), e.g.
    // `io::copy(&mut reader.take(size), &mut file)`. The notes' single
    // `recv(1024)` cuts every file above 1 KiB. If fewer than `size` bytes
    // arrive before the connection ends, the server died: delete the
    // temporary file, say so in one sentence, exit 1.
    todo!("step 4: receive exactly `size` bytes into a temporary file");

    // Step 5, keep it: rename the temporary file to the target (a rename
    // within one directory is atomic: the file appears whole or not at
    // all) and print `saved <size> bytes to <path>`. The connection closes
    // when `stream` is dropped at the end of `main`.
    todo!("step 5: rename the temporary file and print `saved N bytes to PATH`");
}
