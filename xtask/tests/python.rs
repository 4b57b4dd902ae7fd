//! Any language that keeps the contract is graded: every Python example in
//! `docs/python/` passes every check of its exercise through `--cmd`. One
//! test per example, so they run side by side.

mod support;

use assert_cmd::Command;
use rstest::rstest;

/// The examples, by file name; a test below holds this list to the folder.
const EXAMPLES: &[&str] = &[
    "00-addresses.py",
    "01-udp-send.py",
    "02-udp-recv.py",
    "03-udp-bind.py",
    "04-tcp-client.py",
    "05-tcp-server.py",
    "06-looping-server.py",
    "07-file-download-client.py",
    "07-file-download-server.py",
    "08-udp-chat.py",
];

#[test]
fn every_example_in_the_folder_is_tested() {
    let mut found: Vec<String> = std::fs::read_dir(support::workspace().join("docs/python"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".py"))
        .collect();
    found.sort();
    assert_eq!(found, EXAMPLES);
}

#[rstest]
#[case::ex00(0)]
#[case::ex01(1)]
#[case::ex02(2)]
#[case::ex03(3)]
#[case::ex04(4)]
#[case::ex05(5)]
#[case::ex06(6)]
#[case::ex07_client(7)]
#[case::ex07_server(8)]
#[case::ex08(9)]
fn the_python_example_passes_its_exercise(#[case] index: usize) {
    let root = support::workspace();
    let file = EXAMPLES[index];
    let name = file.trim_end_matches(".py");
    let exercise = &name[..2];
    let example = root.join("docs/python").join(file);
    let mut command = Command::cargo_bin("xtask").unwrap();
    command
        .current_dir(&root)
        .args(["check", exercise, "--lang", "en", "--cmd"])
        // -I -S: no user site or start-up hooks, just the standard library
        // (a third faster to start, and the checks start it often).
        .arg(format!(
            "{} -I -S {}",
            netlings_suite::targets::python3(),
            example.display()
        ));
    // Two-program exercises name the program at the end: 07-file-download-server.py.
    let programs = netlings_suite::catalogue::exercise(exercise)
        .expect("a known exercise")
        .programs;
    if programs.len() > 1 {
        let program = programs
            .iter()
            .find(|p| name.ends_with(&p.key[2..]))
            .expect("the file names its program");
        command.args(["--program", program.key]);
    }
    let output = command
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{name} is not graded green:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
