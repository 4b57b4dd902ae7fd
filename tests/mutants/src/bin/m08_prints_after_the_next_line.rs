//! No receiving thread: prints what arrived only after the next typed line.
//! program: 08
//! rejected-by: prints_a_datagram_while_its_input_is_idle
//! kind: wrong
//! clause: 08.print
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::PrintsAfterTheNextLine);
}
