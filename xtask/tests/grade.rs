//! `cargo xtask grade` on a folder of three submissions: a correct one, a
//! wrong one (the untouched stub) and a hostile one. The gradebook must be
//! right, nothing the hostile one did may reach the host, and nothing may be
//! left running.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;
use support::{pristine_stub, workspace};

fn submit(dir: &Path, name: &str, source: &[u8]) {
    let src = dir.join(name).join("exercises/05-tcp-server/src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("main.rs"), source).unwrap();
}

fn processes_of_nobody() -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        if status
            .lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("65534"))
        {
            found.push(status.lines().next().unwrap_or("").to_string());
        }
    }
    found
}

#[test]
fn a_class_of_three_is_graded_and_the_hostile_one_is_contained() {
    let class = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let root = workspace();
    let read = |path: &str| std::fs::read(root.join(path)).unwrap();
    submit(
        class.path(),
        "alice",
        &read("solutions/05-tcp-server/src/main.rs"),
    );
    // The stub as shipped (from git), never the learner's own exercise.
    submit(
        class.path(),
        "bob",
        &pristine_stub("exercises/05-tcp-server/src/main.rs"),
    );
    submit(
        class.path(),
        "mallory",
        &read("xtask/tests/fixtures/hostile-05/src/main.rs"),
    );
    let escape = root.join("target/netlings-hostile-escaped");
    let _ = std::fs::remove_file(&escape);
    let _ = std::fs::remove_file("/tmp/netlings-hostile-escaped");

    Command::cargo_bin("xtask")
        .unwrap()
        .current_dir(&root)
        .args(["grade", "--exercise", "05", "--out"])
        .arg(out.path())
        .arg(class.path())
        .env("NETLINGS_ESCAPE_TARGET", &escape)
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .success()
        .stdout(predicate::str::contains("containment:"));

    let book = std::fs::read_to_string(out.path().join("gradebook.csv")).unwrap();
    assert!(book.contains("alice,exercise-05,18,0,18,100.0"), "{book}");
    assert!(book.contains("bob,exercise-05,0,0,18,0.0"), "{book}");
    assert!(book.contains("mallory,exercise-05,"), "{book}");
    assert!(
        !book.contains("mallory,exercise-05,18"),
        "the hostile submission must not pass: {book}"
    );
    for name in ["alice", "bob", "mallory"] {
        let report: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.path().join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(report["schema"], "netlings-report/1");
    }

    assert!(
        !escape.exists(),
        "the hostile submission wrote into the grader's checkout"
    );
    assert!(
        !Path::new("/tmp/netlings-hostile-escaped").exists(),
        "the hostile submission wrote into the host's /tmp"
    );
    assert!(
        !Path::new("/tmp/netlings-hostile-reached-network").exists(),
        "the hostile submission found a route out"
    );
    assert!(!Path::new("/netlings-hostile-escaped").exists());
    assert_eq!(
        processes_of_nobody(),
        Vec::<String>::new(),
        "processes were left running"
    );
}
