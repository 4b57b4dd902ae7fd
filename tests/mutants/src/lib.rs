//! Known-wrong programs, written once: each exercise's module is a copy of
//! the reference program with a `Flaw` switch, so every mutant binary is one
//! line that names its flaw, and the flaw itself sits beside the correct
//! code it breaks. Hostile programs attack the grader rather than the
//! contract. None of this is for learners to copy.

pub mod ex05;
pub mod ex07;
pub mod hostile;
