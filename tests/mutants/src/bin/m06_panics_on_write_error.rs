//! Unwraps the reply write: a client that resets before its reply crashes the server.
//! program: 06
//! rejected-by: survives_clients_that_break_off
//! kind: wrong
//! clause: 06.never-crash
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::PanicsOnWriteError);
}
