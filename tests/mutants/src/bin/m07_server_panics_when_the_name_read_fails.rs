//! unwrap() on the read of the name: a client that resets crashes the server.
//! program: 07-server
//! rejected-by: server_survives_a_client_that_resets_at_every_step
//! kind: wrong
//! clause: 07.server-loops
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::PanicsWhenTheNameReadFails);
}
