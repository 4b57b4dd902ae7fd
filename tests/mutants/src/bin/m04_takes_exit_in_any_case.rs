//! Takes `exit` (any case) for the command `EXIT`: only the four capital
//! letters are the command.
//! program: 04
//! rejected-by: sends_every_line_exactly_as_typed
//! kind: wrong
//! clause: 04.exit-word
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::TakesExitInAnyCase);
}
