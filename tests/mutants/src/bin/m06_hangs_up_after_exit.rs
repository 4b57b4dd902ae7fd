//! After EXIT it answers the current client's next message, then hangs up
//! on it: the contract serves that client until the client closes. Its
//! close races the client's next message: FIN when it closes first, RST
//! when the message is already waiting unread (both are its mistake).
//! program: 06
//! rejected-by: exit_lets_the_current_client_finish_and_no_one_else
//! kind: wrong
//! clause: 06.exit-during-session
//! diagnosis: check | reset-not-closed

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::HangsUpAfterExit);
}
