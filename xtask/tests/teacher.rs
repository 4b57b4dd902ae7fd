//! A teacher's workflow, end to end (issue 19): one score in every format,
//! clean machine formats under GitHub Actions, incremental gradebooks with
//! the commit graded, the wide layout, `collect` at a deadline, and the
//! class workflow's shard and join steps.

mod support;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is in the workspace")
}

fn xtask() -> Command {
    let mut c = Command::cargo_bin("xtask").unwrap();
    c.env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("LANG", "C.UTF-8")
        .timeout(Duration::from_secs(600));
    c
}

/// Copy a folder (the solution's or stub's `src`).
fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

const EX05: &str = "exercises/05-tcp-server/src";

/// A student whose exercise 05 is the reference solution.
fn solved_05(class: &Path, name: &str) {
    copy_dir(
        &workspace().join("solutions/05-tcp-server/src"),
        &class.join(name).join(EX05),
    );
}

fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let out = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], student: &str, exercise: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == student && r[1] == exercise)
        .unwrap_or_else(|| panic!("no row {student},{exercise} in {rows:?}"))
}

/// (testcases, failures with a type and a message, skipped) of a JUnit file,
/// and whether every suite has skipped, time and timestamp.
fn junit_facts(xml: &str) -> (usize, usize, usize, bool) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut cases, mut failures, mut skipped, mut suites_ok) = (0, 0, 0, true);
    loop {
        match reader.read_event().expect("JUnit is well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let has = |name: &[u8]| e.attributes().flatten().any(|a| a.key.as_ref() == name);
                match e.name().as_ref() {
                    b"testsuite" => {
                        suites_ok &= has(b"skipped") && has(b"time") && has(b"timestamp")
                    }
                    b"testcase" => {
                        assert!(has(b"time"), "a testcase without time");
                        cases += 1
                    }
                    b"failure" if has(b"type") && has(b"message") => failures += 1,
                    b"failure" => panic!("a failure without type or message"),
                    b"skipped" => skipped += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    (cases, failures, skipped, suites_ok)
}

/// Points 1, 6 and 7: a class with a correct submission, one that does not
/// compile and the untouched stub (skips, which the sandbox no longer
/// causes, are covered by `model::tests`). Every format gives each student
/// the same points out of the same maximum; grading one student again
/// changes only their rows and records the commit.
#[test]
fn every_format_agrees_and_regrading_one_student_keeps_the_others() {
    let class = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    solved_05(class.path(), "alice");
    let bob = class.path().join("bob").join(EX05);
    std::fs::create_dir_all(&bob).unwrap();
    std::fs::write(bob.join("main.rs"), "fn main() { let x: u32 = \"no\"; }\n").unwrap();
    std::fs::create_dir_all(class.path().join("carol/exercises")).unwrap();

    xtask()
        .args(["grade", "--exercise", "05", "--out"])
        .arg(out.path())
        .arg(class.path())
        .assert()
        .success();

    let book = csv_rows(&out.path().join("gradebook.csv"));
    let mut maxima = Vec::new();
    let mut seen_compile_error = false;
    let mut seen_failure = false;
    for student in ["alice", "bob", "carol"] {
        let read = |suffix: &str| {
            std::fs::read_to_string(out.path().join(format!("{student}.{suffix}"))).unwrap()
        };
        let report: Value = serde_json::from_str(&read("json")).unwrap();
        let gradescope: Value = serde_json::from_str(&read("gradescope.json")).unwrap();
        let junit = read("junit.xml");
        let markdown = read("md");
        let (earned, max) = (
            report["points"]["earned"].as_f64().unwrap(),
            report["points"]["max"].as_f64().unwrap(),
        );
        let totals = &report["totals"];
        let count = |k: &str| totals[k].as_u64().unwrap() as usize;
        seen_compile_error |= !report["exercises"][0]["compile_error"].is_null();
        seen_failure |= count("failed") > 0 && report["exercises"][0]["compile_error"].is_null();

        assert_eq!(gradescope["score"].as_f64(), Some(earned), "{student}");
        assert_eq!(gradescope["max_score"].as_f64(), Some(max), "{student}");
        let tests = gradescope["tests"].as_array().unwrap();
        let sum = |k: &str| tests.iter().map(|t| t[k].as_f64().unwrap()).sum::<f64>();
        assert_eq!((sum("score"), sum("max_score")), (earned, max), "{student}");
        assert_eq!(tests.len(), count("total"), "{student}: a test per check");

        let (cases, failures, skipped, suites_ok) = junit_facts(&junit);
        assert_eq!(
            (cases, failures, skipped),
            (count("total"), count("failed"), count("skipped")),
            "{student}: JUnit counts the same checks"
        );
        assert!(
            suites_ok,
            "{student}: a testsuite lacks skipped/time/timestamp"
        );

        let total = row(&book, student, "total");
        assert_eq!(
            (
                total[7].parse::<f64>().unwrap(),
                total[8].parse::<f64>().unwrap()
            ),
            (earned, max),
            "{student}: the gradebook's points"
        );
        assert!(
            markdown.contains(&format!("**{earned} of {max} points**")),
            "{student}: {markdown}"
        );
        maxima.push(max);
    }
    assert!(
        seen_compile_error && seen_failure,
        "the class has a compile error and a failure"
    );
    assert!(
        maxima.iter().all(|m| *m == maxima[0]) && maxima[0] > 0.0,
        "one maximum for every student: {maxima:?}"
    );
    let alice_before = row(&book, "alice", "total").to_vec();
    let carol_before = row(&book, "carol", "exercise-05").to_vec();
    assert_eq!(
        alice_before[7], alice_before[8],
        "the solution scores full marks"
    );

    // Bob fixes his server and commits; only he is graded again.
    std::fs::remove_dir_all(class.path().join("bob")).unwrap();
    solved_05(class.path(), "bob");
    let bob_dir = class.path().join("bob");
    git(&bob_dir, &["init", "-q"], "2026-01-01T00:00:00Z");
    git(&bob_dir, &["add", "."], "2026-01-01T00:00:00Z");
    git(&bob_dir, &["commit", "-qm", "fix"], "2026-01-01T00:00:00Z");
    let head = git(&bob_dir, &["rev-parse", "HEAD"], "2026-01-01T00:00:00Z");
    xtask()
        .args(["grade", "--exercise", "05", "--out"])
        .arg(out.path())
        .arg(&bob_dir)
        .assert()
        .success();
    let after = csv_rows(&out.path().join("gradebook.csv"));
    assert_eq!(row(&after, "alice", "total"), alice_before.as_slice());
    assert_eq!(row(&after, "carol", "exercise-05"), carol_before.as_slice());
    let bob_total = row(&after, "bob", "total");
    assert_eq!(bob_total[7], bob_total[8], "bob now scores full marks");
    assert_eq!(bob_total[10], head, "the row records the commit graded");
    assert!(bob_total[11].ends_with('Z'), "and when: {bob_total:?}");
    assert_eq!(after.len(), book.len(), "no row lost or doubled");

    // The wide layout: one row per student, one column per exercise.
    let wide = csv_rows(&out.path().join("gradebook-wide.csv"));
    assert_eq!(
        wide[0],
        [
            "student",
            "status",
            "commit",
            "graded_at",
            "points",
            "max_points",
            "percent",
            "exercise-05"
        ]
    );
    let students: Vec<&str> = wide[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(students, ["alice", "bob", "carol"]);
}

/// Point 2: under GitHub Actions, stdout is the format asked for and the
/// annotations go to stderr.
#[test]
fn machine_formats_stay_clean_under_github_actions() {
    let summary = tempfile::NamedTempFile::new().unwrap();
    // The stubs as shipped, in a copy of their own: never the learner's.
    let copy = support::Copy::new("teacher-formats");
    for format in ["json", "junit", "gradescope"] {
        let output = copy
            .xtask(&["check", "exercise-05", "--lang", "en", "--format", format])
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_STEP_SUMMARY", summary.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("::error file="), "{format}: {stderr}");
        assert!(!stdout.contains("::error"), "{format}: {stdout}");
        match format {
            "junit" => {
                assert!(stdout.starts_with("<?xml"), "{stdout}");
                junit_facts(&stdout);
            }
            _ => {
                serde_json::from_str::<Value>(&stdout).expect("stdout is one JSON document");
            }
        }
    }
    let summary = std::fs::read_to_string(summary.path()).unwrap();
    assert!(summary.contains("## netlings report"), "{summary}");
}

/// Point 8's first step: `collect` takes each student's last commit before
/// the deadline, records it, and `grade` carries it into the gradebook.
#[test]
fn collect_takes_the_last_commit_before_the_deadline() {
    let repos = tempfile::tempdir().unwrap();
    let class = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let src = "exercises/05-tcp-server/src";
    let mut on_time = Vec::new();
    for (student, solution_late) in [("alice", true), ("bob", false)] {
        let repo = repos.path().join(student);
        std::fs::create_dir_all(repo.join(src)).unwrap();
        git(&repo, &["init", "-q", "-b", "main"], "2026-04-01T00:00:00Z");
        // The stub as shipped (from git), never the learner's own exercise.
        let stub = support::pristine_stub("exercises/05-tcp-server/src/main.rs");
        std::fs::write(repo.join(src).join("main.rs"), &stub).unwrap();
        git(&repo, &["add", "."], "2026-04-01T00:00:00Z");
        git(&repo, &["commit", "-qm", "start"], "2026-04-01T10:00:00Z");
        if !solution_late {
            std::fs::copy(
                workspace().join("solutions/05-tcp-server/src/main.rs"),
                repo.join(src).join("main.rs"),
            )
            .unwrap();
            git(&repo, &["commit", "-qam", "solved"], "2026-04-30T10:00:00Z");
        }
        on_time.push(git(&repo, &["rev-parse", "HEAD"], "2026-04-01T00:00:00Z"));
        if solution_late {
            std::fs::copy(
                workspace().join("solutions/05-tcp-server/src/main.rs"),
                repo.join(src).join("main.rs"),
            )
            .unwrap();
            git(&repo, &["commit", "-qam", "late"], "2026-05-03T10:00:00Z");
        }
    }
    let roster = repos.path().join("roster.txt");
    std::fs::write(
        &roster,
        format!(
            "# student repository\nalice {}\nbob,{}\ncarol {}\n",
            repos.path().join("alice").display(),
            repos.path().join("bob").display(),
            repos.path().join("nowhere").display()
        ),
    )
    .unwrap();
    xtask()
        .args(["collect"])
        .arg(&roster)
        .args(["--deadline", "2026-05-01T00:00:00Z", "--into"])
        .arg(class.path())
        .assert()
        .success();
    let collected = csv_rows(&class.path().join("collected.csv"));
    assert_eq!(collected[1][0], "alice");
    assert_eq!(
        collected[1][2], on_time[0],
        "alice's late commit is not taken"
    );
    assert_eq!(collected[2][2], on_time[1]);
    assert!(
        collected[3][6].starts_with("not collected"),
        "{collected:?}"
    );
    let alice_main = std::fs::read_to_string(class.path().join("alice").join(src).join("main.rs"));
    assert_eq!(
        alice_main.unwrap(),
        String::from_utf8(support::pristine_stub(
            "exercises/05-tcp-server/src/main.rs"
        ))
        .unwrap(),
        "the checkout is the deadline's commit"
    );
    assert!(!class.path().join("carol").exists());

    xtask()
        .args(["grade", "--exercise", "05", "--out"])
        .arg(out.path())
        .arg(class.path())
        .assert()
        .success();
    let book = csv_rows(&out.path().join("gradebook.csv"));
    assert_eq!(row(&book, "alice", "total")[10], on_time[0]);
    assert_eq!(row(&book, "bob", "total")[10], on_time[1]);
    assert_eq!(row(&book, "alice", "total")[7], "0");
    let checks = netlings_suite::catalogue::exercise("05")
        .unwrap()
        .checks
        .len();
    assert_eq!(row(&book, "bob", "total")[7], checks.to_string());
}

fn class_of(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        std::fs::create_dir_all(dir.path().join(name).join("exercises")).unwrap();
    }
    dir
}

/// Point 5: the workflow's steps. Shards are taken by the documented rule, an
/// empty shard grades to an empty gradebook, and the join lists a missing
/// shard's students as not graded instead of failing.
#[test]
fn the_class_workflow_survives_an_empty_and_a_missing_shard() {
    let names = ["ann", "ben", "cat", "dan"];
    let class = class_of(&names);
    let work = tempfile::tempdir().unwrap();

    // Five shards for four students: the plan asks for four runners.
    let plan = xtask()
        .args(["class", "plan"])
        .arg(class.path())
        .args(["--runners", "5"])
        .output()
        .unwrap();
    let plan = String::from_utf8(plan.stdout).unwrap();
    assert!(plan.contains("shards=[1,2,3,4]\n"), "{plan}");
    assert!(plan.contains("per_shard=1\n"), "{plan}");

    // Shard 2 of 3 takes the second student (ben) only.
    let copy = tempfile::tempdir().unwrap();
    for name in names {
        std::fs::create_dir_all(copy.path().join(name).join("exercises")).unwrap();
    }
    let shard = work.path().join("shard");
    xtask()
        .args(["class", "shard"])
        .arg(copy.path())
        .args(["--index", "2", "--of", "3", "--into"])
        .arg(&shard)
        .assert()
        .success();
    let mut taken: Vec<String> = std::fs::read_dir(&shard)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    taken.sort();
    assert_eq!(taken, ["ben"]);

    // An empty shard grades to a gradebook with only its header.
    let empty = work.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let grades_2 = work.path().join("grades-2");
    xtask()
        .args(["grade", "--out"])
        .arg(&grades_2)
        .arg(&empty)
        .assert()
        .success();
    assert_eq!(csv_rows(&grades_2.join("gradebook.csv")).len(), 1);

    // Shard 1 (ann, dan) graded; shard 3 (cat) never reported.
    let grades_1 = work.path().join("grades-1");
    std::fs::create_dir_all(&grades_1).unwrap();
    std::fs::write(
        grades_1.join("gradebook.csv"),
        "student,exercise,status,passed,failed,skipped,checks,points,max_points,percent,commit,graded_at\n\
         ann,exercise-05,graded,18,0,0,18,18,18,100.0,abc,2026-05-01T00:00:00Z\n\
         ann,total,graded,18,0,0,18,18,18,100.0,abc,2026-05-01T00:00:00Z\n\
         dan,exercise-05,graded,9,9,0,18,9,18,50.0,def,2026-05-01T00:01:00Z\n\
         dan,total,graded,9,9,0,18,9,18,50.0,def,2026-05-01T00:01:00Z\n",
    )
    .unwrap();
    let joined = work.path().join("joined");
    let summary = work.path().join("summary.md");
    let output = xtask()
        .args(["class", "join"])
        .arg(class.path())
        .args(["--of", "3", "--from"])
        .arg(work.path())
        .arg("--out")
        .arg(&joined)
        .arg("--summary")
        .arg(&summary)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let book = csv_rows(&joined.join("gradebook.csv"));
    assert_eq!(row(&book, "ann", "total")[7], "18");
    assert_eq!(row(&book, "dan", "total")[9], "50.0");
    assert!(
        row(&book, "cat", "total")[2].starts_with("not graded: shard 3"),
        "{book:?}"
    );
    assert!(
        row(&book, "ben", "total")[2].starts_with("not graded: shard 2 has no row"),
        "{book:?}"
    );
    let wide = csv_rows(&joined.join("gradebook-wide.csv"));
    assert_eq!(wide.len(), 5, "a row per student: {wide:?}");
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(summary.contains("shard 3 left no gradebook"), "{summary}");
}

/// Points and weights come from grading.toml; a bad one is refused plainly.
#[test]
fn grading_toml_sets_the_points() {
    let dir = tempfile::tempdir().unwrap();
    let grading = dir.path().join("grading.toml");
    std::fs::write(
        &grading,
        "skipped = \"fail\"\n[points]\nnotes = 1\nreal = 3\n[weights]\nexercise-05 = 2\n",
    )
    .unwrap();
    let output = xtask()
        .args([
            "check",
            "05",
            "--solutions",
            "--format",
            "json",
            "--grading",
        ])
        .arg(&grading)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let score = &report["exercises"][0]["score"];
    let (notes, real) = (
        score["notes"]["total"].as_f64().unwrap(),
        score["real"]["total"].as_f64().unwrap(),
    );
    assert_eq!(
        report["points"]["max"].as_f64().unwrap(),
        2.0 * (notes + 3.0 * real)
    );
    assert_eq!(report["grading"]["skipped"], "fail");

    std::fs::write(&grading, "[weights]\nexercise-42 = 2\n").unwrap();
    let output = xtask()
        .args(["check", "05", "--solutions", "--grading"])
        .arg(&grading)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("exercise-42"));
}
