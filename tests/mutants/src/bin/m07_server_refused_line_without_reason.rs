//! Prints `refused NAME` without `: REASON`.
//! program: 07-server
//! rejected-by: server_prints_one_line_for_each_outcome
//! kind: wrong
//! clause: 07.server-lines
//! diagnosis: check

fn main() {
    netlings_mutants::ex07::server(netlings_mutants::ex07::Flaw::RefusedLineWithoutReason);
}
