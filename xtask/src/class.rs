//! `cargo xtask class plan|shard|join`: the steps of
//! `.github/workflows/grade-class.yml` that have logic in them, here so they
//! are tested (xtask/tests/class.rs) and run the same on any CI system.

use crate::gradebook::{self, Join};
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ClassCmd {
    /// How many runners, and each one's time limit, for the class in
    /// SUBMISSIONS (printed as `key=value` lines for $GITHUB_OUTPUT).
    Plan {
        submissions: PathBuf,
        /// Runners at most.
        #[arg(long, default_value_t = 4)]
        runners: usize,
    },
    /// Move shard INDEX (1-based) of OF into INTO: student i of the sorted
    /// class goes to shard i mod OF + 1. A shard may be empty.
    Shard {
        submissions: PathBuf,
        #[arg(long)]
        index: usize,
        #[arg(long)]
        of: usize,
        #[arg(long)]
        into: PathBuf,
    },
    /// Join the shards' gradebooks (FROM/grades-1 … grades-OF) into OUT;
    /// every student of SUBMISSIONS appears, those of a missing shard as
    /// "not graded".
    Join {
        submissions: PathBuf,
        #[arg(long)]
        of: usize,
        #[arg(long)]
        from: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Also append the table in Markdown here (e.g. $GITHUB_STEP_SUMMARY).
        #[arg(long)]
        summary: Option<PathBuf>,
    },
}

pub fn run(command: ClassCmd) -> ExitCode {
    let result = match command {
        ClassCmd::Plan {
            submissions,
            runners,
        } => students(&submissions).map(|s| {
            let plan = gradebook::plan(s.len(), runners);
            let shards: Vec<String> = (1..=plan.runners).map(|i| i.to_string()).collect();
            println!("students={}", s.len());
            println!("runners={}", plan.runners);
            println!("shards=[{}]", shards.join(","));
            println!("per_shard={}", plan.per_shard);
            println!("timeout_minutes={}", plan.timeout_minutes);
        }),
        ClassCmd::Shard {
            submissions,
            index,
            of,
            into,
        } => shard(&submissions, index, of, &into),
        ClassCmd::Join {
            submissions,
            of,
            from,
            out,
            summary,
        } => students(&submissions).and_then(|students| {
            let joined = gradebook::join(&Join {
                students,
                shards: of,
                from,
                out: out.clone(),
            })?;
            let table = gradebook::summary(&joined);
            print!("{table}");
            if let Some(path) = summary {
                use std::io::Write;
                std::fs::OpenOptions::new()
                    .append(true)
                    .create(true)
                    .open(&path)
                    .and_then(|mut f| f.write_all(table.as_bytes()))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            for shard in &joined.missing_shards {
                eprintln!("warning: shard {shard} left no gradebook; its students are not graded");
            }
            Ok(())
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The class's student ids, sorted (the folders `grade` would grade).
fn students(submissions: &Path) -> Result<Vec<String>, String> {
    if !submissions.is_dir() {
        return Err(format!("{} is not a folder", submissions.display()));
    }
    Ok(crate::grade::submissions(submissions)?
        .into_iter()
        .map(|(name, _)| name)
        .collect())
}

fn shard(submissions: &Path, index: usize, of: usize, into: &Path) -> Result<(), String> {
    if index == 0 || index > of {
        return Err(format!("--index {index} is not a shard of 1..={of}"));
    }
    std::fs::create_dir_all(into).map_err(|e| format!("cannot create {}: {e}", into.display()))?;
    let collected = submissions.join(gradebook::COLLECTED);
    if collected.exists() {
        // Keep the commits with the students.
        std::fs::copy(&collected, into.join(gradebook::COLLECTED))
            .map_err(|e| format!("cannot copy {}: {e}", collected.display()))?;
    }
    let mut taken = Vec::new();
    for (i, (name, dir)) in crate::grade::submissions(submissions)?
        .into_iter()
        .enumerate()
    {
        if gradebook::shard_of(i, of) == index {
            std::fs::rename(&dir, into.join(&name))
                .map_err(|e| format!("cannot move {}: {e}", dir.display()))?;
            taken.push(name);
        }
    }
    println!(
        "shard {index} of {of}: {} student(s) {}",
        taken.len(),
        taken.join(" ")
    );
    Ok(())
}
