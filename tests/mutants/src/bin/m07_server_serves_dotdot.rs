//! No check of the name: `../x` and absolute paths are served.
//! program: 07-server
//! rejected-by: server_refuses_names_outside_its_root
//! kind: wrong
//! clause: 07.server-inside-root
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::ServesDotDot);
}
