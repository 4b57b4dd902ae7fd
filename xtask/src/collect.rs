//! `cargo xtask collect ROSTER --deadline T --into submissions/`: fetch each
//! student's repository (a URL or a local path, as GitHub Classroom makes
//! them) at the last commit before the deadline, and record which commit
//! that was in `submissions/collected.csv` — the gradebook carries it.
//!
//! The roster has one student a line: `id repository` (spaces or a comma
//! between; `#` starts a comment). Nothing from a student's repository is
//! run: it is cloned without checkout, its hooks path points nowhere, and
//! the chosen commit is checked out detached.

use crate::gradebook::COLLECTED;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Collected {
    pub student: String,
    pub repository: String,
    /// The commit checked out (empty when none could be).
    pub commit: String,
    /// Its committer date.
    pub committed_at: String,
    pub deadline: String,
    pub collected_at: String,
    /// `collected`, or why not.
    pub status: String,
}

pub fn read_collected(path: &Path) -> Result<Vec<Collected>, String> {
    crate::gradebook::read_csv(path)
}

/// `id repository` lines.
pub fn parse_roster(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut students = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut fields = line
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|f| !f.is_empty());
        let (Some(id), Some(repo), None) = (fields.next(), fields.next(), fields.next()) else {
            return Err(format!(
                "roster line {}: expected `student repository`, found {line:?}",
                n + 1
            ));
        };
        if !valid_id(id) {
            return Err(format!(
                "roster line {}: {id:?} cannot name a folder (letters, digits, . _ - only)",
                n + 1
            ));
        }
        if students.iter().any(|(s, _)| s == id) {
            return Err(format!("roster line {}: {id} appears twice", n + 1));
        }
        students.push((id.to_string(), repo.to_string()));
    }
    Ok(students)
}

fn valid_id(id: &str) -> bool {
    !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

pub fn run(roster: &Path, deadline: Option<&str>, into: &Path) -> ExitCode {
    let students = match std::fs::read_to_string(roster)
        .map_err(|e| format!("cannot read {}: {e}", roster.display()))
        .and_then(|t| parse_roster(&t))
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(into) {
        eprintln!("error: cannot create {}: {e}", into.display());
        return ExitCode::FAILURE;
    }
    let record = into.join(COLLECTED);
    let mut records = read_collected(&record).unwrap_or_default();
    let mut missing = 0;
    for (student, repository) in &students {
        let collected = collect_one(student, repository, deadline, &into.join(student));
        match collected.commit.as_str() {
            "" => {
                missing += 1;
                println!("{student}: {}", collected.status);
            }
            commit => println!("{student}: {commit} ({})", collected.committed_at),
        }
        records.retain(|r| &r.student != student);
        records.push(collected);
    }
    records.sort_by(|a, b| a.student.cmp(&b.student));
    if let Err(e) = write_collected(&record, &records) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "{} of {} collected; record: {}",
        students.len() - missing,
        students.len(),
        record.display()
    );
    ExitCode::SUCCESS
}

fn write_collected(path: &Path, records: &[Collected]) -> Result<(), String> {
    let mut writer = csv::Writer::from_path(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    for r in records {
        writer
            .serialize(r)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    writer
        .flush()
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn collect_one(student: &str, repository: &str, deadline: Option<&str>, dest: &Path) -> Collected {
    let mut record = Collected {
        student: student.to_string(),
        repository: repository.to_string(),
        commit: String::new(),
        committed_at: String::new(),
        deadline: deadline.unwrap_or("").to_string(),
        collected_at: crate::model::rfc3339(std::time::SystemTime::now()),
        status: String::new(),
    };
    match fetch_at(repository, deadline, dest) {
        Ok((commit, date)) => {
            record.commit = commit;
            record.committed_at = date;
            record.status = "collected".into();
        }
        Err(why) => {
            let _ = std::fs::remove_dir_all(dest);
            record.status = format!("not collected: {why}");
        }
    }
    record
}

/// Clone `repository` into `dest` and check out the last commit before the
/// deadline (by committer date, on the default branch's first-parent line).
fn fetch_at(
    repository: &str,
    deadline: Option<&str>,
    dest: &Path,
) -> Result<(String, String), String> {
    if dest.exists() {
        std::fs::remove_dir_all(dest)
            .map_err(|e| format!("cannot clear {}: {e}", dest.display()))?;
    }
    git(
        None,
        &[
            "clone",
            "--quiet",
            "--no-checkout",
            "--no-hardlinks",
            "--",
            repository,
        ],
        Some(dest),
    )?;
    let mut rev_list = vec!["rev-list", "-n", "1", "--first-parent"];
    let before;
    if let Some(deadline) = deadline {
        before = format!("--before={deadline}");
        rev_list.push(&before);
    }
    rev_list.push("HEAD");
    let commit = git(Some(dest), &rev_list, None)?;
    if commit.is_empty() {
        return Err(match deadline {
            Some(d) => format!("no commit before the deadline {d}"),
            None => "the repository has no commit".into(),
        });
    }
    git(
        Some(dest),
        &["checkout", "--quiet", "--detach", &commit],
        None,
    )?;
    let date = git(Some(dest), &["log", "-1", "--format=%cI", &commit], None)?;
    Ok((commit, date))
}

/// Run git with hooks and local config kept out of it; stdout trimmed.
fn git(dir: Option<&Path>, args: &[&str], extra: Option<&Path>) -> Result<String, String> {
    let mut command = Command::new("git");
    command.args([
        "-c",
        "core.hooksPath=/dev/null",
        "-c",
        "protocol.ext.allow=never",
    ]);
    if let Some(dir) = dir {
        command.arg("-C").arg(dir);
    }
    command.args(args);
    if let Some(extra) = extra {
        command.arg(extra);
    }
    let output = command
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(format!("git {} failed: {first}", args[0]));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// Where `cargo xtask collect` puts a class by default.
pub fn default_into() -> PathBuf {
    PathBuf::from("submissions")
}
