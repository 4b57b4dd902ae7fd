//! Addresses of a check's own: all of 127.0.0.0/8 is this host, so a check
//! that needs a given port (a server started on a fixed address, a port
//! nobody listens on) takes a loopback IP no other check is likely to use
//! and a port the OS has just confirmed free on it. Parallel checks never
//! collide on the notes' fixed ports, and no check relies on luck.

use super::Test;
use crate::check::Stop;
use crate::msg;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

impl Test {
    /// A UDP address of this check's own: a unique 127.x.y.z and a port the
    /// OS chose as free on it (the suite binds port 0 there, reads the port,
    /// and lets it go). Give it to a program as the address to bind, or send
    /// to it as a port nobody listens on.
    pub fn free_udp_addr(&self) -> Result<SocketAddr, Stop> {
        let ip = unique_loopback_ip();
        let socket = UdpSocket::bind((ip, 0)).map_err(|e| {
            Stop::fail(
                msg!("the suite could not bind a UDP socket on {}: {}", ip, e;
                            "评测程序无法在 {} 上绑定 UDP 套接字：{}", ip, e),
            )
        })?;
        let addr = socket.local_addr().map_err(|e| {
            Stop::fail(msg!("the suite could not read its own address: {}", e;
                            "评测程序无法读取自己的地址：{}", e))
        })?;
        drop(socket);
        self.step(msg!("the suite picks {}, an address nobody uses (a loopback IP of its own, a port the OS found free)", addr;
                       "评测程序选出 {}：一个无人使用的地址（专用的回环 IP，操作系统确认空闲的端口）", addr));
        Ok(addr)
    }
}

/// A 127.x.y.z that differs between processes and between calls: never
/// 127.0.0.x (where everything else runs), never a .0 or .255 last octet.
pub fn unique_loopback_ip() -> Ipv4Addr {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as u64);
    let mut h = u64::from(std::process::id()) ^ (n << 32) ^ nanos.rotate_left(21);
    // splitmix64: spread the bits so neighbouring pids land far apart.
    h = h.wrapping_add(0x9E37_79B9_7F4A_7C15);
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^= h >> 31;
    let second = 1 + (h % 254) as u8;
    let third = (h >> 8) as u8;
    let fourth = 1 + ((h >> 16) % 254) as u8;
    Ipv4Addr::new(127, second, third, fourth)
}
