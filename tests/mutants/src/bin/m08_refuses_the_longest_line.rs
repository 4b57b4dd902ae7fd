//! Refuses a line of exactly 65 507 bytes, the longest a datagram carries (`>=` for `>`).
//! program: 08
//! rejected-by: skips_a_line_longer_than_a_datagram
//! kind: wrong
//! clause: 08.too-long
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::RefusesTheLongestLine);
}
