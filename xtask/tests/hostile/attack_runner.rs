//! Hostile: attack the trusted runner. For every other process it can see:
//! attach with ptrace, open its memory for writing, and kill it; then kill
//! everything it may (`kill -9 -1`). The runner is another user and
//! non-dumpable, so all of it fails and the grade is the stub's: 0.
#[cfg(target_arch = "x86_64")]
fn ptrace_attach(pid: usize) -> isize {
    const PTRACE: usize = 101;
    const PTRACE_ATTACH: usize = 16;
    let ret: isize;
    // SAFETY: ptrace(2) with plain integer arguments.
    unsafe {
        std::arch::asm!("syscall", inlateout("rax") PTRACE as isize => ret,
            in("rdi") PTRACE_ATTACH, in("rsi") pid, in("rdx") 0usize, in("r10") 0usize,
            lateout("rcx") _, lateout("r11") _, options(nostack));
    }
    ret
}
#[cfg(not(target_arch = "x86_64"))]
fn ptrace_attach(_pid: usize) -> isize {
    -1
}

fn main() {
    let me = std::process::id() as usize;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<usize>().ok()) else {
            continue;
        };
        if pid == me {
            continue;
        }
        if ptrace_attach(pid) == 0 {
            eprintln!("attached to {pid}");
        }
        if std::fs::OpenOptions::new().write(true).open(format!("/proc/{pid}/mem")).is_ok() {
            eprintln!("opened the memory of {pid} for writing");
        }
        let _ = std::process::Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    let _ = std::process::Command::new("kill").args(["-9", "--", "-1"]).status();
    std::process::exit(1);
}
