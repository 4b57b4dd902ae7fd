//! Stops at the stub's todo! where it should reply (a later step not written yet).
//! program: 05
//! rejected-by: replies_to_the_message
//! kind: wrong
//! clause: 05.reply
//! diagnosis: todo

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::TodoAtReply);
}
