//! Tests the count only after each receive: `--count 0` waits for a
//! datagram instead of exiting.
//! program: 03
//! rejected-by: exits_after_count_datagrams
//! kind: wrong
//! clause: 03.count
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::CountsAfterReceiving);
}
