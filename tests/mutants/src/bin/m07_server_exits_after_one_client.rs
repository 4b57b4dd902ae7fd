//! Serves one client, then exits.
//! program: 07-server
//! rejected-by: server_serves_one_client_after_another
//! kind: wrong
//! clause: 07.server-loops
//! diagnosis: refused-gone

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::ExitsAfterOneClient);
}
