//! The capture itself: a private network namespace for the check's thread,
//! its loopback brought up, and an `AF_PACKET` socket on that loopback read
//! by a thread of its own into a bounded ring.

use super::KEEP;
use crate::msg;
use crate::text::Msg;
use std::collections::VecDeque;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How many bytes of each packet are kept: the IP and TCP/UDP headers and a
/// few dozen bytes of payload (the diagram shows fewer still).
pub const SNAP: usize = 128;

/// Linux's `PACKET_IGNORE_OUTGOING` (4.20): a loopback packet is seen once
/// as it leaves and once as it arrives; keep only its arrival. A packet the
/// packet-loss rule drops on input has still arrived here, so lost packets
/// and their retransmissions are both in the capture.
const PACKET_IGNORE_OUTGOING: libc::c_int = 23;
/// `SIOCGSTAMPNS`: when the kernel received the packet last read (the
/// reader thread may get to it later).
const SIOCGSTAMPNS: libc::c_ulong = 0x8907;

/// One packet as it arrived on the loopback: an IP packet, cut to [`SNAP`].
#[derive(Clone, Debug)]
pub struct Packet {
    /// Since the check began.
    pub at: Duration,
    /// Its whole length on the wire (the IP packet).
    pub len: u32,
    /// Its first bytes.
    pub data: Vec<u8>,
}

/// A check's conversation: the first and last [`KEEP`] packets.
#[derive(Clone, Debug, Default)]
pub struct Capture {
    /// When the check began (the time of packets in a pcap file).
    pub began: Option<SystemTime>,
    /// The first packets, in order.
    pub head: Vec<Packet>,
    /// The last packets, in order (after `left_out` more that were not kept).
    pub tail: Vec<Packet>,
    /// Packets between `head` and `tail` that were counted but not kept.
    pub left_out: u64,
    /// Packets the kernel could not hand to the capture (its buffer was full).
    pub missed: u64,
    /// When the check's body ended and the harness began stopping programs.
    pub stopped_at: Option<Duration>,
}

impl Capture {
    /// Every kept packet, in order.
    pub fn packets(&self) -> impl Iterator<Item = &Packet> {
        self.head.iter().chain(&self.tail)
    }

    /// How many packets were kept.
    pub fn len(&self) -> usize {
        self.head.len() + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the check thread sends itself over the loopback when its body ends
/// (followed by a number of its own): the capture reads packets in the order
/// they crossed the loopback, so everything before this marker happened
/// before the body ended, whatever the timestamps say (on a loaded machine
/// the kernel may stamp a packet late, when the reader gets to it).
const STOP_MARKER: &[u8] = b"netlings: the check's body ended ";

#[derive(Default)]
struct Kept {
    head: Vec<Packet>,
    tail: VecDeque<Packet>,
    left_out: u64,
    stopped_at: Option<Duration>,
    /// The marker this capture waits for, once sent; then whether it came.
    marker: Option<Vec<u8>>,
    marked: bool,
    /// The latest time given to a packet, so times never go backwards.
    latest: Duration,
}

impl Kept {
    /// Take a packet read from the loopback: the stop marker sets the stop
    /// just after every packet before it; times never decrease, so the
    /// packets after the stop are all at or after it.
    fn take(&mut self, mut packet: Packet) {
        if !self.marked
            && let Some(marker) = &self.marker
            && packet
                .data
                .windows(marker.len())
                .any(|w| w == marker.as_slice())
        {
            self.marked = true;
            let stop = self.latest + Duration::from_nanos(1);
            self.stopped_at = Some(stop);
            self.latest = stop;
            return;
        }
        packet.at = packet.at.max(self.latest);
        self.latest = packet.at;
        self.push(packet);
    }

    fn push(&mut self, packet: Packet) {
        if self.head.len() < KEEP {
            self.head.push(packet);
            return;
        }
        if self.tail.len() == KEEP {
            self.tail.pop_front();
            self.left_out += 1;
        }
        self.tail.push_back(packet);
    }
}

/// An `AF_PACKET` socket on the loopback of the calling thread's new
/// namespace, not yet read.
pub struct Ring {
    fd: OwnedFd,
}

/// The same, read by a thread of its own.
pub struct Running {
    kept: Arc<Mutex<Kept>>,
    stop: Arc<AtomicBool>,
    reader: JoinHandle<u64>,
    began: SystemTime,
}

impl Ring {
    /// Move the calling thread into a new network namespace with its
    /// loopback up and open the capture socket there. On failure the thread
    /// is back in the namespace it came from.
    pub fn open() -> Result<Ring, Msg> {
        let why = |what: &str, e: io::Error| {
            msg!("the packets cannot be captured here ({}: {}); the checks run without --wire", what, e;
                 "此处无法抓包（{}：{}）；检查将不带 --wire 运行", what, e)
        };
        let home = std::fs::File::open("/proc/thread-self/ns/net")
            .map_err(|e| why("/proc/thread-self/ns/net", e))?;
        // SAFETY: CLONE_NEWNET only changes which network stack this
        // thread's future sockets and children use (see harness/netns.rs).
        if unsafe { libc::unshare(libc::CLONE_NEWNET) } != 0 {
            return Err(why("unshare(CLONE_NEWNET)", io::Error::last_os_error()));
        }
        let opened = loopback_up()
            .map_err(|e| why("bring up lo", e))
            .and_then(|()| packet_socket().map_err(|e| why("AF_PACKET socket on lo", e)));
        if opened.is_err() {
            // SAFETY: `home` is a namespace file; setns only moves this thread back.
            unsafe { libc::setns(home.as_raw_fd(), libc::CLONE_NEWNET) };
        }
        opened.map(|fd| Ring { fd })
    }

    /// Start reading packets, timed from `began` (the wall clock, as the
    /// kernel stamps packets).
    pub fn start(self, began: SystemTime) -> Running {
        let kept = Arc::new(Mutex::new(Kept::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (k, s) = (Arc::clone(&kept), Arc::clone(&stop));
        let fd = self.fd;
        let reader = std::thread::Builder::new()
            .name("wire".into())
            .spawn(move || read_until_stopped(&fd, began, &k, &s))
            .expect("a thread for the capture");
        Running {
            kept,
            stop,
            reader,
            began,
        }
    }
}

impl Running {
    /// The check's body has ended at `at`: send the stop marker over the
    /// loopback (the calling thread is in the capture's namespace) and,
    /// until the marker is read, take `at` as the stop.
    pub fn mark_stop(&self, at: Duration) {
        let mut marker = STOP_MARKER.to_vec();
        marker.extend_from_slice(&fastrand::u64(..).to_le_bytes());
        {
            let mut kept = lock(&self.kept);
            if !kept.marked {
                kept.stopped_at = Some(at);
            }
            kept.marker = Some(marker.clone());
        }
        // To itself: no one else receives it, and no ICMP answer is made.
        if let Ok(socket) = std::net::UdpSocket::bind("127.0.0.1:0")
            && let Ok(own) = socket.local_addr()
        {
            let _ = socket.send_to(&marker, own);
        }
    }

    /// Stop reading (after what is already queued) and hand the ring over.
    pub fn finish(self) -> Capture {
        self.stop.store(true, Ordering::SeqCst);
        let missed = self.reader.join().unwrap_or(0);
        let kept = std::mem::take(&mut *lock(&self.kept));
        Capture {
            began: Some(self.began),
            head: kept.head,
            tail: kept.tail.into(),
            left_out: kept.left_out,
            missed,
            stopped_at: kept.stopped_at,
        }
    }
}

fn lock(kept: &Mutex<Kept>) -> std::sync::MutexGuard<'_, Kept> {
    kept.lock().unwrap_or_else(|e| e.into_inner())
}

/// Read packets until told to stop, then what is still queued; return how
/// many the kernel dropped for want of room.
fn read_until_stopped(
    fd: &OwnedFd,
    began: SystemTime,
    kept: &Mutex<Kept>,
    stop: &AtomicBool,
) -> u64 {
    let mut buf = [0u8; SNAP];
    loop {
        let stopping = stop.load(Ordering::SeqCst);
        let flags = libc::MSG_TRUNC | if stopping { libc::MSG_DONTWAIT } else { 0 };
        let mut from: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
        let mut from_len = size_of::<libc::sockaddr_ll>() as libc::socklen_t;
        // SAFETY: buf and from are valid for the lengths given.
        let n = unsafe {
            libc::recvfrom(
                fd.as_raw_fd(),
                buf.as_mut_ptr().cast(),
                buf.len(),
                flags,
                (&raw mut from).cast(),
                &mut from_len,
            )
        };
        if n < 0 {
            let e = io::Error::last_os_error();
            match e.kind() {
                io::ErrorKind::Interrupted => continue,
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut if !stopping => continue,
                _ => break,
            }
        }
        // Older kernels ignore PACKET_IGNORE_OUTGOING: drop the copy of a
        // packet leaving the loopback here instead.
        if from.sll_pkttype == libc::PACKET_OUTGOING {
            continue;
        }
        let len = n as usize;
        let mut stamp = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: stamp is a valid timespec for the ioctl to fill.
        let stamped = unsafe { libc::ioctl(fd.as_raw_fd(), SIOCGSTAMPNS as _, &mut stamp) } == 0;
        let when = if stamped {
            UNIX_EPOCH + Duration::new(stamp.tv_sec as u64, stamp.tv_nsec as u32)
        } else {
            SystemTime::now()
        };
        lock(kept).take(Packet {
            at: when.duration_since(began).unwrap_or_default(),
            len: len as u32,
            data: buf[..len.min(SNAP)].to_vec(),
        });
    }
    dropped(fd)
}

/// `PACKET_STATISTICS`: packets the kernel dropped before the reader saw them.
fn dropped(fd: &OwnedFd) -> u64 {
    let mut stats: libc::tpacket_stats = unsafe { std::mem::zeroed() };
    let mut len = size_of::<libc::tpacket_stats>() as libc::socklen_t;
    // SAFETY: stats is valid for len bytes.
    let ok = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            libc::SOL_PACKET,
            libc::PACKET_STATISTICS,
            (&raw mut stats).cast(),
            &mut len,
        )
    };
    if ok == 0 {
        u64::from(stats.tp_drops)
    } else {
        0
    }
}

/// `ip link set lo up`, without starting `ip` for every check.
fn loopback_up() -> io::Result<()> {
    // SAFETY: plain socket/ioctl calls on a zeroed ifreq naming "lo".
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let fd = OwnedFd::from_raw_fd(fd);
        let mut req: libc::ifreq = std::mem::zeroed();
        for (dst, src) in req.ifr_name.iter_mut().zip(b"lo\0") {
            *dst = *src as libc::c_char;
        }
        if libc::ioctl(fd.as_raw_fd(), libc::SIOCGIFFLAGS, &mut req) < 0 {
            return Err(io::Error::last_os_error());
        }
        req.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
        if libc::ioctl(fd.as_raw_fd(), libc::SIOCSIFFLAGS, &mut req) < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// An `AF_PACKET` datagram socket (IP packets, no link header) bound to lo.
fn packet_socket() -> io::Result<OwnedFd> {
    let all = (libc::ETH_P_ALL as u16).to_be();
    // SAFETY: plain socket calls; every pointer is to a live local.
    unsafe {
        let fd = libc::socket(
            libc::AF_PACKET,
            libc::SOCK_DGRAM | libc::SOCK_CLOEXEC,
            i32::from(all),
        );
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let fd = OwnedFd::from_raw_fd(fd);
        let index = libc::if_nametoindex(c"lo".as_ptr());
        if index == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut at: libc::sockaddr_ll = std::mem::zeroed();
        at.sll_family = libc::AF_PACKET as u16;
        at.sll_protocol = all;
        at.sll_ifindex = index as i32;
        let bound = libc::bind(
            fd.as_raw_fd(),
            (&raw const at).cast(),
            size_of::<libc::sockaddr_ll>() as libc::socklen_t,
        );
        if bound < 0 {
            return Err(io::Error::last_os_error());
        }
        let set = |level, name, value: libc::c_int| {
            libc::setsockopt(
                fd.as_raw_fd(),
                level,
                name,
                (&raw const value).cast(),
                size_of::<libc::c_int>() as libc::socklen_t,
            )
        };
        set(libc::SOL_PACKET, PACKET_IGNORE_OUTGOING, 1);
        // The kernel stamps a packet as it arrives only while some socket
        // asks for timestamps; asked for only at the first SIOCGSTAMPNS,
        // packets before it would be stamped when the reader got to them
        // (late, on a loaded machine: after the check had ended).
        set(libc::SOL_SOCKET, libc::SO_TIMESTAMPNS, 1);
        // Room for a burst (a file transfer) while the reader is not
        // scheduled; beyond it the kernel counts what it dropped.
        if set(libc::SOL_SOCKET, libc::SO_RCVBUFFORCE, 8 << 20) != 0 {
            set(libc::SOL_SOCKET, libc::SO_RCVBUF, 8 << 20);
        }
        // The reader wakes this often to see whether it should stop.
        let tick = libc::timeval {
            tv_sec: 0,
            tv_usec: 20_000,
        };
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVTIMEO,
            (&raw const tick).cast(),
            size_of::<libc::timeval>() as libc::socklen_t,
        );
        Ok(fd)
    }
}
