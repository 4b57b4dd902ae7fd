//! Unwraps the parse of its destination argument.
//! program: 01
//! rejected-by: rejects_a_malformed_destination
//! kind: wrong
//! clause: 01.usage
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::PanicsOnBadDestination);
}
