//! Unwraps String::from_utf8 on each datagram: its receiver dies.
//! program: 08
//! rejected-by: survives_bytes_that_are_not_utf8
//! kind: wrong
//! clause: 08.text
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::PanicsOnInvalidUtf8);
}
