//! Refuses port 0.
//! program: 00
//! rejected-by: accepts_every_port_from_0_to_65535
//! kind: wrong
//! clause: 00.port-range
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::RejectsPort0);
}
