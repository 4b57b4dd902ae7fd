//! Binds 0.0.0.0 with the port it was given, and prints the address it was given.
//! program: 05
//! rejected-by: listens_only_on_the_address_it_is_given
//! kind: wrong
//! clause: 05.listening
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::BindsEveryAddress);
}
