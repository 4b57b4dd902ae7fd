//! Binds 0.0.0.0 with the port it was given, and prints the address it was given.
//! program: 06
//! rejected-by: listens_only_on_the_address_it_is_given
//! kind: wrong
//! clause: 06.listening
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::BindsEveryAddress);
}
