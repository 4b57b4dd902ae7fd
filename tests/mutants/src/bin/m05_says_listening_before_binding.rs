//! Prints `listening on IP:PORT` before it binds: when the port is taken it
//! has promised an address it never had.
//! program: 05
//! rejected-by: reports_address_in_use
//! kind: wrong
//! clause: 05.cannot-listen
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::SaysListeningBeforeBinding);
}
