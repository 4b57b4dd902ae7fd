//! The pristine stubs, by git blob id.
//!
//! `xtask/stubs.lock` lists `<blob id> <path>` for every file of every
//! exercise's `src/`. Git keeps every blob a clone ever saw, so `reset` can
//! put a stub back byte-exact with `git cat-file` even after the learner has
//! committed their own work, and the self-test can tell a pristine stub from
//! a learner's work without keeping a second copy of each stub in the repo.

use netlings_suite::check::Exercise;
use netlings_suite::targets::workspace_root;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const LOCK: &str = "xtask/stubs.lock";

pub struct Entry {
    pub blob: String,
    /// Relative to the workspace root.
    pub path: PathBuf,
}

pub fn entries() -> Result<Vec<Entry>, String> {
    let text = std::fs::read_to_string(workspace_root().join(LOCK))
        .map_err(|e| format!("cannot read {LOCK}: {e}"))?;
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (blob, path) = l
                .split_once(' ')
                .ok_or_else(|| format!("{LOCK}: bad line {l:?}"))?;
            Ok(Entry {
                blob: blob.to_string(),
                path: PathBuf::from(path),
            })
        })
        .collect()
}

/// The stub files of one exercise.
pub fn of(exercise: &Exercise) -> Result<Vec<Entry>, String> {
    let prefix = Path::new("exercises").join(exercise.folder());
    Ok(entries()?
        .into_iter()
        .filter(|e| e.path.starts_with(&prefix))
        .collect())
}

fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(workspace_root())
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// The blob id a file has now (whether or not git tracks it).
pub fn blob_of(path: &Path) -> Result<String, String> {
    let out = git(&["hash-object", "--", &path.to_string_lossy()])?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

/// Whether every stub file of `exercise` is as shipped.
pub fn is_pristine(exercise: &Exercise) -> Result<bool, String> {
    for entry in of(exercise)? {
        let path = workspace_root().join(&entry.path);
        if !path.exists() || blob_of(&path)? != entry.blob {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The stub's bytes, from git's object store.
pub fn pristine_bytes(entry: &Entry) -> Result<Vec<u8>, String> {
    git(&["cat-file", "blob", &entry.blob])
}

/// Files under `exercises/*/src` that the lock does not list, and listed
/// files that differ: what `stubs --update` would change.
pub fn drift() -> Result<Vec<String>, String> {
    let listed = entries()?;
    let mut problems = Vec::new();
    for file in stub_files()? {
        match listed.iter().find(|e| e.path == file) {
            None => problems.push(format!("{} is not in {LOCK}", file.display())),
            Some(e) if blob_of(&workspace_root().join(&file))? != e.blob => {
                problems.push(format!("{} differs from its stub", file.display()))
            }
            Some(_) => {}
        }
    }
    Ok(problems)
}

fn stub_files() -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let root = workspace_root();
    let mut pending = vec![root.join("exercises")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
        {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                pending.push(path);
            } else if path.components().any(|c| c.as_os_str() == "src")
                && !name.to_string_lossy().ends_with(".bak")
            {
                files.push(
                    path.strip_prefix(&root)
                        .expect("under the root")
                        .to_path_buf(),
                );
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Write the lock from the exercises as they are now (for maintainers,
/// after changing a stub).
pub fn update() -> Result<usize, String> {
    let files = stub_files()?;
    let mut text = String::from(
        "# Blob ids of the pristine stubs (cargo xtask stubs --update writes this).\n",
    );
    for file in &files {
        // Store the blob so `git cat-file` finds it even before a commit.
        let out = git(&["hash-object", "-w", "--", &file.to_string_lossy()])?;
        text.push_str(&format!(
            "{} {}\n",
            String::from_utf8_lossy(&out).trim(),
            file.display()
        ));
    }
    std::fs::write(workspace_root().join(LOCK), text)
        .map_err(|e| format!("cannot write {LOCK}: {e}"))?;
    Ok(files.len())
}
