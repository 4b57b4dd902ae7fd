//! Binds exercise 02's 127.0.0.1:7999 when no address is given.
//! program: 08
//! rejected-by: binds_the_notes_address_by_default
//! kind: wrong
//! clause: 08.bind
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::WrongDefaultAddress);
}
