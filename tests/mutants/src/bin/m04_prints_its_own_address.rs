//! Prints its own address in `connected to`, not the server's.
//! program: 04
//! rejected-by: connects_to_the_server_it_is_given
//! kind: wrong
//! clause: 04.connected-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::PrintsItsOwnAddress);
}
