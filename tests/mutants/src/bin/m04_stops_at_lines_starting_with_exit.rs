//! Stops at any typed line that starts with EXIT.
//! program: 04
//! rejected-by: sends_every_line_exactly_as_typed
//! kind: wrong
//! clause: 04.exit-word
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::StopsAtLinesStartingWithExit);
}
