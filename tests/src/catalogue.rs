//! The behaviour catalogue and the list of exercises.
//!
//! Each behaviour is one testable claim of the notes (section numbers are the
//! notes' own headings), with what is really true on Linux. `docs/behaviours.md`
//! explains each in prose; a test keeps the two lists equal, and the
//! coverage check fails when a behaviour marked for an exercise has no check
//! there, or a check names a behaviour that does not exist.

use crate::check::Exercise;
use crate::exercises;
use crate::text::Text;

/// One testable claim.
pub struct Behaviour {
    pub id: &'static str,
    pub section: &'static str,
    /// The claim in a few words, in every language.
    pub claim: Text,
    /// The exercises (two-digit ids) that must have a check of it; empty
    /// where nothing can observe it on loopback.
    pub checked_in: &'static [&'static str],
}

const fn b(
    id: &'static str,
    section: &'static str,
    en: &'static str,
    zh: &'static str,
    checked_in: &'static [&'static str],
) -> Behaviour {
    Behaviour {
        id,
        section,
        claim: Text { en, zh },
        checked_in,
    }
}

pub static BEHAVIOURS: &[Behaviour] = &[
    b(
        "U1",
        "§1.1",
        "UDP needs no connection before sending",
        "UDP 发送前不需要建立连接",
        &["01"],
    ),
    b(
        "U2",
        "§1.1",
        "a UDP sender cannot tell whether its datagram arrived",
        "UDP 发送方无法得知数据报是否到达",
        &["01"],
    ),
    b(
        "U3",
        "§1.1",
        "UDP may lose datagrams (a full receive buffer drops them)",
        "UDP 可能丢失数据报（接收缓冲区满时会丢弃）",
        &["03"],
    ),
    b(
        "U4",
        "§1.1",
        "one UDP socket can send to many receivers",
        "一个 UDP 套接字可以发给多个接收方",
        &["01"],
    ),
    b(
        "T1",
        "§1.2",
        "TCP connects before it sends; no listener means connection refused",
        "TCP 先连接再发送；没有监听者时连接被拒绝",
        &["04"],
    ),
    b(
        "T2",
        "§1.2",
        "a TCP conversation is established, used, then ended",
        "TCP 通信要经过建立连接、传输数据、断开连接",
        &["05"],
    ),
    b(
        "T3",
        "§1.2",
        "a TCP connection joins exactly two endpoints",
        "一个 TCP 连接恰好连接两个端点",
        &["06"],
    ),
    b(
        "T4",
        "§1.2",
        "TCP delivers every byte despite packet loss",
        "即使丢包，TCP 也能送达每一个字节",
        &["07"],
    ),
    b(
        "T5",
        "§1.2",
        "TCP delivers bytes in order, without duplicates",
        "TCP 按顺序送达字节，没有重复",
        &["07"],
    ),
    b(
        "T6",
        "§1.2",
        "TCP checksums its segments (cannot be forced on loopback)",
        "TCP 对报文段做校验和（回环上无法强制出错）",
        &[],
    ),
    b(
        "T7",
        "§1.2",
        "TCP flow control stops a fast sender from overrunning a slow reader",
        "TCP 流量控制使快的发送方不会淹没慢的接收方",
        &["07"],
    ),
    b(
        "D1",
        "§1.3",
        "TCP is a byte stream; UDP keeps message boundaries",
        "TCP 是字节流；UDP 保留消息边界",
        &["01", "02", "04"],
    ),
    b(
        "D2",
        "§1.3",
        "UDP peers are symmetric: one socket both sends and receives",
        "UDP 双方是对等的：同一个套接字既发又收",
        &["08"],
    ),
    b(
        "D3",
        "§1.3",
        "sockets are full duplex",
        "套接字是全双工的",
        &["08"],
    ),
    b(
        "A1",
        "§2",
        "an IPv4 address is four octets of 0-255",
        "IPv4 地址是四个 0–255 的数",
        &["00"],
    ),
    b(
        "A2",
        "§2",
        "an address has a network part and a host part",
        "地址分为网络部分和主机部分",
        &["00"],
    ),
    b(
        "A3",
        "§2",
        "hosts on one LAN share the network part",
        "同一局域网中的主机网络号相同",
        &["00"],
    ),
    b(
        "A4",
        "§2",
        "classes A-E by the first octet",
        "按第一段划分 A–E 类",
        &["00"],
    ),
    b(
        "A5",
        "§2",
        "the private ranges 10/8, 172.16/12, 192.168/16",
        "私有地址段 10/8、172.16/12、192.168/16",
        &["00"],
    ),
    b(
        "A6",
        "§2",
        "all of 127.0.0.0/8 is this host",
        "整个 127.0.0.0/8 都指本机",
        &["00"],
    ),
    b(
        "A7",
        "§2",
        "IPv6 link-local fe80::/10 with a zone index",
        "IPv6 链路本地地址 fe80::/10 及其区域索引",
        &["00"],
    ),
    b(
        "A8",
        "§2",
        "IPv4 exhaustion and IPv5 (history, not observable)",
        "IPv4 地址耗尽与 IPv5（历史，无法观察）",
        &[],
    ),
    b(
        "P1",
        "§3",
        "ports are 0-65535; port 0 asks the OS to choose",
        "端口为 0–65535；端口 0 表示由操作系统选择",
        &["00", "03"],
    ),
    b(
        "P2",
        "§3",
        "well-known ports 0-1023 need privilege to bind",
        "0–1023 为知名端口，绑定需要特权",
        &["00", "03"],
    ),
    b(
        "P3",
        "§3",
        "registered 1024-49151, dynamic 49152-65535; the kernel's ephemeral range",
        "注册端口 1024–49151，动态端口 49152–65535；内核的临时端口范围",
        &["00"],
    ),
    b(
        "P4",
        "§3",
        "the OS gives a port when one is needed and frees it on close",
        "程序需要时操作系统分配端口，关闭时收回",
        &["01"],
    ),
    b(
        "P5",
        "§3",
        "a client talks from an ephemeral port to the server's fixed one",
        "客户端从临时端口连到服务器的固定端口",
        &["03", "05"],
    ),
    b(
        "S1",
        "§4",
        "sockets are made for a family and a type (design, not observable)",
        "套接字按地址族和类型创建（设计层面，无法观察）",
        &[],
    ),
    b(
        "S2",
        "§4",
        "a socket is created, used, then closed like a file",
        "套接字像文件一样创建、使用、关闭",
        &["05"],
    ),
    b(
        "S3",
        "§4",
        "an unbound UDP socket gets a port from the OS at its first send",
        "未绑定的 UDP 套接字在第一次发送时由操作系统分配端口",
        &["01"],
    ),
    b(
        "S4",
        "§4",
        "a bound port receives what is sent to it; no one else can bind it",
        "绑定的端口接收发给它的数据；别人不能再绑定它",
        &["02", "03", "05", "08"],
    ),
    b(
        "S5",
        "§4",
        "simplex, half duplex, full duplex; sockets are full duplex",
        "单工、半双工、全双工；套接字是全双工的",
        &["08"],
    ),
    b(
        "C1",
        "§5.1",
        "a TCP client normally does not bind",
        "TCP 客户端通常不绑定",
        &["04", "05"],
    ),
    b(
        "C2",
        "§5.1",
        "a TCP server binds, listens, accepts, talks, closes",
        "TCP 服务器要 bind、listen、accept、收发、close",
        &["05"],
    ),
    b(
        "C3",
        "§5.1",
        "listen makes a socket passive: it accepts connections",
        "listen 使套接字变为被动：它接受连接",
        &["05"],
    ),
    b(
        "C4",
        "§5.1",
        "accept returns a new socket; the listener keeps listening",
        "accept 返回新的套接字；监听套接字继续监听",
        &["06"],
    ),
    b(
        "C5",
        "§5.1",
        "closing the listener stops new clients, not connected ones",
        "关闭监听套接字只阻止新客户端，不影响已连接的",
        &["06"],
    ),
    b(
        "C6",
        "§5.1",
        "closing the accepted socket ends that client's service",
        "关闭 accept 得到的套接字即结束对该客户端的服务",
        &["05"],
    ),
    b(
        "C7",
        "§5.1",
        "recv returning 0 bytes means the peer closed",
        "recv 返回 0 字节表示对方已关闭",
        &["05", "06"],
    ),
    b(
        "C8",
        "§5.2",
        "a looping server serves clients one at a time",
        "循环服务器一次服务一个客户端",
        &["06"],
    ),
    b(
        "C9",
        "§5.1",
        "both ends must agree on the text encoding",
        "双方必须约定文本编码",
        &["04", "05"],
    ),
    b(
        "C10",
        "§5.1",
        "a restarted server can bind its port again at once",
        "重启的服务器能立即重新绑定端口",
        &["05"],
    ),
    b(
        "F1",
        "§5.3",
        "the client names a file; the server sends its bytes; the client saves them",
        "客户端发送文件名，服务器发送文件内容，客户端保存",
        &["07"],
    ),
    b(
        "F2",
        "§5.3",
        "a missing file is reported and nothing is saved",
        "文件不存在时给出说明且不保存任何文件",
        &["07"],
    ),
    b(
        "F3",
        "§5.3",
        "files of any size arrive whole",
        "任意大小的文件都完整到达",
        &["07"],
    ),
    b(
        "F4",
        "§5.3",
        "binary files arrive byte-exact",
        "二进制文件逐字节一致",
        &["07"],
    ),
    b(
        "F5",
        "§5.3",
        "an empty file is not a missing file",
        "空文件不等于不存在的文件",
        &["07"],
    ),
    b(
        "F6",
        "§5.3",
        "the server serves only inside its root",
        "服务器只提供根目录内的文件",
        &["07"],
    ),
    b(
        "F7",
        "§5.3",
        "a broken transfer leaves no half file",
        "传输中断不留下半个文件",
        &["07"],
    ),
    b(
        "F8",
        "§5.3",
        "memory stays flat whatever the file size",
        "无论文件多大，内存占用保持平稳",
        &["07"],
    ),
    b(
        "F9",
        "§5.3",
        "file names may be Chinese",
        "文件名可以是中文",
        &["07"],
    ),
];

/// Every exercise, in order.
pub static EXERCISES: &[&Exercise] = &[
    &exercises::ex00::EXERCISE,
    &exercises::ex01::EXERCISE,
    &exercises::ex02::EXERCISE,
    &exercises::ex03::EXERCISE,
    &exercises::ex04::EXERCISE,
    &exercises::ex05::EXERCISE,
    &exercises::ex06::EXERCISE,
    &exercises::ex07::EXERCISE,
    &exercises::ex08::EXERCISE,
];

pub fn behaviour(id: &str) -> Option<&'static Behaviour> {
    BEHAVIOURS.iter().find(|b| b.id == id)
}

/// Find an exercise by what a learner types: `exercise-05`, `05`, `5`, `ex05`, `05-tcp-server`.
pub fn exercise(handle: &str) -> Option<&'static Exercise> {
    let digits: String = handle
        .trim_start_matches("exercise-")
        .trim_start_matches("ex")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let n: u32 = digits.parse().ok()?;
    EXERCISES
        .iter()
        .copied()
        .find(|e| e.id.parse::<u32>() == Ok(n))
}

/// Behaviours marked for `exercise` that none of its checks names.
pub fn uncovered(exercise: &Exercise) -> Vec<&'static str> {
    BEHAVIOURS
        .iter()
        .filter(|b| b.checked_in.contains(&exercise.id))
        .filter(|b| !exercise.checks.iter().any(|c| c.behaviour == b.id))
        .map(|b| b.id)
        .collect()
}
