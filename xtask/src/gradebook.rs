//! The class gradebook: what `cargo xtask grade` writes beside the reports,
//! and what `cargo xtask class join` makes of the shards of a class.
//!
//! Two layouts, both CSV (docs/grading.md):
//! - `gradebook.csv` (long): one row per student and exercise plus a
//!   `total` row per student, with the checks' counts, the points (from the
//!   one scoring model in `model.rs`), the commit graded and when;
//! - `gradebook-wide.csv`: one row per student — id, status, commit, time,
//!   total points, then one column of points per exercise — what an LMS
//!   imports.
//!
//! Grading some students again updates their rows and leaves everyone
//! else's: the long gradebook is the record, the wide one is made from it.

use crate::model::{Count, Points, show};
use netlings_suite::catalogue::EXERCISES;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub const LONG: &str = "gradebook.csv";
pub const WIDE: &str = "gradebook-wide.csv";
/// What `cargo xtask collect` writes into the class folder.
pub const COLLECTED: &str = "collected.csv";

pub const GRADED: &str = "graded";
pub const TOTAL: &str = "total";

/// What the gradebook needs of a report (the schema is `model::Report`).
#[derive(Deserialize)]
pub struct Summary {
    pub exercises: Vec<SummaryExercise>,
    pub totals: Count,
    pub points: Points,
    pub timestamp: String,
}

#[derive(Deserialize)]
pub struct SummaryExercise {
    pub handle: String,
    pub score: SummaryScore,
}

#[derive(Deserialize)]
pub struct SummaryScore {
    pub total: Count,
    pub points: Points,
}

/// One row of the long layout.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Row {
    pub student: String,
    /// `exercise-05`, or `total`.
    pub exercise: String,
    /// `graded`, `not graded: why` or `error: why`.
    pub status: String,
    pub passed: Option<usize>,
    pub failed: Option<usize>,
    pub skipped: Option<usize>,
    pub checks: Option<usize>,
    pub points: Option<String>,
    pub max_points: Option<String>,
    pub percent: Option<String>,
    /// The commit graded (from `collected.csv` or the checkout's `.git`).
    pub commit: String,
    /// When it was graded (RFC 3339, UTC).
    pub graded_at: String,
    /// What the sandbox noted: limits reached, files of the submission refused.
    #[serde(default)]
    pub note: String,
}

impl Row {
    fn scored(student: &str, exercise: &str, count: Count, points: Points, at: &Graded) -> Row {
        Row {
            student: student.to_string(),
            exercise: exercise.to_string(),
            status: GRADED.to_string(),
            passed: Some(count.passed),
            failed: Some(count.failed),
            skipped: Some(count.skipped),
            checks: Some(count.total),
            points: Some(show(points.earned)),
            max_points: Some(show(points.max)),
            percent: Some(format!("{:.1}", points.percent())),
            commit: at.commit.clone(),
            graded_at: at.time.clone(),
            note: String::new(),
        }
    }

    /// A student with no score: `error: …` or `not graded: …`.
    pub fn unscored(student: &str, status: String, commit: &str, time: &str) -> Row {
        Row {
            student: student.to_string(),
            exercise: TOTAL.to_string(),
            status,
            passed: None,
            failed: None,
            skipped: None,
            checks: None,
            points: None,
            max_points: None,
            percent: None,
            commit: commit.to_string(),
            graded_at: time.to_string(),
            note: String::new(),
        }
    }

    fn count(&self) -> Count {
        Count {
            passed: self.passed.unwrap_or(0),
            failed: self.failed.unwrap_or(0),
            skipped: self.skipped.unwrap_or(0),
            total: self.checks.unwrap_or(0),
        }
    }

    fn points(&self) -> Points {
        let number = |s: &Option<String>| s.as_deref().and_then(|s| s.parse().ok()).unwrap_or(0.0);
        Points {
            earned: number(&self.points),
            max: number(&self.max_points),
        }
    }

    fn is_graded(&self) -> bool {
        self.status == GRADED
    }
}

/// Which commit was graded and when.
pub struct Graded {
    pub commit: String,
    pub time: String,
}

/// The rows of one graded submission (its exercises; the total is made
/// when the gradebook is written).
pub fn rows(student: &str, summary: &Summary, commit: &str, note: &str) -> Vec<Row> {
    let at = Graded {
        commit: commit.to_string(),
        time: summary.timestamp.clone(),
    };
    summary
        .exercises
        .iter()
        .map(|e| Row {
            note: note.to_string(),
            ..Row::scored(student, &e.handle, e.score.total, e.score.points, &at)
        })
        .collect()
}

/// Read a long gradebook.
pub fn read(path: &Path) -> Result<Vec<Row>, String> {
    read_csv(path)
}

/// The records of a CSV file with a header (a gradebook, `collected.csv`).
pub fn read_csv<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, String> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    reader
        .deserialize()
        .map(|r| r.map_err(|e| format!("{}: {e}", path.display())))
        .collect()
}

/// Put `new` into the gradebook in `out` (creating it): every row of a
/// student in `new` for the same exercise is replaced, a student who could
/// not be graded loses their old rows, every other row stays. Then each
/// student's total is made again and the wide layout written.
pub fn update(out: &Path, new: Vec<Row>) -> Result<Vec<Row>, String> {
    let long = out.join(LONG);
    let old = if long.exists() {
        read(&long)?
    } else {
        Vec::new()
    };
    let merged = merge(old, new);
    write(out, &merged)?;
    Ok(merged)
}

pub fn merge(old: Vec<Row>, new: Vec<Row>) -> Vec<Row> {
    let replaced: BTreeSet<(String, String)> = new
        .iter()
        .map(|r| (r.student.clone(), r.exercise.clone()))
        .collect();
    let unscored: BTreeSet<&str> = new
        .iter()
        .filter(|r| !r.is_graded())
        .map(|r| r.student.as_str())
        .collect();
    let scored: BTreeSet<&str> = new
        .iter()
        .filter(|r| r.is_graded())
        .map(|r| r.student.as_str())
        .collect();
    let mut rows: Vec<Row> = old
        .into_iter()
        .filter(|r| r.exercise != TOTAL || !r.is_graded())
        .filter(|r| !replaced.contains(&(r.student.clone(), r.exercise.clone())))
        .filter(|r| !unscored.contains(r.student.as_str()))
        // A student graded now drops an old "error"/"not graded" line.
        .filter(|r| r.is_graded() || !scored.contains(r.student.as_str()))
        .collect();
    rows.extend(new);
    with_totals(rows)
}

/// Drop totals and make them again from each student's exercise rows; sort
/// by student, exercises in the catalogue's order, total last.
fn with_totals(rows: Vec<Row>) -> Vec<Row> {
    let mut by_student: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for row in rows {
        if row.exercise == TOTAL && row.is_graded() {
            continue;
        }
        by_student.entry(row.student.clone()).or_default().push(row);
    }
    let mut out = Vec::new();
    for (student, mut rows) in by_student {
        rows.sort_by_key(|r| exercise_order(&r.exercise));
        let graded: Vec<&Row> = rows.iter().filter(|r| r.is_graded()).collect();
        if let Some(latest) = graded.iter().max_by(|a, b| a.graded_at.cmp(&b.graded_at)) {
            let count = graded
                .iter()
                .fold(Count::default(), |c, r| c.plus(r.count()));
            let points = graded.iter().fold(Points::default(), |p, r| Points {
                earned: p.earned + r.points().earned,
                max: p.max + r.points().max,
            });
            let at = Graded {
                commit: latest.commit.clone(),
                time: latest.graded_at.clone(),
            };
            let mut notes: Vec<&str> = Vec::new();
            for r in &graded {
                if !r.note.is_empty() && !notes.contains(&r.note.as_str()) {
                    notes.push(&r.note);
                }
            }
            let total = Row {
                note: notes.join("; "),
                ..Row::scored(&student, TOTAL, count, points, &at)
            };
            rows.push(total);
        }
        out.extend(rows);
    }
    out
}

fn exercise_order(exercise: &str) -> usize {
    EXERCISES
        .iter()
        .position(|e| e.handle() == exercise)
        .unwrap_or(EXERCISES.len())
}

/// Write both layouts into `out`, each whole and never through a link.
pub fn write(out: &Path, rows: &[Row]) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        // The header alone, so an empty shard still has a gradebook.
        writer.write_record(HEADER).expect("writes to memory");
    }
    for row in rows {
        writer.serialize(row).expect("writes to memory");
    }
    let long = writer.into_inner().expect("in memory");
    replace(&out.join(LONG), &long)?;
    replace(&out.join(WIDE), wide_layout(rows).as_bytes())
}

/// Write a file beside `path` and rename it over `path`: a reader (or a
/// grader killed half-way) sees the old gradebook or the new one, never
/// half of one, and a link at `path` is replaced, not followed.
fn replace(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{}.new", name.unwrap_or_default()));
    crate::intake::write_new(&temporary, bytes, 0o644)?;
    std::fs::rename(&temporary, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The long layout's columns.
pub const HEADER: [&str; 13] = [
    "student",
    "exercise",
    "status",
    "passed",
    "failed",
    "skipped",
    "checks",
    "points",
    "max_points",
    "percent",
    "commit",
    "graded_at",
    "note",
];

/// One row per student: `student,status,commit,graded_at,points,max_points,
/// percent,exercise-01,…` (points per exercise; empty when not graded).
pub fn wide_layout(rows: &[Row]) -> String {
    let exercises: Vec<String> = EXERCISES
        .iter()
        .map(|e| e.handle())
        .filter(|h| rows.iter().any(|r| &r.exercise == h))
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "student",
        "status",
        "commit",
        "graded_at",
        "points",
        "max_points",
        "percent",
    ]
    .map(String::from)
    .to_vec();
    header.extend(exercises.iter().cloned());
    writer.write_record(&header).expect("writes to memory");
    let mut students: Vec<&str> = rows.iter().map(|r| r.student.as_str()).collect();
    students.dedup();
    for student in students {
        let mine: Vec<&Row> = rows.iter().filter(|r| r.student == student).collect();
        let total = mine.iter().find(|r| r.exercise == TOTAL);
        let field = |f: Option<&String>| f.cloned().unwrap_or_default();
        let mut record = vec![
            student.to_string(),
            total.map(|t| t.status.clone()).unwrap_or_default(),
            total.map(|t| t.commit.clone()).unwrap_or_default(),
            total.map(|t| t.graded_at.clone()).unwrap_or_default(),
            field(total.and_then(|t| t.points.as_ref())),
            field(total.and_then(|t| t.max_points.as_ref())),
            field(total.and_then(|t| t.percent.as_ref())),
        ];
        for exercise in &exercises {
            let row = mine.iter().find(|r| &r.exercise == exercise);
            record.push(field(row.and_then(|r| r.points.as_ref())));
        }
        writer.write_record(&record).expect("writes to memory");
    }
    String::from_utf8(writer.into_inner().expect("in memory")).expect("CSV of UTF-8 text")
}

/// The commit a submission was graded at: its line in the class folder's
/// `collected.csv` (written by `cargo xtask collect`), else its checkout's
/// `.git/HEAD` read as files (no git command runs on a student's
/// repository), else empty.
pub fn commit_of(submission: &Path) -> String {
    let name = submission
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(parent) = submission.parent()
        && let Ok(records) = crate::collect::read_collected(&parent.join(COLLECTED))
        && let Some(record) = records.into_iter().find(|r| r.student == name)
    {
        return record.commit;
    }
    head_commit(&submission.join(".git")).unwrap_or_default()
}

fn head_commit(git: &Path) -> Option<String> {
    let is_id = |s: &str| s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let head = std::fs::read_to_string(git.join("HEAD")).ok()?;
    let head = head.trim();
    if is_id(head) {
        return Some(head.to_string());
    }
    let reference = head.strip_prefix("ref: ")?;
    // Only a plain ref name below refs/ (never a path out of .git).
    if !reference.starts_with("refs/")
        || reference
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == "..")
    {
        return None;
    }
    if let Ok(id) = std::fs::read_to_string(git.join(reference))
        && is_id(id.trim())
    {
        return Some(id.trim().to_string());
    }
    let packed = std::fs::read_to_string(git.join("packed-refs")).ok()?;
    packed.lines().find_map(|line| {
        let (id, name) = line.split_once(' ')?;
        (name == reference && is_id(id)).then(|| id.to_string())
    })
}

/// `cargo xtask class join`: the shards' gradebooks as one. Every student of
/// the roster appears: graded, or `not graded` with the reason (their
/// shard's gradebook is missing: the job failed, timed out or was
/// cancelled). A shard with no students is fine.
pub struct Join {
    pub students: Vec<String>,
    pub shards: usize,
    /// `grades-1/`, … as downloaded; missing folders are missing shards.
    pub from: PathBuf,
    pub out: PathBuf,
}

pub struct Joined {
    pub rows: Vec<Row>,
    pub missing_shards: Vec<usize>,
}

pub fn join(plan: &Join) -> Result<Joined, String> {
    let mut rows = Vec::new();
    let mut missing_shards = Vec::new();
    for shard in 1..=plan.shards {
        let book = plan.from.join(format!("grades-{shard}")).join(LONG);
        if book.exists() {
            rows.extend(read(&book)?);
        } else {
            missing_shards.push(shard);
        }
    }
    let seen: BTreeSet<String> = rows.iter().map(|r| r.student.clone()).collect();
    let now = crate::model::rfc3339(std::time::SystemTime::now());
    for (i, student) in plan.students.iter().enumerate() {
        if seen.contains(student) {
            continue;
        }
        let shard = shard_of(i, plan.shards);
        let why = if missing_shards.contains(&shard) {
            format!(
                "not graded: shard {shard} left no gradebook (its job failed, timed out or was cancelled)"
            )
        } else {
            format!("not graded: shard {shard} has no row for this student")
        };
        rows.push(Row::unscored(student, why, "", &now));
    }
    let rows = with_totals(rows);
    write(&plan.out, &rows)?;
    Ok(Joined {
        rows,
        missing_shards,
    })
}

/// Student `i` (in the roster's sorted order) goes to shard `i mod n + 1`.
pub fn shard_of(i: usize, shards: usize) -> usize {
    i % shards.max(1) + 1
}

/// The join as a Markdown table for `$GITHUB_STEP_SUMMARY`.
pub fn summary(joined: &Joined) -> String {
    let mut out = String::from("## Gradebook\n\n");
    for shard in &joined.missing_shards {
        out.push_str(&format!(
            "> **shard {shard} left no gradebook**: its students are listed as not graded; re-run that job.\n"
        ));
    }
    out.push_str("\n| student | status | points | of | % | commit |\n|---|---|---|---|---|---|\n");
    for row in joined.rows.iter().filter(|r| r.exercise == TOTAL) {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            row.student,
            row.status,
            row.points.as_deref().unwrap_or(""),
            row.max_points.as_deref().unwrap_or(""),
            row.percent.as_deref().unwrap_or(""),
            row.commit.get(..12).unwrap_or(&row.commit)
        ));
    }
    out
}

/// How a class is split and how long a shard may take (docs/grading.md,
/// "Sizing shards"): every student of a shard is budgeted the worst case
/// measured for one submission (all its programs hang), plus the job's
/// setup, plus half again for a slower runner; more runners than asked
/// when a shard would not fit GitHub's 6-hour job limit.
pub struct Plan {
    pub runners: usize,
    pub per_shard: usize,
    pub timeout_minutes: u64,
}

/// Seconds: the worst submission measured (every program hangs: 79 s on a
/// loaded 2-core machine) and a runner's setup (toolchain, cache, building
/// the grader, bubblewrap).
pub const WORST_SUBMISSION_S: u64 = 90;
pub const SETUP_S: u64 = 600;
/// GitHub-hosted jobs stop at 360 minutes; stay under it.
pub const JOB_LIMIT_MINUTES: u64 = 350;

pub fn plan(students: usize, runners: usize) -> Plan {
    let budget_s = JOB_LIMIT_MINUTES * 60 * 2 / 3;
    let fits = ((budget_s - SETUP_S) / WORST_SUBMISSION_S).max(1) as usize;
    let runners = runners
        .max(students.div_ceil(fits))
        .clamp(1, students.max(1));
    let per_shard = students.div_ceil(runners);
    let budget = SETUP_S + per_shard as u64 * WORST_SUBMISSION_S;
    Plan {
        runners,
        per_shard,
        timeout_minutes: (budget * 3 / 2).div_ceil(60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sizing_rule() {
        // 100 students on 4 runners: 25 each, (600 + 25 × 90) × 1.5 s.
        let p = plan(100, 4);
        assert_eq!((p.runners, p.per_shard, p.timeout_minutes), (4, 25, 72));
        // Never more runners than students, never none.
        assert_eq!(plan(3, 8).runners, 3);
        assert_eq!(plan(0, 4).runners, 1);
        // A class too big for 6-hour jobs gets more runners.
        let big = plan(1000, 2);
        assert!(
            big.timeout_minutes <= JOB_LIMIT_MINUTES,
            "{}",
            big.timeout_minutes
        );
        assert!(big.runners > 2);
    }

    #[test]
    fn regrading_replaces_rows_and_keeps_the_rest() {
        let row = |s: &str, e: &str, p: &str, at: &str| Row {
            points: Some(p.into()),
            max_points: Some("18".into()),
            passed: Some(p.parse().unwrap()),
            checks: Some(18),
            ..Row::scored(
                s,
                e,
                Count::default(),
                Points::default(),
                &Graded {
                    commit: format!("{s}-{at}"),
                    time: at.into(),
                },
            )
        };
        let old = merge(
            Vec::new(),
            vec![
                row("ann", "exercise-05", "18", "t1"),
                row("bob", "exercise-05", "3", "t1"),
                row("bob", "exercise-06", "4", "t1"),
            ],
        );
        let new = merge(old.clone(), vec![row("bob", "exercise-05", "9", "t2")]);
        let find = |rows: &[Row], s: &str, e: &str| {
            rows.iter()
                .find(|r| r.student == s && r.exercise == e)
                .cloned()
                .unwrap()
        };
        assert_eq!(find(&new, "ann", TOTAL), find(&old, "ann", TOTAL));
        assert_eq!(
            find(&new, "bob", "exercise-06"),
            find(&old, "bob", "exercise-06")
        );
        let total = find(&new, "bob", TOTAL);
        assert_eq!(total.points.as_deref(), Some("13"), "9 + 4");
        assert_eq!(total.commit, "bob-t2", "the latest grading's commit");
        // A student who cannot be graded now loses the old score.
        let failed = merge(
            new,
            vec![Row::unscored("bob", "not graded: x".into(), "c", "t3")],
        );
        assert_eq!(failed.iter().filter(|r| r.student == "bob").count(), 1);
    }
}
