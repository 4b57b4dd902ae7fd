//! Binds 127.0.0.1:0 instead of 0.0.0.0:0 and reports that address.
//! program: 01
//! rejected-by: reports_the_port_the_os_chose
//! kind: wrong
//! clause: 01.sent-line
//! diagnosis: check

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::BindsLoopback);
}
