//! Checks each octet against the notes' 1-256: refuses 0.0.0.0, takes 256.
//! program: 00
//! rejected-by: accepts_every_octet_from_0_to_255
//! kind: wrong
//! clause: 00.octets
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::OctetsFrom1To256);
}
