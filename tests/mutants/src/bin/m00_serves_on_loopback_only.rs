//! Binds 127.0.0.1 when asked to serve on 0.0.0.0.
//! program: 00
//! rejected-by: answers_on_every_loopback_address_when_bound_to_0_0_0_0
//! kind: wrong
//! clause: 00.serve-bind
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::ServesOnLoopbackOnly);
}
