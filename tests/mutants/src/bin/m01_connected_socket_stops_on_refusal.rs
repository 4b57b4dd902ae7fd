//! Connects its UDP socket and quits at the first "connection refused".
//! program: 01
//! rejected-by: sending_to_a_port_nobody_listens_on_still_succeeds
//! kind: wrong
//! clause: 01.no-listener
//! diagnosis: exited

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::ConnectedSocketStopsOnRefusal);
}
