//! Picks a "random" source port of its own (from its process id) instead of letting the OS choose.
//! program: 01
//! rejected-by: takes_its_port_from_the_ephemeral_range
//! kind: wrong
//! clause: 01.socket
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::PicksItsOwnPort);
}
