//! Reads at most 8 KiB of a message: a line of 58 800 bytes counts as
//! several messages, each answered.
//! program: 06
//! rejected-by: answers_a_message_longer_than_1024_bytes_once
//! kind: wrong
//! clause: 06.every-message
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::CapsTheMessageAt8KiB);
}
