//! Sends to 127.0.0.1:8080 when no destination is given.
//! program: 01
//! rejected-by: sends_to_the_notes_server_by_default
//! kind: wrong
//! clause: 01.destinations
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::WrongDefaultDestination);
}
