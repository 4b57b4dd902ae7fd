//! Reads the keyboard 1024 bytes at a time: a typed line of 58 800 bytes
//! goes out as 58 lines.
//! program: 04
//! rejected-by: shows_a_reply_longer_than_1024_bytes
//! kind: wrong
//! clause: 04.send-exact
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::ReadsTypedLinesIn1KiB);
}
