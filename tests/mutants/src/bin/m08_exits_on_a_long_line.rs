//! Ends the chat with exit 1 at a line too long for a datagram, as exercise 01 does.
//! program: 08
//! rejected-by: skips_a_line_longer_than_a_datagram
//! kind: wrong
//! clause: 08.too-long
//! diagnosis: exited

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::ExitsOnALongLine);
}
