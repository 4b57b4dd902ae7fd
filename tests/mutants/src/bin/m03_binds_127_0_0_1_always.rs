//! Binds 127.0.0.1 whatever IP it is given.
//! program: 03
//! rejected-by: is_reachable_at_the_address_it_was_given
//! kind: wrong
//! clause: 03.bind
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::Binds127001Always);
}
