//! Puts a "[server] " label before every line it prints.
//! program: 05
//! rejected-by: prints_the_address_it_listens_on
//! kind: wrong
//! clause: 05.listening
//! diagnosis: output-around

fn main() {
    netlings_mutants::ex05::server(netlings_mutants::ex05::Flaw::LabelsItsLines);
}
