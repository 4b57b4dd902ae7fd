//! Reads and shows the first reply line only.
//! program: 04
//! rejected-by: shows_every_reply_line
//! kind: wrong
//! clause: 04.received-lines
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::ShowsOnlyTheFirstLine);
}
