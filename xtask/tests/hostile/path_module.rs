//! Hostile, at build time: a module read from another student's folder
//! (`#[path]` outside the work folder). Not in the sandbox: a compile
//! error, and 0.
#[path = "@CLASS@/alice/exercises/05-tcp-server/src/main.rs"]
mod alice;

fn main() {
    alice::main();
}
