//! Takes a last line without its newline for the end of the input, and never sends it.
//! program: 04
//! rejected-by: sends_every_line_exactly_as_typed
//! kind: wrong
//! clause: 04.end-of-input
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::DropsAnUnfinishedLastLine);
}
