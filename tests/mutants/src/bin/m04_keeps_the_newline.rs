//! Prints each reply line with its newline: a blank line follows every `received` line.
//! program: 04
//! rejected-by: prints_only_the_contract_lines
//! kind: wrong
//! clause: 04.output-only
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::KeepsTheNewline);
}
