//! Unwraps the result of bind: a taken address panics instead of a sentence.
//! program: 02
//! rejected-by: reports_address_in_use
//! kind: wrong
//! clause: 02.in-use
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::PanicsOnBindError);
}
