//! Tests the count only after each receive: `--count 0` waits for a
//! datagram instead of exiting.
//! program: 02
//! rejected-by: exits_after_count_datagrams
//! kind: wrong
//! clause: 02.count
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::CountsAfterReceiving);
}
