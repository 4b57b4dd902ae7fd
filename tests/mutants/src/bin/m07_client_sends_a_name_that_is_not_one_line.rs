//! Sends an empty name, or one holding a newline, instead of refusing it (`&&` for `||`).
//! program: 07-client
//! rejected-by: client_rejects_a_name_it_cannot_send_as_one_line
//! kind: wrong
//! clause: 07.usage
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::SendsANameThatIsNotOneLine);
}
