//! Trims the message before printing it: blanks the client sent are lost.
//! program: 06
//! rejected-by: shows_awkward_messages_exactly
//! kind: wrong
//! clause: 06.received-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::TrimsTheMessage);
}
