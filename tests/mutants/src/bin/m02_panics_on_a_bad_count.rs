//! Parses --count with unwrap(): a bad count panics.
//! program: 02
//! rejected-by: rejects_a_bad_count
//! kind: wrong
//! clause: 02.count
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::PanicsOnABadCount);
}
