//! Sends the line EXIT to the server before stopping.
//! program: 04
//! rejected-by: does_not_send_exit
//! kind: wrong
//! clause: 04.exit-word
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::SendsExit);
}
