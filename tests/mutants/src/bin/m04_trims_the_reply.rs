//! Trims each reply line before printing it: the server's blanks are lost.
//! program: 04
//! rejected-by: shows_awkward_reply_lines_exactly
//! kind: wrong
//! clause: 04.received-lines
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::TrimsTheReply);
}
