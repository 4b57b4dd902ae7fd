//! trim()s the name: ` a.txt ` is served as `a.txt`.
//! program: 07-server
//! rejected-by: server_keeps_blanks_in_a_name
//! kind: wrong
//! clause: 07.server-name-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::TrimsTheName);
}
