//! Hostile: leave things behind. Files in /tmp, /var/tmp and /dev/shm, and
//! System V shared memory, a message queue and semaphores (keys 0x4e4c….).
//! The sandbox's tmpfs and IPC namespace end with it: nothing remains.
#[cfg(target_arch = "x86_64")]
fn syscall(n: usize, a: usize, b: usize, c: usize) -> isize {
    let ret: isize;
    // SAFETY: shmget/msgget/semget with integer arguments.
    unsafe {
        std::arch::asm!("syscall", inlateout("rax") n as isize => ret,
            in("rdi") a, in("rsi") b, in("rdx") c,
            lateout("rcx") _, lateout("r11") _, options(nostack));
    }
    ret
}
#[cfg(not(target_arch = "x86_64"))]
fn syscall(_n: usize, _a: usize, _b: usize, _c: usize) -> isize {
    -1
}

fn main() {
    for path in ["/tmp/netlings-hostile-left", "/var/tmp/netlings-hostile-left", "/dev/shm/netlings-hostile-left"] {
        let _ = std::fs::write(path, b"left behind");
    }
    const IPC_CREAT: usize = 0o1000;
    let shm = syscall(29, 0x4e4c_5348, 4096, IPC_CREAT | 0o666);
    let msg = syscall(68, 0x4e4c_4d53, IPC_CREAT | 0o666, 0);
    let sem = syscall(64, 0x4e4c_5345, 1, IPC_CREAT | 0o666);
    eprintln!("shm {shm} msg {msg} sem {sem}");
    std::process::exit(1);
}
