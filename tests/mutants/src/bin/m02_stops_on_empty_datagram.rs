//! Treats an empty datagram as the end, as if it were TCP.
//! program: 02
//! rejected-by: prints_an_empty_datagram
//! kind: wrong
//! clause: 02.empty
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::StopsOnEmptyDatagram);
}
