//! Reads at most 65 507 bytes at a time: a longer line goes out in pieces.
//! program: 01
//! rejected-by: refuses_a_line_longer_than_a_datagram
//! kind: wrong
//! clause: 01.too-long
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::TruncatesLongLines);
}
