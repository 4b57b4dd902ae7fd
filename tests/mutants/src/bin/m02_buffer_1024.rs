//! The notes' recvfrom(1024): a longer datagram is cut and the rest lost.
//! program: 02
//! rejected-by: receives_a_65507_byte_datagram_whole
//! kind: wrong
//! clause: 02.whole
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::Buffer1024);
}
