//! Skips empty lines, as if there were nothing to send.
//! program: 01
//! rejected-by: sends_an_empty_line_as_an_empty_datagram
//! kind: wrong
//! clause: 01.empty
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::SkipsEmptyLines);
}
