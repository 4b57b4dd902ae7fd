//! Names every client by the server's own address.
//! program: 06
//! rejected-by: gives_each_client_its_own_connection
//! kind: wrong
//! clause: 06.connected-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::PrintsItsOwnAddress);
}
