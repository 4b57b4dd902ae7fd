//! No NUL or length check, and MISSING whenever canonicalize fails.
//! program: 07-server
//! rejected-by: server_refuses_a_name_with_a_nul_byte
//! kind: wrong
//! clause: 07.server-odd-names
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::MissingOnAnyError);
}
