//! Reads its arguments with std::env::args(): an argument that is not UTF-8 panics.
//! program: 02
//! rejected-by: refuses_an_argument_that_is_not_utf8
//! kind: wrong
//! clause: 02.usage
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex02::receiver(netlings_mutants::ex02::Flaw::ArgsWithEnvArgs);
}
