//! Looks at the stop flag before accept instead of after it: the connection
//! that wakes accept after EXIT is served like a client before it stops.
//! program: 06
//! rejected-by: exit_stops_the_server_and_frees_its_port
//! kind: wrong
//! clause: 06.exit
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::ChecksTheFlagBeforeAccepting);
}
