//! Sends the line decoded lossily: bytes that are not UTF-8 become U+FFFD.
//! program: 01
//! rejected-by: sends_awkward_lines_exactly_as_typed
//! kind: wrong
//! clause: 01.line
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::SendsLossyText);
}
