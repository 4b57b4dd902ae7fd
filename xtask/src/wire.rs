//! `--wire` and `--pcap DIR` of `cargo xtask check`: turn the capture on,
//! say once when it cannot be made, show a failed check's conversation,
//! write each check's pcap file. The capture itself is
//! `netlings_suite::wire`.

use crate::check::{CheckArgs, Graded};
use anstream::println;
use anstyle::Style;
use netlings_suite::runner::{Status, Verdict};
use netlings_suite::text::Lang;
use netlings_suite::wire;

const DIM: Style = Style::new().dimmed();

/// Turn captures on when asked (whether they can be made here is
/// [`unavailable`]); an error only when the pcap folder cannot be made.
pub fn enable(args: &CheckArgs) -> Result<(), String> {
    if !args.wire && args.pcap.is_none() {
        return Ok(());
    }
    if let Some(dir) = &args.pcap {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    wire::enable();
    Ok(())
}

/// The same, in the report's language (said once, above the report).
pub fn unavailable(args: &CheckArgs, lang: Lang) -> Option<String> {
    if !args.wire && args.pcap.is_none() {
        return None;
    }
    wire::enable().map(|why| why.get(lang).to_string())
}

/// Under a failed check's details: its conversation and what the packets show.
pub fn show(verdict: &Verdict, lang: Lang) {
    if verdict.status != Status::Fail {
        return;
    }
    if let Some(w) = &verdict.wire {
        for line in wire::render(w, lang).lines() {
            println!("    {DIM}{line}{DIM:#}");
        }
    }
}

/// `DIR/exNN-check_name.pcap` for every captured check of `graded`.
pub fn write_pcaps(args: &CheckArgs, graded: &Graded) -> Result<(), String> {
    let Some(dir) = &args.pcap else {
        return Ok(());
    };
    for (check, verdict) in &graded.results {
        if let Some(w) = &verdict.wire {
            let path = dir.join(format!("ex{}-{}.pcap", graded.exercise.id, check.name));
            wire::write_pcap(&w.capture, &path)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}
