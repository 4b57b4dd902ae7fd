//! The suite's own UDP peer: sends datagrams to the program under test and
//! receives what it sends, each receive with a deadline.

use super::Trace;
use super::watch::Ready;
use crate::check::{Outcome, Stop};
use crate::text::Msg;
use crate::{msg, show};
use std::io::ErrorKind;
use std::net::{SocketAddr, UdpSocket};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

/// The largest payload of one UDP datagram over IPv4 (65 535 − 8 − 20).
pub const MAX_DATAGRAM: usize = 65_507;

/// What one receive with a deadline found.
enum Received {
    Datagram(Vec<u8>, SocketAddr),
    Nothing,
    /// Every program of the check has ended, and nothing was queued.
    Gone,
}

pub struct UdpPeer {
    name: Msg,
    socket: UdpSocket,
    trace: Trace,
}

impl UdpPeer {
    pub(crate) fn bind(name: Msg, addr: &str, trace: Trace) -> Result<UdpPeer, Stop> {
        let socket = UdpSocket::bind(addr)
            .map_err(|e| Stop::fail(msg!("the suite could not bind a UDP socket on {}: {}", addr, e; "评测程序无法在 {} 上绑定 UDP 套接字：{}", addr, e)))?;
        let bound = socket.local_addr().expect("bound");
        crate::wire::note_suite(bound, &name);
        trace.step(msg!("{} binds UDP {}", name.en, bound; "{}绑定 UDP {}", name.zh, bound));
        Ok(UdpPeer {
            name,
            socket,
            trace,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.socket.local_addr().expect("bound")
    }

    /// The socket itself, for checks that need a socket option.
    pub fn socket(&self) -> &UdpSocket {
        &self.socket
    }

    /// Send one datagram to `to`.
    pub fn send_to(&self, data: &[u8], to: SocketAddr) -> Outcome {
        self.trace.step(
            msg!("{} sends the datagram {} to {}", self.name.en, show::bytes(data), to;
                             "{}向 {} 发送数据报 {}", self.name.zh, to, show::bytes(data)),
        );
        self.socket.send_to(data, to).map(|_| ()).map_err(|e| {
            Stop::fail(msg!("sending to {} failed: {}", to, e; "向 {} 发送失败：{}", to, e))
        })
    }

    /// Receive the next datagram within `within`, whole (up to the largest
    /// possible datagram), with its sender.
    pub fn recv(&self, within: Duration) -> Result<(Vec<u8>, SocketAddr), Stop> {
        self.trace
            .step(msg!("{} waits for a datagram", self.name.en; "{}等待一个数据报", self.name.zh));
        match self.try_recv(within)? {
            Received::Datagram(data, from) => Ok((data, from)),
            Received::Nothing => Err(Stop::fail(
                msg!("no datagram arrived within {} s", within.as_secs_f32();
                                        "{} 秒内没有收到数据报", within.as_secs_f32()),
            )),
            Received::Gone => Err(Stop::fail(
                msg!("no datagram arrived, and none can: the program has ended";
                     "没有收到数据报，也不可能再收到：程序已经结束了"),
            )),
        }
    }

    /// The next datagram is exactly `expected`; returns its sender.
    pub fn expect_datagram(&self, expected: &[u8], within: Duration) -> Result<SocketAddr, Stop> {
        let (data, from) = self.recv(within)?;
        if data == expected {
            return Ok(from);
        }
        if let Some((at, want, got)) =
            show::difference(expected, &data).filter(|_| expected.len() > 64)
        {
            return Err(Stop::mismatch(
                msg!("the datagram that arrived differs from byte {} on ({} bytes expected, {} arrived)", at, expected.len(), data.len();
                     "收到的数据报从第 {} 字节起不同（预期 {} 字节，收到 {} 字节）", at, expected.len(), data.len()),
                want,
                got,
            ));
        }
        Err(Stop::mismatch(
            msg!("the datagram that arrived is not the expected one"; "收到的数据报与预期不同"),
            show::bytes(expected),
            show::bytes(&data),
        ))
    }

    /// The next datagram is exactly `expected` and comes from `server`,
    /// the address this peer wrote to: a reply from any other port was
    /// sent from a second socket, which the sender is not listening for.
    pub fn expect_reply_from(
        &self,
        expected: &[u8],
        server: SocketAddr,
        within: Duration,
    ) -> Outcome {
        let from = self.expect_datagram(expected, within)?;
        if from == server {
            return Ok(());
        }
        if from.port() != server.port() {
            self.trace.observed(crate::diagnosis::Found::new(
                "second-socket",
                msg!("the reply came from port {}, but the program's socket is on port {}", from.port(), server.port();
                     "回复来自端口 {}，而程序的套接字在端口 {} 上", from.port(), server.port()),
            ));
        }
        Err(Stop::mismatch(
            msg!("the reply came from another address than the one {} wrote to", self.name.en;
                 "回复来自的地址不是{}发往的地址", self.name.zh),
            server.to_string(),
            from.to_string(),
        ))
    }

    /// No datagram arrives during `window` (a bounded quiet window).
    pub fn expect_silence(&self, window: Duration) -> Outcome {
        self.trace.step(
            msg!("{} checks that no datagram arrives for {} ms", self.name.en, window.as_millis();
                             "{}确认 {} 毫秒内没有数据报到达", self.name.zh, window.as_millis()),
        );
        match self.try_recv(window)? {
            Received::Nothing | Received::Gone => Ok(()),
            Received::Datagram(data, from) => Err(Stop::mismatch(
                msg!("a datagram arrived from {} when none should have", from; "本不该有数据报，却收到了来自 {} 的一个", from),
                "no datagram",
                show::bytes(&data),
            )),
        }
    }

    fn try_recv(&self, within: Duration) -> Result<Received, Stop> {
        let deadline = Instant::now() + within;
        let mut buf = vec![0u8; MAX_DATAGRAM + 1];
        loop {
            match self.trace.wait_readable(self.socket.as_fd(), deadline) {
                Ready::Readable => {}
                Ready::TimedOut => return Ok(Received::Nothing),
                Ready::Gone => {
                    self.trace.step(
                        msg!("every program of the check has ended: nothing more can arrive";
                             "本检查启动的程序都已结束：不会再有数据到达"),
                    );
                    return Ok(Received::Gone);
                }
            }
            // Readable: the receive below does not block for long; the
            // timeout only guards against a spurious wake-up.
            let wait = deadline
                .saturating_duration_since(Instant::now())
                .max(Duration::from_millis(1));
            self.socket
                .set_read_timeout(Some(wait))
                .expect("a non-zero timeout");
            match self.socket.recv_from(&mut buf) {
                Ok((n, from)) => return Ok(Received::Datagram(buf[..n].to_vec(), from)),
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return Ok(Received::Nothing);
                }
                // An ICMP "port unreachable" for an earlier send: not data, keep waiting.
                Err(e) if e.kind() == ErrorKind::ConnectionRefused => continue,
                Err(e) => {
                    return Err(Stop::fail(
                        msg!("receiving failed: {}", e; "接收失败：{}", e),
                    ));
                }
            }
        }
    }
}

impl UdpPeer {
    /// Send datagrams of `size` bytes to `to` (numbered, `burst 1 …`) as
    /// fast as possible until the kernel reports that it dropped datagrams
    /// for the socket bound to `to` (its receive buffer was full), at most
    /// `max` of them. Returns how many were sent and how many the kernel
    /// dropped. The end is an event the kernel reports, not a guess: use it
    /// while the receiver is paused ([`super::Proc::pause`]).
    pub fn send_until_dropped(
        &self,
        to: SocketAddr,
        size: usize,
        max: usize,
    ) -> Result<(usize, u64), Stop> {
        self.trace.step(
            msg!("{} sends {}-byte datagrams to {} until the kernel drops some (at most {})", self.name.en, size, to, max;
                 "{}向 {} 连续发送 {} 字节的数据报，直到内核开始丢弃（最多 {} 个）", self.name.zh, to, size, max),
        );
        let before = udp_drops(to).ok_or_else(|| no_socket(to))?;
        for sent in 1..=max {
            let mut data = format!("burst {sent} ").into_bytes();
            data.resize(size.max(data.len()), b'.');
            self.socket.send_to(&data, to).map_err(|e| {
                Stop::fail(msg!("sending to {} failed: {}", to, e; "向 {} 发送失败：{}", to, e))
            })?;
            if sent % 16 == 0 || sent == max {
                let dropped = udp_drops(to).ok_or_else(|| no_socket(to))? - before;
                if dropped > 0 {
                    self.trace.step(msg!("the kernel dropped {} of {} datagrams: the receive buffer of {} was full", dropped, sent, to;
                                         "内核丢弃了 {} 个数据报（共发送 {} 个）：{} 的接收缓冲区已满", dropped, sent, to));
                    return Ok((sent, dropped));
                }
            }
        }
        Err(Stop::fail(
            msg!("{} datagrams went to {} and the kernel dropped none: its receive buffer never filled (is the program reading after all?)", max, to;
                 "向 {} 发送了 {} 个数据报，内核一个也没有丢弃：接收缓冲区始终没满（程序是否仍在读取？）", to, max),
        ))
    }
}

fn no_socket(addr: SocketAddr) -> Stop {
    Stop::fail(
        msg!("no UDP socket is bound to {} (it is not in /proc/net/udp): has the program exited?", addr;
             "没有 UDP 套接字绑定在 {}（/proc/net/udp 中没有）：程序是否已退出？", addr),
    )
}

/// How many datagrams the kernel has dropped for the IPv4 UDP socket bound
/// to exactly `addr` (the last column of `/proc/net/udp`), or `None` when no
/// such socket exists. Drops happen when the socket's receive buffer is full.
pub fn udp_drops(addr: SocketAddr) -> Option<u64> {
    let wanted = super::loopback::proc_net_addr(addr)?;
    // The kernel writes the table a page at a time and resumes each page by
    // position: a socket that another program closes meanwhile shifts the
    // rest, and one line can be missed. On a busy machine that happens, so
    // a socket counts as absent only when a few readings all miss it.
    (0..3).find_map(|_| {
        // thread-self: the check's thread may live in a namespace of its own.
        let table = std::fs::read_to_string("/proc/thread-self/net/udp").ok()?;
        table.lines().skip(1).find_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.get(1) != Some(&wanted.as_str()) {
                return None;
            }
            fields.last()?.parse().ok()
        })
    })
}
