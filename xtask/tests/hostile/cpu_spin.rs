//! Hostile: spin on the CPU and never say anything (once per sandbox: a
//! marker in /dev/shm; the other runs give up at once), in 16 threads, so
//! it takes its share of a machine that is busy with other work. RLIMIT_CPU
//! counts every thread's time: its soft limit ends it with SIGXCPU (signal
//! 24) within a second or so of wall time, and its check says so.
fn main() {
    if std::fs::create_dir("/dev/shm/netlings-cpu-spin").is_err() {
        std::process::exit(1);
    }
    for _ in 1..16 {
        std::thread::spawn(spin);
    }
    spin();
}

fn spin() {
    let mut x: u64 = 0;
    loop {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        std::hint::black_box(x);
    }
}
