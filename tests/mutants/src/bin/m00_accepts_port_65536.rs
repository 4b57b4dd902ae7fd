//! Casts a u32 to u16: 65536 wraps round to port 0.
//! program: 00
//! rejected-by: rejects_a_port_above_65535
//! kind: wrong
//! clause: 00.port-range
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::AcceptsPort65536);
}
