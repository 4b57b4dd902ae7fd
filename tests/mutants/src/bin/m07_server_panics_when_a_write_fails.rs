//! unwrap() on the answer's writes: a client that resets mid-transfer crashes the server.
//! program: 07-server
//! rejected-by: server_survives_a_client_that_resets_at_every_step
//! kind: wrong
//! clause: 07.server-loops
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::PanicsWhenAWriteFails);
}
