//! Writes its temporary file in the system's temporary directory, not in DIR.
//! program: 07-client
//! rejected-by: client_writes_into_a_temporary_file_in_its_directory
//! kind: wrong
//! clause: 07.client-temp-file
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::TempInTmp);
}
