//! Replies, then keeps the connection open forever.
//! program: 05
//! rejected-by: closes_the_connection_after_replying
//! kind: wrong
//! clause: 05.close-and-exit
//! diagnosis: no-close

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::NeverCloses);
}
