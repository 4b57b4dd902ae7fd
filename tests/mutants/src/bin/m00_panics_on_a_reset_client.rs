//! Unwraps the peer address of each accepted client: a client already gone panics the server.
//! program: 00
//! rejected-by: keeps_serving_after_clients_reset
//! kind: wrong
//! clause: 00.serve-on
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::PanicsOnAResetClient);
}
