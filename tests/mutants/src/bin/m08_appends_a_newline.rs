//! Sends each line with its newline.
//! program: 08
//! rejected-by: sends_each_line_as_one_datagram
//! kind: wrong
//! clause: 08.line
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::AppendsANewline);
}
