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
}

#[derive(Default, Clone, Serialize, Deserialize)]
pub struct Progress {
    pub total: usize,
    pub passed: usize,
    /// The failing checks' names, in order.
    pub failing: Vec<String>,
    pub compile_error: bool,
    /// The hint level last shown, per check name.
    #[serde(default)]
    pub hints: BTreeMap<String, usize>,
}

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
    entry.compile_error = false;
    save(&state);
}

pub fn record_compile_error(exercise: &Exercise) {
    let mut state = load();
    let entry = state.exercises.entry(exercise.id.to_string()).or_default();
    entry.compile_error = true;
    entry.total = exercise.checks.len();
    entry.passed = 0;
    save(&state);
}
