//! The learner's progress, saved after every check under `target/` (never
//! in the learner's sources): what passed, what failed, which hint was shown.

use crate::check::Graded;
use netlings_suite::check::Exercise;
use netlings_suite::runner::Status;
use netlings_suite::targets::workspace_root;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Default, Serialize, Deserialize)]
pub struct State {
    pub exercises: BTreeMap<String, Progress>,
    /// The exercise checked last (the one being worked on).
    #[serde(default)]
    pub last: Option<String>,
}

#[derive(Default, Clone, Serialize, Deserialize)]
pub struct Progress {
    pub total: usize,
    pub passed: usize,
    /// The failing checks' names, in order.
    pub failing: Vec<String>,
    pub compile_error: bool,
    /// The compiler's first error, when the last check did not compile.
    #[serde(default)]
    pub compiler_says: Option<String>,
    /// The hint level last shown, per check name.
    #[serde(default)]
    pub hints: BTreeMap<String, usize>,
    /// The cause the harness found for the first failing check, if any.
    #[serde(default)]
    pub cause: Option<Cause>,
}

/// A diagnosis as the state keeps it: its id and the evidence in each
/// language, so `hint` can say it again without running anything.
#[derive(Default, Clone, Serialize, Deserialize)]
pub struct Cause {
    pub id: String,
    pub en: String,
    pub zh: String,
}

/// `target/netlings/state.json` of the checkout you stand in (beside the
/// sources, whatever `CARGO_TARGET_DIR` says: progress belongs to a clone).
pub fn path() -> PathBuf {
    workspace_root().join("target/netlings/state.json")
}

pub fn load() -> State {
    std::fs::read(path())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

pub fn save(state: &State) {
    let path = path();
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // Progress is a convenience: failing to save it must not fail a check.
    let _ = std::fs::write(&path, serde_json::to_vec_pretty(state).unwrap_or_default());
}

pub fn record(graded: &Graded) {
    let mut state = load();
    let entry = state
        .exercises
        .entry(graded.exercise.id.to_string())
        .or_default();
    entry.total = graded.results.len();
    entry.passed = graded
        .results
        .iter()
        .filter(|(_, v)| v.status == Status::Pass)
        .count();
    entry.failing = graded
        .results
        .iter()
        .filter(|(_, v)| v.status == Status::Fail)
        .map(|(c, _)| c.name.to_string())
        .collect();
    entry.cause = graded
        .results
        .iter()
        .find(|(_, v)| v.status == Status::Fail)
        .and_then(|(_, v)| v.diagnosis.as_ref())
        .map(|found| Cause {
            id: found.id.to_string(),
            en: found.evidence.en.clone(),
            zh: found.evidence.zh.clone(),
        });
    entry.compile_error = false;
    entry.compiler_says = None;
    state.last = Some(graded.exercise.id.to_string());
    save(&state);
}

/// A check that did not compile: no check ran, so no failing check is
/// left over from before for `hint` to talk about.
pub fn record_compile_error(exercise: &Exercise, rendered: &str) {
    let mut state = load();
    let entry = state.exercises.entry(exercise.id.to_string()).or_default();
    entry.compile_error = true;
    entry.total = exercise.checks.len();
    entry.passed = 0;
    entry.failing.clear();
    entry.compiler_says = Some(first_error(rendered));
    state.last = Some(exercise.id.to_string());
    save(&state);
}

/// The first error of the compiler's output, without colours: its message
/// and where it is (`error[E0425]: …` and the ` --> file:line` under it).
fn first_error(rendered: &str) -> String {
    let plain = strip_ansi(rendered);
    let mut lines = plain
        .lines()
        .skip_while(|l| !l.starts_with("error"))
        .take(2);
    let mut out = lines.next().unwrap_or("").trim().to_string();
    if let Some(at) = lines.next().filter(|l| l.trim_start().starts_with("-->")) {
        out.push(' ');
        out.push_str(at.trim());
    }
    out
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ … final byte in @..~
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) && c != '[' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
