//! Sends only to the first destination it is given.
//! program: 01
//! rejected-by: one_socket_reaches_two_receivers
//! kind: wrong
//! clause: 01.destinations
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::OnlyFirstDestination);
}
