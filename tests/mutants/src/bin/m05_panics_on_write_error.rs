//! Unwraps the reply write: a client that resets before its reply makes it panic.
//! program: 05
//! rejected-by: explains_a_client_that_resets
//! kind: wrong
//! clause: 05.connection-fails
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::PanicsOnWriteError);
}
