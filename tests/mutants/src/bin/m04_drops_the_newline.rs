//! Sends each line without its newline, as the notes' client did.
//! program: 04
//! rejected-by: sends_each_line_with_its_newline
//! kind: wrong
//! clause: 04.send-exact
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::DropsTheNewline);
}
