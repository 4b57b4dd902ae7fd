//! Serves one client, then exits: no loop around accept.
//! program: 06
//! rejected-by: serves_a_second_client_on_the_same_port
//! kind: wrong
//! clause: 06.next-client
//! diagnosis: refused-gone

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::ServesOnlyTheFirstClient);
}
