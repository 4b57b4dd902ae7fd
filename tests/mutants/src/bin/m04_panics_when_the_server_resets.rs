//! Unwraps the reads of the reply: a server that resets after its reply makes it panic.
//! program: 04
//! rejected-by: ends_cleanly_when_the_server_resets_after_its_reply
//! kind: wrong
//! clause: 04.server-closes-first
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::PanicsWhenTheServerResets);
}
