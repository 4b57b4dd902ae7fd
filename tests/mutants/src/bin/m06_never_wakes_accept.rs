//! Sets a flag on EXIT but stays blocked in accept until a client comes.
//! program: 06
//! rejected-by: end_of_input_stops_the_server
//! kind: wrong
//! clause: 06.exit
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::NeverWakesAccept);
}
