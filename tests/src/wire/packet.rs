//! Reading a captured IPv4 packet: addresses, ports, TCP flags, lengths.

use super::Packet;
use serde::Serialize;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};

/// TCP flags, as on the wire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Flags(pub u8);

impl Flags {
    pub const FIN: u8 = 0x01;
    pub const SYN: u8 = 0x02;
    pub const RST: u8 = 0x04;
    pub const PSH: u8 = 0x08;
    pub const ACK: u8 = 0x10;

    pub fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }

    /// `SYN`, `SYN+ACK`, `ACK` for a bare acknowledgement, otherwise the
    /// flags that matter to the notes (`PSH`, `FIN`, `RST`) joined by `+`.
    pub fn name(self) -> String {
        if self.has(Self::SYN) {
            return if self.has(Self::ACK) {
                "SYN+ACK"
            } else {
                "SYN"
            }
            .to_string();
        }
        let named: Vec<&str> = [(Self::PSH, "PSH"), (Self::FIN, "FIN"), (Self::RST, "RST")]
            .iter()
            .filter(|(f, _)| self.has(*f))
            .map(|(_, n)| *n)
            .collect();
        if named.is_empty() {
            "ACK".to_string()
        } else {
            named.join("+")
        }
    }
}

/// The transport of a packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proto {
    Tcp {
        flags: Flags,
        seq: u32,
        ack: u32,
        window: u16,
    },
    Udp,
}

/// A packet read: who sent it to whom, and its payload.
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    pub from: SocketAddr,
    pub to: SocketAddr,
    pub proto: Proto,
    /// How many payload bytes the packet carried.
    pub len: usize,
    /// The first of them (as many as were kept).
    pub excerpt: &'a [u8],
}

impl Decoded<'_> {
    pub fn flags(&self) -> Flags {
        match self.proto {
            Proto::Tcp { flags, .. } => flags,
            Proto::Udp => Flags(0),
        }
    }

    pub fn is_tcp(&self) -> bool {
        matches!(self.proto, Proto::Tcp { .. })
    }
}

impl Packet {
    /// The packet's IPv4 TCP or UDP fields; `None` for anything else (or a
    /// packet cut before its headers end).
    pub fn decode(&self) -> Option<Decoded<'_>> {
        let d = &self.data;
        if d.len() < 20 || d[0] >> 4 != 4 {
            return None;
        }
        let ihl = usize::from(d[0] & 0x0f) * 4;
        let total = usize::from(u16::from_be_bytes([d[2], d[3]]));
        let ip = |at: usize| Ipv4Addr::new(d[at], d[at + 1], d[at + 2], d[at + 3]);
        let (src, dst) = (ip(12), ip(16));
        let t = d.get(ihl..)?;
        if t.len() < 8 {
            return None;
        }
        let port = |at: usize| u16::from_be_bytes([t[at], t[at + 1]]);
        let from = SocketAddr::V4(SocketAddrV4::new(src, port(0)));
        let to = SocketAddr::V4(SocketAddrV4::new(dst, port(2)));
        let word = |at: usize| u32::from_be_bytes([t[at], t[at + 1], t[at + 2], t[at + 3]]);
        let (proto, header) = match d[9] {
            6 if t.len() >= 20 => (
                Proto::Tcp {
                    flags: Flags(t[13]),
                    seq: word(4),
                    ack: word(8),
                    window: port(14),
                },
                usize::from(t[12] >> 4) * 4,
            ),
            17 => (Proto::Udp, 8),
            _ => return None,
        };
        let len = total.checked_sub(ihl + header)?;
        let kept = t.get(header..).unwrap_or_default();
        Some(Decoded {
            from,
            to,
            proto,
            len,
            excerpt: &kept[..kept.len().min(len)],
        })
    }
}

/// For each packet, whether it is a TCP retransmission: it carries data (or
/// a SYN) whose sequence numbers its sender had already sent.
pub fn resent(packets: &[Decoded]) -> Vec<bool> {
    let mut sent: std::collections::HashMap<(SocketAddr, SocketAddr), u32> = Default::default();
    packets
        .iter()
        .map(|p| {
            let Proto::Tcp { flags, seq, .. } = p.proto else {
                return false;
            };
            if p.len == 0 && !flags.has(Flags::SYN) {
                return false;
            }
            let end = seq.wrapping_add(p.len as u32);
            match sent.get(&(p.from, p.to)) {
                // Serial-number comparison: sequence numbers wrap.
                Some(&seen) if (end.wrapping_sub(seen) as i32) <= 0 => true,
                _ => {
                    sent.insert((p.from, p.to), end);
                    false
                }
            }
        })
        .collect()
}

/// Made-up packets, for tests of what is read from them.
impl Packet {
    /// An IPv4 TCP packet at `at` from `from` to `to`.
    pub fn tcp(
        at: std::time::Duration,
        from: SocketAddr,
        to: SocketAddr,
        flags: u8,
        seq: u32,
        window: u16,
        payload: &[u8],
    ) -> Packet {
        let mut t = Vec::with_capacity(20);
        t.extend(from.port().to_be_bytes());
        t.extend(to.port().to_be_bytes());
        t.extend(seq.to_be_bytes());
        t.extend(0u32.to_be_bytes());
        t.extend([5 << 4, flags]);
        t.extend(window.to_be_bytes());
        t.extend([0, 0, 0, 0]);
        Packet::ip(at, from, to, 6, t, payload)
    }

    /// An IPv4 UDP datagram at `at` from `from` to `to`.
    pub fn udp(
        at: std::time::Duration,
        from: SocketAddr,
        to: SocketAddr,
        payload: &[u8],
    ) -> Packet {
        let mut u = Vec::with_capacity(8);
        u.extend(from.port().to_be_bytes());
        u.extend(to.port().to_be_bytes());
        u.extend(((8 + payload.len()) as u16).to_be_bytes());
        u.extend([0, 0]);
        Packet::ip(at, from, to, 17, u, payload)
    }

    fn ip(
        at: std::time::Duration,
        from: SocketAddr,
        to: SocketAddr,
        proto: u8,
        header: Vec<u8>,
        payload: &[u8],
    ) -> Packet {
        let octets = |a: SocketAddr| match a.ip() {
            std::net::IpAddr::V4(v4) => v4.octets(),
            std::net::IpAddr::V6(_) => [0; 4],
        };
        let total = 20 + header.len() + payload.len();
        let mut d = vec![0x45, 0];
        d.extend((total as u16).to_be_bytes());
        d.extend([0, 0, 0x40, 0, 64, proto, 0, 0]);
        d.extend(octets(from));
        d.extend(octets(to));
        d.extend(header);
        d.extend(payload);
        d.truncate(super::capture::SNAP);
        Packet {
            at,
            len: total as u32,
            data: d,
        }
    }
}
