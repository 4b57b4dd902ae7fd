//! The notes' recvfrom(500): a longer datagram is cut and the rest lost.
//! program: 03
//! rejected-by: echoes_the_largest_datagram_whole
//! kind: wrong
//! clause: 03.echo
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::Buffer500);
}
