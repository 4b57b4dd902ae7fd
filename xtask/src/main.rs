//! `cargo xtask`: the learner's and the teacher's entry point.
//!
//! `check` builds what is graded (the learner's exercise, the reference
//! solution, or any command), runs the exercise's checks from
//! `netlings-suite` (the same ones `cargo nextest run` runs), and prints a
//! report that teaches.

mod check;
mod formats;
mod human;
mod model;
mod state;

use clap::{Parser, Subcommand};
use netlings_suite::text::Lang;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "netlings: socket programming exercises, graded",
    version
)]
struct Cli {
    /// Language of reports: en or zh-CN (default: from LC_ALL / LANG).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Build an exercise and run its checks: `cargo xtask check exercise-05`.
    Check(check::CheckArgs),
    /// Build the solutions and the known-wrong programs and record their
    /// paths (the nextest setup script runs this once per run).
    BuildBins {
        /// Append NETLINGS_BINS=<file> to the file nextest names in $NEXTEST_ENV.
        #[arg(long)]
        nextest_env: bool,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use en or zh-CN"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match cli.command {
        Some(Cmd::Check(args)) => check::run(&args, lang),
        Some(Cmd::BuildBins { nextest_env }) => check::build_bins(nextest_env),
        None => {
            println!(
                "netlings: run `cargo xtask check exercise-05` to grade an exercise, `cargo xtask --help` for more."
            );
            ExitCode::SUCCESS
        }
    }
}
