//! Reads the file name with one recv(1024).
//! program: 07-server
//! rejected-by: server_reads_a_name_that_arrives_in_pieces
//! kind: wrong
//! clause: 07.server-name-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::SingleRecvName);
}
