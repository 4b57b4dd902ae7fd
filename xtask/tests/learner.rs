//! The learner's path, end to end, in private copies of the workspace
//! (`support::Copy`): never the learner's own `exercises/` or progress.
//!
//! - one course order: the README, `cargo xtask`, `list`, `next` and
//!   `watch` agree on it;
//! - `list`, `hint` (escalating, and after a compile error about the
//!   compiler), `check` without an exercise, and `reset`;
//! - the runner grades the clone it stands in, even with one target
//!   directory shared by two clones;
//! - progress: the alias lets cargo's progress show, the first build says
//!   what it does at once, `list` shows `N/9 done`, a long check says it is
//!   still running;
//! - `watch`: re-checks on save, survives a compile error and a hung
//!   program, fits the report to the terminal with the first ✗ on top, and
//!   on success stays, says what was learnt and what is next, and moves on
//!   only on `n`, to the next exercise in course order;
//! - the whole suite run in a copy with an exercise solved is green and
//!   leaves the exercises and the progress byte-identical (ignored by
//!   default: it runs every test again; `.ci/run` runs it).

mod support;

use netlings_suite::catalogue::EXERCISES;
use predicates::prelude::*;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};
use support::{Copy, DEADLINE, workspace};

/// The line of `list` for one exercise.
fn listed<'a>(list: &'a str, handle: &str) -> &'a str {
    list.lines()
        .find(|l| l.contains(handle))
        .unwrap_or_else(|| panic!("{handle} is not in the list:\n{list}"))
}

/// Mark exercises done (and which was checked last) in a copy's progress,
/// as a run of `check` would.
fn progress(copy: &Copy, done: &[&str], last: Option<&str>) {
    let mut exercises = serde_json::Map::new();
    for id in done {
        exercises.insert(
            id.to_string(),
            serde_json::json!({"total": 3, "passed": 3, "failing": [], "compile_error": false}),
        );
    }
    let state = serde_json::json!({"exercises": exercises, "last": last});
    let path = copy.root.join("target/netlings/state.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, state.to_string()).unwrap();
}

#[test]
fn one_course_order_in_the_readme_the_welcome_list_and_next() {
    let copy = Copy::new("order");
    let order: Vec<String> = EXERCISES.iter().map(|e| e.handle()).collect();
    let first = &order[0];

    // The README: the quick start grades the first exercise, the course
    // line lists them all in order.
    let readme = std::fs::read_to_string(copy.root.join("README.md")).unwrap();
    let quick_start = readme
        .lines()
        .find_map(|l| l.strip_prefix("    cargo xtask check "))
        .expect("README.md's quick start has a `cargo xtask check` command");
    assert_eq!(
        format!("exercise-{}", &quick_start[quick_start.len() - 2..]),
        *first
    );
    let course_line = readme
        .lines()
        .find(|l| l.trim_start().starts_with("00 →"))
        .expect("README.md shows the course order as `00 → 01 → …`");
    let ids: Vec<String> = course_line
        .split('→')
        .map(|id| format!("exercise-{}", id.trim()))
        .collect();
    assert_eq!(ids, order, "README.md's course order");

    // The welcome, list and next all start there.
    let welcome = copy.stdout(&[]);
    assert!(
        welcome.contains(&format!("next: cargo xtask check {first}")),
        "{welcome}"
    );
    let list = copy.stdout(&["list"]);
    let in_list: Vec<&str> = list
        .lines()
        .filter_map(|l| l.split_whitespace().find(|w| w.starts_with("exercise-")))
        .collect();
    assert_eq!(in_list[..order.len()], order, "list is in course order");
    assert!(listed(&list, first).starts_with('→'), "{list}");
    assert!(copy.stdout(&["next"]).contains(&format!("→ {first}")));

    // Done with the first two: everything moves on to the third.
    progress(&copy, &["00", "01"], Some("01"));
    let list = copy.stdout(&["list"]);
    assert!(listed(&list, &order[2]).starts_with('→'), "{list}");
    assert!(list.contains(&format!("next: cargo xtask check {}", order[2])));
    assert!(copy.stdout(&["next"]).contains(&format!("→ {}", order[2])));
    // Progress you can see: a bar and `N/9 done`.
    assert!(list.contains("██░░░░░░░ 2/9 done"), "{list}");
}

#[test]
fn list_hint_check_and_reset_follow_the_latest_result() {
    let copy = Copy::new("list-hint-reset");
    let ex05 = copy.exercise("05-tcp-server");
    let stub = std::fs::read(&ex05).unwrap();

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

    // Hints escalate one level per call and stop at the last; without an
    // exercise named, `hint` is about the one checked last. Each points
    // to the guide of its section of the notes, which exists.
    let first = copy.stdout(&["hint", "exercise-05"]);
    let second = copy.stdout(&["hint"]);
    assert!(first.contains("hint 1/"), "{first}");
    // The cause the last check found comes first: the stub's `todo!`.
    assert!(
        first.contains("cause: not implemented yet") && first.contains("step 0"),
        "{first}"
    );
    assert!(second.contains("hint 2/"), "{second}");
    assert_ne!(first, second, "the second hint says more");
    let guide = first
        .split_whitespace()
        .find(|w| w.starts_with("docs/notes/"))
        .unwrap_or_else(|| panic!("the hint names no guide: {first}"));
    assert!(copy.root.join(guide).is_file(), "{guide} does not exist");

    // A compile error: `hint` follows it, not the failing check of before.
    std::fs::write(&ex05, "fn main() { let x: u8 = \"not a number\"; }\n").unwrap();
    copy.xtask(&["check"]).assert().code(1).stdout(
        predicate::str::contains("exercise-05").and(predicate::str::contains("does not compile")),
    );
    let hint = copy.stdout(&["hint"]);
    assert!(
        hint.contains("does not compile yet") && hint.contains("mismatched types"),
        "hint after a compile error: {hint}"
    );
    assert!(
        hint.contains("src/main.rs:1"),
        "the hint says where: {hint}"
    );

    // The learner's own work passes, and the list moves on.
    std::fs::write(&ex05, copy.solution("05-tcp-server")).unwrap();
    copy.xtask(&["check", "exercise-05"])
        .assert()
        .success()
        .stdout(predicate::str::contains("every check passes"));
    let list = copy.stdout(&["list"]);
    assert!(listed(&list, "exercise-05").ends_with("done"), "{list}");
    assert!(list.contains("1/9 done"), "{list}");

    // reset asks first: without a yes, nothing changes.
    copy.xtask(&["reset", "exercise-05"])
        .write_stdin("y\n")
        .assert()
        .failure();
    assert_eq!(
        std::fs::read_to_string(&ex05).unwrap(),
        copy.solution("05-tcp-server"),
        "reset without --yes and without a terminal changes nothing"
    );
    copy.xtask(&["reset", "exercise-05", "--yes"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&ex05).unwrap(),
        stub,
        "the stub is back byte-exact"
    );
    assert_eq!(
        std::fs::read_to_string(ex05.with_extension("rs.bak")).unwrap(),
        copy.solution("05-tcp-server"),
        "the learner's work is kept beside it"
    );
    copy.xtask(&["reset", "exercise-05", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("already the untouched stub"));
}

#[test]
fn the_readme_walkthrough_moves_every_check_past_step_0() {
    let copy = Copy::new("walkthrough");
    let readme = std::fs::read_to_string(copy.root.join("README.md")).unwrap();
    // Step 3's code: the block indented seven spaces after "replace the step-0".
    let after = &readme[readme
        .find("replace the step-0 `todo!`")
        .expect("README step 3")..];
    let code: Vec<&str> = after
        .lines()
        .skip_while(|l| !l.starts_with("       "))
        .take_while(|l| l.starts_with("       ") || l.is_empty())
        .map(|l| l.strip_prefix("       ").unwrap_or(l))
        .collect();
    let code = code.join("\n");
    assert!(
        code.contains("Args::parse"),
        "README step 3 shows code: {code}"
    );
    let path = copy.exercise("00-addresses");
    let stub = std::fs::read_to_string(&path).unwrap();
    let todo = stub
        .find("todo!(\"step 0")
        .expect("the stub's step 0 is a todo!");
    let end = todo + stub[todo..].find(";\n").unwrap() + 1;
    std::fs::write(&path, format!("{}{code}{}", &stub[..todo], &stub[end..])).unwrap();

    let out = copy
        .xtask(&["check", "exercise-00", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let messages: Vec<String> = report["exercises"][0]["checks"]
        .as_array()
        .expect("the exercise compiled and its checks ran")
        .iter()
        .map(|c| c["message"].to_string())
        .collect();
    assert!(
        !messages.iter().any(|m| m.contains("step 0")),
        "{messages:#?}"
    );
    for step in ["step 1", "step 5", "step 7"] {
        assert!(
            messages.iter().any(|m| m.contains(step)),
            "a check now needs {step}: {messages:#?}"
        );
    }
}

#[test]
fn each_clone_grades_its_own_exercises_with_one_shared_target_directory() {
    let base = workspace().join("target/netlings/learner-test");
    let shared = base.join("shared-target");
    let a = Copy::at(&base.join("clone-a"), &shared);
    let b = Copy::at(&base.join("clone-b"), &shared);
    b.solve("05-tcp-server");
    for _ in 0..2 {
        a.xtask(&["check", "05"])
            .assert()
            .code(1)
            .stdout(predicate::str::contains("not implemented yet"));
        b.xtask(&["check", "05"])
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "exercises/05-tcp-server (built just now)",
            ));
    }
    assert!(listed(&a.stdout(&["list"]), "exercise-05").contains("failing"));
    assert!(listed(&b.stdout(&["list"]), "exercise-05").ends_with("done"));
    // A clone that is gone cannot be graded by mistake from another.
    std::fs::remove_dir_all(&a.root).unwrap();
    b.xtask(&["check", "05"]).assert().success();
}

#[test]
fn the_first_build_says_what_it_is_doing_at_once() {
    // The alias does not hide cargo's own progress while it builds the runner.
    let config = std::fs::read_to_string(workspace().join(".cargo/config.toml")).unwrap();
    let alias = config
        .lines()
        .find(|l| l.starts_with("xtask"))
        .expect("the xtask alias");
    assert!(
        !alias.contains("--quiet") && !alias.contains(" -q"),
        "the alias silences the first build: {alias}"
    );
    // The runner says what it builds before it starts, on a cold target.
    let copy = Copy::new("first-build");
    let cold = copy.root.join("target/cold");
    let mut child = copy
        .command(&["check", "05"])
        .env("CARGO_TARGET_DIR", &cold)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let said = started.elapsed();
    let still_building =
        child.try_wait().unwrap().is_none() && !cold.join("debug/ex05-tcp-server").exists();
    // Let it finish (the stub fails fast), so no build outlives the test.
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "the stub is graded and fails");
    assert!(
        first.contains("building exercises/05-tcp-server"),
        "{first:?}"
    );
    assert!(still_building, "said only after the build");
    eprintln!("the first line came after {said:?}");
    assert!(said < Duration::from_secs(5), "took {said:?}");
}

/// `cargo xtask watch` with its output read line by line.
struct Watch {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

/// The terminal height `watch` is told (as `$LINES`).
const ROWS: usize = 20;

impl Watch {
    fn start(copy: &Copy) -> Watch {
        let mut child = copy
            .command(&["watch"])
            .env("LINES", ROWS.to_string())
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

    /// Wait for a line containing `text`; returns the lines up to it.
    fn expect(&mut self, text: &str) -> Vec<String> {
        let end = Instant::now() + DEADLINE;
        let mut these = Vec::new();
        loop {
            match self
                .lines
                .recv_timeout(end.saturating_duration_since(Instant::now()))
            {
                Ok(line) => {
                    self.seen.push(line.clone());
                    these.push(line.clone());
                    if line.contains(text) {
                        return these;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "watch never printed {text:?}; it printed:\n{}",
                    self.seen.join("\n")
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "watch ended before printing {text:?}:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Nothing containing `text` for `quiet`.
    fn never(&mut self, text: &str, quiet: Duration) {
        let end = Instant::now() + quiet;
        while let Ok(line) = self
            .lines
            .recv_timeout(end.saturating_duration_since(Instant::now()))
        {
            assert!(!line.contains(text), "watch printed {line:?}");
            self.seen.push(line);
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

/// The last screen among `lines`: from the last clear to the end.
fn last_screen(lines: &[String]) -> &[String] {
    let start = lines
        .iter()
        .rposition(|l| l.contains("\x1b[2J"))
        .unwrap_or(0);
    &lines[start..]
}

#[test]
fn watch_paces_the_learner_through_errors_a_hung_program_and_success() {
    let copy = Copy::new("watch");
    // Exercises 00 to 04 done, and 06 too: after 05 comes 07, in course order.
    progress(&copy, &["00", "01", "02", "03", "04", "06"], Some("04"));
    let mut watch = Watch::start(&copy);
    // Without an exercise named, watch takes the current one.
    watch.expect("⏳ building exercises/05-tcp-server");
    let screen = watch.expect("watching exercises/05-tcp-server/src");
    // The stub fails every check: the report is cut to the terminal, the
    // first ✗ on top, and says how to see the rest.
    let screen = last_screen(&screen);
    assert!(screen.len() <= ROWS, "{} lines: {screen:#?}", screen.len());
    let first_check = screen
        .iter()
        .position(|l| l.trim_start().starts_with('✗') || l.trim_start().starts_with('✓'))
        .expect("a check on screen");
    assert!(
        screen[first_check].trim_start().starts_with('✗'),
        "{screen:#?}"
    );
    assert!(
        screen.iter().any(|l| l.contains("more lines")),
        "{screen:#?}"
    );
    assert!(screen.iter().any(|l| l.contains("6/9 done")), "{screen:#?}");
    // n does not skip an exercise that fails.
    watch.press("n");
    watch.expect("n moves on once every check of exercise-05 passes");

    let ex05 = copy.exercise("05-tcp-server");
    std::fs::write(&ex05, "fn main() { this does not compile }\n").unwrap();
    watch.expect("does not compile yet");
    watch.expect("ms after the save");
    watch.press("h");
    watch.expect("does not compile yet, so no check could run");

    // A program that never prints its listening line: the check of it is
    // still running when the next save arrives, and must give way to it.
    // Every copy of it (the checks run several at once) leaves an empty
    // file named by its pid: created in one step, so never half-written.
    let started = copy.root.join("target/hung");
    std::fs::create_dir_all(&started).unwrap();
    std::fs::write(&ex05, format!(
        "fn main() {{\n    let me = std::path::Path::new({started:?}).join(std::process::id().to_string());\n    std::fs::File::create(me).unwrap();\n    loop {{\n        std::thread::sleep(std::time::Duration::from_secs(60));\n    }}\n}}\n"
    )).unwrap();
    let pids = || -> Vec<String> {
        std::fs::read_dir(&started)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    wait_until("the hung program starting", DEADLINE, || !pids().is_empty());
    // A check that takes long says so while it runs.
    watch.expect("⏳ still running:");

    std::fs::write(&ex05, copy.solution("05-tcp-server")).unwrap();
    let screen = watch.expect("every check passes");
    assert!(
        screen.iter().any(|l| l.contains("checks pass")),
        "the passing checks are folded into one line: {screen:#?}"
    );
    let took = watch.expect("ms after the save");
    eprintln!("solution saved → report redrawn: {took:?}");
    watch.expect("7/9 done");
    watch.expect("exercise-05 is done. What it taught:");
    watch.expect("next: exercise-07");
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
    // The success screen stays until a key says otherwise.
    watch.never("watching exercises/07", Duration::from_secs(1));
    watch.press("n");
    watch.expect("watching exercises/07-file-download/src");

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

#[test]
fn every_section_of_the_notes_has_a_guide_in_both_languages() {
    let root = workspace();
    for exercise in EXERCISES {
        for check in exercise.checks {
            for lang in [
                netlings_suite::text::Lang::En,
                netlings_suite::text::Lang::Zh,
            ] {
                let guide = netlings_suite::report::guide(check.section, lang);
                let text = std::fs::read_to_string(root.join(&guide))
                    .unwrap_or_else(|e| panic!("{guide} (for {}): {e}", exercise.check_id(check)));
                assert!(
                    text.contains(check.section),
                    "{guide} is about {}",
                    check.section
                );
            }
        }
    }
    // The Python examples say they are full solutions, before any code.
    for entry in std::fs::read_dir(root.join("docs/python")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let head: String = text.lines().take(5).collect::<Vec<_>>().join("\n");
        assert!(
            head.contains("FULL SOLUTION") || head.contains("complete solution"),
            "{} does not say it is a full solution",
            path.display()
        );
    }
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
#[ignore = "runs every test of the workspace again, in a copy; .ci/run runs it"]
fn the_whole_suite_leaves_the_learners_work_alone() {
    let copy = Copy::new("suite");
    copy.solve("05-tcp-server");
    copy.xtask(&["check", "05"]).assert().success();
    let state = copy.root.join("target/netlings/state.json");
    let before = (
        snapshot(&copy.root.join("exercises")),
        std::fs::read(&state).unwrap(),
    );

    // The workspace's test executables, as cargo built them for this run.
    let built = std::process::Command::new(env!("CARGO"))
        .args(["test", "--workspace", "--no-run", "--message-format=json"])
        .current_dir(workspace())
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    assert!(built.status.success());
    let mut runs = 0;
    let mut failed = Vec::new();
    for line in String::from_utf8_lossy(&built.stdout).lines() {
        let message: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        let (Some(exe), Some(manifest)) = (
            message["executable"].as_str(),
            message["manifest_path"].as_str(),
        ) else {
            continue;
        };
        if message["profile"]["test"] != true {
            continue;
        }
        // Each runs in its package's folder of the copy, as cargo would
        // start it there; it finds the copy from there.
        let package = Path::new(manifest).parent().unwrap();
        let cwd = copy.root.join(package.strip_prefix(workspace()).unwrap());
        let began = Instant::now();
        let out = std::process::Command::new(exe)
            .args(["--test-threads", "4"])
            .current_dir(&cwd)
            .env("CARGO_MANIFEST_DIR", &cwd)
            .env("CARGO_TARGET_DIR", &copy.target)
            .env_remove("NETLINGS_BINS")
            .output()
            .unwrap();
        eprintln!("{exe}: {} in {:?}", out.status, began.elapsed());
        if !out.status.success() {
            failed.push(format!(
                "{exe} in the copy:\n{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        runs += 1;
    }
    assert!(runs >= 6, "only {runs} test executables ran");
    let after = (
        snapshot(&copy.root.join("exercises")),
        std::fs::read(&state).unwrap(),
    );
    assert!(
        before == after,
        "the suite changed the learner's exercises or progress"
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
