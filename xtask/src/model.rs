//! The report as data: what `--format json` prints and every other format
//! (JUnit, Markdown, Gradescope) is rendered from. The schema is documented
//! in `docs/report-format.md` and `docs/report.schema.json`.

use crate::check::Graded;
use netlings_suite::check::{Exercise, Tier};
use netlings_suite::report;
use netlings_suite::runner::Status;
use netlings_suite::text::Lang;
use serde::Serialize;

pub const SCHEMA: &str = "netlings-report/1";

/// What grading one exercise gave: checks that ran, or a compile error.
pub enum Outcome {
    Graded(Graded),
    CompileError {
        exercise: &'static Exercise,
        rendered: String,
    },
}

#[derive(Serialize)]
pub struct Report {
    pub schema: &'static str,
    /// What was graded: "exercises", "solutions", a command, a submission.
    pub target: String,
    pub lang: Lang,
    pub exercises: Vec<ExerciseReport>,
    pub totals: Count,
}

#[derive(Serialize)]
pub struct ExerciseReport {
    pub exercise: String,
    pub handle: String,
    pub title: String,
    pub sections: String,
    /// The learner's source, relative to the workspace root.
    pub source: String,
    /// The compiler's message when the exercise does not build (then `checks` is empty).
    pub compile_error: Option<String>,
    pub checks: Vec<CheckReport>,
    pub score: Score,
}

#[derive(Serialize)]
pub struct CheckReport {
    pub exercise: String,
    pub id: String,
    pub name: String,
    pub title: String,
    pub behaviour: String,
    pub section: String,
    pub tier: Tier,
    pub status: &'static str,
    /// Empty on a pass; on a failure the whole explanation (what happened,
    /// expected, seen, steps, hint); on a skip, why.
    pub message: String,
    pub duration_ms: u64,
    /// With `--wire`, a failed check's packets (bounded) and findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wire: Option<netlings_suite::wire::Json>,
}

#[derive(Serialize, Default, Clone, Copy)]
pub struct Count {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub total: usize,
}

impl Count {
    fn add(&mut self, status: Status) {
        self.total += 1;
        match status {
            Status::Pass => self.passed += 1,
            Status::Fail => self.failed += 1,
            Status::Skip => self.skipped += 1,
        }
    }

    fn plus(self, other: Count) -> Count {
        Count {
            passed: self.passed + other.passed,
            failed: self.failed + other.failed,
            skipped: self.skipped + other.skipped,
            total: self.total + other.total,
        }
    }
}

#[derive(Serialize, Default)]
pub struct Score {
    pub notes: Count,
    pub real: Count,
    pub total: Count,
}

impl Report {
    pub fn new(target: &str, lang: Lang, outcomes: &[Outcome]) -> Report {
        let exercises: Vec<ExerciseReport> = outcomes
            .iter()
            .map(|o| ExerciseReport::new(o, lang))
            .collect();
        let totals = exercises
            .iter()
            .fold(Count::default(), |acc, e| acc.plus(e.score.total));
        Report {
            schema: SCHEMA,
            target: target.to_string(),
            lang,
            exercises,
            totals,
        }
    }

    pub fn passed(&self) -> bool {
        self.totals.failed == 0 && self.exercises.iter().all(|e| e.compile_error.is_none())
    }
}

impl ExerciseReport {
    fn new(outcome: &Outcome, lang: Lang) -> ExerciseReport {
        let (exercise, compile_error, graded) = match outcome {
            Outcome::Graded(g) => (g.exercise, None, Some(g)),
            Outcome::CompileError { exercise, rendered } => {
                (*exercise, Some(strip_ansi(rendered)), None)
            }
        };
        let mut score = Score::default();
        let mut checks = Vec::new();
        if let Some(graded) = graded {
            for (check, verdict) in &graded.results {
                match check.tier {
                    Tier::Notes => score.notes.add(verdict.status),
                    Tier::Real => score.real.add(verdict.status),
                }
                score.total.add(verdict.status);
                checks.push(CheckReport {
                    exercise: exercise.id.to_string(),
                    id: exercise.check_id(check),
                    name: check.name.to_string(),
                    title: check.title.get(lang).to_string(),
                    behaviour: check.behaviour.to_string(),
                    section: check.section.to_string(),
                    tier: check.tier,
                    status: verdict.status.name(),
                    message: report::details(exercise, check, verdict, lang, 0)
                        .lines()
                        .map(str::trim)
                        .collect::<Vec<_>>()
                        .join("\n"),
                    duration_ms: verdict.duration.as_millis() as u64,
                    wire: verdict
                        .wire
                        .as_ref()
                        .filter(|_| verdict.status == Status::Fail)
                        .map(|w| w.json(lang)),
                });
            }
        } else {
            // A build failure fails every check of the exercise.
            for check in exercise.checks {
                let count = match check.tier {
                    Tier::Notes => &mut score.notes,
                    Tier::Real => &mut score.real,
                };
                count.add(Status::Fail);
                score.total.add(Status::Fail);
            }
        }
        ExerciseReport {
            exercise: exercise.id.to_string(),
            handle: exercise.handle(),
            title: exercise.title.get(lang).to_string(),
            sections: exercise.sections.to_string(),
            source: source_of(exercise),
            compile_error,
            checks,
            score,
        }
    }
}

/// Remove terminal colour codes (cargo renders diagnostics with them).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `exercises/05-tcp-server/src/main.rs`, or the `src` folder of an exercise
/// with several programs.
fn source_of(exercise: &Exercise) -> String {
    let src = format!("exercises/{}/src", exercise.folder());
    let main = format!("{src}/main.rs");
    if netlings_suite::targets::workspace_root()
        .join(&main)
        .exists()
    {
        main
    } else {
        src
    }
}
