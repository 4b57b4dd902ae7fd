//! Connects its socket to the peer: the kernel then drops every datagram
//! from anyone else, and the chat never shows them.
//! program: 08
//! rejected-by: prints_every_datagram_from_anyone_as_it_came
//! kind: wrong
//! clause: 08.print
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::ConnectsToItsPeer);
}
