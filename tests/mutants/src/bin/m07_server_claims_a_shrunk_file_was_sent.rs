//! Logs `sent <size> bytes` for a file that shrank while it was sent (`>` for `<`).
//! program: 07-server
//! rejected-by: server_says_a_transfer_failed_when_the_file_shrinks
//! kind: wrong
//! clause: 07.server-lines
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::ClaimsAShrunkFileWasSent);
}
