//! Compares each line with EXIT before it drops the `\r`: `EXIT\r\n` is
//! sent as a datagram and the chat goes on.
//! program: 08
//! rejected-by: exits_at_once_on_exit_while_a_receive_is_pending
//! kind: wrong
//! clause: 08.exit
//! diagnosis: check

fn main() {
    netlings_mutants::ex08::chat(netlings_mutants::ex08::Flaw::ComparesExitWithItsCarriageReturn);
}
