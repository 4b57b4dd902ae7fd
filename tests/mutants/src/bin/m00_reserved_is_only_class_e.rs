//! Forgets that the rest of 0.0.0.0/8 is reserved.
//! program: 00
//! rejected-by: names_multicast_broadcast_and_reserved_addresses
//! kind: wrong
//! clause: 00.kind-v4
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::ReservedIsOnlyClassE);
}
