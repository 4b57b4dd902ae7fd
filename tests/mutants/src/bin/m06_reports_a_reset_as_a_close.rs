//! Prints `disconnected` without a reason when a read fails.
//! program: 06
//! rejected-by: survives_clients_that_break_off
//! kind: wrong
//! clause: 06.disconnected
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::ReportsAResetAsAClose);
}
