//! Drops a `\r` before comparing with `EXIT`: a typed `EXIT\r\n` stops it,
//! though the contract keeps the `\r` as part of the line.
//! program: 06
//! rejected-by: exit_must_be_the_exact_word
//! kind: wrong
//! clause: 06.exit-word
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(
        netlings_mutants::ex06::Flaw::TakesExitWithACarriageReturnForExit,
    );
}
