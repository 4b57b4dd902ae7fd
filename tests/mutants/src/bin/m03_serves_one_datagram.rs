//! The notes' server: one datagram, one reply, then exit.
//! program: 03
//! rejected-by: answers_every_datagram
//! kind: wrong
//! clause: 03.echo
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::ServesOneDatagram);
}
