//! The course: the one order the exercises are taken in, what each one
//! teaches, and how far along the learner is. `cargo xtask`, `list`,
//! `next`, `watch` and the README all follow this order.
//!
//! The order is the notes' own: addresses and ports (§2, §3) before any
//! socket, UDP (§4) before TCP (§5), the chat last because it joins sending
//! and receiving on one socket. It is the exercises' numbering, so the
//! number a learner sees is also where they are.

use crate::state::{Progress, State};
use netlings_suite::catalogue::EXERCISES;
use netlings_suite::check::Exercise;
use netlings_suite::text::{Lang, Text};

/// Every exercise, in the course's order.
pub fn order() -> &'static [&'static Exercise] {
    EXERCISES
}

/// Whether the last check of an exercise passed every check.
pub fn is_done(progress: Option<&Progress>) -> bool {
    progress.is_some_and(|p| !p.compile_error && p.failing.is_empty() && p.total > 0)
}

/// The first exercise not done, in course order.
pub fn next(state: &State) -> Option<&'static Exercise> {
    order()
        .iter()
        .copied()
        .find(|e| !is_done(state.exercises.get(e.id)))
}

/// The exercise to move on to after `current`: the next one not done
/// after it in course order, then any earlier one still not done.
pub fn after(current: &Exercise, state: &State) -> Option<&'static Exercise> {
    let at = order().iter().position(|e| e.id == current.id).unwrap_or(0);
    let (before, rest) = order().split_at(at + 1);
    rest.iter()
        .chain(before)
        .copied()
        .find(|e| e.id != current.id && !is_done(state.exercises.get(e.id)))
}

/// How many exercises are done.
pub fn done_count(state: &State) -> usize {
    order()
        .iter()
        .filter(|e| is_done(state.exercises.get(e.id)))
        .count()
}

/// `progress ███░░░░░░ 3/9 done`.
pub fn bar(state: &State, lang: Lang) -> String {
    let done = done_count(state);
    let total = order().len();
    PROGRESS
        .get(lang)
        .replace(
            "{bar}",
            &format!("{}{}", "█".repeat(done), "░".repeat(total - done)),
        )
        .replace("{n}", &done.to_string())
        .replace("{total}", &total.to_string())
}

const PROGRESS: Text = Text {
    en: "progress {bar} {n}/{total} done",
    zh: "进度 {bar} 已完成 {n}/{total}",
};

/// The notes' guide to a section, in the learner's language:
/// `docs/notes/5.1.md` for `§5.1`.
pub fn guide(section: &str, lang: Lang) -> String {
    netlings_suite::report::guide(section, lang)
}

/// What finishing an exercise taught, in a sentence or two.
pub fn learnt(exercise: &Exercise) -> Text {
    match exercise.id {
        "00" => Text {
            en: "An IPv4 address is four 8-bit numbers (0-255, not 1-256); a prefix splits it into a network number that hosts on one LAN share and a host number; a port is 16 bits, in three IANA ranges.",
            zh: "IPv4 地址是四个 8 位数（0-255，不是 1-256）；前缀把它分成同一局域网内主机共有的网络号和各自的主机号；端口是 16 位数，IANA 把它分成三段。",
        },
        "01" => Text {
            en: "A UDP socket sends without binding: the OS lends it an ephemeral port, and every send is one whole datagram.",
            zh: "UDP 套接字不绑定也能发送：操作系统临时分配一个端口，每次发送就是一个完整的数据报。",
        },
        "02" => Text {
            en: "To receive you bind a fixed address; each receive returns one datagram and who sent it, and bytes need not be UTF-8.",
            zh: "要接收就得绑定固定地址；每次接收得到一个数据报和发送者的地址，而且字节不一定是 UTF-8。",
        },
        "03" => Text {
            en: "A UDP server keeps one fixed port and answers each datagram at the address it came from.",
            zh: "UDP 服务器使用固定端口，并按数据报的来源地址逐一回复。",
        },
        "04" => Text {
            en: "A TCP client connects first; the connection is a stream of bytes, so a reply may come in pieces and ends when the server closes.",
            zh: "TCP 客户端要先连接；连接传输的是字节流，回复可能分几次到达，服务器关闭时才算结束。",
        },
        "05" => Text {
            en: "A TCP server binds, listens and accepts: the listening socket only takes connections, the accepted one talks to one client.",
            zh: "TCP 服务器要 bind、listen、accept：监听套接字只接受连接，accept 返回的套接字才和一个客户端通信。",
        },
        "06" => Text {
            en: "A server that loops on accept serves client after client; one client leaving (even rudely) must not end the server.",
            zh: "循环调用 accept 的服务器一个接一个地服务客户端；某个客户端离开（哪怕是异常断开）都不能让服务器退出。",
        },
        "07" => Text {
            en: "A file over TCP needs an end the client can trust: every byte in order, any size, binary or empty, and a clear answer when the file is missing.",
            zh: "通过 TCP 传文件需要客户端能确认的结尾：所有字节按序到达，任何大小、二进制或空文件都行，文件不存在时要给出明确答复。",
        },
        "08" => Text {
            en: "One UDP socket is full duplex: sending and receiving at the same time takes two threads (or polling) on one socket.",
            zh: "一个 UDP 套接字是全双工的：同时收发需要在同一个套接字上用两个线程（或轮询）。",
        },
        _ => Text { en: "", zh: "" },
    }
}

/// The exercise being worked on: the one checked last while it is not
/// done, otherwise the next one not done in course order. What `check`,
/// `hint` and `watch` mean without an exercise named.
pub fn current(state: &State) -> Option<&'static Exercise> {
    state
        .last
        .as_deref()
        .and_then(|id| order().iter().copied().find(|e| e.id == id))
        .filter(|e| !is_done(state.exercises.get(e.id)))
        .or_else(|| next(state))
}
