//! Pops the last byte of every message, even when it is not a newline.
//! program: 06
//! rejected-by: shows_awkward_messages_exactly
//! kind: wrong
//! clause: 06.last-message
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::PopsTheLastByte);
}
