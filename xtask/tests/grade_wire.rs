//! `cargo xtask grade --wire`: each check of a submission captured in a
//! network namespace of its own inside the sandbox. A class — the
//! reference solution, the same server closing with an abort (RST) as the
//! known-wrong `m05_resets_instead_of_closing` does, and a program saying
//! who it runs as — is graded with and without `--wire`: every verdict and
//! grade is the same; the wrong one's JSON report carries its failed
//! checks' packets (SYN … RST, bounded) and names the reset from them, its
//! Markdown report draws them; the programs hold no capability. Where the
//! sandbox cannot capture, the report says so once and grades the same.

mod support;

use serde_json::Value;
use std::path::Path;
use std::time::Duration;

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is in the workspace")
}

const MAIN: &str = "exercises/05-tcp-server/src/main.rs";
/// The runner's user outside its namespace (`xtask/src/userns.rs`).
const RUNNER_UID: u32 = 1_900_000_001;
/// The check that waits for the server's close.
const CLOSES: &str = "closes_the_connection_after_replying";

fn solution() -> String {
    std::fs::read_to_string(workspace().join("solutions/05-tcp-server/src/main.rs")).unwrap()
}

/// The reference server, whose close is an abort: SO_LINGER 0 before the
/// stream is dropped, so the client gets RST where FIN belongs. The
/// known-wrong `m05_resets_instead_of_closing` does this through socket2; a
/// submission has the standard library only, so this one declares
/// `setsockopt` itself.
fn resets_instead_of_closing() -> String {
    let solution = solution();
    let end = solution.trim_end();
    let body = end
        .strip_suffix('}')
        .expect("the solution's main.rs ends with main's closing brace");
    format!(
        "{body}    reset_instead_of_closing(&stream);\n}}\n\n{}",
        r#"/// Known wrong: an abortive close (RST) instead of FIN.
fn reset_instead_of_closing(stream: &std::net::TcpStream) {
    use std::os::fd::AsRawFd;
    #[repr(C)]
    struct Linger {
        on: i32,
        seconds: i32,
    }
    unsafe extern "C" {
        fn setsockopt(fd: i32, level: i32, name: i32, value: *const Linger, len: u32) -> i32;
    }
    const SOL_SOCKET: i32 = 1;
    const SO_LINGER: i32 = 13;
    let abort = Linger { on: 1, seconds: 0 };
    // SAFETY: an open socket and a struct linger of the length given.
    unsafe { setsockopt(stream.as_raw_fd(), SOL_SOCKET, SO_LINGER, &abort, 8) };
}
"#
    )
}

/// A server that only says who it runs as: its uid, its effective
/// capabilities, and which host uid is root of its user namespace.
const WHO_AM_I: &str = r#"fn main() {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |key: &str| {
        let line = status.lines().find(|l| l.starts_with(key)).unwrap_or("");
        line.split_whitespace().nth(1).unwrap_or("?").to_string()
    };
    let map = std::fs::read_to_string("/proc/self/uid_map").unwrap_or_default();
    let root = map
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|f| f.first() == Some(&"0"))
        .map_or("?".to_string(), |f| f[1].to_string());
    println!("uid={} cap={} root={}", field("Uid:"), field("CapEff:"), root);
}
"#;

fn put(submission: &Path, text: &str) {
    let path = submission.join(MAIN);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Grade `class` (exercise 05) into `out`, with `--wire` or without.
fn grade(root: &Path, class: &Path, out: &Path, wire: bool) {
    let mut command = assert_cmd::Command::cargo_bin("xtask").unwrap();
    command.args(["grade", "--exercise", "05", "--time-limit", "300"]);
    if wire {
        command.arg("--wire");
    }
    let graded = command
        .arg("--out")
        .arg(out)
        .arg(class)
        .env("TMPDIR", root)
        .timeout(Duration::from_secs(600))
        .output()
        .unwrap();
    assert!(
        graded.status.success(),
        "grade{} failed:\n{}\n{}",
        if wire { " --wire" } else { "" },
        String::from_utf8_lossy(&graded.stdout),
        String::from_utf8_lossy(&graded.stderr)
    );
}

fn report(out: &Path, name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(out.join(format!("{name}.json"))).unwrap()).unwrap()
}

fn checks(report: &Value) -> &Vec<Value> {
    report["exercises"][0]["checks"].as_array().unwrap()
}

/// Each check's id and status, and the points earned.
fn verdicts(report: &Value) -> (Vec<(String, String)>, Value) {
    let each = checks(report)
        .iter()
        .map(|c| (c["id"].to_string(), c["status"].to_string()))
        .collect();
    (each, report["points"].clone())
}

#[test]
fn grading_with_the_wire_changes_no_grade_and_shows_the_packets_of_a_reset() {
    if !rustix::process::geteuid().is_root() {
        // The sandbox's runner makes a network namespace per check as root
        // of the sandbox; without root there is no second user either.
        eprintln!("skipped: grade --wire is tested as root (a network namespace per check)");
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let class = root.path().join("class");
    put(&class.join("honest"), &solution());
    put(&class.join("resets"), &resets_instead_of_closing());
    put(&class.join("who-am-i"), WHO_AM_I);
    let (plain, wired) = (root.path().join("plain"), root.path().join("wired"));
    grade(root.path(), &class, &plain, false);
    grade(root.path(), &class, &wired, true);

    // The capture never changes a verdict.
    for name in ["honest", "resets", "who-am-i"] {
        let (without, with) = (report(&plain, name), report(&wired, name));
        assert_eq!(
            verdicts(&without),
            verdicts(&with),
            "{name}: the verdicts differ with --wire; what the checks that differ said, without and with:\n{}",
            checks(&without)
                .iter()
                .zip(checks(&with))
                .filter(|(a, b)| a["status"] != b["status"])
                .map(|(a, b)| format!("{}:\n{}\n--\n{}", a["id"], a["message"], b["message"]))
                .collect::<Vec<_>>()
                .join("\n\n")
        );
    }
    let honest = report(&wired, "honest");
    assert_eq!(honest["points"]["earned"], honest["points"]["max"]);
    assert!(
        checks(&honest).iter().all(|c| c.get("wire").is_none()),
        "a passing check carries no packets"
    );

    // The programs run as their own user with no capability, in the
    // runner's user namespace, whose root is a user of its own outside
    // (not the host's root): the namespaces cost no privilege.
    let who = report(&wired, "who-am-i");
    let said = format!("uid=1900000000 cap=0000000000000000 root={RUNNER_UID}");
    assert!(
        checks(&who)
            .iter()
            .any(|c| c["message"].as_str().unwrap().contains(&said)),
        "no check saw {said:?}: {}",
        checks(&who)[0]["message"]
    );

    let resets = report(&wired, "resets");
    // As root the sandbox can make the namespaces: nothing said about it.
    assert!(
        resets["sandbox"].get("wire").is_none(),
        "{}",
        resets["sandbox"]
    );
    let errors = support::schema_errors(&resets);
    assert!(errors.is_empty(), "{errors:?}");

    let failed = checks(&resets)
        .iter()
        .find(|c| c["name"] == CLOSES)
        .unwrap();
    assert_eq!(failed["status"], "fail");
    let findings: Vec<&str> = failed["wire"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(
        findings.contains(&"reset-not-closed"),
        "{findings:?}\n{}\n{:#}",
        failed["message"].as_str().unwrap(),
        failed["wire"]
    );
    let packets = failed["wire"]["packets"].as_array().unwrap();
    assert!(packets.len() <= netlings_suite::wire::JSON_PACKETS);
    let flags: Vec<&str> = packets
        .iter()
        .map(|p| p["flags"].as_str().unwrap())
        .collect();
    assert!(flags.starts_with(&["SYN", "SYN+ACK", "ACK"]), "{flags:?}");
    let reset = packets
        .iter()
        .find(|p| p["flags"] == "RST")
        .unwrap_or_else(|| panic!("no RST among {flags:?}"));
    assert!(
        reset["from_role"]
            .as_str()
            .unwrap()
            .starts_with("the server"),
        "{reset}"
    );
    // Without --wire the report has no packets at all.
    assert!(
        checks(&report(&plain, "resets"))
            .iter()
            .all(|c| c.get("wire").is_none())
    );

    let markdown = std::fs::read_to_string(wired.join("resets.md")).unwrap();
    for drawn in [
        "the packets of this check",
        "SYN+ACK",
        "✗ reset",
        "[reset-not-closed]",
    ] {
        assert!(markdown.contains(drawn), "{drawn:?} not in:\n{markdown}");
    }
    let plain_markdown = std::fs::read_to_string(plain.join("resets.md")).unwrap();
    assert!(!plain_markdown.contains("the packets of this check"));
}

/// A stand-in for the runner (run in the sandbox in its place) that answers
/// with the envelope the submission's main.rs holds.
const ECHO_RUNNER: &str = "#!/bin/sh\nexec cat /src/exercises/05-tcp-server/src/main.rs\n";

#[test]
fn where_the_sandbox_cannot_capture_the_report_says_so_once_and_grades_the_same() {
    if !rustix::process::geteuid().is_root() {
        eprintln!("skipped: grade --wire is tested as root (a network namespace per check)");
        return;
    }
    // A real report of the solution, then the runner's answer as one that
    // could make no namespace gives it.
    let root = tempfile::tempdir().unwrap();
    let class = root.path().join("class");
    put(&class.join("honest"), &solution());
    let graded = root.path().join("graded");
    grade(root.path(), &class, &graded, false);
    let mut report = report(&graded, "honest");
    let object = report.as_object_mut().unwrap();
    object.remove("refused");
    object.remove("sandbox");
    let why =
        "the packets cannot be captured here (unshare(CLONE_NEWNET): Operation not permitted)";
    let envelope = serde_json::json!({
        "report": report, "markdown": "## netlings report\n", "junit": "",
        "gradescope": "{}", "notes": [], "wire": why,
    });
    put(&class.join("honest"), &envelope.to_string());
    let runner = root.path().join("echo-runner");
    std::fs::write(&runner, ECHO_RUNNER).unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&runner, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = root.path().join("uncaptured");
    assert_cmd::Command::cargo_bin("xtask")
        .unwrap()
        .args(["grade", "--exercise", "05", "--wire", "--runner"])
        .arg(&runner)
        .arg("--out")
        .arg(&out)
        .arg(&class)
        .env("TMPDIR", root.path())
        .timeout(Duration::from_secs(120))
        .assert()
        .success();

    let said = self::report(&out, "honest");
    assert_eq!(said["sandbox"]["wire"], why);
    assert_eq!(said["points"], report["points"], "the same grade");
    assert_eq!(support::schema_errors(&said), Vec::<String>::new());
    let markdown = std::fs::read_to_string(out.join("honest.md")).unwrap();
    assert_eq!(markdown.matches(why).count(), 1, "{markdown}");
    assert!(markdown.contains("### Grading notes"), "{markdown}");
    // Not a limit the submission reached: not in the gradebook's notes.
    let book = std::fs::read_to_string(out.join("gradebook.csv")).unwrap();
    assert!(!book.contains("captured"), "{book}");
}
