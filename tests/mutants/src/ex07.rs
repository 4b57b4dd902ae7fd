//! Exercise 07 (file download) with one flaw at a time: a server and a
//! client, each a copy of the reference program with `if flaw == …`
//! switches beside the correct code they break.

use common::{Args, explain, fail, say, usage_error};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
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
    /// Opens the name before looking at what it is: a named pipe blocks it.
    OpensBeforeLooking,
    /// `>` for `<`: a file that shrinks while it is sent is logged as sent.
    ClaimsAShrunkFileWasSent,
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
    /// `trim()`s the name: `" a.txt "` is served as `a.txt`.
    TrimsTheName,
    /// Drops the `\n` but keeps a `\r` before it.
    KeepsTheCarriageReturn,
    /// Compares the real path with the root as text: `/srv/root-x` "starts with" `/srv/root`.
    ComparesPathsAsText,
    /// Skips the check of the name's parts and trusts canonicalize alone.
    ChecksOnlyTheRealPath,
    /// Refuses every symbolic link, even one that stays inside the root.
    RefusesEverySymlink,
    /// Sends whatever opens, a directory included.
    ServesDirectories,
    /// Takes an empty name for a client that asked nothing, and answers nothing.
    EmptyNameIsNoRequest,
    /// Answers MISSING whenever the path cannot be resolved (a NUL byte, a name too long).
    MissingOnAnyError,
    /// `String::from_utf8(name).unwrap()`.
    PanicsOnANameNotUtf8,
    /// `unwrap()` on the read of the name.
    PanicsWhenTheNameReadFails,
    /// `unwrap()` on the writes of the answer.
    PanicsWhenAWriteFails,
    /// No read timeout: a silent client blocks every client behind it.
    WaitsForeverForTheName,
    /// `meta.len() as u32`: sizes past 4 GiB wrap.
    SizeAsU32,
    /// Prints `refused NAME` without the reason.
    RefusedLineWithoutReason,
    /// Parses the port itself and casts it with `as u16`: 65536 becomes 0.
    PortWraps,
    /// `canonicalize(root).unwrap()`: a missing root is a panic.
    PanicsOnAMissingRoot,
    /// Binds 0.0.0.0 with the port given and prints the IP it was given.
    ServerBindsEveryAddress,
    /// `TcpListener::bind(addr).unwrap()`: a taken port panics.
    ServerPanicsWhenThePortIsTaken,
    // --- client flaws ---
    /// `&&` for `||`: an empty name, or one holding a newline, is sent.
    SendsANameThatIsNotOneLine,
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
    /// Writes the temporary file in the system's temporary directory.
    TempInTmp,
    /// With `--force`, deletes the old file before downloading.
    ForceRemovesFirst,
    /// Prints the bare file name instead of its path.
    PrintsABareName,
    /// Ends its error sentence with an empty line.
    BlankLineAfterTheError,
    /// `expect()` on the read of the header.
    PanicsWhenTheHeaderReadFails,
}

const MAX_NAME: u64 = 4096;
const CHUNK: usize = 64 * 1024;
const NAME_TIMEOUT: Duration = Duration::from_secs(3);
const WRITE_TIMEOUT: Duration = Duration::from_secs(60);

enum Answer {
    File(File, u64),
    Missing,
    Refused(String),
}

// ---------------------------------------------------------------------------
// The server.

pub fn server(flaw: Flaw) {
    let args = Args::parse("m07-server [IP:PORT] [--root DIR]", &["--root"], &[]).at_most(1);
    let addr = if flaw == Flaw::PortWraps {
        wrapped_addr(args.positional(0).unwrap_or("127.0.0.1:8080"))
    } else {
        args.addr(0, "127.0.0.1:8080")
    };
    let root: String = args.value("--root").unwrap_or_else(|| ".".to_string());
    let root = if flaw == Flaw::PanicsOnAMissingRoot {
        std::fs::canonicalize(&root).unwrap()
    } else {
        std::fs::canonicalize(&root).unwrap_or_else(|e| fail(format!("cannot serve {root}"), &e))
    };
    if !root.is_dir() {
        let e = io::Error::new(ErrorKind::NotADirectory, "not a directory");
        fail(format!("cannot serve {}", root.display()), &e);
    }
    let at = if flaw == Flaw::ServerBindsEveryAddress {
        std::net::SocketAddr::from(([0, 0, 0, 0], addr.port()))
    } else {
        addr
    };
    let listener = if flaw == Flaw::ServerPanicsWhenThePortIsTaken {
        TcpListener::bind(at).unwrap()
    } else {
        TcpListener::bind(at).unwrap_or_else(|e| fail(format!("cannot listen on {addr}"), &e))
    };
    let mut local = listener
        .local_addr()
        .unwrap_or_else(|e| fail("cannot read the bound address", &e));
    if flaw == Flaw::ServerBindsEveryAddress {
        local.set_ip(addr.ip());
    }
    say(format!("listening on {local}"));
    loop {
        match listener.accept() {
            Ok((stream, peer)) => serve(flaw, &stream, peer, &root),
            Err(e) => eprintln!("accept failed: {}", explain(&e)),
        }
        if flaw == Flaw::ExitsAfterOneClient {
            return;
        }
    }
}

fn wrapped_addr(text: &str) -> SocketAddr {
    let (ip, port) = text.rsplit_once(':').unwrap_or((text, "8080"));
    let ip = ip.parse().unwrap_or_else(|_| usage_error("bad IP"));
    let port: u32 = port.parse().unwrap_or_else(|_| usage_error("bad port"));
    SocketAddr::new(ip, port as u16)
}

fn serve(flaw: Flaw, stream: &TcpStream, peer: SocketAddr, root: &Path) {
    if flaw != Flaw::WaitsForeverForTheName {
        let _ = stream.set_read_timeout(Some(NAME_TIMEOUT));
    }
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let read = read_name(flaw, stream);
    let read = if flaw == Flaw::PanicsWhenTheNameReadFails {
        Ok(read.unwrap())
    } else {
        read
    };
    let mut name = match read {
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
    if flaw == Flaw::TrimsTheName {
        name = name.trim_ascii().to_vec();
    }
    if flaw == Flaw::EmptyNameIsNoRequest && name.is_empty() {
        say(format!("client {peer} closed without asking"));
        return;
    }
    let shown = if flaw == Flaw::PanicsOnANameNotUtf8 {
        String::from_utf8(name.clone()).unwrap()
    } else {
        String::from_utf8_lossy(&name).into_owned()
    };
    say(format!("request from {peer}: {shown}"));

    match find(flaw, root, &name) {
        Answer::Missing => {
            let _ = (&*stream).write_all(b"MISSING\n");
            say(format!("missing {shown}"));
        }
        Answer::Refused(reason) => {
            let _ = (&*stream).write_all(format!("REFUSED {reason}\n").as_bytes());
            if flaw == Flaw::RefusedLineWithoutReason {
                say(format!("refused {shown}"));
            } else {
                say(format!("refused {shown}: {reason}"));
            }
        }
        Answer::File(file, size) => {
            let sent = match flaw {
                Flaw::WholeFileInMemory => send_whole(stream, file, size),
                Flaw::ShortWrites => send_short(stream, file, size),
                Flaw::ReadsAhead => send_read_ahead(stream, file, size),
                _ => send(stream, file, size, flaw),
            };
            match sent {
                Ok(()) => say(format!("sent {size} bytes of {shown} to {peer}")),
                Err(e) if flaw == Flaw::PanicsWhenAWriteFails => {
                    panic!("sending {shown} failed: {e}")
                }
                Err(e) if flaw == Flaw::ExitsWhenAClientLeaves => {
                    fail(format!("sending {shown} failed"), &e)
                }
                Err(e) => say(format!("sending {shown} to {peer} failed: {}", explain(&e))),
            }
        }
    }
}

fn read_name(flaw: Flaw, stream: &TcpStream) -> io::Result<Option<Vec<u8>>> {
    let mut name = Vec::new();
    if flaw == Flaw::SingleRecvName {
        let mut buf = [0u8; 1024];
        let n = (&*stream).read(&mut buf)?;
        name.extend_from_slice(&buf[..n]);
    } else {
        BufReader::new(stream)
            .take(MAX_NAME + 1)
            .read_until(b'\n', &mut name)?;
    }
    if name.is_empty() {
        return Ok(None);
    }
    if name.last() == Some(&b'\n') {
        name.pop();
        if name.last() == Some(&b'\r') && flaw != Flaw::KeepsTheCarriageReturn {
            name.pop();
        }
    }
    Ok(Some(name))
}

fn find(flaw: Flaw, root: &Path, name: &[u8]) -> Answer {
    let refused = |why: &str| Answer::Refused(why.to_string());
    if name.len() as u64 > MAX_NAME && flaw != Flaw::MissingOnAnyError {
        return refused("the name is too long");
    }
    let Ok(name) = std::str::from_utf8(name) else {
        return refused("the name is not UTF-8");
    };
    if (name.is_empty() || name.contains('\0')) && flaw != Flaw::MissingOnAnyError {
        return refused("the name is empty or holds a NUL byte");
    }
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    let checks_parts = !matches!(flaw, Flaw::ServesDotDot | Flaw::ChecksOnlyTheRealPath);
    if !plain && checks_parts {
        return refused(
            "only names inside the served directory are allowed (no `..`, no absolute path)",
        );
    }
    let joined = root.join(relative);
    if flaw == Flaw::RefusesEverySymlink && joined.is_symlink() {
        return refused("symbolic links are not served");
    }
    let real: PathBuf = match std::fs::canonicalize(&joined) {
        Ok(real) => real,
        Err(_) if flaw == Flaw::MissingOnAnyError => return Answer::Missing,
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            return Answer::Missing;
        }
        Err(e) => return Answer::Refused(format!("it cannot be opened: {}", explain(&e))),
    };
    let inside = if flaw == Flaw::ComparesPathsAsText {
        real.to_string_lossy().starts_with(&*root.to_string_lossy())
    } else {
        real.starts_with(root)
    };
    let follows = matches!(flaw, Flaw::ServesDotDot | Flaw::FollowsSymlinks);
    if !inside && !follows {
        return refused("it leads outside the served directory");
    }
    let looks_first = !matches!(flaw, Flaw::OpensBeforeLooking | Flaw::ServesDirectories);
    if looks_first && !follows && !std::fs::metadata(&real).is_ok_and(|m| m.is_file()) {
        return refused("it is not a regular file");
    }
    let file = match File::open(if follows { &joined } else { &real }) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Answer::Missing,
        Err(e) => return Answer::Refused(format!("it cannot be opened: {}", explain(&e))),
    };
    match file.metadata() {
        Ok(meta) if flaw == Flaw::EmptyIsMissing && meta.len() == 0 => Answer::Missing,
        Ok(meta) if flaw == Flaw::SizeAsU32 && meta.is_file() => {
            let size = meta.len() as u32;
            Answer::File(file, size as u64)
        }
        Ok(meta) if meta.is_file() || flaw == Flaw::ServesDirectories => {
            Answer::File(file, meta.len())
        }
        Ok(_) => refused("it is not a regular file"),
        Err(e) => Answer::Refused(format!("it cannot be read: {}", explain(&e))),
    }
}

fn send(mut stream: &TcpStream, file: File, size: u64, flaw: Flaw) -> io::Result<()> {
    stream.write_all(format!("OK {size}\n").as_bytes())?;
    let mut file = file.take(size);
    let mut chunk = vec![0u8; CHUNK];
    let mut sent = 0u64;
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        stream.write_all(&chunk[..n])?;
        sent += n as u64;
    }
    if sent < size && flaw != Flaw::ClaimsAShrunkFileWasSent {
        return Err(io::Error::new(ErrorKind::UnexpectedEof, "the file shrank"));
    }
    Ok(())
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
    let mut chunk = vec![0u8; CHUNK];
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
            let mut chunk = vec![0u8; CHUNK];
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
    let dir = PathBuf::from(
        args.value::<String>("--dir")
            .unwrap_or_else(|| ".".to_string()),
    );
    let force = args.switch("--force");
    if (name.is_empty() || name.contains('\n')) && flaw != Flaw::SendsANameThatIsNotOneLine {
        usage_error("the file name must be one non-empty line");
    }
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
        give_up(flaw, format!("{} already exists", target.display()));
    }
    if force && flaw == Flaw::ForceRemovesFirst {
        let _ = std::fs::remove_file(&target);
    }
    let stream =
        TcpStream::connect(addr).unwrap_or_else(|e| fail(format!("cannot connect to {addr}"), &e));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    if let Err(e) = (&stream).write_all(format!("{name}\n").as_bytes()) {
        fail(format!("sending the name to {addr} failed"), &e);
    }

    if flaw == Flaw::SingleRecv {
        // One recv(1024): the header and whatever else came with it.
        let mut buf = [0u8; 1024];
        let n = (&stream).read(&mut buf).unwrap_or(0);
        let got = &buf[..n];
        let Some(end) = got.iter().position(|&b| b == b'\n') else {
            give_up(flaw, "no header".to_string());
        };
        if !got.starts_with(b"OK ") {
            give_up(flaw, format!("{name}: not found"));
        }
        let _ = std::fs::write(&target, &got[end + 1..]);
        say(format!("saved to {}", target.display()));
        return;
    }

    let mut reader = BufReader::with_capacity(CHUNK, &stream);
    let size = match read_header(flaw, &mut reader) {
        Ok(size) => size,
        Err(why) => give_up(flaw, format!("{name}: {why}")),
    };
    if flaw == Flaw::EmptyIsMissingClient && size == 0 {
        give_up(flaw, format!("{name}: the server has no such file"));
    }

    if flaw == Flaw::WritesFinalName {
        let mut file = File::create(&target).unwrap_or_else(|e| fail("cannot save", &e));
        match io::copy(&mut (&mut reader).take(size), &mut file) {
            Ok(n) if n == size => say(format!("saved {size} bytes to {}", target.display())),
            _ => give_up(flaw, format!("the download of {name} broke")),
        }
        return;
    }

    let temp_dir = if flaw == Flaw::TempInTmp {
        std::env::temp_dir()
    } else {
        dir.clone()
    };
    let temp = temp_dir.join(format!(".{saved}.{}.part", process::id()));
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
        give_up(flaw, format!("the download of {name} broke"));
    }
    if let Err(e) = std::fs::rename(&temp, &target) {
        let _ = std::fs::remove_file(&temp);
        fail("cannot save", &e);
    }
    if flaw == Flaw::PrintsABareName {
        say(format!("saved {size} bytes to {saved}"));
    } else {
        say(format!("saved {size} bytes to {}", target.display()));
    }
}

fn read_header(flaw: Flaw, reader: &mut impl BufRead) -> Result<u64, String> {
    let mut line = Vec::new();
    let read = reader.take(1024).read_until(b'\n', &mut line);
    if flaw == Flaw::PanicsWhenTheHeaderReadFails {
        read.expect("read the header");
    } else {
        read.map_err(|e| format!("no answer came from the server: {}", explain(&e)))?;
    }
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
        _ => Err(format!("the server's answer is not understood: {text:?}")),
    }
}

fn give_up(flaw: Flaw, sentence: String) -> ! {
    if flaw == Flaw::BlankLineAfterTheError {
        eprintln!("error: {sentence}\n");
    } else {
        eprintln!("error: {sentence}");
    }
    process::exit(1)
}
