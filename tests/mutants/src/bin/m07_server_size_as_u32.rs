//! `meta.len() as u32`: a file past 4 GiB is announced with a wrapped size.
//! program: 07-server
//! rejected-by: server_announces_sizes_past_4_gib
//! kind: wrong
//! clause: 07.server-ok
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::SizeAsU32);
}
