//! Trims the message before printing it: blanks the client sent are lost.
//! program: 05
//! rejected-by: shows_awkward_messages_exactly
//! kind: wrong
//! clause: 05.received-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::TrimsTheMessage);
}
