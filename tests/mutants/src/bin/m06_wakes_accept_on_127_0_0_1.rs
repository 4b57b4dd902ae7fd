//! On EXIT wakes its accept by connecting to 127.0.0.1 instead of the
//! address it listens on: on any other address nothing wakes it, and it
//! never stops.
//! program: 06
//! rejected-by: exit_stops_the_server_and_frees_its_port
//! kind: wrong
//! clause: 06.exit
//! diagnosis: check
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::WakesAcceptOn127001);
}
