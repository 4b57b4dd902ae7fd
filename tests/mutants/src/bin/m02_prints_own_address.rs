//! Prints its own address where the sender's belongs.
//! program: 02
//! rejected-by: names_the_real_sender
//! kind: wrong
//! clause: 02.received
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::PrintsOwnAddress);
}
