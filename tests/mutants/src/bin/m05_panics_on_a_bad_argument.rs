//! Parses its argument with .parse::<SocketAddr>().unwrap().
//! program: 05
//! rejected-by: rejects_a_port_out_of_range
//! kind: wrong
//! clause: 05.bad-argument
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::PanicsOnABadArgument);
}
