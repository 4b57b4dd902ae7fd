//! Exits with code 2, as for a bad argument, when the address is already in use.
//! program: 05
//! rejected-by: reports_address_in_use
//! kind: wrong
//! clause: 05.cannot-listen
//! diagnosis: address-in-use

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::ExitsTwoWhenInUse);
}
