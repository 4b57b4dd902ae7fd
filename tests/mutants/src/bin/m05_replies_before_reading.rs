//! Replies as soon as the client connects, before reading anything.
//! program: 05
//! rejected-by: replies_only_after_the_message_arrives
//! kind: wrong
//! clause: 05.reply
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::RepliesBeforeReading);
}
