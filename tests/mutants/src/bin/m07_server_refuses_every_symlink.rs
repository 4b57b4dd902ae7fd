//! Refuses every symbolic link, even one that stays inside the root.
//! program: 07-server
//! rejected-by: server_serves_links_and_long_paths_inside_its_root
//! kind: wrong
//! clause: 07.server-serves-inside
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::RefusesEverySymlink);
}
