//! Every report format is produced and valid: the JSON report against
//! `docs/report.schema.json`, JUnit as XML with the right counts, the
//! Gradescope shape, the Markdown summary — for a run that passes (the
//! solution) and one that fails (the untouched stub, graded in a private
//! copy: the learner's own exercise and progress are never touched).

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use rstest::rstest;
use serde_json::Value;
use support::{Copy, workspace};

struct Reports {
    json: Value,
    junit: String,
    gradescope: Value,
    markdown: String,
}

fn check_05(solutions: bool) -> Reports {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name);
    // The solution is built in this workspace (it is not the learner's);
    // the stub is the pristine one, in a copy of its own.
    let copy;
    let mut command = if solutions {
        let mut command = Command::cargo_bin("xtask").unwrap();
        command.current_dir(workspace()).args(["--lang", "en"]);
        command
    } else {
        copy = Copy::new("formats-stub");
        copy.xtask(&[])
    };
    command
        .args(["check", "exercise-05", "--json"])
        .arg(file("r.json"));
    command
        .arg("--junit")
        .arg(file("r.xml"))
        .arg("--gradescope")
        .arg(file("g.json"))
        .arg("--markdown")
        .arg(file("r.md"));
    if solutions {
        command.arg("--solutions");
    }
    command
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_ACTIONS");
    let assert = command
        .timeout(std::time::Duration::from_secs(300))
        .assert();
    if solutions {
        assert.success()
    } else {
        assert.failure()
    };
    let read = |name: &str| std::fs::read_to_string(file(name)).unwrap();
    Reports {
        json: serde_json::from_str(&read("r.json")).unwrap(),
        junit: read("r.xml"),
        gradescope: serde_json::from_str(&read("g.json")).unwrap(),
        markdown: read("r.md"),
    }
}

/// (testcases, failures) counted by an XML parser.
fn junit_counts(xml: &str) -> (usize, usize) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut cases, mut failures) = (0, 0);
    loop {
        match reader.read_event().expect("JUnit is well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    (cases, failures)
}

#[rstest]
#[case::solution_passes(true)]
#[case::stub_fails(false)]
fn every_format_is_valid(#[case] solutions: bool) {
    let reports = check_05(solutions);
    let errors = support::schema_errors(&reports.json);
    assert!(
        errors.is_empty(),
        "the JSON report breaks its schema: {errors:?}"
    );

    let totals = &reports.json["totals"];
    let (total, failed) = (
        totals["total"].as_u64().unwrap() as usize,
        totals["failed"].as_u64().unwrap() as usize,
    );
    assert!(total >= 18, "exercise 05 has at least 18 checks");
    assert_eq!(
        failed,
        if solutions { 0 } else { total },
        "the solution passes all, the stub fails all"
    );
    assert_eq!(
        junit_counts(&reports.junit),
        (total, failed),
        "JUnit counts match the report"
    );

    let tests = reports.gradescope["tests"]
        .as_array()
        .expect("gradescope has tests");
    assert_eq!(tests.len(), total);
    for test in tests {
        for field in ["name", "score", "max_score", "status", "output"] {
            assert!(
                test.get(field).is_some(),
                "a gradescope test lacks {field}: {test}"
            );
        }
    }
    assert_eq!(reports.gradescope["max_score"].as_f64(), Some(total as f64));
    assert_eq!(
        reports.gradescope["score"].as_f64(),
        Some((total - failed) as f64)
    );

    assert!(reports.markdown.starts_with("## netlings report"));
    assert!(
        predicate::str::contains(format!("**{} of {} checks pass**", total - failed, total))
            .eval(&reports.markdown)
    );
}

#[test]
fn a_chinese_report_has_chinese_titles_and_hints() {
    let dir = tempfile::tempdir().unwrap();
    let copy = Copy::new("formats-zh");
    copy.xtask(&["check", "05", "--lang", "zh-CN", "--json"])
        .arg(dir.path().join("r.json"))
        .timeout(std::time::Duration::from_secs(300))
        .assert()
        .failure()
        .stdout(predicate::str::contains("得分").and(predicate::str::contains("提示")));
    let report: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(report["lang"], "zh-CN");
    let is_cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for check in report["exercises"][0]["checks"].as_array().unwrap() {
        assert!(is_cjk(check["title"].as_str().unwrap()), "{check}");
        assert!(
            is_cjk(check["message"].as_str().unwrap()),
            "the explanation is not in Chinese: {check}"
        );
    }
}

#[test]
fn an_unknown_exercise_is_a_usage_error() {
    Command::cargo_bin("xtask")
        .unwrap()
        .args(["check", "exercise-42"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no exercise"));
}
