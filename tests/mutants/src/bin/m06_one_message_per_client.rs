//! Answers one message per client, then closes it: no loop around recv.
//! program: 06
//! rejected-by: answers_every_message_until_the_client_closes
//! kind: wrong
//! clause: 06.every-message
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::OneMessagePerClient);
}
