//! Reads 1000 bytes at a time and decodes each read on its own: a Chinese
//! character split between two reads shows as U+FFFD.
//! program: 05
//! rejected-by: reads_a_message_longer_than_1024_bytes
//! kind: wrong
//! clause: 05.received-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::DecodesEachRead);
}
