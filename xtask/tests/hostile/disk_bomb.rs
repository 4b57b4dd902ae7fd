//! Hostile: a disk bomb. Fills every place it can write (its folder, the
//! work folder, /tmp, /var/tmp, /dev/shm) until the disk says no — once per
//! sandbox. The tmpfs sizes bound it and nothing of it stays on the host.
use std::io::Write;

/// Files of 128 MiB (under the file-size limit) until the disk is full.
fn fill(path: &str) {
    let block = vec![7u8; 1 << 20];
    for n in 0..64 {
        let Ok(mut file) = std::fs::File::create(format!("{path}-{n}")) else { return };
        for _ in 0..128 {
            if file.write_all(&block).is_err() {
                eprintln!("{path}: full");
                return;
            }
        }
    }
}

fn main() {
    if std::fs::create_dir("/dev/shm/netlings-disk-bomb").is_ok() {
        for path in ["fill", "/work/netlings-fill", "/tmp/netlings-fill", "/var/tmp/netlings-fill", "/dev/shm/netlings-fill"] {
            fill(path);
        }
    }
    std::process::exit(1);
}
