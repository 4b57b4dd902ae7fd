//! Copied from exercise 05: a client that closes without sending ends the server.
//! program: 06
//! rejected-by: moves_on_when_a_client_closes
//! kind: wrong
//! clause: 06.next-client
//! diagnosis: refused-gone

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::StopsAtAClientThatSendsNothing);
}
