//! Decodes each message with String::from_utf8(..).unwrap().
//! program: 06
//! rejected-by: survives_bytes_that_are_not_utf8
//! kind: wrong
//! clause: 06.not-utf8
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::PanicsOnInvalidUtf8);
}
