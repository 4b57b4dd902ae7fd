//! Hostile: read the host and other students. Prints whatever it can read
//! of a root-only secret, the teacher's checkout (`.git`), other
//! submissions, `/root`, `/home` and the grader's environment, and tries to
//! overwrite another student's source. None of it is in the sandbox.
fn main() {
    let reads = [
        "@SECRET@",
        "@CHECKOUT@/.git",
        "@CHECKOUT@/.git/config",
        "@CHECKOUT@/Cargo.toml",
        "@CLASS@/alice/exercises/05-tcp-server/src/main.rs",
        "/root/.bashrc",
        "/etc/shadow",
        "/proc/1/environ",
    ];
    for path in reads {
        if let Ok(bytes) = std::fs::read(path) {
            println!("read {path}: {}", String::from_utf8_lossy(&bytes));
            eprintln!("read {path}: {}", String::from_utf8_lossy(&bytes));
        }
    }
    for dir in ["/root", "/home", "/work", "@CLASS@", "@CHECKOUT@/target/netlings"] {
        if let Ok(list) = std::fs::read_dir(dir) {
            let names: Vec<String> = list.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
            eprintln!("listed {dir}: {names:?}");
        }
    }
    let stub = "fn main() { todo!() }\n";
    for victim in ["@CLASS@/alice", "@CLASS@/zoe"] {
        let _ = std::fs::write(format!("{victim}/exercises/05-tcp-server/src/main.rs"), stub);
    }
    std::process::exit(1);
}
