//! What the xtask's tests share: the workspace they stand in (found from
//! the current directory at run time, as the xtask finds it) and private
//! copies of it, so no test reads or writes the learner's `exercises/` or
//! `target/netlings/state.json`.
#![allow(dead_code)] // each test binary uses a part of it

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Long enough for a build of one exercise and all its checks on a loaded
/// 2-core machine; a run that takes longer is a failure, not a hang.
pub const DEADLINE: Duration = Duration::from_secs(180);

/// The checkout these tests stand in (cargo and nextest start a test in its
/// package's folder).
pub fn workspace() -> PathBuf {
    let here = std::env::current_dir().unwrap();
    netlings_suite::targets::find_workspace(&here)
        .unwrap_or_else(|| panic!("{} is not inside a netlings checkout", here.display()))
}

/// The xtask under test (built by cargo for this test run).
pub fn xtask_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_xtask"))
}

/// A clone of this workspace with the current (possibly uncommitted)
/// sources, every exercise put back to its pristine stub (from git, by the
/// blob ids of `xtask/stubs.lock`, as `reset` does) and no progress. Objects
/// are shared with this repository, so `reset` finds the stubs' blobs.
///
/// It lives at a fixed place under `target/` with a target directory of its
/// own, so the exercises it builds are incremental from one run to the next.
/// The xtask run in it is the one under test, which finds the copy from its
/// current directory.
pub struct Copy {
    pub root: PathBuf,
    pub target: PathBuf,
}

impl Copy {
    /// `name` keeps tests that run at once in copies of their own.
    pub fn new(name: &str) -> Copy {
        let base = workspace().join("target/netlings/learner-test");
        Copy::at(&base.join(name), &base.join(format!("{name}-target")))
    }

    /// A copy at `root` building into `target`. A copy left by an earlier
    /// run is brought up to date in place, writing only files that differ,
    /// so cargo sees unchanged sources and does not rebuild them.
    pub fn at(root: &Path, target: &Path) -> Copy {
        let from = workspace();
        if !root.join(".git").exists() {
            if root.exists() {
                std::fs::remove_dir_all(root).unwrap();
            }
            std::fs::create_dir_all(root.parent().unwrap()).unwrap();
            git(
                &from,
                &["clone", "--quiet", "--shared", "--no-checkout", "."],
            )
            .arg(root)
            .assert()
            .success();
        }
        // The working tree as it is now, so uncommitted work is what is
        // tested; never the learner's exercises.
        let listed = git(
            &from,
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
            let source = from.join(file);
            if source.is_file() && !file.starts_with("exercises") {
                write_if_changed(&root.join(file), &std::fs::read(&source).unwrap());
            }
        }
        // The exercises exactly as shipped: what git has at HEAD, and the
        // stubs by the blob ids of the lock; nothing else in them.
        let tree = git(root, &["ls-tree", "-r", "-z", "HEAD", "exercises"])
            .output()
            .unwrap();
        let mut shipped: Vec<(String, String)> = tree
            .stdout
            .split(|b| *b == 0)
            .filter(|l| !l.is_empty())
            .filter_map(|l| {
                let (meta, path) = std::str::from_utf8(l).ok()?.split_once('\t')?;
                Some((meta.split(' ').nth(2)?.to_string(), path.to_string()))
            })
            .collect();
        shipped.extend(stub_blobs(root));
        let keep: Vec<PathBuf> = shipped.iter().map(|(_, p)| root.join(p)).collect();
        let mut pending = vec![root.join("exercises")];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else if !keep.contains(&path) {
                    std::fs::remove_file(&path).unwrap();
                }
            }
        }
        for (blob, path) in shipped {
            write_if_changed(&root.join(path), &pristine(root, &blob));
        }
        // No progress, and nothing an earlier test left behind.
        for leftover in ["target/netlings/state.json", "target/hung", "target/cold"] {
            let path = root.join(leftover);
            let _ = std::fs::remove_file(&path);
            let _ = std::fs::remove_dir_all(&path);
        }
        Copy {
            root: root.to_path_buf(),
            target: target.to_path_buf(),
        }
    }

    /// The xtask under test with ARGS in the copy, in English, without colour.
    pub fn command(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(xtask_bin());
        command.args(args);
        if !args.contains(&"--lang") {
            command.args(["--lang", "en"]);
        }
        command
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .env("CARGO_TARGET_DIR", &self.target)
            // The suite's own binaries (set by nextest's setup script) must
            // not stand in for the copy's exercises.
            .env_remove("NETLINGS_BINS")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("GITHUB_ACTIONS");
        command
    }

    pub fn xtask(&self, args: &[&str]) -> Command {
        let mut command = Command::from_std(self.command(args));
        command.timeout(DEADLINE);
        command
    }

    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.xtask(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn exercise(&self, folder: &str) -> PathBuf {
        self.root.join("exercises").join(folder).join("src/main.rs")
    }

    pub fn solution(&self, folder: &str) -> String {
        std::fs::read_to_string(self.root.join("solutions").join(folder).join("src/main.rs"))
            .unwrap()
    }

    /// Solve an exercise of one program with its reference solution.
    pub fn solve(&self, folder: &str) {
        std::fs::write(self.exercise(folder), self.solution(folder)).unwrap();
    }
}

/// Write `bytes` to `path` unless it holds them already (keeping its
/// modification time, which cargo's freshness check reads).
fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// `(blob id, path)` of every stub file, from `xtask/stubs.lock`.
pub fn stub_blobs(root: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(root.join("xtask/stubs.lock"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (blob, path) = l.split_once(' ').unwrap();
            (blob.to_string(), path.to_string())
        })
        .collect()
}

/// A stub's bytes as shipped, from git's object store.
pub fn pristine(root: &Path, blob: &str) -> Vec<u8> {
    let out = git(root, &["cat-file", "blob", blob]).output().unwrap();
    assert!(out.status.success(), "stubs.lock names blob {blob}");
    out.stdout
}

/// The pristine stub of `path` (e.g. `exercises/05-tcp-server/src/main.rs`).
pub fn pristine_stub(path: &str) -> Vec<u8> {
    let root = workspace();
    let (blob, _) = stub_blobs(&root)
        .into_iter()
        .find(|(_, p)| p == path)
        .unwrap_or_else(|| panic!("{path} is not in xtask/stubs.lock"));
    pristine(&root, &blob)
}

pub fn git(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command.current_dir(dir).args(args).timeout(DEADLINE);
    command
}

/// Where `report` breaks `docs/report.schema.json` (empty when it keeps it).
pub fn schema_errors(report: &serde_json::Value) -> Vec<String> {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(workspace().join("docs/report.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid");
    validator
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}
