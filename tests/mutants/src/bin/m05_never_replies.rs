//! Reads the message but never replies.
//! program: 05
//! rejected-by: replies_to_the_message
//! kind: wrong
//! clause: 05.reply
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::NeverReplies);
}
