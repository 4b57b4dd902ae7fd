//! Exercise 00: what an IP address or a port says (notes §2 and §3).
//!
//! Read README.md beside this file for the task and the contract, then
//! replace each `todo!` with real code, step by step. Check your work with
//!
//!     cargo xtask check exercise-00
//!
//! The checks tell you which step is missing and what went wrong.

// While the stub still has `todo!`s the code after them is unreachable and
// some names are unused; delete these two lines when you are done.
#![allow(unreachable_code, clippy::diverging_sub_expression)]
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

use common::{Args, fail, parse_addr, say, usage_error};
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};

const USAGE: &str = "ex00-addresses ADDRESS[/PREFIX] | port NUMBER | serve IP:PORT";

fn main() {
    // Step 0, the arguments: one of
    //     ex00-addresses 192.168.43.143/24      (an address, maybe /PREFIX)
    //     ex00-addresses port 8080              (a port)
    //     ex00-addresses serve 0.0.0.0:0        (a small TCP server)
    // `Args::parse(USAGE, &[], &[]).at_most(2)` reads them and
    // `.positional(0)` / `.positional(1)` give them to you. Anything else is
    // a usage error: `usage_error("...")` prints one sentence and exits 2.
    todo!("step 0: read the arguments and choose: an address, `port N` or `serve IP:PORT`");
}

/// Print the `key: value` lines for `ADDRESS[%ZONE][/PREFIX]`.
fn describe_address(text: &str) {
    // Step 1, parse: split off `/PREFIX`, then `%ZONE` (IPv6 only, e.g.
    // fe80::1%19: letters, digits, `-`, `_` and `.`, never empty), then
    // parse the rest as an `IpAddr`. Each of the four
    // numbers of an IPv4 address is 0 to 255 — the notes say 1 to 256,
    // which is wrong: a number is 8 bits. Anything that does not parse is a
    // usage error (exit 2). Print `address:` and `version:`.
    todo!("step 1: parse the address (and its zone and prefix)");

    // Step 2, the class, by the first number: A 0-127, B 128-191,
    // C 192-223, D 224-239 (multicast), E 240-255 (reserved).
    todo!("step 2: print `class: A` .. `class: E` for IPv4");

    // Step 3, the kind: unspecified, loopback (all of 127.0.0.0/8),
    // private (10/8, 172.16/12 — that is 172.16 to 172.31 —, 192.168/16),
    // link-local, multicast, broadcast, reserved, public. README.md lists
    // the rules in the order to apply them, for IPv4 and IPv6.
    todo!("step 3: print `kind: ...`");

    // Step 4, network and host: with a prefix /N the first N bits are the
    // network number and the rest the host number. Hosts on one LAN share
    // the network number (the notes say the opposite, which is wrong).
    // Hint: turn the address into a number (u32::from, u128::from) and mask.
    todo!("step 4: with /PREFIX print prefix, netmask (IPv4), network and host");
}

/// Print the `key: value` lines for a port number.
fn describe_port(text: &str) {
    // Step 5, a port is 16 bits: 0 to 65535. 65536 and text are usage errors.
    // IANA names three ranges: well-known 0-1023, registered 1024-49151,
    // dynamic 49152-65535 (the notes call all of 1024-65535 dynamic).
    todo!("step 5: parse the port and print `port:` and `range:`");

    // Step 6, this machine: Linux gives programs that do not bind a port
    // from /proc/sys/net/ipv4/ip_local_port_range (two numbers). Print
    // `ephemeral: yes|no` and `ephemeral range: LOW-HIGH`.
    todo!("step 6: read the kernel's ephemeral range and print where the port falls");
}

/// Listen on `addr` (TCP) and tell each client which address it reached.
fn serve(addr: &str) {
    // Step 7, bind exactly the address given: 0.0.0.0 means every address
    // of this machine (all of 127.0.0.0/8 too), 127.0.0.1 only that one.
    // Print `listening on IP:PORT` from `listener.local_addr()` (port 0
    // lets the OS choose), then for each connection print
    // `connection from PEER to LOCAL` and send `you reached LOCAL\n`, where
    // LOCAL is the accepted stream's local_addr(): the address the client
    // dialled.
    todo!("step 7: listen, then answer each client with the address it reached");
}
