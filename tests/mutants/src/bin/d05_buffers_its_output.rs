//! Writes its lines through a BufWriter it never flushes, so nothing comes out while it waits.
//! program: 05
//! rejected-by: prints_the_address_it_listens_on
//! kind: wrong
//! clause: 05.listening
//! diagnosis: not-flushed

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::BufferedStdout);
}
