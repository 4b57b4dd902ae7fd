//! Ignores read errors (unwrap_or(0)): a reset is taken for a client that sent nothing.
//! program: 05
//! rejected-by: explains_a_client_that_resets
//! kind: wrong
//! clause: 05.connection-fails
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::TreatsAResetAsAClose);
}
