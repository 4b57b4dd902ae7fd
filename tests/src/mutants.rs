//! Known-wrong programs: the corpus the suite must reject.
//!
//! Each lives in `tests/mutants/src/bin/<name>.rs` and declares, in its
//! header, the program it stands in for and the check that must reject it:
//!
//! ```text
//! //! program: 05
//! //! rejected-by: replies_to_the_message
//! //! kind: wrong            (or: hostile)
//! //! clause: 05.reply          (the contract clause it breaks)
//! //! diagnosis: check          (what its first ✗ must diagnose; `a | b`
//!                                when a race it does not control decides)
//! ```

use std::path::PathBuf;

/// The package that holds the corpus.
pub const PACKAGE: &str = "netlings-mutants";

#[derive(Clone, Debug)]
pub struct Mutant {
    /// The binary name (the file name without `.rs`).
    pub bin: String,
    /// The program key it replaces (`05`, `07-server`).
    pub program: String,
    /// The check (name within its exercise) that must reject it.
    pub rejected_by: String,
    /// Hostile programs attack the grader itself (hang, flood, fork …).
    pub hostile: bool,
    /// The contract clause (`05.reply`) it breaks, and nothing else.
    pub clause: Option<String>,
    /// The diagnosis id its first failing check must give (`not-flushed`,
    /// `check` when the check's own hint is the right one).
    pub diagnosis: Option<String>,
    /// The first line of its header: what is wrong with it.
    pub summary: String,
}

impl Mutant {
    /// Why `verdict` (of the check that rejects this program) does not give
    /// the diagnosis the program declares; `None` when it does, or when it
    /// declares none.
    pub fn diagnosis_mismatch(&self, verdict: &crate::runner::Verdict) -> Option<String> {
        let declared = self.diagnosis.as_deref()?;
        let given = verdict.diagnosis_id();
        // `a | b`: a program whose end depends on a race it does not control
        // (which of two packets comes first) may be diagnosed either way.
        let accepted = declared.split('|').map(str::trim).any(|d| d == given);
        (!accepted).then(|| {
            let evidence = verdict
                .diagnosis
                .as_ref()
                .map(|d| format!(": {}", d.evidence.en))
                .unwrap_or_default();
            format!(
                "{} declares the diagnosis `{declared}` but its report gives `{given}`{evidence}",
                self.bin
            )
        })
    }

    /// The exercise id (`07` for `07-server`).
    pub fn exercise(&self) -> &str {
        &self.program[..2]
    }
}

pub fn dir() -> PathBuf {
    crate::targets::workspace_root().join("tests/mutants/src/bin")
}

/// Every mutant, sorted by name; a header missing a field is an error.
pub fn all() -> Result<Vec<Mutant>, String> {
    let mut mutants = Vec::new();
    let entries =
        std::fs::read_dir(dir()).map_err(|e| format!("cannot list {}: {e}", dir().display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let field = |name: &str| {
            text.lines()
                .filter_map(|l| l.strip_prefix("//! "))
                .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
                .map(|v| v.trim().to_string())
        };
        let bin = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let missing = |what: &str| format!("{}: the header lacks `//! {what}: …`", path.display());
        mutants.push(Mutant {
            program: field("program").ok_or_else(|| missing("program"))?,
            rejected_by: field("rejected-by").ok_or_else(|| missing("rejected-by"))?,
            hostile: field("kind").is_some_and(|k| k == "hostile"),
            clause: field("clause"),
            diagnosis: field("diagnosis"),
            summary: text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("//!")
                .trim()
                .to_string(),
            bin,
        });
    }
    mutants.sort_by(|a, b| a.bin.cmp(&b.bin));
    Ok(mutants)
}
