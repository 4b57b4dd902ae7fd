//! Connects to its first client, then hears and answers no one else.
//! program: 03
//! rejected-by: answers_two_clients_interleaved
//! kind: wrong
//! clause: 03.reply-to
//! diagnosis: check

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::TalksOnlyToTheFirstClient);
}
