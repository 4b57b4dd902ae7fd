//! Compares each line with EXIT before it drops the `\r`: `EXIT\r\n` is
//! sent as a datagram and the sender goes on.
//! program: 01
//! rejected-by: stops_at_exit_whatever_its_line_ending
//! kind: wrong
//! clause: 01.exit
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::ComparesExitWithItsCarriageReturn);
}
