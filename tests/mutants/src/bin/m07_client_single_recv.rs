//! The notes' client: one recv(1024) is taken as the whole answer.
//! program: 07-client
//! rejected-by: client_saves_files_of_any_size_byte_exact
//! kind: wrong
//! clause: 07.client-saves
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::SingleRecv);
}
