//! Takes `exit` (any case) for the command `EXIT`: only the four capital
//! letters are the command.
//! program: 06
//! rejected-by: exit_must_be_the_exact_word
//! kind: wrong
//! clause: 06.exit-word
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::TakesExitInAnyCase);
}
