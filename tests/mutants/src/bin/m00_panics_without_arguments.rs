//! Unwraps the first argument: no argument panics.
//! program: 00
//! rejected-by: refuses_a_wrong_number_of_arguments
//! kind: wrong
//! clause: 00.usage
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::PanicsWithoutArguments);
}
