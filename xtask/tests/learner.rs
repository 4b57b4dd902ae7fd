//! The learner's loop, end to end, in a private copy of the workspace:
//! `list` reflects the check just run, `hint` escalates, `reset` puts the
//! stub back byte-exact and keeps a backup, and `watch` re-checks on save,
//! survives a compile error and a hung program, and moves on when green.
//!
//! The copy is needed because these commands edit `exercises/` and the
//! progress file, which other tests read. It lives at a fixed place under
//! `target/` (not a fresh temporary directory) so its build is incremental:
//! the xtask's dependencies are compiled once, not on every run.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Long enough for a build of one exercise and all its checks on a loaded
/// 2-core machine; a run that takes longer is a failure, not a hang.
const DEADLINE: Duration = Duration::from_secs(180);

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is in the workspace")
}

/// A clone of this workspace with the current (possibly uncommitted)
/// sources, every exercise put back to its pristine stub, no progress, and
/// its xtask built. Objects are shared with this repository, so `reset`
/// finds the stubs' blobs.
struct Copy {
    root: PathBuf,
    xtask: PathBuf,
}

impl Copy {
    /// `name` keeps tests that run at once in copies of their own.
    fn new(name: &str) -> Copy {
        let base = workspace().join("target/netlings/learner-test");
        let root = base.join(name);
        // A target directory of its own: two copies building into one would
        // put both programs at the same `target/debug/ex05-tcp-server`.
        let target = base.join(format!("{name}-target"));
        if root.exists() {
            std::fs::remove_dir_all(&root).unwrap();
        }
        std::fs::create_dir_all(&base).unwrap();
        git(
            workspace(),
            &["clone", "--quiet", "--shared", "--no-checkout", "."],
        )
        .arg(&root)
        .assert()
        .success();
        // The working tree as it is now, so uncommitted work is what is tested.
        let listed = git(
            workspace(),
            &[
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
            ],
        )
        .output()
        .unwrap();
        for file in listed.stdout.split(|b| *b == 0).filter(|f| !f.is_empty()) {
            let file = Path::new(std::str::from_utf8(file).unwrap());
            let from = workspace().join(file);
            if from.is_file() && !file.starts_with("exercises") {
                let to = root.join(file);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(&from, &to).unwrap();
            }
        }
        // The exercises exactly as shipped, whatever the developer's own are.
        git(&root, &["checkout", "HEAD", "--", "exercises"])
            .assert()
            .success();
        let lock = std::fs::read_to_string(root.join("xtask/stubs.lock")).unwrap();
        for line in lock
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (blob, path) = line.split_once(' ').unwrap();
            let bytes = git(&root, &["cat-file", "blob", blob]).output().unwrap();
            assert!(bytes.status.success(), "stubs.lock names blob {blob}");
            std::fs::write(root.join(path), bytes.stdout).unwrap();
        }
        cargo(&root, &target)
            .args(["build", "--quiet", "--package", "xtask"])
            .assert()
            .success();
        Copy {
            xtask: target.join("debug/xtask"),
            root,
        }
    }

    /// `cargo xtask ARGS` in the copy, in English, without colour.
    fn command(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(&self.xtask);
        command
            .args(args)
            .args(["--lang", "en"])
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .env(
                "CARGO_TARGET_DIR",
                self.xtask.parent().unwrap().parent().unwrap(),
            )
            // The suite's own binaries (set by nextest's setup script) must
            // not stand in for the copy's exercises.
            .env_remove("NETLINGS_BINS");
        command
    }

    fn xtask(&self, args: &[&str]) -> Command {
        let mut command = Command::from_std(self.command(args));
        command.timeout(DEADLINE);
        command
    }

    fn exercise_05(&self) -> PathBuf {
        self.root.join("exercises/05-tcp-server/src/main.rs")
    }

    /// Save `text` as exercise 05, as an editor would.
    fn save_05(&self, text: &str) {
        std::fs::write(self.exercise_05(), text).unwrap();
    }

    fn solution_05(&self) -> String {
        std::fs::read_to_string(self.root.join("solutions/05-tcp-server/src/main.rs")).unwrap()
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.xtask(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    }
}

fn git(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command.current_dir(dir).args(args).timeout(DEADLINE);
    command
}

fn cargo(dir: &Path, target: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .timeout(DEADLINE);
    command
}

/// The line of `list` for one exercise.
fn listed<'a>(list: &'a str, handle: &str) -> &'a str {
    list.lines()
        .find(|l| l.contains(handle))
        .unwrap_or_else(|| panic!("{handle} is not in the list:\n{list}"))
}

#[test]
fn list_hint_and_reset_follow_the_learners_work() {
    let copy = Copy::new("list-hint-reset");
    let stub = std::fs::read(copy.exercise_05()).unwrap();

    let list = copy.stdout(&["list"]);
    assert!(
        listed(&list, "exercise-05").ends_with("not started"),
        "{list}"
    );
    copy.xtask(&["hint", "exercise-05"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cargo xtask check exercise-05"));

    // The untouched stub: every check fails, and the list says so.
    copy.xtask(&["check", "exercise-05"]).assert().code(1);
    let list = copy.stdout(&["list"]);
    let line = listed(&list, "exercise-05");
    assert!(line.contains("failing") && line.contains("of"), "{line}");

    // Hints escalate one level per call and stop at the last.
    let first = copy.stdout(&["hint", "exercise-05"]);
    let second = copy.stdout(&["hint", "exercise-05"]);
    assert!(first.contains("hint 1/"), "{first}");
    assert!(second.contains("hint 2/"), "{second}");
    assert_ne!(first, second, "the second hint says more");

    // Step 3 of the README's walkthrough, as written there: the step-0
    // line makes exactly the two bad-argument checks pass.
    let readme = std::fs::read_to_string(copy.root.join("README.md")).unwrap();
    let step_0 = readme
        .lines()
        .find_map(|l| l.trim().strip_prefix("`let addr = Args::parse("))
        .and_then(|rest| rest.split_once('`'))
        .map(|(code, _)| format!("let addr = Args::parse({code}"))
        .expect("README.md shows the step-0 line of exercise 05");
    let stub_text = String::from_utf8(stub.clone()).unwrap();
    let todo = stub_text
        .find("let addr: SocketAddr =")
        .expect("the stub's step 0 starts with `let addr: SocketAddr =`");
    let end = todo + stub_text[todo..].find(";\n").unwrap() + 1;
    copy.save_05(&format!(
        "{}{step_0}{}",
        &stub_text[..todo],
        &stub_text[end..]
    ));
    let out = copy
        .xtask(&["check", "exercise-05", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let passing: Vec<&str> = report["exercises"][0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "pass")
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        passing,
        ["rejects_a_port_out_of_range", "rejects_a_malformed_ip"],
        "README step 3: the two bad-argument checks turn ✓"
    );

    // The learner's own work passes, and the list moves on.
    copy.save_05(&copy.solution_05());
    copy.xtask(&["check", "exercise-05"])
        .assert()
        .success()
        .stdout(predicate::str::contains("every check passes"));
    let list = copy.stdout(&["list"]);
    assert!(listed(&list, "exercise-05").ends_with("done"), "{list}");

    // reset asks first: without a yes, nothing changes.
    copy.xtask(&["reset", "exercise-05"])
        .write_stdin("y\n")
        .assert()
        .failure();
    assert_eq!(
        std::fs::read_to_string(copy.exercise_05()).unwrap(),
        copy.solution_05(),
        "reset without --yes and without a terminal changes nothing"
    );
    copy.xtask(&["reset", "exercise-05", "--yes"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read(copy.exercise_05()).unwrap(),
        stub,
        "the stub is back byte-exact"
    );
    assert_eq!(
        std::fs::read_to_string(copy.exercise_05().with_extension("rs.bak")).unwrap(),
        copy.solution_05(),
        "the learner's work is kept beside it"
    );
    copy.xtask(&["reset", "exercise-05", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("already the untouched stub"));
}

/// `cargo xtask watch` with its output read line by line.
struct Watch {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn start(copy: &Copy) -> Watch {
        let mut child = copy
            .command(&["watch", "exercise-05"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Wait for a line containing `text`; returns it.
    fn expect(&mut self, text: &str) -> String {
        let end = Instant::now() + DEADLINE;
        loop {
            match self
                .lines
                .recv_timeout(end.saturating_duration_since(Instant::now()))
            {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(text) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "watch never printed {text:?}; it printed:\n{}",
                        self.seen.join("\n")
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "watch ended before printing {text:?}:\n{}",
                        self.seen.join("\n")
                    )
                }
            }
        }
    }

    fn press(&mut self, key: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(format!("{key}\n").as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Wait until `condition` holds, polling an observable fact (a file, a
/// process) that offers no event to wait on.
fn wait_until(what: &str, within: Duration, condition: impl Fn() -> bool) {
    let end = Instant::now() + within;
    while !condition() {
        assert!(Instant::now() < end, "{what} did not happen in {within:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn watch_rechecks_on_save_and_survives_a_compile_error_and_a_hung_program() {
    let copy = Copy::new("watch");
    let mut watch = Watch::start(&copy);
    watch.expect("watching exercises/05-tcp-server/src");

    copy.save_05("fn main() { this does not compile }\n");
    watch.expect("does not compile yet");
    watch.expect("ms after the save");

    // A program that never prints its listening line: the check of it is
    // still running when the next save arrives, and must give way to it.
    // Every copy of it (the checks run several at once) leaves an empty
    // file named by its pid: created in one step, so never half-written.
    let started = copy.root.join("target/hung");
    std::fs::create_dir_all(&started).unwrap();
    copy.save_05(&format!(
        "fn main() {{\n    let me = std::path::Path::new({started:?}).join(std::process::id().to_string());\n    std::fs::File::create(me).unwrap();\n    loop {{\n        std::thread::sleep(std::time::Duration::from_secs(60));\n    }}\n}}\n"
    ));
    let pids = || -> Vec<String> {
        std::fs::read_dir(&started)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    wait_until("the hung program starting", DEADLINE, || !pids().is_empty());

    copy.save_05(&copy.solution_05());
    watch.expect("every check passes");
    let took = watch.expect("ms after the save");
    watch.expect("Moving on to exercise-00");
    eprintln!("solution saved → report redrawn: {took}");
    // Stopped with their check, not left to run into the check's own 10 s
    // start deadline.
    wait_until(
        "every copy of the hung program ending",
        Duration::from_secs(5),
        || {
            pids()
                .iter()
                .all(|pid| !Path::new("/proc").join(pid).exists())
        },
    );

    watch.press("q");
    let end = Instant::now() + DEADLINE;
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < end, "q did not stop watch");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "watch ends with 0 on q: {status}");
}
