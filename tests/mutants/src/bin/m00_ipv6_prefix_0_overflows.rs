//! Builds the IPv6 mask by shifting 128 bits for /0.
//! program: 00
//! rejected-by: splits_ipv6_at_prefix_0_and_128
//! kind: wrong
//! clause: 00.prefix
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::Ipv6Prefix0Overflows);
}
