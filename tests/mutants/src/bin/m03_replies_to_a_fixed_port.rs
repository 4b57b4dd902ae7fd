//! Sends every reply to the fixed port 8080 instead of the sender's port.
//! program: 03
//! rejected-by: replies_to_the_senders_own_port
//! kind: wrong
//! clause: 03.reply-to
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::RepliesToAFixedPort);
}
