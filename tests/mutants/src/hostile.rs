//! Programs that attack the grader instead of keeping the contract. Each
//! must get a clear verdict within its check's deadline and leave no
//! process behind.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Never prints anything and never exits.
pub fn hang_before_print() {
    loop {
        std::thread::park();
    }
}

/// Spins on the CPU forever without printing.
pub fn busy_loop() {
    let mut x: u64 = 0;
    loop {
        x = std::hint::black_box(x.wrapping_add(1));
    }
}

/// Starts many children (each sleeping a long time), then hangs: the
/// grader must kill the whole process group, not just this process.
pub fn fork_children() {
    for _ in 0..50 {
        let _ = Command::new("sleep")
            .arg("600")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
    }
    hang_before_print();
}

/// Writes to stdout without end.
pub fn flood_stdout() {
    let chunk = vec![b'x'; 1 << 16];
    let mut out = std::io::stdout().lock();
    while out.write_all(&chunk).is_ok() {}
}

/// Dies from a signal at once.
pub fn crash() {
    std::process::abort();
}

/// Exits successfully without doing anything.
pub fn exit_at_once() {}

/// Prints bytes that are not UTF-8 where the listening line belongs, then hangs.
pub fn invalid_utf8() {
    let mut out = std::io::stdout().lock();
    let _ = out
        .write_all(b"listening on \xff\xfe\xfd\n")
        .and_then(|_| out.flush());
    hang_before_print();
}

/// Prints its listening line only after a long pause (longer than any deadline).
pub fn answer_slowly() {
    std::thread::sleep(Duration::from_secs(120));
    println!("listening on 127.0.0.1:1");
}
