//! Writes Linux's default ephemeral range (32768-60999) into the program.
//! program: 00
//! rejected-by: reads_the_ephemeral_range_of_its_own_network
//! kind: wrong
//! clause: 00.ephemeral
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::HardCodedEphemeralRange);
}
