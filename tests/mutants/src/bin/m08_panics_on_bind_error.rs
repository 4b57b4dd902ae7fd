//! Unwraps the result of bind: a taken port panics instead of a sentence.
//! program: 08
//! rejected-by: reports_a_port_that_is_taken
//! kind: wrong
//! clause: 08.in-use
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::PanicsOnBindError);
}
