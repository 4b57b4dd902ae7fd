//! Ends its error sentence with an empty line.
//! program: 07-client
//! rejected-by: client_says_each_failure_in_exactly_one_line
//! kind: wrong
//! clause: 07.client-output
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::BlankLineAfterTheError);
}
