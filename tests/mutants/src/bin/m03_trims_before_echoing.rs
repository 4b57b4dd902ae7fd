//! Echoes each message trimmed: its blanks and a final \r\n are lost.
//! program: 03
//! rejected-by: shows_and_echoes_awkward_messages_as_they_arrived
//! kind: wrong
//! clause: 03.echo
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::TrimsBeforeEchoing);
}
