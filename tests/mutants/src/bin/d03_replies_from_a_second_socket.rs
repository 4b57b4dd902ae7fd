//! Sends each reply from a new socket, so it comes from another port.
//! program: 03
//! rejected-by: replies_to_the_senders_own_port
//! kind: wrong
//! clause: 03.reply-to
//! diagnosis: second-socket

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::RepliesFromASecondSocket);
}
