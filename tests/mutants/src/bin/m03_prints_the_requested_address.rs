//! Prints the address it was given, so port 0 stays 0.
//! program: 03
//! rejected-by: lets_the_os_choose_with_port_0
//! kind: wrong
//! clause: 03.bind
//! diagnosis: wrong-port-printed

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::PrintsTheRequestedAddress);
}
