//! Reads all of its input, then sends it as one datagram.
//! program: 01
//! rejected-by: sends_each_line_as_its_own_datagram
//! kind: wrong
//! clause: 01.datagram
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::MergesLines);
}
