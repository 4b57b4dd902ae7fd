//! Unwraps String::from_utf8 on what the client sent.
//! program: 05
//! rejected-by: survives_bytes_that_are_not_utf8
//! kind: wrong
//! clause: 05.not-utf8
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::PanicsOnInvalidUtf8);
}
