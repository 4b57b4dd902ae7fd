//! Parses --count with unwrap(): a bad count panics.
//! program: 03
//! rejected-by: rejects_a_bad_count
//! kind: wrong
//! clause: 03.count
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::PanicsOnABadCount);
}
