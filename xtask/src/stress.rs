//! `cargo xtask stress N`: the whole suite N times in a row, oversubscribed
//! (more test threads than cores) and, where `stress-ng` is installed, with
//! every core kept busy. A flake found here is fixed at its root: no
//! retries, no longer sleeps. A red run's whole output is kept in
//! `target/netlings/stress/run-N.log`, so the failure can be read after.

use std::process::{Child, Command, ExitCode, Stdio};
use std::time::Instant;

pub fn run(runs: usize, threads: usize, load: bool, filter: Option<&str>) -> ExitCode {
    let _load = if load { Load::start() } else { None };
    let logs = netlings_suite::targets::workspace_root().join("target/netlings/stress");
    if let Err(e) = std::fs::create_dir_all(&logs) {
        eprintln!("error: cannot create {}: {e}", logs.display());
        return ExitCode::FAILURE;
    }
    let mut failed = Vec::new();
    let started = Instant::now();
    for i in 1..=runs {
        let t = Instant::now();
        let mut command = Command::new("cargo");
        command.args([
            "nextest",
            "run",
            "--no-fail-fast",
            "--test-threads",
            &threads.to_string(),
            "--status-level",
            "fail",
            "--final-status-level",
            "fail",
        ]);
        if let Some(filter) = filter {
            command.args(["-E", filter]);
        }
        let log = logs.join(format!("run-{i}.log"));
        let ran = std::fs::File::create(&log)
            .and_then(|file| Ok((file.try_clone()?, file)))
            .and_then(|(out, err)| {
                command
                    .stdin(Stdio::null())
                    .stdout(out)
                    .stderr(err)
                    .status()
            });
        let ok = ran.as_ref().is_ok_and(|s| s.success());
        let seconds = t.elapsed().as_secs_f32();
        if ok {
            let _ = std::fs::remove_file(&log);
            println!("stress run {i}/{runs}: green in {seconds:.1} s");
        } else {
            println!(
                "stress run {i}/{runs}: RED in {seconds:.1} s ({})",
                match &ran {
                    Ok(_) => format!("its output: {}", log.display()),
                    Err(e) => format!("cargo nextest did not run: {e}"),
                }
            );
            failed.push(i);
        }
    }
    println!(
        "\n{} of {runs} runs green ({} threads, load: {}), {:.0} s in all",
        runs - failed.len(),
        threads,
        if _load.is_some() {
            "stress-ng --cpu 2"
        } else {
            "none"
        },
        started.elapsed().as_secs_f32()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!("red runs: {failed:?}");
        ExitCode::FAILURE
    }
}

/// `stress-ng --cpu N` in the background for as long as it is held.
struct Load(Child);

impl Load {
    fn start() -> Option<Load> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        match Command::new("stress-ng")
            .args(["--cpu", &cores.to_string(), "--quiet"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(child) => Some(Load(child)),
            Err(_) => {
                println!(
                    "note: stress-ng is not installed (apt-get install stress-ng); running without CPU load"
                );
                None
            }
        }
    }
}

impl Drop for Load {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
