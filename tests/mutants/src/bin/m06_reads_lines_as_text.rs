//! Reads messages with BufRead::lines(): bytes that are not UTF-8 end the session.
//! program: 06
//! rejected-by: survives_bytes_that_are_not_utf8
//! kind: wrong
//! clause: 06.not-utf8
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::ReadsLinesAsText);
}
