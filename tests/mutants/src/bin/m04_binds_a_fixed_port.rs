//! Binds the fixed local port 4004 before connecting, instead of letting the OS pick one.
//! program: 04
//! rejected-by: connects_from_an_ephemeral_port
//! kind: wrong
//! clause: 04.no-bind
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::BindsAFixedPort);
}
