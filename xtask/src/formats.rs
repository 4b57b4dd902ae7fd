//! Machine formats of a report: JSON (our schema), JUnit XML, Markdown (for
//! `$GITHUB_STEP_SUMMARY`), Gradescope's `results.json`, and GitHub
//! annotations for failures when running under Actions.

use crate::model::{Count, Report};
use quick_junit::{NonSuccessKind, Report as Junit, TestCase, TestCaseStatus, TestSuite};
use serde_json::json;
use std::time::Duration;

pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("a report serializes")
}

pub fn junit(report: &Report) -> String {
    let mut junit = Junit::new("netlings");
    for exercise in &report.exercises {
        let mut suite = TestSuite::new(format!("{} {}", exercise.handle, exercise.title));
        if let Some(error) = &exercise.compile_error {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message("the exercise does not compile");
            status.set_description(error.clone());
            suite.add_test_case(TestCase::new("build", status));
        }
        for check in &exercise.checks {
            let status = match check.status {
                "pass" => TestCaseStatus::success(),
                "skip" => {
                    let mut s = TestCaseStatus::skipped();
                    s.set_message(check.message.clone());
                    s
                }
                _ => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_message(format!(
                        "{} [{} {} · {}]",
                        check.title,
                        check.behaviour,
                        check.section,
                        check.tier.name()
                    ));
                    s.set_description(check.message.clone());
                    s
                }
            };
            let mut case = TestCase::new(check.id.clone(), status);
            case.set_classname(format!("netlings.{}", exercise.handle));
            case.set_time(Duration::from_millis(check.duration_ms));
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    junit.to_string().expect("a JUnit report serializes")
}

fn count(c: &Count) -> String {
    format!("{}/{}", c.passed, c.total)
}

pub fn markdown(report: &Report) -> String {
    let mut out = format!("## netlings report: {}\n\n", report.target);
    out.push_str(&format!(
        "**{} of {} checks pass** ({} failed, {} skipped)\n\n",
        report.totals.passed, report.totals.total, report.totals.failed, report.totals.skipped
    ));
    out.push_str("| exercise | notes | real | total |\n|---|---|---|---|\n");
    for e in &report.exercises {
        let build = if e.compile_error.is_some() {
            " (does not compile)"
        } else {
            ""
        };
        out.push_str(&format!(
            "| {} {}{} | {} | {} | {} |\n",
            e.handle,
            e.title,
            build,
            count(&e.score.notes),
            count(&e.score.real),
            count(&e.score.total)
        ));
    }
    for e in &report.exercises {
        let failed: Vec<_> = e.checks.iter().filter(|c| c.status == "fail").collect();
        if failed.is_empty() && e.compile_error.is_none() {
            continue;
        }
        out.push_str(&format!("\n### {} — what to fix\n\n", e.handle));
        if let Some(error) = &e.compile_error {
            out.push_str(&format!(
                "<details><summary>does not compile</summary>\n\n```\n{error}\n```\n</details>\n"
            ));
        }
        for c in failed {
            out.push_str(&format!(
                "<details><summary>✗ {} <code>[{} {} · {}]</code></summary>\n\n```\n{}\n```\n</details>\n",
                c.title,
                c.behaviour,
                c.section,
                c.tier.name(),
                c.message
            ));
        }
    }
    out
}

/// Gradescope's autograder `results.json`: one test per check, one point each.
pub fn gradescope(report: &Report) -> String {
    let mut tests = Vec::new();
    for e in &report.exercises {
        if let Some(error) = &e.compile_error {
            tests.push(json!({
                "name": format!("{}: builds", e.handle),
                "score": 0, "max_score": 0, "status": "failed",
                "output": error, "visibility": "visible",
            }));
        }
        for (i, c) in e.checks.iter().enumerate() {
            if c.status == "skip" {
                continue;
            }
            tests.push(json!({
                "name": format!("{}: {}", e.handle, c.title),
                "number": format!("{}.{}", e.exercise, i + 1),
                "score": if c.status == "pass" { 1 } else { 0 },
                "max_score": 1,
                "status": if c.status == "pass" { "passed" } else { "failed" },
                "tags": [c.behaviour, c.tier.name(), c.section],
                "output": c.message,
                "visibility": "visible",
            }));
        }
    }
    let max: i64 = tests
        .iter()
        .map(|t| t["max_score"].as_i64().unwrap_or(0))
        .sum();
    let score: i64 = tests.iter().map(|t| t["score"].as_i64().unwrap_or(0)).sum();
    serde_json::to_string_pretty(&json!({
        "score": score,
        "max_score": max,
        "visibility": "visible",
        "stdout_visibility": "visible",
        "tests": tests,
    }))
    .expect("results serialize")
}

/// `::error title=…::message` lines that GitHub Actions shows as
/// annotations on the exercise's source file.
pub fn github_annotations(report: &Report) -> String {
    let mut out = String::new();
    for e in &report.exercises {
        let folder = &e.source;
        for c in e.checks.iter().filter(|c| c.status == "fail") {
            let message = c
                .message
                .replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A");
            out.push_str(&format!(
                "::error file={folder},title={} {} [{}]::{}\n",
                e.handle,
                c.title.replace(',', "%2C").replace(':', "%3A"),
                c.behaviour,
                message
            ));
        }
    }
    out
}
