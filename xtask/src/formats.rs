//! Machine formats of a report: JSON (our schema), JUnit XML, Markdown (for
//! `$GITHUB_STEP_SUMMARY`), Gradescope's `results.json`, and GitHub
//! annotations for failures when running under Actions.

use crate::model::{Count, Report, show};
use quick_junit::{NonSuccessKind, Report as Junit, TestCase, TestCaseStatus, TestSuite};
use serde_json::json;
use std::time::Duration;

pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("a report serializes")
}

/// JUnit XML as Jenkins and Surefire read it (`docs/schemas/junit-10.xsd`):
/// one `<testsuite>` per exercise with `tests`, `failures`, `errors`,
/// `skipped`, `time` and `timestamp`; one `<testcase>` per check, with
/// `time`; a failure has a `type` (`check-failed`, or `not-run` when the
/// exercise did not compile, its compiler message then in the suite's
/// `<system-err>`) and a `message`.
pub fn junit(report: &Report) -> String {
    let mut junit = Junit::new("netlings");
    let mut all = Count::default();
    let mut time = Duration::ZERO;
    for exercise in &report.exercises {
        let mut suite = TestSuite::new(format!("{} {}", exercise.handle, exercise.title));
        let mut suite_time = Duration::ZERO;
        for check in &exercise.checks {
            let status = match check.status {
                "pass" => TestCaseStatus::success(),
                "skip" => {
                    let mut s = TestCaseStatus::skipped();
                    s.set_message(format!("{} ({})", check.message, report.skip_rule));
                    s
                }
                _ => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    let (kind, message) = if exercise.compile_error.is_some() {
                        ("not-run", check.message.clone())
                    } else {
                        (
                            "check-failed",
                            format!(
                                "{} [{} {} · {}]",
                                check.title,
                                check.behaviour,
                                check.section,
                                check.tier.name()
                            ),
                        )
                    };
                    s.set_type(kind);
                    s.set_message(message);
                    s.set_description(check.message.clone());
                    s
                }
            };
            let mut case = TestCase::new(check.id.clone(), status);
            case.set_classname(format!("netlings.{}", exercise.handle));
            let took = Duration::from_millis(check.duration_ms);
            case.set_time(took);
            suite_time += took;
            suite.add_test_case(case);
        }
        if let Some(error) = &exercise.compile_error {
            suite.set_system_err(error.clone());
        }
        let count = exercise.score.total;
        suite
            .extra
            .insert("skipped".into(), count.skipped.to_string().into());
        suite
            .extra
            .insert("timestamp".into(), report.timestamp.clone().into());
        suite.set_time(suite_time);
        time += suite_time;
        all = all.plus(count);
        junit.add_test_suite(suite);
    }
    junit.set_time(time);
    junit.to_string().expect("a JUnit report serializes")
}

fn count(c: &Count) -> String {
    format!("{}/{}", c.passed, c.total)
}

/// The totals line every human-facing format shares.
fn points_line(report: &Report) -> String {
    let t = &report.totals;
    format!(
        "**{} of {} points** ({:.1} %) · **{} of {} checks pass** ({} failed, {} skipped; {})",
        show(report.points.earned),
        show(report.points.max),
        report.points.percent(),
        t.passed,
        t.total,
        t.failed,
        t.skipped,
        report.skip_rule
    )
}

pub fn markdown(report: &Report) -> String {
    let mut out = format!("## netlings report: {}\n\n", report.target);
    out.push_str(&points_line(report));
    out.push_str("\n\n| exercise | notes | real | checks | points |\n|---|---|---|---|---|\n");
    for e in &report.exercises {
        let build = if e.compile_error.is_some() {
            " (does not compile)"
        } else {
            ""
        };
        out.push_str(&format!(
            "| {} {}{} | {} | {} | {} | {}/{} |\n",
            e.handle,
            e.title,
            build,
            count(&e.score.notes),
            count(&e.score.real),
            count(&e.score.total),
            show(e.score.points.earned),
            show(e.score.points.max)
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
                "<details><summary>does not compile: none of its {} checks could run</summary>\n\n```\n{error}\n```\n</details>\n",
                e.checks.len()
            ));
            continue;
        }
        for c in failed {
            // With --wire, the packets under the explanation, as drawn in
            // the terminal.
            let packets = c
                .diagram
                .as_ref()
                .map(|d| format!("\n```\n{}\n```\n", d.trim_end()))
                .unwrap_or_default();
            out.push_str(&format!(
                "<details><summary>✗ {} <code>[{} {} · {}]</code></summary>\n\n```\n{}\n```\n{packets}</details>\n",
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

/// Gradescope's autograder `results.json` (the format their autograder
/// documentation specifies; `docs/schemas/gradescope-results.schema.json`):
/// one test per check, worth its points; a check of an exercise that did
/// not compile is a failed test worth the same; a skipped one is scored as
/// `grading.toml` says. So `max_score` is the same for every submission.
pub fn gradescope(report: &Report) -> String {
    let mut tests = Vec::new();
    for e in &report.exercises {
        for (i, c) in e.checks.iter().enumerate() {
            let passed = c.points.earned >= c.points.max && c.status != "fail";
            let output = match c.status {
                "skip" => format!("skipped: {}\n({})", c.message, report.skip_rule),
                _ => c.message.clone(),
            };
            tests.push(json!({
                "name": format!("{}: {}", e.handle, c.title),
                "number": format!("{}.{}", e.exercise, i + 1),
                "score": c.points.earned,
                "max_score": c.points.max,
                "status": if passed { "passed" } else { "failed" },
                "tags": [c.behaviour, c.tier.name(), c.section],
                "output": output,
                "visibility": "visible",
            }));
        }
    }
    let mut summary = format!(
        "{} of {} points; {} of {} checks pass ({} skipped; {}).",
        show(report.points.earned),
        show(report.points.max),
        report.totals.passed,
        report.totals.total,
        report.totals.skipped,
        report.skip_rule
    );
    for e in report
        .exercises
        .iter()
        .filter(|e| e.compile_error.is_some())
    {
        summary.push_str(&format!(
            "\n{} does not compile: its checks could not run and count as failed.",
            e.handle
        ));
    }
    serde_json::to_string_pretty(&json!({
        "score": report.points.earned,
        "max_score": report.points.max,
        "output": summary,
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
