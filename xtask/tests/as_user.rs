//! `xtask as-user UID -- PROGRAM ARGS…` (how grade's runner starts a
//! submission's programs) passes every argument on as it is: a check that
//! gives a program an argument that is not UTF-8 must reach the program,
//! not stop at the wrapper.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt as _;

#[test]
fn an_argument_that_is_not_utf8_reaches_the_program() {
    // Our own user: as root it "drops" to root, otherwise it is left as is.
    let uid = rustix::process::geteuid().as_raw().to_string();
    let bytes = b"caf\xe9";
    let out = assert_cmd::Command::cargo_bin("xtask")
        .unwrap()
        .args(["as-user", &uid, "--", "printf", "%s"])
        .arg(OsStr::from_bytes(bytes))
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(out.stdout, bytes);
}
