//! Diagnoses seen from outside: a program in another language gets its
//! crash named and a hint in its own language, and a wait for a program
//! that is gone ends because it is gone, not at its deadline.

use netlings_suite::catalogue::EXERCISES;
use netlings_suite::check::{Check, Exercise};
use netlings_suite::report;
use netlings_suite::runner::{CHECK_LIMIT, Status, Verdict, run_check};
use netlings_suite::targets::{Targets, workspace_root};
use netlings_suite::text::Lang;
use std::collections::BTreeMap;
use std::sync::Arc;

fn check(exercise: &str, name: &str) -> (&'static Exercise, &'static Check) {
    let exercise = EXERCISES
        .iter()
        .copied()
        .find(|e| e.id == exercise)
        .expect("exercise");
    let check = exercise
        .checks
        .iter()
        .copied()
        .find(|c| c.name == name)
        .expect("check");
    (exercise, check)
}

fn grade(exercise: &str, name: &str, argv: Vec<String>) -> Verdict {
    let (exercise, check) = check(exercise, name);
    let targets = Targets {
        label: "a test command".into(),
        programs: BTreeMap::from([(exercise.programs[0].key.to_string(), argv)]),
    };
    run_check(exercise, check, Arc::new(targets), CHECK_LIMIT)
}

#[test]
fn a_python_servers_unicode_decode_error_is_named_with_a_python_hint() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let example = std::fs::read_to_string(workspace_root().join("docs/python/05-tcp-server.py"))
        .expect("the Python example of exercise 05");
    let strict = example.replace(
        r#".decode("utf-8", errors="replace")"#,
        r#".decode("utf-8")"#,
    );
    assert_ne!(
        strict, example,
        "the example decodes leniently, so the strict copy differs"
    );
    let script = dir.path().join("strict.py");
    std::fs::write(&script, strict).expect("write the script");

    let verdict = grade(
        "05",
        "survives_bytes_that_are_not_utf8",
        vec![
            netlings_suite::targets::python3(),
            script.display().to_string(),
        ],
    );

    assert_eq!(verdict.status, Status::Fail);
    let (exercise, check) = check("05", "survives_bytes_that_are_not_utf8");
    let details = report::details(exercise, check, &verdict, Lang::En, 0);
    let found = verdict.diagnosis.as_ref().expect(&details);
    assert_eq!(found.id, "panicked");
    assert!(
        found.evidence.en.contains("UnicodeDecodeError"),
        "{}",
        found.evidence.en
    );
    let hint = report::hint(check, &verdict, Lang::En, 0).expect("a hint");
    assert!(hint.contains("errors=\"replace\""), "a Python hint: {hint}");
    assert!(!hint.contains("unwrap"), "no Rust in a Python hint: {hint}");
    assert!(details.contains("cause: the program crashed"), "{details}");
}

#[test]
fn a_wait_for_a_datagram_ends_when_the_sender_is_gone() {
    // A sender that exits at once, having sent nothing: the suite's
    // receiver stops waiting because no program is left, not because its
    // deadline passed.
    let verdict = grade(
        "01",
        "sends_the_line_without_its_newline",
        vec!["sh".into(), "-c".into(), "read line; exit 3".into()],
    );
    assert_eq!(verdict.status, Status::Fail);
    let ended = verdict
        .steps
        .iter()
        .any(|s| s.en.contains("every program of the check has ended"));
    assert!(
        ended,
        "steps: {:?}",
        verdict.steps.iter().map(|s| &s.en).collect::<Vec<_>>()
    );
    assert_eq!(verdict.diagnosis_id(), "exited");
}

#[test]
fn a_crash_is_never_reported_as_still_running() {
    // A server that prints its address, then dies of a signal: the
    // ending says how it ended, whatever the check was waiting for.
    let verdict = grade(
        "05",
        "replies_to_the_message",
        vec![
            netlings_suite::targets::python3(),
            "-c".into(),
            "import os, signal, socket\n\
             s = socket.create_server(('127.0.0.1', 0))\n\
             print('listening on %s:%d' % s.getsockname(), flush=True)\n\
             c, _ = s.accept()\n\
             c.recv(10)\n\
             os.kill(os.getpid(), signal.SIGABRT)\n"
                .into(),
        ],
    );
    assert_eq!(verdict.status, Status::Fail);
    assert!(
        verdict.endings.iter().all(|e| e.status.is_some()),
        "it ended by itself"
    );
    assert_eq!(verdict.diagnosis_id(), "panicked");
}
