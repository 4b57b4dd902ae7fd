//! Hostile: a memory bomb. Touches memory until the sandbox's memory
//! limit stops it (once per sandbox: a marker in /dev/shm), then fails.
fn main() {
    if std::fs::create_dir("/dev/shm/netlings-memory-bomb").is_ok() {
        let mut hoard: Vec<Vec<u8>> = Vec::new();
        for _ in 0..256 {
            hoard.push(vec![1u8; 64 << 20]);
        }
        eprintln!("held {} MiB", hoard.len() * 64);
    }
    std::process::exit(1);
}
