//! Hostile, at build time: compile a root-only file of the host into the
//! program (`include_str!`) and print it. The file is not in the sandbox, so
//! this is a compile error, shown in the report, and the grade is 0.
const STOLEN: &str = include_str!("@SECRET@");

fn main() {
    println!("{STOLEN}");
}
