//! Without a peer argument, sends to the notes' 127.0.0.1:7890 rather than to its own address.
//! program: 08
//! rejected-by: chats_with_itself
//! kind: wrong
//! clause: 08.peer
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::DefaultPeerIsTheNotesPort);
}
