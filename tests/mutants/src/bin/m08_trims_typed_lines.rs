//! Sends each typed line trimmed: the blanks of the message are lost.
//! program: 08
//! rejected-by: sends_awkward_lines_exactly_as_typed
//! kind: wrong
//! clause: 08.line
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::TrimsTypedLines);
}
