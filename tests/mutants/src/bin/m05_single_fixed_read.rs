//! The notes' single recv(1024): takes whatever one read returns as the message.
//! program: 05
//! rejected-by: reads_a_message_split_over_many_writes
//! kind: wrong
//! clause: 05.message
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::SingleFixedRead);
}
