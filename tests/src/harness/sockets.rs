//! The kernel's view of a program's sockets: which addresses it has bound
//! or listens on, read from `/proc/PID/fd` (its socket inodes) and
//! `/proc/PID/net/{tcp,tcp6,udp,udp6}` (every socket of its network
//! namespace, with its inode). What the program prints can then be held
//! against what it really did.

use super::Transport;
use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// A socket a program holds: how, where, and whether it is a listener.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Held {
    pub transport: Transport,
    pub local: SocketAddr,
    /// A TCP socket in the LISTEN state.
    pub listening: bool,
}

/// The sockets process `pid` holds with a local port (bound or listening);
/// empty when `/proc` cannot tell (the process is gone).
pub fn held_by(pid: u32) -> Vec<Held> {
    sockets_of(pid, &TABLES, false)
}

/// The addresses a program is ready on: TCP listeners, or bound UDP sockets.
pub fn ready_on(pid: u32, transport: Transport) -> Vec<SocketAddr> {
    let tables: Vec<(&str, Transport)> = TABLES
        .iter()
        .copied()
        .filter(|(_, t)| *t == transport)
        .collect();
    sockets_of(pid, &tables, transport == Transport::Tcp)
        .into_iter()
        .filter(|h| transport == Transport::Udp || h.listening)
        .map(|h| h.local)
        .collect()
}

const TABLES: [(&str, Transport); 4] = [
    ("tcp", Transport::Tcp),
    ("tcp6", Transport::Tcp),
    ("udp", Transport::Udp),
    ("udp6", Transport::Udp),
];

/// The sockets of `pid` found in `tables`. With `listeners_only`, a TCP
/// table is read only as far as its listeners: the kernel lists them
/// first, and every read of the rest walks the whole table of connections
/// (hundreds of thousands of buckets on a large machine), so a check that
/// polls for a listener would otherwise cost a walk per poll.
fn sockets_of(pid: u32, tables: &[(&str, Transport)], listeners_only: bool) -> Vec<Held> {
    use std::io::BufRead;
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    let inodes: HashSet<String> = fds
        .flatten()
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter_map(|link| {
            let link = link.to_string_lossy().into_owned();
            link.strip_prefix("socket:[")
                .and_then(|rest| rest.strip_suffix(']'))
                .map(str::to_string)
        })
        .collect();
    if inodes.is_empty() {
        return Vec::new();
    }
    let mut held = Vec::new();
    for &(table, transport) in tables {
        let Ok(file) = std::fs::File::open(format!("/proc/{pid}/net/{table}")) else {
            continue;
        };
        for line in std::io::BufReader::new(file).lines().skip(1) {
            let Ok(line) = line else { break };
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(state), Some(inode)) =
                (fields.get(1), fields.get(3), fields.get(9))
            else {
                continue;
            };
            let listening = transport == Transport::Tcp && *state == "0A";
            if listeners_only && transport == Transport::Tcp && !listening {
                break;
            }
            if !inodes.contains(*inode) {
                continue;
            }
            let Some(local) = parse_proc_addr(local) else {
                continue;
            };
            if local.port() == 0 {
                continue;
            }
            held.push(Held {
                transport,
                local,
                listening,
            });
        }
    }
    held
}

/// `0100007F:1F90` → 127.0.0.1:8080; IPv6 is four such 32-bit words.
fn parse_proc_addr(text: &str) -> Option<SocketAddr> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let word = |hex: &str| u32::from_str_radix(hex, 16).ok().map(u32::to_ne_bytes);
    let ip = match ip.len() {
        8 => IpAddr::V4(Ipv4Addr::from(word(ip)?)),
        32 => {
            let mut octets = [0u8; 16];
            for i in 0..4 {
                octets[i * 4..i * 4 + 4].copy_from_slice(&word(&ip[i * 8..i * 8 + 8])?);
            }
            IpAddr::V6(Ipv6Addr::from(octets))
        }
        _ => return None,
    };
    Some(SocketAddr::new(ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_addresses_parse_in_host_order() {
        assert_eq!(
            parse_proc_addr("0100007F:1F90"),
            Some("127.0.0.1:8080".parse().unwrap())
        );
        assert_eq!(
            parse_proc_addr("00000000000000000000000001000000:0050"),
            Some("[::1]:80".parse().unwrap())
        );
    }

    #[test]
    fn a_listener_of_this_process_is_seen() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        assert!(ready_on(std::process::id(), Transport::Tcp).contains(&addr));
    }
}
