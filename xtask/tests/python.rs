//! Any language that keeps the contract is graded: every Python example in
//! `docs/python/` passes every check of its exercise through `--cmd`.

mod support;

use assert_cmd::Command;

#[test]
fn every_python_example_passes_its_exercise() {
    let root = support::workspace();
    let mut examples: Vec<_> = std::fs::read_dir(root.join("docs/python"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    examples.sort();
    assert!(!examples.is_empty());
    for example in examples {
        let name = example.file_stem().unwrap().to_string_lossy().into_owned();
        let exercise = &name[..2];
        let mut command = Command::cargo_bin("xtask").unwrap();
        command
            .current_dir(&root)
            .args(["check", exercise, "--lang", "en", "--cmd"])
            .arg(format!("python3 {}", example.display()));
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
}
