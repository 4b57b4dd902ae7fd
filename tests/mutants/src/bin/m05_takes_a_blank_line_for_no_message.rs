//! Takes a message of blanks only (an empty line) for a client that sent nothing.
//! program: 05
//! rejected-by: shows_awkward_messages_exactly
//! kind: wrong
//! clause: 05.silent-client
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::TakesABlankLineForNoMessage);
}
