//! Prints `connected to IP:PORT` before it connects: when nobody listens it
//! has announced a connection it never had.
//! program: 04
//! rejected-by: reports_connection_refused
//! kind: wrong
//! clause: 04.refused
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::SaysConnectedBeforeConnecting);
}
