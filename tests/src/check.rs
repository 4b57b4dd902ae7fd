//! What a check is: one behaviour of the notes, observed on a running program.
//!
//! Everything a report needs — behaviour id, notes section, tier, title and
//! hints — is data on the check itself, next to its code, so no side table
//! can drift from what the check does.

use crate::harness::Test;
use crate::text::{Msg, Text};
use serde::Serialize;

/// Which promise a check holds a program to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// What the notes describe and their example programs do.
    Notes,
    /// What real networks and users add: split writes, large data, loss, bad input.
    Real,
}

impl Tier {
    pub fn name(self) -> &'static str {
        match self {
            Tier::Notes => "notes",
            Tier::Real => "real",
        }
    }
}

/// Something a check needs from the machine, tested before it runs; a check
/// whose need is not met is reported as skipped with the reason, never passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// A private network namespace for the check's thread (`unshare(CLONE_NEWNET)`,
    /// which needs root or CAP_SYS_ADMIN) with `ip` and `nft` in it.
    LossyNamespace,
    /// A private network namespace for the check's thread (root or
    /// CAP_SYS_ADMIN, and `ip`), without packet loss.
    PrivateNamespace,
    /// A way to run the program without the right to bind ports below 1024.
    Unprivileged,
}

/// Why a check stopped before its end.
#[derive(Debug)]
pub enum Stop {
    /// The program did not do what the behaviour requires.
    Fail(Box<Failure>),
    /// The check could not be run here; the message says why.
    Skip(Msg),
}

/// What went wrong, in the words of the step that saw it.
#[derive(Debug, Default)]
pub struct Failure {
    /// One sentence: what the program did wrong.
    pub what: Msg,
    /// What a correct program sends or prints, shown readably.
    pub expected: Option<Shown>,
    /// What this program sent or printed instead.
    pub seen: Option<Shown>,
}

/// An expected or seen value: data shown as it is (bytes, a line, an exit
/// code), or words that describe it ("nothing", "still open") and so are
/// said in the report's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    Data(String),
    Said(Msg),
}

impl Shown {
    pub fn get(&self, lang: crate::text::Lang) -> &str {
        match self {
            Shown::Data(data) => data,
            Shown::Said(words) => words.get(lang),
        }
    }
}

impl From<String> for Shown {
    fn from(data: String) -> Shown {
        Shown::Data(data)
    }
}

impl From<&str> for Shown {
    fn from(data: &str) -> Shown {
        Shown::Data(data.to_string())
    }
}

impl From<Msg> for Shown {
    fn from(words: Msg) -> Shown {
        Shown::Said(words)
    }
}

impl Stop {
    pub fn fail(what: Msg) -> Stop {
        Stop::Fail(Box::new(Failure {
            what,
            ..Failure::default()
        }))
    }

    pub fn mismatch(what: Msg, expected: impl Into<Shown>, seen: impl Into<Shown>) -> Stop {
        Stop::Fail(Box::new(Failure {
            what,
            expected: Some(expected.into()),
            seen: Some(seen.into()),
        }))
    }
}

/// The result of a check body.
pub type Outcome = Result<(), Stop>;

/// One check of the suite.
pub struct Check {
    /// A sentence in snake case: `replies_after_the_message_arrives`.
    pub name: &'static str,
    /// The behaviour id in the catalogue (`docs/behaviours.md`), e.g. `C6`.
    pub behaviour: &'static str,
    /// The section of the notes the behaviour comes from, e.g. `§5.1`.
    pub section: &'static str,
    pub tier: Tier,
    pub title: Text,
    /// Hints from a nudge to a plain explanation; never the whole solution.
    pub hints: &'static [Text],
    pub needs: &'static [Need],
    pub run: fn(&mut Test) -> Outcome,
}

/// One program of an exercise, as the learner and the reference build it.
pub struct Program {
    /// The key a target is chosen by: `05`, or `07-server` where an exercise has two programs.
    pub key: &'static str,
    /// What the program is called in reports ("the server").
    pub role: Text,
    pub exercise_bin: &'static str,
    pub solution_bin: &'static str,
}

/// One exercise: a folder under `exercises/` and `solutions/`, and its checks.
pub struct Exercise {
    /// Two digits: `05`.
    pub id: &'static str,
    /// The folder name after the number: `tcp-server`.
    pub slug: &'static str,
    pub title: Text,
    pub sections: &'static str,
    pub exercise_package: &'static str,
    pub solution_package: &'static str,
    pub programs: &'static [Program],
    pub checks: &'static [&'static Check],
    /// The promises of its README's contract, each held by some of `checks`.
    pub clauses: &'static [crate::clause::Clause],
}

impl Exercise {
    /// `05-tcp-server`, the folder name.
    pub fn folder(&self) -> String {
        format!("{}-{}", self.id, self.slug)
    }

    /// `exercise-05`, the name learners type.
    pub fn handle(&self) -> String {
        format!("exercise-{}", self.id)
    }

    /// The full id of one of its checks: `ex05::replies_after_the_message`.
    pub fn check_id(&self, check: &Check) -> String {
        format!("ex{}::{}", self.id, check.name)
    }

    pub fn program(&self, key: &str) -> Option<&'static Program> {
        self.programs.iter().find(|p| p.key == key)
    }
}
