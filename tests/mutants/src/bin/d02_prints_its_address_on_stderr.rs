//! Prints `bound to IP:PORT` on standard error: the report names the
//! stream, not a buffer that was never flushed.
//! program: 02
//! rejected-by: prints_the_address_it_is_bound_to
//! kind: wrong
//! clause: 02.bind
//! diagnosis: wrong-stream

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::PrintsItsAddressOnStderr);
}
