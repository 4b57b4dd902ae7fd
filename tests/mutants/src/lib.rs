//! Known-wrong programs, written once: each exercise's module is a copy of
//! the reference program with a `Flaw` switch, so every mutant binary is one
//! line that names its flaw, and the flaw itself sits beside the correct
//! code it breaks. Hostile programs attack the grader rather than the
//! contract. None of this is for learners to copy.

pub mod ex00;
pub mod ex01;
pub mod ex02;
pub mod ex03;
pub mod ex04;
pub mod ex05;
pub mod ex06;
pub mod ex07;
pub mod ex08;
pub mod hostile;

/// The learner's own argument reading, `std::env::args().collect()`: it
/// panics on an argument that is not UTF-8 instead of a usage error.
pub fn args_as_strings() -> Vec<String> {
    std::env::args().collect()
}
