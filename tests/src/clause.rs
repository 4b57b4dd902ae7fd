//! Contract clauses: each promise an exercise's README makes (an output
//! line, an exit code, how input is handled, a limit), as data.
//!
//! A clause names the checks that hold a program to it; the known-wrong
//! corpus names, per program, the one clause it breaks (`//! clause: ID`).
//! `tests/tests/catalogue.rs` proves every clause has a check and a
//! known-wrong program that breaks it and is rejected by one of its checks,
//! so no sentence of a contract goes unchecked.

use crate::text::Text;

/// One promise of an exercise's contract.
pub struct Clause {
    /// `05.reply`: the exercise, a dot, a short name.
    pub id: &'static str,
    /// The promise in a sentence, as the README says it (in our words).
    pub text: Text,
    /// Names of the checks (within the exercise) that hold a program to it.
    pub checks: &'static [&'static str],
}

/// A clause, written compactly in the exercise's table.
pub const fn clause(
    id: &'static str,
    en: &'static str,
    zh: &'static str,
    checks: &'static [&'static str],
) -> Clause {
    Clause {
        id,
        text: Text { en, zh },
        checks,
    }
}
