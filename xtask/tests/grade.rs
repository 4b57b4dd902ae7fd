//! `cargo xtask grade` against hostile students. The corpus in
//! `xtask/tests/hostile/` (each file replaces exercise 05's `main.rs`) and
//! submissions made of links, FIFOs and devices are graded in one class
//! beside two honest students (the reference solution), and for each:
//! the score is what its honest programs earn (the stub's 0), no byte of a
//! root-only secret appears in any output, the honest grades are unchanged,
//! the class ends within its deadline, and nothing is left on the host.
//! Then the grader's own failure modes: a runner that fails, is killed,
//! stalls, floods or prints garbage gives an error row, never a score; and a
//! grader killed mid-class keeps the rows already graded.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is in the workspace")
}

const MAIN: &str = "exercises/05-tcp-server/src/main.rs";

fn put(submission: &Path, rel: &str, text: &str) {
    let path = submission.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn solution() -> String {
    std::fs::read_to_string(workspace().join("solutions/05-tcp-server/src/main.rs")).unwrap()
}

/// How a hostile submission is made.
enum Plant {
    /// A file of the corpus as exercise 05's main.rs.
    Source(&'static str),
    /// Links, FIFOs, devices: made by hand.
    Layout(fn(&Path, &Paths)),
}

/// Where things are, for the placeholders of the corpus.
struct Paths {
    secret: PathBuf,
    class: PathBuf,
}

/// `(student, how, what the report must say was refused or reached)`.
const CORPUS: &[(&str, Plant, &[&str])] = &[
    ("attack-runner", Plant::Source("attack_runner.rs"), &[]),
    // A spinner's check says RLIMIT_CPU's SIGXCPU ended it.
    (
        "cpu-spin",
        Plant::Source("cpu_spin.rs"),
        &["killed by signal 24"],
    ),
    (
        "disk-bomb",
        Plant::Source("disk_bomb.rs"),
        &["disk limit reached"],
    ),
    ("escape", Plant::Source("escape.rs"), &[]),
    ("forge-report", Plant::Source("forge_report.rs"), &[]),
    (
        "fork-bomb",
        Plant::Source("fork_bomb.rs"),
        &["outlived their checks"],
    ),
    // A compile error is shown in the report, in the compiler's own words.
    (
        "include-secret",
        Plant::Source("include_secret.rs"),
        &["couldn't read"],
    ),
    (
        "include-solution",
        Plant::Source("include_solution.rs"),
        &["couldn't read"],
    ),
    ("leftovers", Plant::Source("leftovers.rs"), &[]),
    (
        "link-exercises",
        Plant::Layout(link_exercises),
        &["exercises: refused, a symbolic link"],
    ),
    (
        "link-files",
        Plant::Layout(link_files),
        &[
            "src/main.rs: refused, a symbolic link",
            "src/pipe.rs: refused, a FIFO",
            "src/secret: refused, a symbolic link",
        ],
    ),
    (
        "link-src",
        Plant::Layout(link_src),
        &["05-tcp-server/src: refused, a symbolic link"],
    ),
    (
        "memory-bomb",
        Plant::Source("memory_bomb.rs"),
        &["memory limit"],
    ),
    (
        "path-module",
        Plant::Source("path_module.rs"),
        &["couldn't read"],
    ),
    ("read-host", Plant::Source("read_host.rs"), &[]),
];

/// `exercises/` itself a link to a folder holding the solution.
fn link_exercises(dir: &Path, paths: &Paths) {
    let elsewhere = paths.class.join("../elsewhere");
    put(&elsewhere, "05-tcp-server/src/main.rs", &solution());
    std::fs::create_dir_all(dir).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("exercises")).unwrap();
}

/// `src/` a link to the reference solution's folder.
fn link_src(dir: &Path, _: &Paths) {
    std::fs::create_dir_all(dir.join("exercises/05-tcp-server")).unwrap();
    std::os::unix::fs::symlink(
        workspace().join("solutions/05-tcp-server/src"),
        dir.join("exercises/05-tcp-server/src"),
    )
    .unwrap();
}

/// main.rs a link to the solution, a FIFO, a device (as root), a link to
/// the secret's folder.
fn link_files(dir: &Path, paths: &Paths) {
    let src = dir.join("exercises/05-tcp-server/src");
    std::fs::create_dir_all(&src).unwrap();
    std::os::unix::fs::symlink(
        workspace().join("solutions/05-tcp-server/src/main.rs"),
        src.join("main.rs"),
    )
    .unwrap();
    std::os::unix::fs::symlink(paths.secret.parent().unwrap(), src.join("secret")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(src.join("pipe.rs"))
        .status()
        .unwrap();
    assert!(made.success());
    if rustix::process::geteuid().is_root() {
        // /dev/null's numbers: a character device the grader must not open.
        let _ = std::process::Command::new("mknod")
            .arg(src.join("device.rs"))
            .args(["c", "1", "3"])
            .status();
    }
}

fn fill_in(text: &str, paths: &Paths) -> String {
    text.replace("@SECRET@", &paths.secret.display().to_string())
        .replace("@CHECKOUT@", &workspace().display().to_string())
        .replace("@CLASS@", &paths.class.display().to_string())
}

/// Every file below `dir`, with its bytes.
fn files_below(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() {
                found.push((entry.path(), std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    found
}

/// The user the submissions' programs run as (`sandbox::PROGRAM_UID`).
const PROGRAM_UID: &str = "1900000000";

/// Processes a grading under `root` left: the grader's private folder is
/// under `root` (its TMPDIR), so every sandbox of it (bubblewrap and the
/// sandbox's init, whose command lines name that folder, and without which
/// no process of the sandbox lives) shows it; and, given the grader's pid,
/// any process of the submissions' user that is in one of that grader's
/// cgroups (`netlings-<pid>-…`, which no unprivileged process can leave) or
/// in no grader's cgroup at all. Other tests grade at the same time, as the
/// same user, in their own graders' cgroups: their programs are not ours.
fn leftovers(root: &Path, grader: Option<u32>) -> Vec<String> {
    let root = root.display().to_string();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        let cgroups = std::fs::read_to_string(entry.path().join("cgroup")).unwrap_or_default();
        let submissions = status
            .lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some(PROGRAM_UID));
        // A zombie has ended; it waits only for its parent (perhaps in
        // another test's sandbox) to collect its status, and names no cgroup.
        let ended = status
            .lines()
            .any(|l| l.starts_with("State:") && (l.contains("Z (") || l.contains("X (")));
        if ended {
            continue;
        }
        let ours = grader.is_some_and(|pid| {
            cgroups.contains(&format!("/netlings-{pid}-")) || !cgroups.contains("/netlings-")
        });
        if cmdline.contains(&root) || (submissions && ours) {
            found.push(cmdline);
        }
    }
    found
}

fn sysv_keys() -> String {
    ["shm", "msg", "sem"]
        .iter()
        .map(|k| std::fs::read_to_string(format!("/proc/sysvipc/{k}")).unwrap_or_default())
        .collect()
}

fn secret_dir() -> tempfile::TempDir {
    // Outside /tmp, in the checkout, as a teacher's files would be.
    tempfile::Builder::new()
        .prefix("grade-secret-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
}

#[test]
fn a_hostile_class_is_graded_by_what_its_programs_do_and_nothing_more() {
    if !rustix::process::geteuid().is_root() {
        // Without root there is no second user and no cgroup (docs/grading.md
        // says what is then not contained); CI grades as root.
        eprintln!("skipped: the hostile class is graded as root (a second user, a cgroup)");
        return;
    }
    let secret_dir = secret_dir();
    let token = format!(
        "NETLINGS-SECRET-{}",
        secret_dir.path().file_name().unwrap().to_string_lossy()
    );
    let secret = secret_dir.path().join("secret.txt");
    std::fs::write(&secret, &token).unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();

    let root = tempfile::tempdir().unwrap();
    let class = root.path().join("class");
    let out = root.path().join("grades");
    let paths = Paths {
        secret: secret.clone(),
        class: class.clone(),
    };
    // Two honest students, graded first and last.
    for honest in ["alice", "zoe"] {
        put(&class.join(honest), MAIN, &solution());
    }
    for (name, plant, _) in CORPUS {
        let dir = class.join(name);
        match plant {
            Plant::Source(file) => {
                let text =
                    std::fs::read_to_string(workspace().join("xtask/tests/hostile").join(file))
                        .unwrap();
                put(&dir, MAIN, &fill_in(&text, &paths));
            }
            Plant::Layout(make) => make(&dir, &paths),
        }
    }
    let sysv_before = sysv_keys();

    let started = Instant::now();
    let deadline = Duration::from_secs(900);
    let mut grader = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"));
    grader
        .args(["grade", "--exercise", "05", "--time-limit", "180"])
        // Small limits, so the bombs reach them quickly.
        .args([
            "--memory-limit",
            "1024",
            "--disk-limit",
            "256",
            "--cpu-limit",
            "2",
        ])
        .arg("--out")
        .arg(&out)
        .arg(&class)
        .env("TMPDIR", root.path());
    let (graded, grader) = output_within(grader, deadline);
    let stdout = String::from_utf8_lossy(&graded.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&graded.stderr).into_owned();
    assert!(graded.status.success(), "grade failed:\n{stdout}\n{stderr}");
    assert!(
        started.elapsed() < deadline,
        "the class was not graded within its deadline"
    );
    assert!(stdout.contains("containment: bubblewrap"), "{stdout}");

    let book = std::fs::read_to_string(out.join("gradebook.csv")).unwrap();
    // As many checks as the catalogue lists for exercise 05, not a number
    // to keep in step by hand.
    let n = netlings_suite::catalogue::exercise("05")
        .expect("exercise 05")
        .checks
        .len();
    for honest in ["alice", "zoe"] {
        assert!(
            book.contains(&format!(
                "{honest},exercise-05,graded,{n},0,0,{n},{n},{n},100.0,"
            )),
            "the honest grade changed:\n{book}\n{stdout}\n{}",
            std::fs::read_to_string(out.join(format!("{honest}.md"))).unwrap_or_default()
        );
    }
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(workspace().join("docs/report.schema.json")).unwrap(),
    )
    .unwrap();
    let schema = jsonschema::validator_for(&schema).expect("the schema is valid");
    for (name, _, says) in CORPUS {
        assert!(
            book.contains(&format!("{name},exercise-05,graded,0,{n},0,{n},0,{n},0.0,")),
            "{name} must earn what the stub earns (0 of {n}):\n{book}\n{stdout}"
        );
        let report = std::fs::read_to_string(out.join(format!("{name}.json"))).unwrap();
        let errors: Vec<String> = schema
            .iter_errors(&serde_json::from_str(&report).unwrap())
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "{name}.json breaks the schema: {errors:?}"
        );
        let markdown = std::fs::read_to_string(out.join(format!("{name}.md"))).unwrap();
        for said in *says {
            assert!(
                report.contains(said) && markdown.contains(said),
                "{name}'s report must say {said:?}:\n{markdown}"
            );
        }
    }

    // No byte of the secret anywhere the grader wrote or said.
    for (path, bytes) in files_below(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&token),
            "the secret leaked into {}",
            path.display()
        );
    }
    assert!(!stdout.contains(&token) && !stderr.contains(&token));

    // The honest students' folders are as they were; nothing was written
    // into the class, the checkout or the host.
    for honest in ["alice", "zoe"] {
        assert_eq!(
            std::fs::read_to_string(class.join(honest).join(MAIN)).unwrap(),
            solution()
        );
    }
    for place in [
        class.join("netlings-hostile-escaped"),
        workspace().join("target/netlings-hostile-escaped"),
        PathBuf::from("/netlings-hostile-escaped"),
        PathBuf::from("/tmp/netlings-hostile-escaped"),
        PathBuf::from("/tmp/netlings-hostile-reached-network"),
        PathBuf::from("/tmp/netlings-hostile-left"),
        PathBuf::from("/var/tmp/netlings-hostile-left"),
        PathBuf::from("/dev/shm/netlings-hostile-left"),
        PathBuf::from("/dev/shm/netlings-memory-bomb"),
        PathBuf::from("/dev/shm/netlings-fork-bomb"),
        PathBuf::from("/dev/shm/netlings-cpu-spin"),
        PathBuf::from("/dev/shm/netlings-fill-0"),
        PathBuf::from("/tmp/netlings-fill-0"),
    ] {
        assert!(!place.exists(), "{} was left on the host", place.display());
    }
    let sysv_after = sysv_keys();
    for key in ["1313624904", "1313623379", "1313624901"] {
        assert!(
            sysv_before.contains(key) || !sysv_after.contains(key),
            "a System V object (key {key}) was left on the host"
        );
    }
    assert_eq!(
        leftovers(root.path(), Some(grader)),
        Vec::<String>::new(),
        "processes were left running"
    );
}

#[test]
fn the_reference_solutions_earn_every_point_in_the_sandbox() {
    // Every exercise solved with the reference solution, graded as a class
    // is: the sandbox must cost a correct program nothing (arguments that
    // are not UTF-8 reach it intact, a limit the suite sets on a running
    // program is allowed), with every check of every exercise run at once.
    let root = tempfile::tempdir().unwrap();
    let student = root.path().join("class/solved");
    for entry in std::fs::read_dir(workspace().join("solutions"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.as_bytes()[0].is_ascii_digit() {
            continue;
        }
        for (path, bytes) in files_below(&entry.path().join("src")) {
            let rel = path.strip_prefix(entry.path()).unwrap();
            let to = student.join("exercises").join(&name).join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, bytes).unwrap();
        }
    }
    let out = root.path().join("grades");
    let mut grader = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"));
    grader
        .args(["grade", "--out"])
        .arg(&out)
        .arg(root.path().join("class"))
        .env("TMPDIR", root.path());
    let (graded, _) = output_within(grader, Duration::from_secs(600));
    let stdout = String::from_utf8_lossy(&graded.stdout);
    assert!(graded.status.success(), "grade failed:\n{stdout}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("solved.json")).unwrap()).unwrap();
    // As root every check can run in the sandbox (namespaces included):
    // none may be skipped there.
    let root_grades = rustix::process::geteuid().is_root();
    let failed: Vec<String> = report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["checks"].as_array().unwrap())
        .filter(|c| c["status"] != "pass" && (root_grades || c["status"] != "skip"))
        .map(|c| format!("{}: {}", c["id"], c["message"].as_str().unwrap_or("")))
        .collect();
    assert!(
        failed.is_empty(),
        "the reference solutions lose points in the sandbox:\n{}",
        failed.join("\n\n")
    );
    assert_eq!(report["points"]["earned"], report["points"]["max"]);
}

/// Run `command` to its end, killing it at `deadline`; its output and pid.
fn output_within(
    mut command: std::process::Command,
    deadline: Duration,
) -> (std::process::Output, u32) {
    use std::io::Read;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let end = Instant::now() + deadline;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > end {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = std::process::Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    (output, pid)
}

/// A fake runner (run in the sandbox in place of the trusted one) that
/// misbehaves as the submission's main.rs says.
const FAKE_RUNNER: &str = r#"#!/bin/sh
src=/src/exercises/05-tcp-server/src/main.rs
if grep -q GARBAGE $src; then echo "not a report"; fi
if grep -q KILLED $src; then kill -9 $$; fi
if grep -q FAILS $src; then echo "the runner broke" >&2; exit 3; fi
# A stall that, as the real runner does, ends when its stdin (held by the
# grader) does.
if grep -q STALL $src; then exec cat >/dev/null; fi
if grep -q FLOOD $src; then exec head -c 40000000 /dev/zero; fi
if grep -q CAPS $src; then grep CapEff /proc/self/status >&2; exit 3; fi
if grep -q FORGED $src; then echo '{"report":{"schema":"other"},"markdown":"","junit":"","gradescope":"","notes":[]}'; fi
"#;

/// `xtask grade` of exercise 05 for `class` into `out`, with the fake
/// runner in place of the trusted one; `root` is the grader's TMPDIR.
fn grade_with_fake_runner(root: &Path, class: &Path, out: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("xtask").unwrap();
    command
        .args(["grade", "--exercise", "05", "--runner"])
        .arg(fake_runner(root))
        .arg("--out")
        .arg(out)
        .arg(class)
        .env("TMPDIR", root);
    command
}

fn fake_runner(dir: &Path) -> PathBuf {
    let runner = dir.join("fake-runner");
    std::fs::write(&runner, FAKE_RUNNER).unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&runner, std::fs::Permissions::from_mode(0o755)).unwrap();
    runner
}

#[test]
fn a_runner_that_fails_is_killed_stalls_or_lies_gives_an_error_row_never_a_score() {
    let root = tempfile::tempdir().unwrap();
    let class = root.path().join("class");
    let out = root.path().join("grades");
    let cases = [
        ("garbage", "GARBAGE", "not a report"),
        ("killed", "KILLED", "killed by signal 9"),
        ("fails", "FAILS", "exit status 3"),
        ("stalls", "STALL", "wall-clock limit (3 s)"),
        ("floods", "FLOOD", "more than 32 MiB"),
        ("forged", "FORGED", "schema"),
    ];
    for (name, marker, _) in cases {
        put(&class.join(name), MAIN, &format!("// {marker}\n"));
    }
    let started = Instant::now();
    let graded = grade_with_fake_runner(root.path(), &class, &out)
        .args(["--time-limit", "3"])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(graded.status.success(), "{graded:?}");
    assert!(started.elapsed() < Duration::from_secs(60));
    let book = std::fs::read_to_string(out.join("gradebook.csv")).unwrap();
    for (name, _, why) in cases {
        let row = book
            .lines()
            .find(|l| l.starts_with(&format!("{name},")))
            .unwrap_or_else(|| panic!("no row for {name}:\n{book}"));
        assert!(
            row.starts_with(&format!("{name},total,"))
                && row.contains("not graded")
                && row.contains(why),
            "{name}: {row}"
        );
        assert!(!out.join(format!("{name}.json")).exists());
    }
    assert_eq!(leftovers(root.path(), None), Vec::<String>::new());
}

#[test]
fn the_runner_keeps_only_the_capabilities_it_needs() {
    if !rustix::process::geteuid().is_root() {
        eprintln!("skipped: capabilities are dropped where the grader is root");
        return;
    }
    // Bubblewrap run by root keeps every capability unless told otherwise;
    // the runner (here a fake one that says what it holds) must keep only
    // those `sandbox::RUNNER_CAPS` lists: dac_override, fowner, kill,
    // setgid, setuid, sys_ptrace and sys_resource (bits 1, 3, 5, 6, 7, 19,
    // 24), never sys_admin, net_admin, sys_module, mknod and the rest (the
    // network namespaces it makes come from a user namespace of its own).
    let root = tempfile::tempdir().unwrap();
    let class = root.path().join("class");
    let out = root.path().join("grades");
    put(&class.join("caps"), MAIN, "// CAPS\n");
    grade_with_fake_runner(root.path(), &class, &out)
        .timeout(Duration::from_secs(120))
        .assert()
        .success();
    let book = std::fs::read_to_string(out.join("gradebook.csv")).unwrap();
    let held = book
        .split("CapEff:")
        .nth(1)
        .map(|rest| {
            rest.trim_start()
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect::<String>()
        })
        .and_then(|hex| u64::from_str_radix(&hex, 16).ok())
        .unwrap_or_else(|| panic!("the runner's capabilities are not in its row:\n{book}"));
    let allowed: u64 = [1, 3, 5, 6, 7, 19, 24].iter().map(|bit| 1u64 << bit).sum();
    assert_eq!(held & !allowed, 0, "the runner holds more: {held:#x}");
    assert_ne!(
        held & (1 << 7),
        0,
        "the runner cannot change user: {held:#x}"
    );
}

#[test]
fn a_grader_killed_mid_class_keeps_the_rows_already_written() {
    let root = tempfile::tempdir().unwrap();
    let class = root.path().join("class");
    let out = root.path().join("grades");
    put(&class.join("a-first"), MAIN, "// GARBAGE\n");
    put(&class.join("b-stalls"), MAIN, "// STALL\n");
    let mut grader = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["grade", "--exercise", "05", "--runner"])
        .arg(fake_runner(root.path()))
        .arg("--out")
        .arg(&out)
        .arg(&class)
        .env("TMPDIR", root.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait (bounded) until the first submission's row is in the gradebook.
    let deadline = Instant::now() + Duration::from_secs(60);
    let book = out.join("gradebook.csv");
    loop {
        let text = std::fs::read_to_string(&book).unwrap_or_default();
        if text.contains("a-first,total,") {
            break;
        }
        assert!(Instant::now() < deadline, "no row was written: {text}");
        if let Ok(Some(status)) = grader.try_wait() {
            panic!("the grader ended early: {status}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    grader.kill().unwrap();
    grader.wait().unwrap();
    let text = std::fs::read_to_string(&book).unwrap();
    assert!(
        text.contains("a-first,total,") && text.contains("not graded"),
        "{text}"
    );
    // The stalled sandbox died with its grader (--die-with-parent).
    let gone = Instant::now() + Duration::from_secs(10);
    while !leftovers(root.path(), None).is_empty() && Instant::now() < gone {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(leftovers(root.path(), None), Vec::<String>::new());
    // Its cgroup is left (nothing runs in it); the next grading removes it.
    let killed = format!("netlings-{}-", grader.id());
    std::fs::remove_dir_all(class.join("b-stalls")).unwrap();
    grade_with_fake_runner(root.path(), &class, &out)
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
    assert_eq!(cgroups_named(&killed), Vec::<PathBuf>::new());
    let private = format!("netlings-grade-{}-", grader.id());
    let left: Vec<PathBuf> = std::fs::read_dir(root.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&private)
        })
        .collect();
    assert_eq!(
        left,
        Vec::<PathBuf>::new(),
        "the killed grader's folder stayed"
    );
}

/// The cgroups (v2, or v1 memory and pids) whose name starts with `prefix`.
fn cgroups_named(prefix: &str) -> Vec<PathBuf> {
    let mut parents = vec![PathBuf::from("/sys/fs/cgroup")];
    let own = std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
    for line in own.lines() {
        let mut parts = line.splitn(3, ':');
        let (_, names, path) = (parts.next(), parts.next(), parts.next());
        for controller in ["memory", "pids"] {
            if names.is_some_and(|n| n.split(',').any(|c| c == controller)) {
                let path = path.unwrap_or("").trim_start_matches('/');
                parents.push(Path::new("/sys/fs/cgroup").join(controller).join(path));
            }
        }
    }
    parents
        .iter()
        .flat_map(|p| std::fs::read_dir(p).into_iter().flatten().flatten())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect()
}

#[test]
fn where_the_sandbox_is_refused_nothing_is_graded_and_the_grader_says_why() {
    let root = tempfile::tempdir().unwrap();
    let bin = root.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    // A bubblewrap whose namespaces the kernel refuses, as on a machine
    // without unprivileged user namespaces.
    let refusing = bin.join("bwrap");
    std::fs::write(
        &refusing,
        "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&refusing, std::fs::Permissions::from_mode(0o755)).unwrap();
    let class = root.path().join("class");
    put(&class.join("alice"), MAIN, &solution());
    let out = root.path().join("grades");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    assert_cmd::Command::cargo_bin("xtask")
        .unwrap()
        .args(["grade", "--out"])
        .arg(&out)
        .arg(&class)
        .env("PATH", path)
        .env("TMPDIR", root.path())
        .timeout(Duration::from_secs(60))
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "No permissions to create new namespace",
        ))
        .stderr(predicates::str::contains("never graded uncontained"));
    assert!(!out.join("gradebook.csv").exists());
}
