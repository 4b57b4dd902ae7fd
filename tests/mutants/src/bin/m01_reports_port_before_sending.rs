//! Reports port 0, as Python's getsockname() does before the first send.
//! program: 01
//! rejected-by: reports_the_port_the_os_chose
//! kind: wrong
//! clause: 01.sent-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::ReportsPortBeforeSending);
}
