//! Reads the file ahead into an unbounded queue: memory grows while the reader is slow.
//! program: 07-server
//! rejected-by: server_lets_a_slow_reader_pace_it
//! kind: wrong
//! clause: 07.server-streams
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::ReadsAhead);
}
