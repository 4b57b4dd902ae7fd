//! Reads without blocking and exits as soon as nothing is queued.
//! program: 03
//! rejected-by: keeps_serving_after_a_burst_that_overflows_its_buffer
//! kind: wrong
//! clause: 03.serves-on
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::ExitsWhenIdle);
}
