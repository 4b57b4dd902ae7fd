//! Reads the file name with one recv(1024).
//! program: 07-server
//! rejected-by: server_reads_a_name_that_arrives_in_pieces
//! kind: wrong

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::SingleRecvName);
}
