//! # netlings-suite
//!
//! The conformance suite of netlings: a harness (spawning programs, peers
//! with deadlines, step traces), the checks of every exercise, and the
//! runner and report that `cargo nextest run` and `cargo xtask` share.
//!
//! Start at [`catalogue::EXERCISES`]; each exercise module under
//! [`exercises`] holds its checks, one behaviour of the notes each.

pub mod catalogue;
pub mod check;
pub mod clause;
pub mod diagnosis;
pub mod exercises;
pub mod glossary;
pub mod harness;
pub mod mutants;
pub mod report;
pub mod runner;
pub mod show;
pub mod targets;
pub mod text;
pub mod wire;

/// What a check file needs, in one import.
pub mod prelude {
    pub use crate::check::{Check, Exercise, Need, Outcome, Program, Stop, Tier};
    pub use crate::clause::{Clause, clause};
    pub use crate::harness::{EXIT, MAX_DATAGRAM, QUIET, REPLY, START, Test, Transport};
    pub use crate::msg;
    pub use crate::show;
    pub use crate::text::{Msg, Text};
    pub use predicates::prelude::predicate;
    pub use std::time::Duration;
}
