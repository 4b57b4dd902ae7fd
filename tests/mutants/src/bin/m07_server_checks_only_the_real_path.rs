//! Trusts canonicalize alone: a name with `..` that comes back inside is served.
//! program: 07-server
//! rejected-by: server_refuses_names_outside_its_root
//! kind: wrong
//! clause: 07.server-inside-root
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::ChecksOnlyTheRealPath);
}
