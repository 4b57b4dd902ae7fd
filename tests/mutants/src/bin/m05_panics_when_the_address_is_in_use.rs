//! Unwraps bind: an address in use makes it panic.
//! program: 05
//! rejected-by: reports_address_in_use
//! kind: wrong
//! clause: 05.cannot-listen
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::PanicsWhenTheAddressIsInUse);
}
