//! Reports the whole address as the network: hosts on one LAN get different networks.
//! program: 00
//! rejected-by: gives_hosts_on_one_lan_the_same_network
//! kind: wrong
//! clause: 00.prefix
//! diagnosis: check

fn main() {
    netlings_mutants::ex00::program(netlings_mutants::ex00::Flaw::NetworkKeepsTheHostBits);
}
