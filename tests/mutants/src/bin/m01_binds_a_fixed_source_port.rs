//! Binds the fixed source port 7851 instead of letting the OS choose.
//! program: 01
//! rejected-by: each_running_sender_gets_its_own_port
//! kind: wrong
//! clause: 01.socket
//! diagnosis: address-in-use

fn main() {
    netlings_mutants::ex01::sender(netlings_mutants::ex01::Flaw::BindsAFixedSourcePort);
}
