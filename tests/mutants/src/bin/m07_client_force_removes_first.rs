//! With --force, deletes the old file before downloading: a failed download loses it.
//! program: 07-client
//! rejected-by: client_keeps_the_old_file_when_a_forced_download_fails
//! kind: wrong
//! clause: 07.client-temp-file
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::ForceRemovesFirst);
}
