//! No regular-file check: a directory is answered `OK 4096` and then the read fails.
//! program: 07-server
//! rejected-by: server_refuses_a_directory
//! kind: wrong
//! clause: 07.server-odd-names
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::ServesDirectories);
}
