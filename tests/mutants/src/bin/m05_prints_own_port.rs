//! Prints its own address where the client's belongs.
//! program: 05
//! rejected-by: names_the_client_by_its_own_port
//! kind: wrong
//! clause: 05.connected-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::PrintsOwnPort);
}
