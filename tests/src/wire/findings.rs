//! Causes read from the packets, where the process view cannot tell: a
//! reset rather than a close, a close that never came, a reply from another
//! port, a datagram cut short, retransmissions, a full receive window.
//!
//! [`findings`] is pure: the same capture and roles give the same findings,
//! so it is tested on made-up packets as well as on real captures.

use super::packet::{Decoded, Flags, Proto, resent};
use super::{Capture, Roles, Side};
use crate::msg;
use crate::text::Msg;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

/// How long the other side must have waited for a FIN before closing
/// first, for "did not close" (a quick client that closes first is normal).
const WAITED: Duration = Duration::from_secs(1);

/// One cause the packets prove.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable id: `reset-not-closed`, `no-close`, `second-socket`,
    /// `datagram-cut`, `retransmitted`, `zero-window`.
    pub id: &'static str,
    pub text: Msg,
    /// The packet (index into [`Capture::packets`]) it is about: the diagram
    /// is folded around it.
    pub at: usize,
}

/// What one direction of a TCP connection did.
#[derive(Default)]
struct Direction {
    fin: Option<(usize, Duration)>,
    rst: Option<(usize, Duration)>,
    data: u64,
    last_data: usize,
    last_data_at: Duration,
}

/// Everything the packets of `capture` prove, at most one finding per id
/// (the first), in the order of the packets they point at.
pub fn findings(capture: &Capture, roles: &Roles) -> Vec<Finding> {
    let packets: Vec<(Duration, Decoded)> = capture
        .packets()
        .filter_map(|p| Some((p.at, p.decode()?)))
        .collect();
    // Indices are over decoded packets; map them back for folding.
    let index: Vec<usize> = capture
        .packets()
        .enumerate()
        .filter(|(_, p)| p.decode().is_some())
        .map(|(i, _)| i)
        .collect();
    let stopped = capture.stopped_at.unwrap_or(Duration::MAX);
    let mut found: Vec<Finding> = Vec::new();
    let mut add = |id: &'static str, at: usize, text: Msg| {
        if !found.iter().any(|f| f.id == id) {
            found.push(Finding {
                id,
                text,
                at: index[at],
            });
        }
    };
    let program = |addr: SocketAddr| roles.of(addr).side == Side::Program;
    let secs = |t: Duration| format!("{:.3}", t.as_secs_f64());

    // TCP, per direction (from, to); a connection counts once it is set up.
    let mut dirs: HashMap<(SocketAddr, SocketAddr), Direction> = HashMap::new();
    let mut established: Vec<(SocketAddr, SocketAddr)> = Vec::new();
    let mut retransmitted = (0usize, None);
    let decoded: Vec<Decoded> = packets.iter().map(|(_, p)| p.clone()).collect();
    let again = resent(&decoded);
    for (i, (at, p)) in packets.iter().enumerate() {
        let Proto::Tcp { flags, window, .. } = p.proto else {
            continue;
        };
        if flags.has(Flags::SYN) && flags.has(Flags::ACK) {
            established.push((p.from, p.to));
            established.push((p.to, p.from));
        }
        let dir = dirs.entry((p.from, p.to)).or_default();
        if again[i] {
            retransmitted.0 += 1;
            retransmitted.1.get_or_insert(i);
        }
        if p.len > 0 {
            dir.data += p.len as u64;
            dir.last_data = i;
            dir.last_data_at = *at;
        }
        if flags.has(Flags::FIN) && dir.fin.is_none() {
            dir.fin = Some((i, *at));
        }
        if flags.has(Flags::RST) && dir.rst.is_none() {
            dir.rst = Some((i, *at));
        }
        let set_up = established.contains(&(p.from, p.to));
        if window == 0 && set_up && !flags.has(Flags::RST) && program(p.from) {
            let who = roles.label(p.from);
            add(
                "zero-window",
                i,
                msg!("{} advertised a zero window at +{} s: its receive buffer was full because it was not reading, so the sender had to stop and wait", who.en, secs(*at);
                     "{} 在 +{} 秒时通告了零窗口：它没有读取数据，接收缓冲区已满，发送方只能停下来等待", who.zh, secs(*at)),
            );
        }
        if flags.has(Flags::RST) && set_up && program(p.from) && *at < stopped {
            let closed_first = dir.fin.is_some_and(|(f, _)| f < i);
            if !closed_first {
                let who = roles.label(p.from);
                add(
                    "reset-not-closed",
                    i,
                    msg!("reset, not closed: {} ended the connection with RST at +{} s instead of closing it with FIN. The other side gets \"connection reset\" and may lose what it has not read yet. The kernel sends RST for a socket closed while bytes it received are still unread (or with SO_LINGER 0): read everything the peer sent, then close", who.en, secs(*at);
                         "是重置而不是关闭：{} 在 +{} 秒时用 RST 结束了连接，而没有用 FIN 正常关闭。对方会得到“连接被重置”，还可能丢失尚未读取的数据。关闭套接字时如果收到的数据还没读完（或设置了 SO_LINGER 0），内核就会发送 RST：先读完对方发来的全部数据，再关闭", who.zh, secs(*at)),
                );
            }
        }
    }
    if let (n, Some(i)) = retransmitted {
        add(
            "retransmitted",
            i,
            msg!("{} TCP segment(s) were sent again: they were lost on the way (this check's loopback drops packets on purpose) and TCP retransmitted them, so every byte still arrived, in order", n;
                 "有 {} 个 TCP 报文段被重新发送：它们在途中丢失（本检查的回环接口故意丢包），TCP 进行了重传，所以每个字节仍然按顺序到达", n),
        );
    }
    // A program that sent data, then kept the connection open: its FIN came
    // only when the check stopped it, or after the other side had waited
    // (WAITED) and closed first.
    let late = |(from, to): &(SocketAddr, SocketAddr), d: &Direction| -> Option<Duration> {
        if !program(*from) || d.data == 0 || d.rst.is_some_and(|(_, t)| t < stopped) {
            return None;
        }
        let peer_fin = dirs.get(&(*to, *from)).and_then(|p| p.fin);
        match d.fin {
            None => capture.stopped_at,
            Some((_, t)) if t >= stopped => Some(t),
            Some((i, t)) => peer_fin
                .filter(|&(p, pt)| p < i && pt.saturating_sub(d.last_data_at) >= WAITED)
                .map(|_| t),
        }
    };
    let mut open: Vec<_> = dirs
        .iter()
        .filter_map(|(k, d)| Some((k, d, late(k, d)?)))
        .collect();
    open.sort_by_key(|(_, d, _)| d.last_data);
    if let Some(((from, to), d, fin)) = open.first() {
        let (who, peer) = (roles.label(*from), roles.label(*to));
        let gap = secs(fin.saturating_sub(d.last_data_at));
        add(
            "no-close",
            d.last_data,
            msg!("{} sent {} bytes to {}, then did not close the connection: no FIN from it until +{} s, {} s after its last data, when the other side had given up and closed first or the check stopped it. A client reading until recv returns 0 (the end of the data) waits for that FIN", who.en, d.data, peer.en, secs(*fin), gap;
                 "{} 向 {} 发送了 {} 字节，之后却没有关闭连接：直到 +{} 秒（最后一次发送数据之后 {} 秒），对方放弃并先关闭、或检查终止了它时，才有它的 FIN。读到 recv 返回 0（数据结束）才停的客户端只能一直等这个 FIN", who.zh, peer.zh, d.data, secs(*fin), gap),
        );
    }
    udp_findings(&packets, roles, &mut add);
    found.sort_by_key(|f| f.at);
    found
}

/// Datagrams: a reply from another port, a reply cut short.
fn udp_findings(
    packets: &[(Duration, Decoded)],
    roles: &Roles,
    add: &mut impl FnMut(&'static str, usize, Msg),
) {
    for (i, (_, sent)) in packets.iter().enumerate() {
        if sent.proto != Proto::Udp
            || roles.of(sent.from).side != Side::Suite
            || roles.of(sent.to).side != Side::Program
        {
            continue;
        }
        // The next datagram back to the sender, from the program's side.
        let reply = packets[i + 1..].iter().enumerate().find(|(_, (_, r))| {
            r.proto == Proto::Udp && r.to == sent.from && roles.of(r.from).side == Side::Program
        });
        let Some((j, (_, reply))) = reply else {
            continue;
        };
        let j = i + 1 + j;
        if reply.from != sent.to {
            add(
                "second-socket",
                j,
                msg!("the reply came from {}, but the datagram went to {}: the program answered from a second socket. A client that checks who answers (or a connected UDP socket) drops it; reply with the socket that received, to the address recv_from gave", reply.from, sent.to;
                     "回复来自 {}，而数据报发往的是 {}：程序用另一个套接字作了回答。检查应答方的客户端（或已 connect 的 UDP 套接字）会丢弃它；应当用收到数据的那个套接字回复 recv_from 给出的地址", reply.from, sent.to),
            );
        }
        let shown = sent.excerpt.len().min(reply.excerpt.len());
        if reply.len < sent.len && reply.excerpt[..shown] == sent.excerpt[..shown] {
            let who = roles.label(sent.to);
            add(
                "datagram-cut",
                j,
                msg!("a datagram of {} bytes went to {} and only its first {} bytes came back: the program read it into a buffer of {} bytes, and recv_from silently drops the rest of a datagram that does not fit", sent.len, who.en, reply.len, reply.len;
                     "发往 {} 的数据报有 {} 字节，回来的只有前 {} 字节：程序用 {} 字节的缓冲区读取它，而 recv_from 会悄悄丢弃放不下的部分", who.zh, sent.len, reply.len, reply.len),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{Packet, Who};

    const SYN: u8 = Flags::SYN;
    const SYN_ACK: u8 = Flags::SYN | Flags::ACK;
    const ACK: u8 = Flags::ACK;
    const PSH: u8 = Flags::PSH | Flags::ACK;
    const FIN: u8 = Flags::FIN | Flags::ACK;
    const RST: u8 = Flags::RST | Flags::ACK;

    fn addr(port: u16) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], port))
    }

    /// The suite on port 5000, the server on 4000.
    fn roles() -> Roles {
        let server = msg!("the server"; "服务器");
        Roles {
            known: vec![
                (
                    addr(5000),
                    Who {
                        side: Side::Suite,
                        name: msg!("the client"; "客户端"),
                    },
                ),
                (
                    addr(4000),
                    Who {
                        side: Side::Program,
                        name: server.clone(),
                    },
                ),
            ],
            programs: vec![server],
        }
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// Handshake, a message, a reply; then `end` from the server.
    /// (ms, from port, to port, flags, seq, payload)
    type Step<'a> = (u64, u16, u16, u8, u32, &'a [u8]);

    fn conversation(end: &[Step], stopped: u64) -> Capture {
        let (c, s) = (5000, 4000);
        let mut steps: Vec<Step> = vec![
            (0, c, s, SYN, 100, b""),
            (0, s, c, SYN_ACK, 900, b""),
            (0, c, s, ACK, 101, b""),
            (1, c, s, PSH, 101, b"hello\n"),
            (1, s, c, ACK, 901, b""),
            (2, s, c, PSH, 901, b"ok\n"),
        ];
        steps.extend_from_slice(end);
        Capture {
            head: steps
                .iter()
                .map(|&(t, f, to, flags, seq, data)| {
                    Packet::tcp(ms(t), addr(f), addr(to), flags, seq, 512, data)
                })
                .collect(),
            stopped_at: Some(ms(stopped)),
            ..Capture::default()
        }
    }

    fn ids(capture: &Capture) -> Vec<&'static str> {
        findings(capture, &roles()).iter().map(|f| f.id).collect()
    }

    #[test]
    fn a_clean_close_proves_nothing_wrong() {
        let c = conversation(
            &[
                (3, 4000, 5000, FIN, 904, b""),
                (3, 5000, 4000, FIN, 107, b""),
            ],
            10,
        );
        assert_eq!(ids(&c), Vec::<&str>::new());
    }

    #[test]
    fn a_reset_where_the_fin_belongs_is_reset_not_closed() {
        let c = conversation(&[(3, 4000, 5000, RST, 904, b"")], 10);
        assert_eq!(ids(&c), ["reset-not-closed"]);
        let text = &findings(&c, &roles())[0].text;
        assert!(text.en.starts_with("reset, not closed"), "{}", text.en);
    }

    #[test]
    fn a_reset_by_the_grader_stopping_the_program_is_not_the_programs_doing() {
        let c = conversation(&[(3, 4000, 5000, RST, 904, b"")], 2);
        assert!(!ids(&c).contains(&"reset-not-closed"));
    }

    #[test]
    fn a_fin_only_after_the_client_gave_up_is_no_close() {
        let c = conversation(
            &[
                (5002, 5000, 4000, FIN, 107, b""),
                (5002, 4000, 5000, FIN, 904, b""),
            ],
            6000,
        );
        assert_eq!(ids(&c), ["no-close"]);
        let c = conversation(&[], 6000);
        assert_eq!(ids(&c), ["no-close"]);
    }

    #[test]
    fn data_sent_twice_is_a_retransmission() {
        let c = conversation(
            &[
                (300, 4000, 5000, PSH, 901, b"ok\n"),
                (301, 4000, 5000, FIN, 904, b""),
            ],
            400,
        );
        assert_eq!(ids(&c), ["retransmitted"]);
    }

    #[test]
    fn a_reply_from_another_port_and_a_cut_datagram() {
        let (suite, program) = (addr(5000), addr(4000));
        let big = vec![b'x'; 2000];
        let capture = Capture {
            head: vec![
                Packet::udp(ms(0), suite, program, b"ping"),
                Packet::udp(ms(1), addr(4001), suite, b"ping"),
                Packet::udp(ms(2), suite, program, &big),
                Packet::udp(ms(3), program, suite, &big[..1024]),
            ],
            ..Capture::default()
        };
        assert_eq!(ids(&capture), ["second-socket", "datagram-cut"]);
    }
}
