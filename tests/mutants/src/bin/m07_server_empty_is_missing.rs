//! The notes' `if content:`: an empty file is answered MISSING.
//! program: 07-server
//! rejected-by: server_tells_an_empty_file_from_a_missing_one
//! kind: wrong
//! clause: 07.server-missing
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::EmptyIsMissing);
}
