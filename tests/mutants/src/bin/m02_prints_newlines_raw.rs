//! Prints a message's line breaks as they are, splitting it over several lines.
//! program: 02
//! rejected-by: keeps_a_message_with_a_newline_on_one_line
//! kind: wrong
//! clause: 02.one-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::PrintsNewlinesRaw);
}
