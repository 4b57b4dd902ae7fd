//! Prints the message with its newline: a blank line follows the `received` line.
//! program: 05
//! rejected-by: prints_only_the_contract_lines
//! kind: wrong
//! clause: 05.output-only
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::KeepsTheNewline);
}
