//! Binds 0.0.0.0 with the port it is given but prints the IP it was given.
//! program: 02
//! rejected-by: binds_exactly_the_address_it_was_given
//! kind: wrong
//! clause: 02.bind
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::BindsEveryAddress);
}
