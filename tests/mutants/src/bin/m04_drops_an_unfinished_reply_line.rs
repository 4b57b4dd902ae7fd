//! Throws away the bytes after the server's last newline.
//! program: 04
//! rejected-by: shows_awkward_reply_lines_exactly
//! kind: wrong
//! clause: 04.last-reply-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex04::client(netlings_mutants::ex04::Flaw::DropsAnUnfinishedReplyLine);
}
