//! Unwraps the result of bind: a panic instead of a sentence.
//! program: 03
//! rejected-by: reports_permission_denied_for_a_privileged_port
//! kind: wrong
//! clause: 03.bind-error
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::PanicsOnBindError);
}
