//! Opens a new socket for every line, so each datagram leaves from another port.
//! program: 01
//! rejected-by: sends_every_datagram_from_one_port
//! kind: wrong
//! clause: 01.socket
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::SocketPerLine);
}
