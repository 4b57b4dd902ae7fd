//! Parses its argument with .parse::<SocketAddr>().unwrap().
//! program: 04
//! rejected-by: rejects_a_port_out_of_range
//! kind: wrong
//! clause: 04.bad-argument
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::PanicsOnABadArgument);
}
