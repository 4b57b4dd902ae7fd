//! Answers one message per client, then closes it: no loop around recv.
//! program: 06
//! rejected-by: answers_every_message_until_the_client_closes
//! kind: wrong
//! clause: 06.every-message
//! diagnosis: check | reset-not-closed
// Which diagnosis depends on a race: when the client's second message
// arrives before the server closes, the close finds it unread and the
// kernel sends RST (reset-not-closed); when it arrives after, the client
// reads the end of the stream and only the check's own hint applies.

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::OneMessagePerClient);
}
