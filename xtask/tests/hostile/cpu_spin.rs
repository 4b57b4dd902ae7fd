//! Hostile: spin on the CPU and never say anything (once per sandbox: a
//! marker in /dev/shm; the other runs give up at once). RLIMIT_CPU's soft
//! limit ends it with SIGXCPU (signal 24), and its check says so.
fn main() {
    if std::fs::create_dir("/dev/shm/netlings-cpu-spin").is_err() {
        std::process::exit(1);
    }
    let mut x: u64 = 0;
    loop {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        std::hint::black_box(x);
    }
}
