//! Binds exercise 03's 127.0.0.1:7852 when no address is given.
//! program: 02
//! rejected-by: binds_the_notes_address_by_default
//! kind: wrong
//! clause: 02.bind
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::WrongDefaultAddress);
}
