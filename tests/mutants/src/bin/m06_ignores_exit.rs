//! Never reads standard input: EXIT does nothing.
//! program: 06
//! rejected-by: exit_stops_the_server_and_frees_its_port
//! kind: wrong
//! clause: 06.exit
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::IgnoresExit);
}
