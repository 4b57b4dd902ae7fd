//! Checks that the prefix is a number, not that it is at most 32 (or 128).
//! program: 00
//! rejected-by: rejects_a_prefix_out_of_range
//! kind: wrong
//! clause: 00.prefix-range
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::PrefixNotBounded);
}
