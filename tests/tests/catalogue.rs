//! The registry is sound: every check names a real behaviour, has a title
//! and hints in every language, a unique name; every behaviour marked for an
//! exercise is checked there; the prose catalogue lists the same ids; every
//! known-wrong program names a real check.

use netlings_suite::catalogue::{BEHAVIOURS, EXERCISES, behaviour, uncovered};
use netlings_suite::check::{Check, Exercise};
use netlings_suite::diagnosis::{self, Language};
use netlings_suite::glossary;
use netlings_suite::mutants;
use netlings_suite::targets::workspace_root;
use netlings_suite::text::Lang;
use rstest::rstest;
use std::collections::BTreeSet;

fn all_checks() -> impl Iterator<Item = (&'static Exercise, &'static Check)> {
    EXERCISES
        .iter()
        .flat_map(|e| e.checks.iter().map(move |c| (*e, *c)))
}

#[test]
fn every_check_names_a_behaviour_of_the_catalogue() {
    let unknown: Vec<String> = all_checks()
        .filter(|(_, c)| behaviour(c.behaviour).is_none())
        .map(|(e, c)| format!("{} names {}", e.check_id(c), c.behaviour))
        .collect();
    assert!(unknown.is_empty(), "unknown behaviour ids: {unknown:?}");
}

#[test]
fn every_behaviour_marked_for_an_exercise_has_a_check_there() {
    let missing: Vec<String> = EXERCISES
        .iter()
        .flat_map(|e| {
            uncovered(e)
                .into_iter()
                .map(move |id| format!("{id} in exercise {}", e.id))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "behaviours without a check: {missing:?}"
    );
}

#[test]
fn behaviours_are_marked_only_for_exercises_that_exist() {
    assert_eq!(EXERCISES.len(), 9, "one exercise per program in the notes");
    let ids: BTreeSet<&str> = EXERCISES.iter().map(|e| e.id).collect();
    for b in BEHAVIOURS {
        for ex in b.checked_in {
            assert!(
                ids.contains(ex),
                "{} is marked for exercise {ex}, which does not exist",
                b.id
            );
        }
    }
}

#[test]
fn check_names_are_unique_sentences_within_their_exercise() {
    for exercise in EXERCISES {
        let mut seen = BTreeSet::new();
        for check in exercise.checks {
            assert!(
                seen.insert(check.name),
                "{} appears twice in exercise {}",
                check.name,
                exercise.id
            );
            assert!(
                check
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    && check.name.contains('_'),
                "{} is not a snake_case sentence",
                check.name
            );
        }
    }
}

#[rstest]
fn every_check_has_a_title_and_hints_in(#[values(Lang::En, Lang::Zh)] lang: Lang) {
    for (exercise, check) in all_checks() {
        let id = exercise.check_id(check);
        assert!(
            !check.title.get(lang).trim().is_empty(),
            "{id} has no {} title",
            lang.code()
        );
        assert!(
            check.hints.len() >= 2,
            "{id} needs at least two hint levels (a nudge, then more)"
        );
        for hint in check.hints {
            assert!(
                !hint.get(lang).trim().is_empty(),
                "{id} has a hint without {} text",
                lang.code()
            );
        }
    }
}

#[test]
fn chinese_texts_are_chinese() {
    let is_cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for (exercise, check) in all_checks() {
        assert!(
            is_cjk(check.title.zh),
            "{}: the zh title is not Chinese",
            exercise.check_id(check)
        );
        assert!(
            check.hints.iter().all(|h| is_cjk(h.zh)),
            "{}: a zh hint is not Chinese",
            exercise.check_id(check)
        );
    }
}

#[test]
fn every_behaviour_claim_is_said_in_both_languages() {
    let is_cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for b in BEHAVIOURS {
        assert!(
            !b.claim.en.trim().is_empty(),
            "{} has no English claim",
            b.id
        );
        assert!(is_cjk(b.claim.zh), "{} has no Chinese claim", b.id);
    }
}

#[test]
fn the_prose_catalogue_lists_the_same_behaviours() {
    let prose = std::fs::read_to_string(workspace_root().join("docs/behaviours.md"))
        .expect("docs/behaviours.md");
    let in_prose: BTreeSet<String> = prose
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(" |").next())
        .map(str::trim)
        .filter(|id| {
            id.len() <= 3
                && id.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && id[1..].chars().all(|c| c.is_ascii_digit())
                && id.len() > 1
        })
        .map(String::from)
        .collect();
    let in_code: BTreeSet<String> = BEHAVIOURS.iter().map(|b| b.id.to_string()).collect();
    assert_eq!(
        in_prose, in_code,
        "docs/behaviours.md and catalogue.rs disagree"
    );
}

#[test]
fn every_known_wrong_program_names_a_check_of_its_exercise() {
    for mutant in mutants::all().expect("valid headers") {
        let exercise = EXERCISES.iter().find(|e| e.id == mutant.exercise());
        let exercise = exercise.unwrap_or_else(|| {
            panic!(
                "{} is for exercise {}, which does not exist",
                mutant.bin,
                mutant.exercise()
            )
        });
        assert!(
            exercise.program(&mutant.program).is_some(),
            "{} replaces unknown program {}",
            mutant.bin,
            mutant.program
        );
        assert!(
            exercise.checks.iter().any(|c| c.name == mutant.rejected_by),
            "{} names {}, not a check of exercise {}",
            mutant.bin,
            mutant.rejected_by,
            exercise.id
        );
    }
}

#[test]
fn every_exercise_lists_the_clauses_of_its_contract() {
    for exercise in EXERCISES {
        assert!(
            !exercise.clauses.is_empty(),
            "exercise {} lists no contract clauses",
            exercise.id
        );
        let mut ids = std::collections::BTreeSet::new();
        for clause in exercise.clauses {
            assert!(
                clause.id.starts_with(&format!("{}.", exercise.id)),
                "clause {} of exercise {} should be named {}.…",
                clause.id,
                exercise.id,
                exercise.id
            );
            assert!(
                ids.insert(clause.id),
                "clause {} is listed twice",
                clause.id
            );
            assert!(
                !clause.text.en.is_empty() && !clause.text.zh.is_empty(),
                "clause {} needs its sentence in both languages",
                clause.id
            );
            assert!(
                !clause.checks.is_empty(),
                "clause {} is held by no check",
                clause.id
            );
            for name in clause.checks {
                assert!(
                    exercise.checks.iter().any(|c| c.name == *name),
                    "clause {} names {}, not a check of exercise {}",
                    clause.id,
                    name,
                    exercise.id
                );
            }
        }
    }
}

#[test]
fn every_clause_is_broken_by_a_known_wrong_program_its_checks_reject() {
    let corpus = mutants::all().expect("valid headers");
    for exercise in EXERCISES {
        for clause in exercise.clauses {
            let breakers: Vec<_> = corpus
                .iter()
                .filter(|m| m.clause.as_deref() == Some(clause.id))
                .collect();
            assert!(
                !breakers.is_empty(),
                "no known-wrong program breaks clause {} ({})",
                clause.id,
                clause.text.en
            );
            for mutant in breakers {
                assert!(
                    clause.checks.contains(&mutant.rejected_by.as_str()),
                    "{} breaks clause {} but is rejected by {}, which does not hold that clause",
                    mutant.bin,
                    clause.id,
                    mutant.rejected_by
                );
            }
        }
    }
    for mutant in corpus.iter().filter(|m| !m.hostile) {
        let exercise = EXERCISES.iter().find(|e| e.id == mutant.exercise());
        let clause = mutant.clause.as_deref().unwrap_or_else(|| {
            panic!(
                "{} does not say which clause it breaks (`//! clause: …`)",
                mutant.bin
            )
        });
        assert!(
            exercise.is_some_and(|e| e.clauses.iter().any(|c| c.id == clause)),
            "{} breaks clause {}, which its exercise does not list",
            mutant.bin,
            clause
        );
    }
}

#[test]
fn every_exercise_has_at_least_ten_known_wrong_programs() {
    let corpus = mutants::all().expect("valid headers");
    for exercise in EXERCISES {
        let wrong = corpus
            .iter()
            .filter(|m| m.exercise() == exercise.id && !m.hostile)
            .count();
        assert!(
            wrong >= 10,
            "exercise {} has {wrong} known-wrong programs; it needs at least 10",
            exercise.id
        );
    }
}

#[test]
fn every_exercise_has_a_readme_in_each_language_and_a_python_example() {
    let root = workspace_root();
    for exercise in EXERCISES {
        let dir = root.join("exercises").join(exercise.folder());
        for readme in ["README.md", "README.zh-CN.md"] {
            assert!(
                dir.join(readme).is_file(),
                "exercises/{}/{readme} is missing",
                exercise.folder()
            );
        }
        let python = root.join("docs/python");
        let has_example = std::fs::read_dir(&python)
            .expect("docs/python")
            .flatten()
            .any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&exercise.folder())
            });
        assert!(
            has_example,
            "docs/python has no example for {}",
            exercise.folder()
        );
    }
}

#[rstest]
fn hints_for_other_languages_keep_no_rust_terms(
    #[values(Language::Python, Language::Other)] language: Language,
    #[values(Lang::En, Lang::Zh)] lang: Lang,
) {
    // Every check has a hint a Python (or any) programmer can read: its
    // own words translated, or its plain explanation.
    let mut rusty = Vec::new();
    for (exercise, check) in all_checks() {
        let said = glossary::hint_for(check.hints, 0, language, lang).unwrap_or_default();
        let terms = glossary::rust_terms(&said);
        if !terms.is_empty() {
            rusty.push(format!("{}: {terms:?} in {said}", exercise.check_id(check)));
        }
    }
    assert!(
        rusty.is_empty(),
        "checks whose hints all speak Rust:\n{}",
        rusty.join("\n")
    );
}

#[test]
fn every_diagnosis_has_words_and_hints_in_every_language() {
    for d in diagnosis::DIAGNOSES {
        for lang in [Lang::En, Lang::Zh] {
            assert!(!d.title.get(lang).is_empty(), "{} has no title", d.id);
            for language in [Language::Rust, Language::Python, Language::Other] {
                assert!(
                    !d.hint.get(language).get(lang).is_empty(),
                    "{} lacks a hint",
                    d.id
                );
            }
        }
        let any = d.hint.get(Language::Other);
        assert!(
            glossary::rust_terms(any.en).is_empty() && glossary::rust_terms(any.zh).is_empty(),
            "{}'s hint for any language speaks Rust",
            d.id
        );
    }
}

#[test]
fn every_known_wrong_program_names_a_known_diagnosis() {
    for mutant in mutants::all().expect("valid headers") {
        for id in mutant.diagnosis.iter().flat_map(|d| d.split('|')) {
            let id = id.trim();
            assert!(
                diagnosis::is_known(id),
                "{} names diagnosis {id}, which is not in the catalogue",
                mutant.bin
            );
        }
    }
}
