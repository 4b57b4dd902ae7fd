//! A thread per client: client 2 is answered while client 1 is still served.
//! program: 06
//! rejected-by: serves_one_client_at_a_time
//! kind: wrong
//! clause: 06.one-at-a-time
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::ServesClientsConcurrently);
}
