//! Tiers that tell the truth: the notes' own programs, ported to the
//! contracts and kept faithful (`docs/notes-programs/`), are graded. Each
//! must pass every `notes`-tier check of its exercise — those checks hold a
//! program to what the notes show — and fail `real`-tier checks exactly at
//! the pitfalls its header lists (`# pitfall: CHECK — reason`), no more and
//! no fewer. A check that is skipped on this machine proves nothing either
//! way and is left out of the comparison.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One faithful program and what its header promises.
struct NotesProgram {
    path: PathBuf,
    name: String,
    pitfalls: BTreeSet<String>,
}

fn notes_programs(root: &Path) -> Vec<NotesProgram> {
    let mut programs: Vec<NotesProgram> = std::fs::read_dir(root.join("docs/notes-programs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".py") && name.as_bytes()[0].is_ascii_digit()
        })
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let pitfalls = text
                .lines()
                .filter_map(|l| l.strip_prefix("# pitfall: "))
                .map(|l| l.split_whitespace().next().unwrap().to_string())
                .collect();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            NotesProgram {
                path,
                name,
                pitfalls,
            }
        })
        .collect();
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    programs
}

/// Grade one program and say everything that does not hold, in sentences.
fn disagreements(root: &Path, program: &NotesProgram) -> Vec<String> {
    let exercise = &program.name[..2];
    let mut command = Command::cargo_bin("xtask").unwrap();
    command
        .current_dir(root)
        // Three checks at once, two programs side by side: the programs that
        // block (the notes' single reads) wait out deadlines in parallel,
        // and a loaded machine still starts each Python program in time.
        .args([
            "check", exercise, "--lang", "en", "--format", "json", "--jobs", "3",
        ])
        .arg("--cmd")
        // -S: no site-packages and their start-up hooks (they cost a Python
        // start 40 ms on some machines); the notes' programs use only the
        // standard library and their own helper beside them (not -I, which
        // would hide it), so they behave the same.
        .arg(format!(
            "{} -S {}",
            netlings_suite::targets::python3(),
            program.path.display()
        ));
    let programs = netlings_suite::catalogue::exercise(exercise)
        .expect("a known exercise")
        .programs;
    if programs.len() > 1 {
        let key = programs
            .iter()
            .find(|p| program.name.ends_with(&p.key[2..]))
            .expect("the file names its program")
            .key;
        command.args(["--program", key]);
    }
    let output = command
        .timeout(std::time::Duration::from_secs(900))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{}: no JSON report ({e})", program.name));
    let mut problems = Vec::new();
    let mut real_checks = BTreeSet::new();
    for check in report["exercises"][0]["checks"].as_array().unwrap() {
        let name = check["name"].as_str().unwrap().to_string();
        let tier = check["tier"].as_str().unwrap();
        let status = check["status"].as_str().unwrap();
        let first_line = check["message"].as_str().unwrap_or("").lines().next();
        let why = first_line.unwrap_or("").to_string();
        if tier == "real" {
            real_checks.insert(name.clone());
        }
        let listed = program.pitfalls.contains(&name);
        match (tier, status, listed) {
            ("notes", "fail", _) => problems.push(format!(
                "fails the notes-tier check {name}, which holds programs to what the notes show: {why}"
            )),
            ("notes", _, true) => problems.push(format!(
                "lists {name} as a pitfall, but it is a notes-tier check"
            )),
            ("real", "fail", false) => problems.push(format!(
                "fails the real-tier check {name}, which is not among its pitfalls: {why}"
            )),
            ("real", "pass", true) => problems.push(format!(
                "passes {name}, listed as a pitfall: the pitfall is gone or the check lost its teeth"
            )),
            _ => {}
        }
    }
    for unknown in program.pitfalls.difference(&real_checks) {
        problems.push(format!(
            "lists {unknown} as a pitfall, but exercise {exercise} has no real-tier check of that name"
        ));
    }
    problems
        .into_iter()
        .map(|p| format!("{}: {p}", program.name))
        .collect()
}

/// A disagreement counts when a second grading shows it again: on a
/// machine loaded far beyond its cores, a Python program can miss a
/// check's start-up deadline once; a wrong tier or a wrong pitfall list
/// disagrees every time.
fn reproducible_disagreements(root: &Path, program: &NotesProgram) -> Vec<String> {
    let first = disagreements(root, program);
    if first.is_empty() {
        return first;
    }
    // The sentence up to the first colon after the check's name is what
    // disagrees; the rest is what this run happened to see.
    let key = |p: &String| p.split(": what happened").next().unwrap_or(p).to_string();
    let again: BTreeSet<String> = disagreements(root, program).iter().map(key).collect();
    first
        .into_iter()
        .filter(|p| again.contains(&key(p)))
        .collect()
}

/// The notes' six programs, by file name; a test below holds this list to
/// the folder. One test each, so they are graded side by side.
const PROGRAMS: &[&str] = &[
    "04-tcp-client",
    "05-tcp-server",
    "06-looping-server",
    "07-file-download-client",
    "07-file-download-server",
    "08-udp-chat",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

#[test]
fn every_notes_program_in_the_folder_is_graded() {
    let found: Vec<String> = notes_programs(root()).into_iter().map(|p| p.name).collect();
    assert_eq!(
        found, PROGRAMS,
        "the notes have six programs (chat, TCP client, TCP server, looping server, download client and server)"
    );
}

#[rstest::rstest]
fn the_notes_programs_fail_real_checks_only_at_their_pitfalls(
    #[values(0, 1, 2, 3, 4, 5)] index: usize,
) {
    let program = notes_programs(root())
        .into_iter()
        .find(|p| p.name == PROGRAMS[index])
        .expect("the program is in docs/notes-programs");
    let problems = reproducible_disagreements(root(), &program);
    assert!(
        problems.is_empty(),
        "the tiers do not tell the truth:\n{}",
        problems.join("\n")
    );
}
