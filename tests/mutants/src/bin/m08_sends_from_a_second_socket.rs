//! Sends from a second socket: the peer's replies go to a port nobody reads.
//! program: 08
//! rejected-by: prints_the_reply_to_its_own_message
//! kind: wrong
//! clause: 08.source
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::SendsFromASecondSocket);
}
