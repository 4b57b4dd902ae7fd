//! Takes each read for one line: a reply in pieces is shown as many broken lines.
//! program: 04
//! rejected-by: shows_a_reply_that_arrives_in_pieces
//! kind: wrong
//! clause: 04.received-lines
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::PrintsEachReadAsALine);
}
