//! Parses its argument with .parse::<SocketAddr>().unwrap().
//! program: 06
//! rejected-by: rejects_a_port_out_of_range
//! kind: wrong
//! clause: 06.bad-argument
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::PanicsOnABadArgument);
}
