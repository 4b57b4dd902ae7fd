//! Sends its reply to a client that closed its side without sending: a
//! reply acknowledges a message, and there was none.
//! program: 05
//! rejected-by: sends_no_reply_when_nothing_was_sent
//! kind: wrong
//! clause: 05.silent-client
//! diagnosis: check

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::RepliesToASilentClient);
}
