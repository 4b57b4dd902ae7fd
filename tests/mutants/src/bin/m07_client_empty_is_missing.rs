//! Treats a file of zero bytes as a missing one.
//! program: 07-client
//! rejected-by: client_saves_an_empty_file
//! kind: wrong
//! clause: 07.client-saves
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::EmptyIsMissingClient);
}
