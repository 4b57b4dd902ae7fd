//! Takes 172.16.0.0/12 for 172.16.0.0/16.
//! program: 00
//! rejected-by: finds_the_private_ranges_at_their_edges
//! kind: wrong
//! clause: 00.kind-v4
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::Private172As16);
}
