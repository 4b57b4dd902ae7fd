//! Unwraps accept: running out of file descriptors makes it panic.
//! program: 05
//! rejected-by: explains_a_failed_accept
//! kind: wrong
//! clause: 05.accept-fails
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::PanicsOnAcceptError);
}
