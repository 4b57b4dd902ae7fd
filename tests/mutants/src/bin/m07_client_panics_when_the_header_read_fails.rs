//! expect() on the read of the header: a server that resets crashes the client.
//! program: 07-client
//! rejected-by: client_survives_a_server_that_resets
//! kind: wrong
//! clause: 07.client-never-panics
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::PanicsWhenTheHeaderReadFails);
}
