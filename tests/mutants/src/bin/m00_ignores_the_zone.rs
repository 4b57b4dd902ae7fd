//! Drops the %zone of an IPv6 address without a word.
//! program: 00
//! rejected-by: understands_a_link_local_ipv6_address_with_its_zone
//! kind: wrong
//! clause: 00.zone
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::IgnoresTheZone);
}
