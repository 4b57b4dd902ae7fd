//! Puts 224 in class C (an off-by-one at the C/D boundary).
//! program: 00
//! rejected-by: classifies_by_the_first_octet_at_every_boundary
//! kind: wrong
//! clause: 00.class
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::ClassesByTheWrongBoundary);
}
