//! Calls all of 1024-65535 dynamic, as the notes do.
//! program: 00
//! rejected-by: splits_registered_and_dynamic_ports_as_iana_does
//! kind: wrong
//! clause: 00.iana
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::DynamicFrom1024);
}
