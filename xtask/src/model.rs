//! The report as data: what `--format json` prints and every other format
//! (JUnit, Markdown, Gradescope) and the gradebook are rendered from. The
//! schema is documented in `docs/report-format.md` and
//! `docs/report.schema.json`.
//!
//! It is also the one scoring model: every check is worth the points its
//! tier is worth (times its exercise's weight), all from `grading.toml`. A
//! check that could not run because its exercise did not compile is a
//! failed check worth the same maximum; a skipped check (the grading
//! machine could not run it) scores as `grading.toml` says, the same in
//! every format. So every format and the gradebook agree on one total out
//! of one constant maximum.

use crate::check::Graded;
use netlings_suite::check::Check;
use netlings_suite::check::{Exercise, Tier};
use netlings_suite::report;
use netlings_suite::runner::{Status, Verdict};
use netlings_suite::text::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const SCHEMA: &str = "netlings-report/2";

/// The file a course keeps its points and weights in (at the workspace root).
pub const GRADING_FILE: &str = "grading.toml";

/// How checks become points: `grading.toml`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Grading {
    /// Points for one check of each tier.
    pub points: TierPoints,
    /// What a skipped check scores.
    pub skipped: SkipPolicy,
    /// A multiplier per exercise (`exercise-07 = 2`); 1 when not named.
    pub weights: BTreeMap<String, f64>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct TierPoints {
    pub notes: f64,
    pub real: f64,
}

impl Default for TierPoints {
    fn default() -> Self {
        TierPoints {
            notes: 1.0,
            real: 1.0,
        }
    }
}

/// A skip means the machine that graded could not run the check (no
/// network namespace, say), not that the submission failed it.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SkipPolicy {
    /// Scores as passed: the same submission gets the same points wherever
    /// it is graded.
    #[default]
    Credit,
    /// Scores as failed.
    Fail,
}

impl Default for Grading {
    fn default() -> Self {
        Grading {
            points: TierPoints::default(),
            skipped: SkipPolicy::Credit,
            weights: BTreeMap::new(),
        }
    }
}

impl Grading {
    /// `path`, or `grading.toml` at the workspace root when it exists, or
    /// the defaults (one point a check, skips credited).
    pub fn load(path: Option<&Path>) -> Result<Grading, String> {
        let default = netlings_suite::targets::workspace_root().join(GRADING_FILE);
        let path = match path {
            Some(p) => p.to_path_buf(),
            None if default.exists() => default,
            None => return Ok(Grading::default()),
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Grading::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Grading, String> {
        let grading: Grading = toml::from_str(text).map_err(|e| e.to_string())?;
        let known: Vec<String> = netlings_suite::catalogue::EXERCISES
            .iter()
            .map(|e| e.handle())
            .collect();
        for (handle, weight) in &grading.weights {
            if !known.contains(handle) {
                return Err(format!(
                    "[weights] names {handle:?}, which is not an exercise ({})",
                    known.join(", ")
                ));
            }
            if !weight.is_finite() || *weight < 0.0 {
                return Err(format!("[weights] {handle} must be 0 or more"));
            }
        }
        let TierPoints { notes, real } = grading.points;
        if !(notes.is_finite() && real.is_finite() && notes >= 0.0 && real >= 0.0) {
            return Err("[points] notes and real must be 0 or more".into());
        }
        Ok(grading)
    }

    /// What one check of `tier` in `exercise` is worth.
    pub fn worth(&self, exercise: &Exercise, tier: Tier) -> f64 {
        let per_tier = match tier {
            Tier::Notes => self.points.notes,
            Tier::Real => self.points.real,
        };
        per_tier * self.weights.get(&exercise.handle()).copied().unwrap_or(1.0)
    }

    /// Points earned by a check with `status` worth `max`.
    pub fn earned(&self, status: Status, max: f64) -> f64 {
        match (status, self.skipped) {
            (Status::Pass, _) | (Status::Skip, SkipPolicy::Credit) => max,
            _ => 0.0,
        }
    }

    /// One sentence for every format: how skips were scored.
    pub fn skip_rule(&self) -> &'static str {
        match self.skipped {
            SkipPolicy::Credit => {
                "a skipped check (the grading machine could not run it) scores as passed"
            }
            SkipPolicy::Fail => "a skipped check scores as failed",
        }
    }
}

/// Points earned out of points possible.
#[derive(Serialize, Deserialize, Default, Clone, Copy, Debug, PartialEq)]
pub struct Points {
    pub earned: f64,
    pub max: f64,
}

impl Points {
    fn plus(self, other: Points) -> Points {
        Points {
            earned: self.earned + other.earned,
            max: self.max + other.max,
        }
    }

    /// 0–100; 0 when nothing was worth anything.
    pub fn percent(&self) -> f64 {
        if self.max > 0.0 {
            100.0 * self.earned / self.max
        } else {
            0.0
        }
    }
}

/// Points as a course shows them: `3`, `2.5`.
pub fn show(points: f64) -> String {
    let rounded = (points * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

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
    /// When grading began (RFC 3339, UTC).
    pub timestamp: String,
    /// The points and weights used, and how skips were scored.
    pub grading: Grading,
    pub skip_rule: &'static str,
    pub exercises: Vec<ExerciseReport>,
    pub totals: Count,
    pub points: Points,
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
    /// Every check of the exercise, also when it did not compile (then each
    /// is failed and says it could not run).
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
    pub points: Points,
    /// Empty on a pass; on a failure the whole explanation (what happened,
    /// expected, seen, steps, hint); on a skip, why.
    pub message: String,
    pub duration_ms: u64,
    /// On a failure: the cause the harness observed (`check` when none fits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnosis: Option<Diagnosed>,
    /// On a failure said once elsewhere: the id of the check that shows its cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_by: Option<String>,
    /// With `--wire`, a failed check's packets (bounded) and findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wire: Option<netlings_suite::wire::Json>,
    /// The same conversation drawn as a sequence diagram (folded when
    /// long), for the Markdown report; not in the JSON, which has the packets.
    #[serde(skip)]
    pub diagram: Option<String>,
}

/// The cause of a failure, as the report gives it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Diagnosed {
    pub id: String,
    pub title: String,
    pub evidence: String,
}

impl Diagnosed {
    fn of(verdict: &Verdict, lang: Lang) -> Option<Diagnosed> {
        (verdict.status == Status::Fail).then(|| Diagnosed {
            id: verdict.diagnosis_id().to_string(),
            title: verdict
                .diagnosis
                .as_ref()
                .map(|d| d.diagnosis().title.get(lang).to_string())
                .unwrap_or_default(),
            evidence: verdict
                .diagnosis
                .as_ref()
                .map(|d| d.evidence.get(lang).to_string())
                .unwrap_or_default(),
        })
    }
}

#[derive(Serialize, Deserialize, Default, Clone, Copy, Debug, PartialEq)]
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

    pub fn plus(self, other: Count) -> Count {
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
    pub points: Points,
}

impl Report {
    pub fn new(
        target: &str,
        lang: Lang,
        grading: &Grading,
        started: std::time::SystemTime,
        outcomes: &[Outcome],
    ) -> Report {
        let exercises: Vec<ExerciseReport> = outcomes
            .iter()
            .map(|o| ExerciseReport::new(o, lang, grading))
            .collect();
        let totals = exercises
            .iter()
            .fold(Count::default(), |acc, e| acc.plus(e.score.total));
        let points = exercises
            .iter()
            .fold(Points::default(), |acc, e| acc.plus(e.score.points));
        Report {
            schema: SCHEMA,
            target: target.to_string(),
            lang,
            timestamp: rfc3339(started),
            grading: grading.clone(),
            skip_rule: grading.skip_rule(),
            exercises,
            totals,
            points,
        }
    }

    pub fn passed(&self) -> bool {
        self.totals.failed == 0 && self.exercises.iter().all(|e| e.compile_error.is_none())
    }
}

impl ExerciseReport {
    fn new(outcome: &Outcome, lang: Lang, grading: &Grading) -> ExerciseReport {
        let (exercise, compile_error, graded) = match outcome {
            Outcome::Graded(g) => (g.exercise, None, Some(g)),
            Outcome::CompileError { exercise, rendered } => {
                (*exercise, Some(strip_ansi(rendered)), None)
            }
        };
        let mut score = Score::default();
        // A build failure fails every check of the exercise: each is listed,
        // failed, worth its usual maximum.
        let results: Vec<(&Check, Option<&Verdict>)> = match graded {
            Some(graded) => graded.results.iter().map(|(c, v)| (*c, Some(v))).collect(),
            None => exercise.checks.iter().map(|c| (*c, None)).collect(),
        };
        let mut checks = Vec::new();
        let verdicts: Vec<&Verdict> = results.iter().filter_map(|(_, v)| *v).collect();
        let blocked = if verdicts.len() == results.len() {
            report::blocked_by(&verdicts)
        } else {
            vec![None; results.len()]
        };
        for ((check, verdict), blocker) in results.iter().copied().zip(blocked) {
            let status = verdict.map_or(Status::Fail, |v| v.status);
            match check.tier {
                Tier::Notes => score.notes.add(status),
                Tier::Real => score.real.add(status),
            }
            score.total.add(status);
            let max = grading.worth(exercise, check.tier);
            let points = Points {
                earned: grading.earned(status, max),
                max,
            };
            score.points = score.points.plus(points);
            let message = match verdict {
                Some(verdict) => report::details(exercise, check, verdict, lang, 0)
                    .lines()
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("\n"),
                None => NOT_RUN.get(lang).to_string(),
            };
            checks.push(CheckReport {
                exercise: exercise.id.to_string(),
                id: exercise.check_id(check),
                name: check.name.to_string(),
                title: check.title.get(lang).to_string(),
                behaviour: check.behaviour.to_string(),
                section: check.section.to_string(),
                tier: check.tier,
                status: status.name(),
                points,
                message,
                duration_ms: verdict.map_or(0, |v| v.duration.as_millis() as u64),
                diagnosis: verdict.and_then(|v| Diagnosed::of(v, lang)),
                blocked_by: blocker.map(|at| exercise.check_id(results[at].0)),
                wire: failed_wire(verdict).map(|w| w.json(lang)),
                diagram: failed_wire(verdict).map(|w| netlings_suite::wire::render(w, lang)),
            });
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

/// The message of a check that could not run because its exercise did not compile.
pub const NOT_RUN: Text = Text {
    en: "not run: the exercise does not compile (see compile_error); counted as failed",
    zh: "未运行：练习无法编译（见 compile_error）；计为未通过",
};

/// `SystemTime` as RFC 3339 in UTC, to the second: `2026-05-01T09:30:00Z`.
pub fn rfc3339(time: std::time::SystemTime) -> String {
    let secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
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
/// The packets of a failed check, when it was captured (`--wire`): a
/// passing or skipped check carries none.
fn failed_wire(verdict: Option<&Verdict>) -> Option<&netlings_suite::wire::Wire> {
    verdict
        .filter(|v| v.status == Status::Fail)
        .and_then(|v| v.wire.as_ref())
}

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

#[cfg(test)]
mod tests {
    //! One score everywhere: a report with a pass, a failure, a skip and an
    //! exercise that does not compile gives the same points out of the same
    //! maximum in JSON, JUnit, Gradescope and Markdown, under both skip
    //! policies.
    use super::*;
    use crate::check::Graded;
    use crate::formats;
    use netlings_suite::catalogue;
    use netlings_suite::msg;
    use netlings_suite::runner::{Status, Verdict};

    fn verdict(status: Status) -> Verdict {
        let mut v = Verdict::skipped(
            msg!("skipped: no network namespace here"; "已跳过：这里没有网络命名空间"),
        );
        v.status = status;
        v
    }

    fn report(grading: &Grading) -> Report {
        let ran = catalogue::exercise("05").expect("exercise 05");
        let broken = catalogue::exercise("07").expect("exercise 07");
        let results = ran
            .checks
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let status = match i {
                    0 => Status::Fail,
                    1 => Status::Skip,
                    _ => Status::Pass,
                };
                (*c, verdict(status))
            })
            .collect();
        let outcomes = [
            Outcome::Graded(Graded {
                exercise: ran,
                label: "exercises/05".into(),
                results,
            }),
            Outcome::CompileError {
                exercise: broken,
                rendered: "error[E0308]: mismatched types".into(),
            },
        ];
        Report::new(
            "test",
            Lang::En,
            grading,
            std::time::SystemTime::UNIX_EPOCH,
            &outcomes,
        )
    }

    fn junit_counts(xml: &str) -> (usize, usize, usize) {
        let mut reader = quick_xml::Reader::from_str(xml);
        let (mut cases, mut failures, mut skipped) = (0, 0, 0);
        loop {
            match reader.read_event().expect("well-formed XML") {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                    match e.name().as_ref() {
                        b"testcase" => cases += 1,
                        b"failure" => failures += 1,
                        b"skipped" => skipped += 1,
                        _ => {}
                    }
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        (cases, failures, skipped)
    }

    #[test]
    fn every_format_gives_the_same_points_of_the_same_maximum() {
        let checks = (catalogue::exercise("05").unwrap().checks.len()
            + catalogue::exercise("07").unwrap().checks.len()) as f64;
        for (policy, earned_by_skip) in [(SkipPolicy::Credit, 1.0), (SkipPolicy::Fail, 0.0)] {
            let grading = Grading {
                skipped: policy,
                ..Grading::default()
            };
            let report = report(&grading);
            let passes = (catalogue::exercise("05").unwrap().checks.len() - 2) as f64;
            assert_eq!(
                report.points.max, checks,
                "a compile error keeps its maximum"
            );
            assert_eq!(report.points.earned, passes + earned_by_skip);

            let json: serde_json::Value = serde_json::from_str(&formats::json(&report)).unwrap();
            assert_eq!(
                json["points"]["earned"].as_f64(),
                Some(report.points.earned)
            );
            assert_eq!(json["totals"]["total"].as_f64(), Some(checks));

            let gradescope: serde_json::Value =
                serde_json::from_str(&formats::gradescope(&report)).unwrap();
            let tests = gradescope["tests"].as_array().unwrap();
            assert_eq!(tests.len() as f64, checks, "a test per check, none dropped");
            assert_eq!(gradescope["max_score"].as_f64(), Some(checks));
            assert_eq!(gradescope["score"].as_f64(), Some(report.points.earned));
            let sum: f64 = tests.iter().map(|t| t["score"].as_f64().unwrap()).sum();
            assert_eq!(sum, report.points.earned);

            let t = report.totals;
            assert_eq!(
                junit_counts(&formats::junit(&report)),
                (t.total, t.failed, t.skipped)
            );
            // One failure in 05, and every check of 07 (it does not compile).
            let unbuilt = catalogue::exercise("07").unwrap().checks.len();
            assert_eq!((t.failed, t.skipped), (1 + unbuilt, 1));

            let markdown = formats::markdown(&report);
            assert!(markdown.contains(&format!(
                "**{} of {} points**",
                show(report.points.earned),
                show(checks)
            )));
            assert!(markdown.contains(report.skip_rule), "the skip rule is said");
            assert!(
                formats::junit(&report).contains(report.skip_rule),
                "and said in JUnit"
            );
            assert!(
                gradescope["output"]
                    .as_str()
                    .unwrap()
                    .contains(report.skip_rule)
            );
        }
    }

    #[test]
    fn tier_points_and_weights_come_from_grading_toml() {
        let grading = Grading::parse(
            "skipped = \"fail\"\n[points]\nnotes = 1\nreal = 2.5\n[weights]\nexercise-07 = 0\n",
        )
        .unwrap();
        let report = report(&grading);
        let ex05 = catalogue::exercise("05").unwrap();
        let max: f64 = ex05
            .checks
            .iter()
            .map(|c| match c.tier {
                Tier::Notes => 1.0,
                Tier::Real => 2.5,
            })
            .sum();
        assert_eq!(report.points.max, max, "exercise 07 weighs nothing");
        assert!(Grading::parse("[points]\nnotes = -1\n").is_err());
        assert!(
            Grading::parse("colour = 3\n").is_err(),
            "unknown keys are refused"
        );
        assert_eq!(Grading::parse("").unwrap(), Grading::default());
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_777_628_400);
        assert_eq!(rfc3339(t), "2026-05-01T09:40:00Z");
        assert_eq!(rfc3339(std::time::UNIX_EPOCH), "1970-01-01T00:00:00Z");
    }
}
