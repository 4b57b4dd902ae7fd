//! Keeps the first line of each read and throws the rest away.
//! program: 06
//! rejected-by: answers_two_messages_sent_in_one_write
//! kind: wrong
//! clause: 06.every-message
//! diagnosis: check

fn main() {
    netlings_mutants::ex06::server(netlings_mutants::ex06::Flaw::DropsTheRestOfARead);
}
