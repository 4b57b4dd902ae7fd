//! Unwraps bind: an address in use makes it panic.
//! program: 06
//! rejected-by: reports_address_in_use
//! kind: wrong
//! clause: 06.cannot-listen
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::PanicsWhenTheAddressIsInUse);
}
