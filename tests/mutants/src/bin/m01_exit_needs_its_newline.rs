//! Takes a line for EXIT only when it ends in `\n`: a last `EXIT` without
//! one is sent.
//! program: 01
//! rejected-by: stops_at_exit_whatever_its_line_ending
//! kind: wrong
//! clause: 01.exit
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::ExitNeedsItsNewline);
}
