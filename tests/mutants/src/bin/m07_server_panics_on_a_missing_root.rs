//! canonicalize(root).unwrap(): a root that does not exist is a panic.
//! program: 07-server
//! rejected-by: server_fails_when_its_root_does_not_exist
//! kind: wrong
//! clause: 07.server-runtime-errors
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::PanicsOnAMissingRoot);
}
