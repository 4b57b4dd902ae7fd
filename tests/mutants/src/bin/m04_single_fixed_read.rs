//! The notes' single recv(1024): shows whatever one read returns as the reply.
//! program: 04
//! rejected-by: shows_a_reply_longer_than_1024_bytes
//! kind: wrong
//! clause: 04.received-lines
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::SingleFixedRead);
}
