//! Pops the last byte of the message, even when it is not a newline.
//! program: 05
//! rejected-by: shows_awkward_messages_exactly
//! kind: wrong
//! clause: 05.message
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::PopsTheLastByte);
}
