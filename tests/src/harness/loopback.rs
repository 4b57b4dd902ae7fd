//! Loopback addresses of a check's own, and the connection a program must
//! refuse.
//!
//! All of 127.0.0.0/8 is this host on Linux, so a check that needs a fixed
//! port (the notes' 7890, say) can run it on an address no other check uses
//! and never collide with checks running in parallel.

use super::Test;
use crate::check::{Outcome, Stop};
use crate::msg;
use std::io::ErrorKind;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::time::Duration;

/// A random loopback address in 127.64.0.1–127.254.255.254, away from
/// 127.0.0.0/16 (where everyone's 127.0.0.1 lives) and 127.255.255.255.
/// fastrand seeds each thread from the OS, so parallel checks pick among
/// 12 M addresses independently.
pub(super) fn random_loopback_ip() -> Ipv4Addr {
    Ipv4Addr::new(
        127,
        fastrand::u8(64..=254),
        fastrand::u8(..),
        fastrand::u8(1..=254),
    )
}

/// Which kind of socket a port belongs to (TCP and UDP ports are separate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    Tcp,
    Udp,
}

impl Test {
    /// An address of this check's own on the loopback network with `port`,
    /// free for both UDP and TCP when it is returned (the suite bound both
    /// and let go). Use it to run a program on a fixed port, such as the
    /// notes' own, without colliding with checks running in parallel.
    pub fn own_loopback_addr(&self, port: u16) -> Result<SocketAddr, Stop> {
        for _ in 0..32 {
            let addr = SocketAddr::from((random_loopback_ip(), port));
            let free = UdpSocket::bind(addr).is_ok() && TcpListener::bind(addr).is_ok();
            if free {
                self.step(
                    msg!("the suite picks the loopback address {} of its own", addr;
                               "评测程序挑选一个自己专用的回环地址 {}", addr),
                );
                return Ok(addr);
            }
        }
        Err(Stop::fail(
            msg!("the suite found no free loopback address for port {}", port;
                 "评测程序找不到端口 {} 空闲的回环地址", port),
        ))
    }

    /// A UDP address of this check's own: a loopback IP no other check
    /// uses and a port the OS chose as free on it (the suite binds port 0
    /// there, reads the port, and lets it go). Give it to a program as the
    /// address to bind, or send to it as a port nobody listens on.
    pub fn free_udp_addr(&self) -> Result<SocketAddr, Stop> {
        let ip = random_loopback_ip();
        let free = UdpSocket::bind((ip, 0)).and_then(|socket| socket.local_addr());
        let addr = free.map_err(|e| {
            Stop::fail(
                msg!("the suite could not bind a UDP socket on {}: {}", ip, e;
                            "评测程序无法在 {} 上绑定 UDP 套接字：{}", ip, e),
            )
        })?;
        self.step(msg!("the suite picks {}, an address nobody uses (a loopback IP of its own, a port the OS found free)", addr;
                       "评测程序选出 {}：一个无人使用的地址（专用的回环 IP，操作系统确认空闲的端口）", addr));
        Ok(addr)
    }

    /// The suite can bind `addr` itself now that the program that held it
    /// has exited: closing a socket (or exiting) gives its port back.
    pub fn expect_port_released(&self, transport: Transport, addr: SocketAddr) -> Outcome {
        let name = match transport {
            Transport::Tcp => "TCP",
            Transport::Udp => "UDP",
        };
        self.step(
            msg!("the suite binds {} {} itself", name, addr; "评测程序自己绑定 {} {}", name, addr),
        );
        let bound = match transport {
            Transport::Tcp => TcpListener::bind(addr).map(drop),
            Transport::Udp => UdpSocket::bind(addr).map(drop),
        };
        let Err(e) = bound else { return Ok(()) };
        // A program that closed its sockets can still leave its port in
        // TIME_WAIT (the side that closes first keeps the connection for a
        // while); without SO_REUSEADDR on its socket, no one can bind the
        // port until that ends. That is the kernel's, not a leak: the port
        // is released when no socket on it belongs to a process any more.
        if let Transport::Tcp = transport
            && e.kind() == ErrorKind::AddrInUse
            && let Some((held, kept)) = tcp_sockets_on(addr)
            && held == 0
            && kept > 0
        {
            self.step(msg!("only the kernel keeps {} (TIME_WAIT of closed connections): no socket of a program holds it", addr;
                           "只有内核还保留着 {}（已关闭连接的 TIME_WAIT）：没有任何程序的套接字占用它", addr));
            return Ok(());
        }
        Err(Stop::fail(
            msg!("{} is still taken after the program exited: {}", addr, e;
                        "程序退出后 {} 仍被占用：{}", addr, e),
        ))
    }

    /// Wait until the kernel has no TCP connection from `from` to `to` any
    /// more (it is not in `/proc/net/tcp`): a reset removes a connection at
    /// once, so this is how a check knows the reset has reached the program
    /// before it goes on. The kernel table offers no event to wait on, so it
    /// is read every few milliseconds until `within` has passed.
    pub fn expect_connection_gone(
        &self,
        from: SocketAddr,
        to: SocketAddr,
        within: Duration,
    ) -> Outcome {
        self.step(
            msg!("wait until the connection {} → {} is gone (reset)", from, to;
                       "等待连接 {} → {} 消失（已复位）", from, to),
        );
        let deadline = std::time::Instant::now() + within;
        while tcp_connection_listed(from, to) {
            if std::time::Instant::now() >= deadline {
                return Err(Stop::fail(
                    msg!("the connection {} → {} was still open after {} ms", from, to, within.as_millis();
                                           "{} 毫秒后连接 {} → {} 仍然存在", within.as_millis(), from, to),
                ));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }

    /// A TCP connection to `addr` is refused: nothing listens there.
    pub fn expect_refused(&self, addr: SocketAddr) -> Outcome {
        self.step(
            msg!("connect to {}, expecting \"connection refused\"", addr;
                       "连接 {}，预期“连接被拒绝”", addr),
        );
        match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
            Err(e) if e.kind() == ErrorKind::ConnectionRefused => Ok(()),
            Ok(stream) => {
                let local = stream
                    .local_addr()
                    .map(|a| a.to_string())
                    .unwrap_or_default();
                Err(Stop::mismatch(
                    msg!("something accepted a connection on {}, where nothing should listen", addr;
                         "{} 上本不该有程序监听，却接受了连接", addr),
                    "connection refused",
                    msg!("connected (from {})", local; "已连接（来自 {}）", local),
                ))
            }
            Err(e) => Err(Stop::mismatch(
                msg!("connecting to {} failed in an unexpected way", addr; "连接 {} 以意料之外的方式失败", addr),
                "connection refused",
                e.to_string(),
            )),
        }
    }
}

/// `addr`, printed by a program asked to bind 127.0.0.1:0, is what the OS
/// really bound: 127.0.0.1 and the port it chose (never 0).
pub fn expect_os_chosen(addr: SocketAddr) -> Outcome {
    if addr.port() != 0 && addr.ip() == Ipv4Addr::LOCALHOST {
        return Ok(());
    }
    Err(Stop::mismatch(
        msg!("the printed address is not the one the OS bound"; "打印的地址不是操作系统实际绑定的地址"),
        "127.0.0.1 and a non-zero port",
        addr.to_string(),
    ))
}

/// An IPv4 address as `/proc/net/tcp` and `/proc/net/udp` print it: the raw
/// 32-bit word in host order, then the port, in hex; `None` for IPv6.
pub(super) fn proc_net_addr(addr: SocketAddr) -> Option<String> {
    let SocketAddr::V4(v4) = addr else {
        return None;
    };
    Some(format!(
        "{:08X}:{:04X}",
        u32::from_ne_bytes(v4.ip().octets()),
        v4.port()
    ))
}

/// The TCP sockets on the local IPv4 address `addr` that `/proc/net/tcp`
/// lists: how many a process still holds (an inode other than 0), and how
/// many only the kernel keeps (closed connections in TIME_WAIT and the
/// other closing states: inode 0). `None` for IPv6 or without `/proc`.
fn tcp_sockets_on(addr: SocketAddr) -> Option<(usize, usize)> {
    let local = proc_net_addr(addr)?;
    let table = std::fs::read_to_string("/proc/net/tcp").ok()?;
    let inodes = table.lines().skip(1).filter_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        (fields.get(1) == Some(&local.as_str())).then(|| fields.get(9) == Some(&"0"))
    });
    let (mut held, mut kept) = (0, 0);
    for kernel_only in inodes {
        if kernel_only {
            kept += 1;
        } else {
            held += 1;
        }
    }
    Some((held, kept))
}

/// Whether `/proc/net/tcp` lists an IPv4 connection from `from` to `to`
/// (in any state).
fn tcp_connection_listed(from: SocketAddr, to: SocketAddr) -> bool {
    let (Some(from), Some(to)) = (proc_net_addr(from), proc_net_addr(to)) else {
        return false;
    };
    // thread-self: the check's thread may live in a namespace of its own
    // (`/proc/net` is the namespace of the process's main thread).
    let table = std::fs::read_to_string("/proc/thread-self/net/tcp").unwrap_or_default();
    table.lines().skip(1).any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        fields.get(1) == Some(&from.as_str()) && fields.get(2) == Some(&to.as_str())
    })
}
