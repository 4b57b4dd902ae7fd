//! The notes' f.read(): reads the whole file into memory before sending it.
//! program: 07-server
//! rejected-by: server_memory_stays_flat_for_a_large_file
//! kind: wrong
//! clause: 07.server-streams
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::WholeFileInMemory);
}
