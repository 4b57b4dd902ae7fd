//! String::from_utf8(name).unwrap(): a name that is not UTF-8 crashes the server.
//! program: 07-server
//! rejected-by: server_refuses_a_name_that_is_not_utf8
//! kind: wrong
//! clause: 07.server-odd-names
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::PanicsOnANameNotUtf8);
}
