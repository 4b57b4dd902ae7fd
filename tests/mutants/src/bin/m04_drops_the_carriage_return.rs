//! Drops a `\r` before each reply line's `\n` as well: a reply line sent
//! with `\r\n` is shown without the `\r` the server sent.
//! program: 04
//! rejected-by: shows_awkward_reply_lines_exactly
//! kind: wrong
//! clause: 04.received-lines
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::DropsTheCarriageReturn);
}
