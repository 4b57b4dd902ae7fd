//! Ends every address answer with a blank line.
//! program: 00
//! rejected-by: prints_exactly_the_lines_of_its_answer
//! kind: wrong
//! clause: 00.lines
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::EndsWithABlankLine);
}
