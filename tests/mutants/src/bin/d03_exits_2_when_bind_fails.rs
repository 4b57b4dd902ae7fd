//! Treats every failed bind as a bad argument and exits 2, so a privileged port is misreported.
//! program: 03
//! rejected-by: reports_permission_denied_for_a_privileged_port
//! kind: wrong
//! clause: 03.bind-error
//! diagnosis: permission-denied

fn main() {
    netlings_mutants::ex03::server(netlings_mutants::ex03::Flaw::ExitsTwoWhenBindFails);
}
