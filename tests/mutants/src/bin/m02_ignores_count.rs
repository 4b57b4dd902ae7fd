//! Ignores --count and runs forever.
//! program: 02
//! rejected-by: exits_after_count_datagrams
//! kind: wrong

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::IgnoresCount);
}
