//! Drops a `\r` before comparing with `EXIT`: a typed `EXIT\r\n` stops it,
//! though the contract keeps the `\r` as part of the line.
//! program: 04
//! rejected-by: sends_every_line_exactly_as_typed
//! kind: wrong
//! clause: 04.exit-word
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(
        netlings_mutants::ex04::Flaw::TakesExitWithACarriageReturnForExit,
    );
}
