//! Binds 127.0.0.1 with the given port, whatever IP it is given.
//! program: 08
//! rejected-by: binds_the_address_it_is_given
//! kind: wrong
//! clause: 08.bind
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::BindsLoopbackOnly);
}
