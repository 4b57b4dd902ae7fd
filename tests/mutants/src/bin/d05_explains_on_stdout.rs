//! Explains that it cannot listen in one sentence, exit 1, but on standard
//! output: the report names the stream, not silence.
//! program: 05
//! rejected-by: reports_address_in_use
//! kind: wrong
//! clause: 05.cannot-listen
//! diagnosis: wrong-stream

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::ExplainsOnStdout);
}
