//! Prints an empty datagram but does not count it: with `--count 2` it
//! waits for a third.
//! program: 02
//! rejected-by: exits_after_count_datagrams
//! kind: wrong
//! clause: 02.count
//! diagnosis: check

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::CountsOnlyNonEmptyDatagrams);
}
