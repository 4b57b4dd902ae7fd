//! Says nothing when the server resets after its reply: the contract has
//! it say so on stderr.
//! program: 04
//! rejected-by: ends_cleanly_when_the_server_resets_after_its_reply
//! kind: wrong
//! clause: 04.server-closes-first
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::StaysSilentOnAReset);
}
