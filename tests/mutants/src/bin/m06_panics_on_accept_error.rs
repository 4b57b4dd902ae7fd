//! Unwraps accept: running out of file descriptors crashes the server.
//! program: 06
//! rejected-by: keeps_serving_when_accept_fails
//! kind: wrong
//! clause: 06.never-crash
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::PanicsOnAcceptError);
}
