//! Stops at any line that starts with EXIT (EXITING too).
//! program: 01
//! rejected-by: sends_awkward_lines_exactly_as_typed
//! kind: wrong
//! clause: 01.exit
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::StopsAtExitPrefix);
}
