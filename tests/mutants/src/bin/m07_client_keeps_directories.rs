//! Keeps the name's directories: `../x` is saved as DIR/../new_x.
//! program: 07-client
//! rejected-by: client_never_writes_outside_its_directory
//! kind: wrong
//! clause: 07.client-inside-dir
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::KeepsDirectories);
}
