//! Exits the process on EXIT, cutting off the client being served.
//! program: 06
//! rejected-by: exit_lets_the_current_client_finish_and_no_one_else
//! kind: wrong
//! clause: 06.exit-during-session
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::ExitsAtOnceOnExit);
}
