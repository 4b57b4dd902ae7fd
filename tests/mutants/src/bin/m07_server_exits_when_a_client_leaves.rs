//! Exits (fail) when a client goes away in the middle of a transfer.
//! program: 07-server
//! rejected-by: server_survives_a_client_that_leaves_mid_transfer
//! kind: wrong
//! clause: 07.server-loops
//! diagnosis: exited

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::ExitsWhenAClientLeaves);
}
