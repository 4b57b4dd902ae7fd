//! Unwraps every write: a server that closed first makes it panic.
//! program: 04
//! rejected-by: ends_cleanly_when_the_server_closes_first
//! kind: wrong
//! clause: 04.server-closes-first
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::PanicsWhenTheServerHasGone);
}
