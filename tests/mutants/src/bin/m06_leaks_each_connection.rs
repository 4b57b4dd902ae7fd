//! Keeps every accepted socket in a list: one file descriptor leaked per client.
//! program: 06
//! rejected-by: serves_200_clients_without_leaking_descriptors
//! kind: wrong
//! clause: 06.resources
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::LeaksEachConnection);
}
