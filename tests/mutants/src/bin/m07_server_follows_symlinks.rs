//! Refuses `..` and absolute names but follows symbolic links out of the root.
//! program: 07-server
//! rejected-by: server_refuses_a_symlink_that_leads_outside
//! kind: wrong
//! clause: 07.server-inside-root
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::FollowsSymlinks);
}
