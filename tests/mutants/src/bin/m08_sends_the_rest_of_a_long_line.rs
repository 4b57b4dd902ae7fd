//! Refuses the first 65 509 bytes of a long line but sends the rest of it as a line of its own.
//! program: 08
//! rejected-by: skips_a_line_longer_than_a_datagram
//! kind: wrong
//! clause: 08.too-long
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::SendsTheRestOfALongLine);
}
