//! Binds exercise 02's 127.0.0.1:7999 when no address is given.
//! program: 03
//! rejected-by: binds_the_notes_address_by_default
//! kind: wrong
//! clause: 03.bind
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::WrongDefaultAddress);
}
