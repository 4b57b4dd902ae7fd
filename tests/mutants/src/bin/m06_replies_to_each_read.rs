//! The notes' loop: one reply per non-empty recv(1024), so a message in pieces gets many.
//! program: 06
//! rejected-by: answers_a_message_that_arrives_in_pieces
//! kind: wrong
//! clause: 06.every-message
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::RepliesToEachRead);
}
