//! Passes a client's read error up out of main with `?`: one client's reset ends the server (exit 1).
//! program: 06
//! rejected-by: moves_on_when_a_client_resets
//! kind: wrong
//! clause: 06.never-crash
//! diagnosis: exited

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::EndsOnAClientError);
}
