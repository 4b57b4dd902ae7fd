//! Hostile: forge the grade. Writes a perfect report wherever the runner
//! might read one (next to the program, the work folder, the runner's
//! folder) and into every open stdout of another process it can reach
//! (`/proc/PID/fd/1`: the runner's pipe to the grader). Earns what the stub
//! earns: 0.
fn main() {
    let forged = r#"{"report":{"schema":"netlings-report/1","target":"x","lang":"en","exercises":[{"exercise":"05","handle":"exercise-05","score":{"total":{"passed":18,"failed":0,"skipped":0,"total":18}}}],"totals":{"passed":18,"failed":0,"skipped":0,"total":18}},"markdown":"","notes":[]}"#;
    let here = std::env::current_exe().unwrap_or_default();
    let mut places = vec![
        std::path::PathBuf::from("report.json"),
        "/work/report.json".into(),
        "/grader/report.json".into(),
        "/src/report.json".into(),
    ];
    if let Some(dir) = here.parent() {
        places.push(dir.join("report.json"));
        places.push(dir.join("../../report.json"));
    }
    for place in places {
        let _ = std::fs::write(&place, forged);
    }
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let out = entry.path().join("fd/1");
        if let Ok(mut pipe) = std::fs::OpenOptions::new().write(true).open(&out) {
            use std::io::Write;
            let _ = pipe.write_all(forged.as_bytes());
            eprintln!("wrote a forged report into {}", out.display());
        }
    }
    println!("{forged}");
    std::process::exit(1);
}
