//! Unwraps reads: a client that resets (RST) crashes the server.
//! program: 06
//! rejected-by: moves_on_when_a_client_resets
//! kind: wrong
//! clause: 06.never-crash
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::CrashesOnReset);
}
