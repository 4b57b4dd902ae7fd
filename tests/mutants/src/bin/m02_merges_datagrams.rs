//! Drains whatever else is queued after each receive and prints it as one message.
//! program: 02
//! rejected-by: keeps_each_datagram_separate
//! kind: wrong
//! clause: 02.separate
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::MergesDatagrams);
}
