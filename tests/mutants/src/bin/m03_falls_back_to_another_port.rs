//! When its port is taken, quietly binds another one.
//! program: 03
//! rejected-by: reports_address_in_use
//! kind: wrong
//! clause: 03.bind-error
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::FallsBackToAnotherPort);
}
