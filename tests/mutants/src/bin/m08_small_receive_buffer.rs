//! Receives with the notes' 1024-byte buffer.
//! program: 08
//! rejected-by: receives_a_datagram_larger_than_1024_bytes
//! kind: wrong
//! clause: 08.text
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::SmallReceiveBuffer);
}
