//! No read timeout: a client that never asks blocks every client behind it.
//! program: 07-server
//! rejected-by: server_drops_a_client_that_never_asks
//! kind: wrong
//! clause: 07.server-silent-client
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::WaitsForeverForTheName);
}
