//! Unwraps the bind of `serve`: a taken port panics.
//! program: 00
//! rejected-by: explains_a_port_that_is_taken
//! kind: wrong
//! clause: 00.serve-taken
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::PanicsWhenThePortIsTaken);
}
