//! Ends at any line that starts with EXIT (EXITING too).
//! program: 08
//! rejected-by: sends_awkward_lines_exactly_as_typed
//! kind: wrong
//! clause: 08.exit
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::StopsAtExitPrefix);
}
