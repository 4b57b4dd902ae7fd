//! Prints each message with its newline: a blank line follows every `received` line.
//! program: 06
//! rejected-by: prints_only_the_contract_lines
//! kind: wrong
//! clause: 06.output-only
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::KeepsTheNewline);
}
