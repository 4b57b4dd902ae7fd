//! Replaces an existing new_NAME without --force.
//! program: 07-client
//! rejected-by: client_refuses_to_overwrite_unless_forced
//! kind: wrong
//! clause: 07.client-no-overwrite
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::Overwrites);
}
