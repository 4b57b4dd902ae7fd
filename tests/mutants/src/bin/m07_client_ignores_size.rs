//! Saves whatever arrived before the end of the stream, ignoring the announced size.
//! program: 07-client
//! rejected-by: client_leaves_no_file_when_the_server_dies_mid_transfer
//! kind: wrong
//! clause: 07.client-temp-file
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::IgnoresSize);
}
