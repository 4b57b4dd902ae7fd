//! Skips empty typed lines instead of sending them.
//! program: 04
//! rejected-by: sends_every_line_exactly_as_typed
//! kind: wrong
//! clause: 04.send-exact
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::SkipsEmptyLines);
}
