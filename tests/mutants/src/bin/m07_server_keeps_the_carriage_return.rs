//! Drops the `\n` of the name but keeps the `\r` before it.
//! program: 07-server
//! rejected-by: server_takes_a_name_ending_in_crlf
//! kind: wrong
//! clause: 07.server-name-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::KeepsTheCarriageReturn);
}
