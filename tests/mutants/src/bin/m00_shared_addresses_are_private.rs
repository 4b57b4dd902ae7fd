//! Calls 100.64.0.0/10 (carrier-grade NAT) private.
//! program: 00
//! rejected-by: calls_special_blocks_outside_the_table_public
//! kind: wrong
//! clause: 00.kind-v4
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::SharedAddressesArePrivate);
}
