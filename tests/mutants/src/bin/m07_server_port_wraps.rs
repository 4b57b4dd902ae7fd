//! Parses the port itself with `as u16`: 65536 becomes 0 and is accepted.
//! program: 07-server
//! rejected-by: server_rejects_a_port_out_of_range
//! kind: wrong
//! clause: 07.usage
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::PortWraps);
}
