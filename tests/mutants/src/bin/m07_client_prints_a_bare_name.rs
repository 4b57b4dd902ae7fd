//! Prints `saved N bytes to new_NAME`, the bare name, not the path.
//! program: 07-client
//! rejected-by: client_prints_one_line_naming_the_saved_path
//! kind: wrong
//! clause: 07.client-output
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::client(netlings_mutants::ex07::Flaw::PrintsABareName);
}
