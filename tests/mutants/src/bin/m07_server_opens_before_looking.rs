//! Opens a name before looking at what it is: a named pipe blocks it for ever.
//! program: 07-server
//! rejected-by: server_refuses_what_it_cannot_open_as_a_file
//! kind: wrong
//! clause: 07.server-odd-names
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::OpensBeforeLooking);
}
