//! `TcpListener::bind(..).unwrap()`: a port that is taken is a panic, not
//! one sentence and exit 1.
//! program: 07-server
//! rejected-by: server_reports_a_port_that_is_taken
//! kind: wrong
//! clause: 07.server-runtime-errors
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::ServerPanicsWhenThePortIsTaken);
}
