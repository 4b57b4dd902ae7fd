//! Sends the line trimmed: the blanks of the message are lost.
//! program: 01
//! rejected-by: sends_awkward_lines_exactly_as_typed
//! kind: wrong
//! clause: 01.line
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::TrimsTheLine);
}
