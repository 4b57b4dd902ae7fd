//! Reads at most 8 KiB of the message: a line of 58 800 bytes is shown cut.
//! program: 05
//! rejected-by: reads_a_message_longer_than_1024_bytes
//! kind: wrong
//! clause: 05.received-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::CapsTheMessageAt8KiB);
}
