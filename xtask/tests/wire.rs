//! `--wire`, `--pcap` and `wire-docs` as people run them: a server that
//! resets instead of closing is named from its packets in both languages
//! and in the JSON report; its capture file is a pcap file; the READMEs'
//! diagrams are what the solutions do now.

mod support;

use assert_cmd::Command;
use netlings_suite::targets::Bins;
use predicates::prelude::*;
use serde_json::Value;

/// Whether packets can be captured here; as root they must be.
fn can_capture() -> bool {
    match netlings_suite::wire::enable() {
        None => true,
        Some(why) => {
            assert!(
                !rustix::process::geteuid().is_root(),
                "as root the capture must work: {}",
                why.en
            );
            eprintln!("skipped: {}", why.en);
            false
        }
    }
}

#[test]
fn a_reset_instead_of_a_close_is_named_from_the_packets() {
    if !can_capture() {
        return;
    }
    let bins = Bins::build(&["netlings-mutants"]).expect("the known-wrong programs build");
    let mutant = bins
        .path("m05_resets_instead_of_closing")
        .expect("the mutant is built");
    let dir = tempfile::tempdir().unwrap();
    let run = |lang: &str| {
        let mut command = Command::cargo_bin("xtask").unwrap();
        command
            .args(["check", "05", "--wire", "--lang", lang, "--cmd"])
            .arg(mutant)
            .arg("--json")
            .arg(dir.path().join(format!("{lang}.json")))
            .arg("--pcap")
            .arg(dir.path().join("pcap"))
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("GITHUB_ACTIONS")
            .timeout(std::time::Duration::from_secs(300))
            .assert()
            .failure()
    };
    run("en").stdout(
        predicate::str::contains("the packets of this check")
            .and(predicate::str::contains("SYN+ACK"))
            .and(predicate::str::contains("✗ reset"))
            .and(predicate::str::contains(
                "[reset-not-closed] reset, not closed",
            )),
    );
    run("zh-CN").stdout(
        predicate::str::contains("本检查产生的数据包")
            .and(predicate::str::contains("是重置而不是关闭")),
    );

    let report: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("en.json")).unwrap()).unwrap();
    let errors = support::schema_errors(&report);
    assert!(errors.is_empty(), "{errors:?}");
    let checks = report["exercises"][0]["checks"].as_array().unwrap();
    let check = |name: &str| checks.iter().find(|c| c["name"] == name).unwrap();
    let failed = check("closes_the_connection_after_replying");
    assert_eq!(failed["wire"]["findings"][0]["id"], "reset-not-closed");
    let flags: Vec<&str> = failed["wire"]["packets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["flags"].as_str().unwrap())
        .collect();
    assert!(flags.starts_with(&["SYN", "SYN+ACK", "ACK"]), "{flags:?}");
    assert!(flags.contains(&"RST"), "{flags:?}");
    assert!(
        check("prints_the_address_it_listens_on")
            .get("wire")
            .is_none(),
        "a passing check carries no packets"
    );

    // One classic pcap file per check, named after it.
    let pcap = std::fs::read(
        dir.path()
            .join("pcap/ex05-closes_the_connection_after_replying.pcap"),
    )
    .unwrap();
    let magic = 0xa1b2c3d4u32;
    assert!(
        pcap[..4] == magic.to_le_bytes() || pcap[..4] == magic.to_be_bytes(),
        "not a classic pcap file: {:x?}",
        &pcap[..4]
    );
    let files = std::fs::read_dir(dir.path().join("pcap")).unwrap().count();
    let run = checks.iter().filter(|c| c["status"] != "skip").count();
    assert_eq!(files, run, "one file per check that ran");
}

#[test]
fn the_readmes_show_what_the_solutions_do_on_the_wire() {
    if !can_capture() {
        return;
    }
    Command::cargo_bin("xtask")
        .unwrap()
        .args(["wire-docs", "--check"])
        .timeout(std::time::Duration::from_secs(300))
        .assert()
        .success();
}
