//! Reads its arguments with std::env::args(): an argument that is not UTF-8 panics.
//! program: 01
//! rejected-by: refuses_an_argument_that_is_not_utf8
//! kind: wrong
//! clause: 01.usage
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::ArgsWithEnvArgs);
}
