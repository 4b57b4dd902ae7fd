//! Hostile, at build time: take the reference solution from the teacher's
//! checkout (`include!` of a path outside the work folder). It is not in
//! the sandbox: a compile error, and 0.
include!("@CHECKOUT@/solutions/05-tcp-server/src/main.rs");
