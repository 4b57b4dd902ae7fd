//! Ends at a datagram that starts with EXIT, as if it were the chat's keyboard.
//! program: 02
//! rejected-by: shows_awkward_messages_as_they_arrived
//! kind: wrong
//! clause: 02.empty
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::StopsAtAnExitDatagram);
}
