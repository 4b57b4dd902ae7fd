//! Predicates on a program's output, line by line, for one-shot checks
//! (`Finished::expect_stdout`).

use predicates::Predicate;
use predicates::reflection::PredicateReflection;
use std::fmt;

/// The output has a line exactly equal to the given text (no more, no less:
/// `class: C` does not match `class: CD`).
#[derive(Clone, Debug)]
pub struct HasLine(String);

/// A predicate: some line of the output is exactly `line`.
pub fn has_line(line: impl Into<String>) -> HasLine {
    HasLine(line.into())
}

impl fmt::Display for HasLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a line {}", crate::show::text(&self.0))
    }
}

impl PredicateReflection for HasLine {}

impl Predicate<str> for HasLine {
    fn eval(&self, output: &str) -> bool {
        output.lines().any(|l| l == self.0)
    }
}

/// No line of the output starts with `prefix` (a key that must be absent).
#[derive(Clone, Debug)]
pub struct NoLineStarting(String);

/// A predicate: no line of the output starts with `prefix`.
pub fn no_line_starting(prefix: impl Into<String>) -> NoLineStarting {
    NoLineStarting(prefix.into())
}

impl fmt::Display for NoLineStarting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no line starting with {}", crate::show::text(&self.0))
    }
}

impl PredicateReflection for NoLineStarting {}

impl Predicate<str> for NoLineStarting {
    fn eval(&self, output: &str) -> bool {
        !output.lines().any(|l| l.starts_with(&self.0))
    }
}

/// The output says `words` somewhere (an error sentence that must name
/// its cause: `refused`, `in use`).
#[derive(Clone, Debug)]
pub struct Mentions(String);

/// A predicate: the output contains `words`.
pub fn mentions(words: impl Into<String>) -> Mentions {
    Mentions(words.into())
}

impl fmt::Display for Mentions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a sentence that says {}", crate::show::text(&self.0))
    }
}

impl PredicateReflection for Mentions {}

impl Predicate<str> for Mentions {
    fn eval(&self, output: &str) -> bool {
        output.contains(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_matches_whole() {
        assert!(has_line("class: C").eval("address: 1.2.3.4\nclass: C"));
        assert!(!has_line("class: C").eval("class: CD\nsubclass: C x"));
        assert!(no_line_starting("zone:").eval("kind: link-local"));
        assert!(!no_line_starting("zone:").eval("zone: 19"));
        assert!(mentions("in use").eval("error: cannot bind: address in use"));
        assert!(!mentions("in use").eval("error: permission denied"));
    }
}
