//! Reads a message in pieces of at most 1 KiB and takes each for a
//! message: a longer line is printed in parts and answered more than once.
//! program: 06
//! rejected-by: answers_a_message_longer_than_1024_bytes_once
//! kind: wrong
//! clause: 06.every-message
//! diagnosis: check
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::CapsTheMessageAt1KiB);
}
