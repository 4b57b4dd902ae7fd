//! Sends each line with its newline, which is not part of the message.
//! program: 01
//! rejected-by: sends_the_line_without_its_newline
//! kind: wrong
//! clause: 01.line
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::AppendsNewline);
}
