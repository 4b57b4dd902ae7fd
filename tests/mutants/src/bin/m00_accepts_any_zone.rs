//! Takes any zone: after an IPv4 address, empty, or with a space in it.
//! program: 00
//! rejected-by: refuses_a_zone_that_names_no_interface
//! kind: wrong
//! clause: 00.zone-form
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::AcceptsAnyZone);
}
