//! Prints the address it was asked for (port 0) instead of the one the OS bound.
//! program: 05
//! rejected-by: prints_the_address_it_listens_on
//! kind: wrong
//! clause: 05.listening
//! diagnosis: wrong-port-printed

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::PrintsTheRequestedAddress);
}
