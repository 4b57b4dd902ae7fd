//! A 100 ms write timeout and `write` with its count ignored: a slow reader loses bytes.
//! program: 07-server
//! rejected-by: server_lets_a_slow_reader_pace_it
//! kind: wrong
//! clause: 07.server-streams
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::ShortWrites);
}
