//! Verbs that give a contract's clauses teeth: the input-edge table typed
//! into a program or sent to it as datagrams, an argument that is not
//! UTF-8, and what the kernel says a program has really bound (not what it
//! printed).

use super::loopback::{Transport, proc_net_addr};
use super::{EXIT, Edge, Finished, Proc, Test, UdpPeer};
use crate::check::{Outcome, Stop};
use crate::msg;
use std::ffi::OsStr;
use std::net::SocketAddr;
use std::os::unix::ffi::OsStrExt;

/// 你好 in GBK: an argument a shell passes as it is, though it is not UTF-8.
const NOT_UTF8_ARGUMENT: &[u8] = b"\xc4\xe3\xba\xc3";

impl Test {
    /// Run the exercise's program with `before` and then one argument that
    /// is not UTF-8 (a GBK word, as a Chinese Windows shell would pass it).
    pub fn run_with_an_argument_not_utf8(&self, before: &[&str]) -> Result<Finished, Stop> {
        let mut args: Vec<&OsStr> = before.iter().map(OsStr::new).collect();
        args.push(OsStr::from_bytes(NOT_UTF8_ARGUMENT));
        let key = self
            .exercise
            .programs
            .first()
            .expect("an exercise has a program")
            .key;
        self.start_program_os(key, &args)?.finish(EXIT)
    }
}

impl Test {
    /// Clients that connect to a TCP server at `addr` and reset (RST)
    /// before it gets to them: the server is stopped (SIGSTOP) meanwhile,
    /// so each connection it then accepts is already gone — its
    /// `peer_addr`, reads and writes fail, deterministically.
    pub fn clients_reset_before_accept(&self, server: &mut Proc, addr: SocketAddr) -> Outcome {
        server.pause()?;
        for _ in 0..3 {
            self.connect(addr)?.reset();
        }
        server.resume()
    }
}

impl Edge {
    /// Every edge in an order that can be typed into one program: the last
    /// line without its `\n` comes last, since the input ends with it.
    pub fn in_typing_order() -> impl Iterator<Item = Edge> {
        let last = Edge::NoFinalNewline;
        Edge::ALL
            .iter()
            .copied()
            .filter(move |&e| e != last)
            .chain([last])
    }

    /// The edge as one datagram: a datagram carries no line ending, so the
    /// text alone, except that `CrLf` keeps its `\r\n` (what `nc -C` sends).
    pub fn datagram(self) -> Vec<u8> {
        match self {
            Edge::CrLf | Edge::ExitCrLf => self.line(),
            _ => self.text().to_vec(),
        }
    }

    /// How a program that prints a message on one line shows `data`:
    /// decoded lossily, `\r` and `\n` as the two characters `\r` and `\n`.
    pub fn one_line(data: &[u8]) -> String {
        String::from_utf8_lossy(data)
            .replace('\r', "\\r")
            .replace('\n', "\\n")
    }
}

/// The ways a typist ends with the word `EXIT` where a contract drops the
/// line ending: `\n`, `\r\n`, or the end of the input right after it.
pub const EXIT_ENDINGS: &[&[u8]] = &[b"EXIT\n", b"EXIT\r\n", b"EXIT"];

impl Proc {
    /// Type `typed` (one of [`EXIT_ENDINGS`]); without a `\n` the input
    /// ends right after it.
    pub fn type_exit(&mut self, typed: &[u8]) -> Outcome {
        let ended = !typed.ends_with(b"\n");
        self.trace.step(if ended {
            msg!("type {} and end the input", crate::show::bytes(typed); "输入 {} 并结束输入", crate::show::bytes(typed))
        } else {
            msg!("type {}", crate::show::bytes(typed); "输入 {}", crate::show::bytes(typed))
        });
        self.type_bytes(typed)?;
        if ended {
            self.close_stdin();
        }
        Ok(())
    }

    /// Type `edge` as a line on standard input (its text and its line
    /// ending); a last line without its `\n` is followed by the end of input.
    pub fn type_edge(&mut self, edge: Edge) -> Outcome {
        self.trace
            .step(msg!("type {}", edge.name().en; "输入{}", edge.name().zh));
        self.type_bytes(&edge.line())?;
        if edge == Edge::NoFinalNewline {
            self.close_stdin();
        }
        Ok(())
    }

    /// The local addresses of the sockets of `transport` the program (its
    /// whole process group) holds, as the kernel lists them in
    /// `/proc/PID/net/{tcp,udp}{,6}` for the program's socket inodes.
    pub fn bound_addresses(&self, transport: Transport) -> Vec<SocketAddr> {
        let inodes = group_socket_inodes(self.pgid);
        let table = match transport {
            Transport::Tcp => "tcp",
            Transport::Udp => "udp",
        };
        let mut found = Vec::new();
        for suffix in ["", "6"] {
            let path = format!("/proc/{}/net/{table}{suffix}", self.pid());
            let text = std::fs::read_to_string(path).unwrap_or_default();
            for row in text.lines().skip(1) {
                let fields: Vec<&str> = row.split_whitespace().collect();
                let (Some(local), Some(inode)) = (fields.get(1), fields.get(9)) else {
                    continue;
                };
                if inodes.iter().any(|i| i == inode)
                    && let Some(addr) = parse_proc_addr(local)
                {
                    found.push(addr);
                }
            }
        }
        found
    }

    /// The program's socket is bound to exactly `addr`, as it printed: not
    /// to `0.0.0.0` (every address of the host) with the same port.
    pub fn expect_bound_exactly(&self, transport: Transport, addr: SocketAddr) -> Outcome {
        self.trace.step(msg!("ask the kernel (/proc/{}/net) which address {} has bound", self.pid(), self.role().en;
                             "向内核（/proc/{}/net）查询{}实际绑定的地址", self.pid(), self.role().zh));
        // The kernel's table is read a page at a time and can miss a line
        // when other sockets close meanwhile (see `udp_drops`): a socket
        // counts as absent only when a few readings all miss it.
        let mut bound = self.bound_addresses(transport);
        for _ in 0..2 {
            if bound.iter().any(|b| b.port() == addr.port()) {
                break;
            }
            bound = self.bound_addresses(transport);
        }
        let matching: Vec<&SocketAddr> = bound.iter().filter(|b| b.port() == addr.port()).collect();
        if !matching.is_empty() && matching.iter().all(|b| **b == addr) {
            return Ok(());
        }
        let seen = if bound.is_empty() {
            "no socket".to_string()
        } else {
            bound
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        Err(Stop::mismatch(
            msg!("the program printed {} but the kernel says its socket is bound elsewhere: a program binds exactly the address it is given (0.0.0.0 would take datagrams sent to every address of the host)", addr;
                 "程序打印的是 {}，但内核显示它的套接字绑定在别处：程序必须正好绑定给定的地址（0.0.0.0 会收下发往本机任何地址的数据）", addr),
            addr.to_string(),
            seen,
        ))
    }
}

impl UdpPeer {
    /// Send `edge` as one datagram (see [`Edge::datagram`]).
    pub fn send_edge(&self, edge: Edge, to: SocketAddr) -> Outcome {
        self.send_to(&edge.datagram(), to)
    }
}

/// The socket inodes held by every process of process group `pgid`.
fn group_socket_inodes(pgid: i32) -> Vec<String> {
    let mut inodes = Vec::new();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return inodes;
    };
    for entry in procs.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // After the command name in parentheses: state, ppid, pgrp.
        let group = stat
            .rfind(')')
            .and_then(|at| stat[at + 1..].split_whitespace().nth(2))
            .and_then(|g| g.parse::<i32>().ok());
        if group != Some(pgid) {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
            continue;
        };
        for fd in fds.flatten() {
            if let Ok(target) = std::fs::read_link(fd.path())
                && let Some(inode) = target
                    .to_str()
                    .and_then(|t| t.strip_prefix("socket:["))
                    .and_then(|t| t.strip_suffix(']'))
            {
                inodes.push(inode.to_string());
            }
        }
    }
    inodes
}

/// `0100007F:1F90` (IPv4) or 32 hex digits and a port (IPv6), as
/// `/proc/net/*` prints them: each 32-bit word in host order.
fn parse_proc_addr(text: &str) -> Option<SocketAddr> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let words: Vec<u32> = (0..ip.len() / 8)
        .map(|i| u32::from_str_radix(&ip[i * 8..i * 8 + 8], 16).ok())
        .collect::<Option<_>>()?;
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_ne_bytes()).collect();
    let addr = match bytes.len() {
        4 => SocketAddr::from((<[u8; 4]>::try_from(bytes).ok()?, port)),
        16 => SocketAddr::from((<[u8; 16]>::try_from(bytes).ok()?, port)),
        _ => return None,
    };
    debug_assert!(addr.is_ipv6() || proc_net_addr(addr).is_some_and(|a| a == text));
    Some(addr)
}

#[cfg(test)]
mod tests {
    use super::parse_proc_addr;

    #[test]
    fn proc_addresses_parse() {
        assert_eq!(
            parse_proc_addr("0100007F:1F90").unwrap().to_string(),
            "127.0.0.1:8080"
        );
        assert_eq!(
            parse_proc_addr("00000000:0035").unwrap().to_string(),
            "0.0.0.0:53"
        );
        assert_eq!(
            parse_proc_addr("00000000000000000000000000000000:0035")
                .unwrap()
                .to_string(),
            "[::]:53"
        );
    }
}
