//! Reads at most 8 KiB of a reply line: a longer one is shown as several
//! `received:` lines.
//! program: 04
//! rejected-by: shows_a_reply_longer_than_1024_bytes
//! kind: wrong
//! clause: 04.received-lines
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::CapsReplyLinesAt8KiB);
}
