//! Reads standard input with lines(): \r is dropped and a line that is not UTF-8 ends the input.
//! program: 04
//! rejected-by: sends_every_line_exactly_as_typed
//! kind: wrong
//! clause: 04.send-exact
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::ReadsLinesAsText);
}
