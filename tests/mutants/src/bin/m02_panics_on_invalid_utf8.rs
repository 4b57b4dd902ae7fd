//! Unwraps String::from_utf8 on what arrived.
//! program: 02
//! rejected-by: survives_bytes_that_are_not_utf8
//! kind: wrong
//! clause: 02.text
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::PanicsOnInvalidUtf8);
}
