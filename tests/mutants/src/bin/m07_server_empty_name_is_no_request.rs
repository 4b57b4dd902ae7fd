//! Takes an empty name for a client that asked nothing, and answers nothing.
//! program: 07-server
//! rejected-by: server_refuses_an_empty_name
//! kind: wrong
//! clause: 07.server-odd-names
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::EmptyNameIsNoRequest);
}
