//! Writes its note about a failed write on standard output, among the
//! contract's lines.
//! program: 04
//! rejected-by: ends_cleanly_when_the_server_closes_first
//! kind: wrong
//! clause: 04.server-closes-first
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::NotesOnStdout);
}
