//! Says `connection from PEER to` the listener's 0.0.0.0 address, not the one dialled.
//! program: 00
//! rejected-by: says_who_connected_to_which_address
//! kind: wrong
//! clause: 00.serve-lines
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::ConnectionLineNamesTheListener);
}
