//! Drops a `\r` before the final `\n` as well: a message sent with `\r\n`
//! is shown without the `\r` the client sent.
//! program: 06
//! rejected-by: shows_awkward_messages_exactly
//! kind: wrong
//! clause: 06.received-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::DropsTheCarriageReturn);
}
