//! Prints each message trimmed: its blanks and a final \r\n are lost.
//! program: 02
//! rejected-by: shows_awkward_messages_as_they_arrived
//! kind: wrong
//! clause: 02.text
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::TrimsTheMessage);
}
