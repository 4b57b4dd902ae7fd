//! Decodes the reply with String::from_utf8(..).unwrap().
//! program: 04
//! rejected-by: survives_a_reply_that_is_not_utf8
//! kind: wrong
//! clause: 04.not-utf8
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::PanicsOnInvalidUtf8);
}
