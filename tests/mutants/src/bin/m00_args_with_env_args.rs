//! Reads its arguments with std::env::args(): an argument that is not UTF-8 panics.
//! program: 00
//! rejected-by: refuses_an_argument_that_is_not_utf8
//! kind: wrong
//! clause: 00.usage
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::ArgsWithEnvArgs);
}
