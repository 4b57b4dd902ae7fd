//! Writes out \n inside a message but prints a \r as it is.
//! program: 03
//! rejected-by: shows_and_echoes_awkward_messages_as_they_arrived
//! kind: wrong
//! clause: 03.received
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::EscapesOnlyTheNewline);
}
