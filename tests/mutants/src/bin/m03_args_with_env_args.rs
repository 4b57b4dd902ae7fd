//! Reads its arguments with std::env::args(): an argument that is not UTF-8 panics.
//! program: 03
//! rejected-by: refuses_an_argument_that_is_not_utf8
//! kind: wrong
//! clause: 03.usage
//! diagnosis: panicked

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::ArgsWithEnvArgs);
}
