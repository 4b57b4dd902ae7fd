//! Prints nothing for an empty datagram, as if nothing had arrived.
//! program: 08
//! rejected-by: prints_every_datagram_from_anyone_as_it_came
//! kind: wrong
//! clause: 08.print
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::SkipsEmptyDatagrams);
}
