//! Sends each line without its newline, as the notes' client did.
//! program: 04
//! rejected-by: sends_each_line_with_its_newline
//! kind: wrong

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::DropsTheNewline);
}
