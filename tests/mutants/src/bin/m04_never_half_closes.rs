//! After EXIT, waits for the reply without a half-close: the server never learns it is done.
//! program: 04
//! rejected-by: half_closes_and_then_reads_the_reply
//! kind: wrong
//! clause: 04.half-close
//! diagnosis: no-close

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::NeverHalfCloses);
}
