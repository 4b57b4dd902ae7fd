//! Replies, then resets the connection (RST) instead of closing it (FIN).
//! program: 05
//! rejected-by: closes_the_connection_after_replying
//! kind: wrong
//! clause: 05.close-and-exit
//! diagnosis: reset-not-closed
// With `--wire` the packets add the finding `reset-not-closed` ("reset, not
// closed"): the process view only sees "connection reset", the capture sees
// the server's RST where its FIN belongs.

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::ResetsInsteadOfClosing);
}
