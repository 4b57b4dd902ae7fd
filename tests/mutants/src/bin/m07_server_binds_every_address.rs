//! Binds 0.0.0.0 with the port it was given and prints the address it was
//! given: it is reachable on every address of the host.
//! program: 07-server
//! rejected-by: server_listens_only_on_the_address_it_is_given
//! kind: wrong
//! clause: 07.server-runtime-errors
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::ServerBindsEveryAddress);
}
