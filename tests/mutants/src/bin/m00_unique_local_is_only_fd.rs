//! Takes IPv6's private range as fd00::/8 instead of fc00::/7.
//! program: 00
//! rejected-by: tells_the_kinds_of_ipv6_addresses_apart
//! kind: wrong
//! clause: 00.kind-v6
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::UniqueLocalIsOnlyFd);
}
