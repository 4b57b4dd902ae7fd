//! Unwraps connect: a server that is not there makes it panic.
//! program: 04
//! rejected-by: reports_connection_refused
//! kind: wrong
//! clause: 04.refused
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::PanicsOnConnectionRefused);
}
