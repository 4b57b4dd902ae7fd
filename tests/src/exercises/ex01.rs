//! Exercise 01, the UDP client of §1.1 and §4: no bind, no connection;
//! each line typed is one datagram `sendto` a destination.

use super::shared;
use crate::harness::{EXIT_ENDINGS, Edge, Proc, UdpPeer};
use crate::prelude::*;
use std::net::SocketAddr;

pub static EXERCISE: Exercise = Exercise {
    id: "01",
    slug: "udp-send",
    title: Text {
        en: "UDP sender: datagrams without binding",
        zh: "UDP 发送端：不绑定端口发送数据报",
    },
    sections: "§1.1, §4",
    exercise_package: "ex01-udp-send",
    solution_package: "sol01-udp-send",
    programs: &[Program {
        key: "01",
        role: Text {
            en: "the sender",
            zh: "发送端",
        },
        exercise_bin: "ex01-udp-send",
        solution_bin: "sol01-udp-send",
    }],
    checks: &[
        &SENDS_A_DATAGRAM_WITHOUT_A_CONNECTION,
        &SENDING_TO_A_PORT_NOBODY_LISTENS_ON_STILL_SUCCEEDS,
        &ONE_SOCKET_REACHES_TWO_RECEIVERS,
        &REPORTS_THE_PORT_THE_OS_CHOSE,
        &SENDS_EVERY_DATAGRAM_FROM_ONE_PORT,
        &EACH_RUNNING_SENDER_GETS_ITS_OWN_PORT,
        &SENDS_EACH_LINE_AS_ITS_OWN_DATAGRAM,
        &SENDS_THE_LINE_WITHOUT_ITS_NEWLINE,
        &SENDS_AN_EMPTY_LINE_AS_AN_EMPTY_DATAGRAM,
        &KEEPS_CHINESE_TEXT_BYTE_EXACT,
        &SENDS_THE_LARGEST_DATAGRAM_WHOLE,
        &STOPS_AT_EXIT_WITHOUT_SENDING_IT,
        &STOPS_AT_EXIT_WHATEVER_ITS_LINE_ENDING,
        &REJECTS_A_MALFORMED_DESTINATION,
        &SENDS_AWKWARD_LINES_EXACTLY_AS_TYPED,
        &REFUSES_A_LINE_LONGER_THAN_A_DATAGRAM,
        &SENDS_TO_THE_NOTES_SERVER_BY_DEFAULT,
        &shared::REFUSES_AN_ARGUMENT_THAT_IS_NOT_UTF8,
        &TAKES_ITS_PORT_FROM_THE_EPHEMERAL_RANGE,
    ],
    clauses: CLAUSES,
};

/// The promises of this exercise's README contract (see `crate::clause`).
static CLAUSES: &[Clause] = &[
    clause(
        "01.destinations",
        "Every argument is a destination (default 127.0.0.1:7852); each line goes to each, in the order given.",
        "每个参数都是一个目的地址（默认 127.0.0.1:7852）；每一行按给定顺序发给每个目的地址。",
        &[
            "one_socket_reaches_two_receivers",
            "sends_to_the_notes_server_by_default",
        ],
    ),
    clause(
        "01.usage",
        "A destination that is not IP:PORT, or an argument that is not UTF-8: exit 2 and one sentence.",
        "目的地址不是 IP:PORT，或参数不是 UTF-8：以 2 退出并输出一句话。",
        &[
            "rejects_a_malformed_destination",
            "refuses_an_argument_that_is_not_utf8",
        ],
    ),
    clause(
        "01.socket",
        "One UDP socket for the whole run, on a port the OS chose: never a fixed port, never one per line.",
        "整个运行期间只用一个 UDP 套接字，端口由操作系统选择：绝不用固定端口，也不每行新建一个。",
        &[
            "sends_every_datagram_from_one_port",
            "each_running_sender_gets_its_own_port",
            "one_socket_reaches_two_receivers",
            "takes_its_port_from_the_ephemeral_range",
        ],
    ),
    clause(
        "01.datagram",
        "Each line is one datagram, sent as soon as it is read, byte for byte, up to 65 507 bytes.",
        "每一行是一个数据报，读到就发送，逐字节不变，最多 65 507 字节。",
        &[
            "sends_a_datagram_without_a_connection",
            "sends_each_line_as_its_own_datagram",
            "keeps_chinese_text_byte_exact",
            "sends_the_largest_datagram_whole",
        ],
    ),
    clause(
        "01.line",
        "A datagram is the line without its ending (\\n or \\r\\n) and nothing else: blanks, bytes that are not UTF-8 and a last line without \\n are sent as they are.",
        "数据报是去掉行尾（\\n 或 \\r\\n）的这一行，别无其他：空格、不是 UTF-8 的字节、没有 \\n 的最后一行都原样发送。",
        &[
            "sends_the_line_without_its_newline",
            "sends_awkward_lines_exactly_as_typed",
        ],
    ),
    clause(
        "01.empty",
        "An empty line is an empty datagram (0 bytes), and the sender goes on.",
        "空行是一个空数据报（0 字节），发送端继续运行。",
        &["sends_an_empty_line_as_an_empty_datagram"],
    ),
    clause(
        "01.too-long",
        "A line longer than 65 507 bytes is not sent in pieces: exit 1 and one sentence.",
        "长于 65 507 字节的行不会被拆开发送：以 1 退出并输出一句话。",
        &["refuses_a_line_longer_than_a_datagram"],
    ),
    clause(
        "01.exit",
        "Exactly the line EXIT, or the end of input, ends the sender with exit 0; EXIT is not sent, a line that only starts with EXIT is.",
        "只有正好是 EXIT 的一行或输入结束才会让发送端以 0 退出；EXIT 不发送，仅以 EXIT 开头的行照常发送。",
        &[
            "stops_at_exit_without_sending_it",
            "stops_at_exit_whatever_its_line_ending",
            "sends_awkward_lines_exactly_as_typed",
        ],
    ),
    clause(
        "01.sent-line",
        "After each datagram: `sent N bytes from LOCAL to DESTINATION`, LOCAL being 0.0.0.0 and the port every receiver sees.",
        "每个数据报之后：`sent N bytes from LOCAL to DESTINATION`，LOCAL 是 0.0.0.0 和每个接收端看到的端口。",
        &["reports_the_port_the_os_chose"],
    ),
    clause(
        "01.no-listener",
        "Nobody listening at a destination is no error: the sender reports each send and exits 0.",
        "目的地址没有人监听不算错误：发送端照常报告每次发送并以 0 退出。",
        &["sending_to_a_port_nobody_listens_on_still_succeeds"],
    ),
];

/// What the sender reports after one `sendto`.
struct Sent {
    bytes: usize,
    from: SocketAddr,
    to: SocketAddr,
    line: String,
}

/// Wait for the next `sent N bytes from LOCAL to DESTINATION` line.
fn sent_line(sender: &mut Proc) -> Result<Sent, Stop> {
    let line = sender.expect_line("\"sent N bytes from IP:PORT to IP:PORT\"", REPLY, |l| {
        l.starts_with("sent ")
    })?;
    parse_sent(&line).ok_or_else(|| {
        Stop::mismatch(
            msg!("the report of a send does not follow the contract"; "发送报告的格式不符合约定"),
            "\"sent N bytes from 0.0.0.0:PORT to IP:PORT\"",
            show::text(&line),
        )
    })
}

fn parse_sent(line: &str) -> Option<Sent> {
    let rest = line.strip_prefix("sent ")?;
    let (bytes, rest) = rest.split_once(" bytes from ")?;
    let (from, to) = rest.split_once(" to ")?;
    Some(Sent {
        bytes: bytes.trim().parse().ok()?,
        from: from.trim().parse().ok()?,
        to: to.trim().parse().ok()?,
        line: line.to_string(),
    })
}

/// A receiver of the suite and the sender started to send to it.
fn sender_and_receiver(t: &Test) -> Result<(Proc, UdpPeer), Stop> {
    let receiver = t.udp_as(msg!("the receiver"; "接收端"), "127.0.0.1:0")?;
    let sender = t.start(&[&receiver.addr().to_string()])?;
    Ok((sender, receiver))
}

/// Type `line` and check the datagram that arrives is exactly `expected`;
/// returns the port it came from.
fn type_and_receive(
    sender: &mut Proc,
    receiver: &UdpPeer,
    line: &str,
    expected: &[u8],
) -> Result<u16, Stop> {
    sender.type_line(line)?;
    let from = receiver.expect_datagram(expected, REPLY)?;
    Ok(from.port())
}

pub const SENDS_A_DATAGRAM_WITHOUT_A_CONNECTION: Check = Check {
    name: "sends_a_datagram_without_a_connection",
    behaviour: "U1",
    section: "§1.1",
    tier: Tier::Notes,
    title: Text {
        en: "a line typed arrives as a datagram: no connection is made first",
        zh: "输入的一行作为数据报到达：事先不建立任何连接",
    },
    hints: &[
        Text {
            en: "Create one UdpSocket and call send_to(line, destination) for each line; there is no connect and no accept in UDP.",
            zh: "创建一个 UdpSocket，对每一行调用 send_to(行, 目的地址)；UDP 里没有 connect，也没有 accept。",
        },
        Text {
            en: "The destination is the first argument (IP:PORT). Read standard input line by line and send each line as soon as it is read, not at the end.",
            zh: "目的地址是第一个参数（IP:PORT）。逐行读取标准输入，每读到一行就立即发送，而不是等到最后。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        type_and_receive(&mut sender, &receiver, "我爱你", "我爱你".as_bytes()).map(drop)
    },
};

pub const SENDING_TO_A_PORT_NOBODY_LISTENS_ON_STILL_SUCCEEDS: Check = Check {
    name: "sending_to_a_port_nobody_listens_on_still_succeeds",
    behaviour: "U2",
    section: "§1.1",
    tier: Tier::Notes,
    title: Text {
        en: "sending to a port nobody listens on still succeeds: the sender cannot know",
        zh: "向无人监听的端口发送依然成功：发送方无从得知对方是否收到",
    },
    hints: &[
        Text {
            en: "Use send_to on an unconnected socket: it succeeds once the OS has taken the datagram, whether or not anyone receives it. Report every send and exit 0 at the end of input.",
            zh: "在未连接的套接字上使用 send_to：只要操作系统收下了数据报就算成功，不管有没有人接收。报告每一次发送，输入结束时以 0 退出。",
        },
        Text {
            en: "A UDP socket that calls connect() is told about the ICMP \"port unreachable\" that comes back, and its next send fails with \"connection refused\". A letter-like sender does not connect.",
            zh: "调用了 connect() 的 UDP 套接字会得知返回的 ICMP“端口不可达”，下一次发送就会报“连接被拒绝”。像寄信一样的发送端不调用 connect。",
        },
    ],
    needs: &[],
    run: |t| {
        let nobody = t.free_udp_addr()?;
        let mut sender = t.start(&[&nobody.to_string()])?;
        for line in ["anyone there?", "hello?", "still nobody"] {
            sender.type_line(line)?;
            sent_line(&mut sender)?;
        }
        sender.close_stdin();
        sender.expect_exit(0, EXIT)
    },
};

pub const ONE_SOCKET_REACHES_TWO_RECEIVERS: Check = Check {
    name: "one_socket_reaches_two_receivers",
    behaviour: "U4",
    section: "§1.1",
    tier: Tier::Notes,
    title: Text {
        en: "like a letter to two addresses: one socket sends every line to each destination",
        zh: "像寄给两个地址的信：一个套接字把每一行发给每个目的地址",
    },
    hints: &[
        Text {
            en: "Accept several destinations (every argument is one) and send each line to each of them with the same socket.",
            zh: "接受多个目的地址（每个参数一个），用同一个套接字把每一行发给它们中的每一个。",
        },
        Text {
            en: "An unconnected UDP socket is not tied to a peer: each send_to names its own destination. Both receivers see the same source port.",
            zh: "未连接的 UDP 套接字不绑定某个对端：每次 send_to 都指定自己的目的地址。两个接收端看到的源端口相同。",
        },
    ],
    needs: &[],
    run: |t| {
        let first = t.udp_as(msg!("receiver 1"; "接收端 1"), "127.0.0.1:0")?;
        let second = t.udp_as(msg!("receiver 2"; "接收端 2"), "127.0.0.1:0")?;
        let mut sender = t.start(&[&first.addr().to_string(), &second.addr().to_string()])?;
        sender.type_line("hello, both of you")?;
        let one = first.expect_datagram(b"hello, both of you", REPLY)?;
        let two = second.expect_datagram(b"hello, both of you", REPLY)?;
        if one.port() == two.port() {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the two receivers got the line from two different ports: use one socket for every destination";
                 "两个接收端收到的数据来自不同的端口：应该用一个套接字发往所有目的地址"),
            format!("both from port {}", one.port()),
            format!("{} and {}", one.port(), two.port()),
        ))
    },
};

pub const REPORTS_THE_PORT_THE_OS_CHOSE: Check = Check {
    name: "reports_the_port_the_os_chose",
    behaviour: "S3",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "reports the source port the OS gave it, the one the receiver sees",
        zh: "报告操作系统分配的源端口，也就是接收端看到的那个",
    },
    hints: &[
        Text {
            en: "After each send print `sent N bytes from LOCAL to DESTINATION`, with LOCAL from socket.local_addr().",
            zh: "每次发送之后打印 `sent N bytes from LOCAL to DESTINATION`，LOCAL 取自 socket.local_addr()。",
        },
        Text {
            en: "An unbound socket has port 0 until the OS gives it one; ask for the address after binding to port 0 (or, in Python, after the first sendto), never before.",
            zh: "未绑定的套接字在操作系统分配端口之前端口为 0；要在绑定端口 0 之后（Python 中是第一次 sendto 之后）查询地址，不能在之前。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        let seen = type_and_receive(&mut sender, &receiver, "which port?", b"which port?")?;
        let sent = sent_line(&mut sender)?;
        // LOCAL is the socket's own address: bound to 0.0.0.0:0, the
        // unspecified address and the port the OS gave.
        let local = SocketAddr::from(([0, 0, 0, 0], seen));
        if sent.from == local && sent.to == receiver.addr() && sent.bytes == 11 {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the report does not match the datagram the receiver got (it came from port {})", seen;
                 "报告与接收端收到的数据报不符（它来自端口 {}）", seen),
            format!(
                "\"sent 11 bytes from 0.0.0.0:{seen} to {}\"",
                receiver.addr()
            ),
            show::text(&sent.line),
        ))
    },
};

pub const SENDS_EVERY_DATAGRAM_FROM_ONE_PORT: Check = Check {
    name: "sends_every_datagram_from_one_port",
    behaviour: "S3",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "every datagram of one run leaves from the same non-zero port: one socket, not one per line",
        zh: "一次运行中的所有数据报都来自同一个非零端口：一个套接字，而不是每行一个",
    },
    hints: &[
        Text {
            en: "Create the socket once, before the loop that reads lines, and reuse it for every send.",
            zh: "在读取各行的循环之前只创建一次套接字，每次发送都复用它。",
        },
        Text {
            en: "Each new socket gets a new port from the OS; a receiver that answers you would have to chase a different port for every message.",
            zh: "每个新套接字都会从操作系统得到一个新端口；回复你的一方每条消息都得追着不同的端口发。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        let mut ports = Vec::new();
        for line in ["one", "two", "three"] {
            ports.push(type_and_receive(
                &mut sender,
                &receiver,
                line,
                line.as_bytes(),
            )?);
        }
        if ports[0] != 0 && ports.iter().all(|&p| p == ports[0]) {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the datagrams of one run came from different ports"; "同一次运行的数据报来自不同的端口"),
            format!("three times port {}", ports[0]),
            format!("{ports:?}"),
        ))
    },
};

pub const EACH_RUNNING_SENDER_GETS_ITS_OWN_PORT: Check = Check {
    name: "each_running_sender_gets_its_own_port",
    behaviour: "P4",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "the OS gives each running sender its own port, and takes it back when the sender exits",
        zh: "操作系统给每个运行中的发送端分配各自的端口，发送端退出后收回",
    },
    hints: &[
        Text {
            en: "Let the OS choose the port (bind port 0, or in Python do not bind at all); never bind a fixed port in a sender.",
            zh: "让操作系统选择端口（绑定端口 0，Python 中干脆不绑定）；发送端绝不要绑定固定端口。",
        },
        Text {
            en: "Two copies of a program that binds a fixed port cannot run at once: the second gets \"address in use\". When the program exits the OS frees its port.",
            zh: "绑定固定端口的程序不能同时运行两个：第二个会得到“地址已被占用”。程序退出时操作系统释放它的端口。",
        },
    ],
    needs: &[],
    run: |t| {
        let receiver = t.udp_as(msg!("the receiver"; "接收端"), "127.0.0.1:0")?;
        let to = receiver.addr().to_string();
        let mut first = t.start(&[&to])?;
        let a = type_and_receive(&mut first, &receiver, "from the first", b"from the first")?;
        let mut second = t.start(&[&to])?;
        second.type_line("from the second")?;
        // While the first one still runs: a sender that binds a fixed port
        // fails here with "address in use".
        sent_line(&mut second)?;
        let b = receiver.expect_datagram(b"from the second", REPLY)?.port();
        if a == b || a == 0 || b == 0 {
            return Err(Stop::mismatch(
                msg!("two senders running at once should get two different ports from the OS";
                     "同时运行的两个发送端应从操作系统得到两个不同的端口"),
                "two different non-zero ports",
                format!("{a} and {b}"),
            ));
        }
        first.close_stdin();
        first.expect_exit(0, EXIT)?;
        // On 0.0.0.0: the port is free on every address of the host.
        t.expect_port_released(Transport::Udp, SocketAddr::from(([0, 0, 0, 0], a)))
    },
};

pub const SENDS_EACH_LINE_AS_ITS_OWN_DATAGRAM: Check = Check {
    name: "sends_each_line_as_its_own_datagram",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Notes,
    title: Text {
        en: "three lines make three datagrams, in order, each exactly its line",
        zh: "三行就是三个数据报，按顺序，每个恰好是对应的那一行",
    },
    hints: &[
        Text {
            en: "Send each line as soon as it is read, with one send_to per line; do not collect the input first.",
            zh: "每读到一行就用一次 send_to 发送它；不要先把输入攒起来。",
        },
        Text {
            en: "UDP keeps message boundaries: one send_to is one datagram and one recvfrom on the other side. The boundary is the message.",
            zh: "UDP 保留消息边界：一次 send_to 就是一个数据报，对应对方的一次 recvfrom。边界就是消息本身。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        let lines = ["first line", "second line", "third line"];
        for line in lines {
            sender.type_line(line)?;
        }
        sender.close_stdin();
        for line in lines {
            receiver.expect_datagram(line.as_bytes(), REPLY)?;
        }
        sender.expect_exit(0, EXIT)
    },
};

pub const SENDS_THE_LINE_WITHOUT_ITS_NEWLINE: Check = Check {
    name: "sends_the_line_without_its_newline",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Notes,
    title: Text {
        en: "the datagram is the line without its newline: UDP needs no separator",
        zh: "数据报就是去掉换行符的那一行：UDP 不需要分隔符",
    },
    hints: &[
        Text {
            en: "Remove the trailing `\\n` (and a `\\r` before it) from the line you read before sending it.",
            zh: "发送前去掉读到的行末尾的 `\\n`（以及它前面的 `\\r`）。",
        },
        Text {
            en: "Over TCP a newline marks where a message ends; a datagram's length travels with it, so a newline would only be an extra byte of the message.",
            zh: "在 TCP 中换行符标记消息的结束；数据报的长度随它一起传送，所以换行符只会成为消息里多出来的一个字节。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        type_and_receive(&mut sender, &receiver, "no newline", b"no newline").map(drop)
    },
};

pub const SENDS_AN_EMPTY_LINE_AS_AN_EMPTY_DATAGRAM: Check = Check {
    name: "sends_an_empty_line_as_an_empty_datagram",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "an empty line is an empty datagram, still one message",
        zh: "空行就是空数据报，仍是一条消息",
    },
    hints: &[
        Text {
            en: "Do not skip empty lines: send_to with zero bytes sends a datagram of length 0.",
            zh: "不要跳过空行：send_to 发送 0 字节会发出一个长度为 0 的数据报。",
        },
        Text {
            en: "A datagram of length 0 is a real message over UDP (over TCP, reading 0 bytes means the peer closed: do not mix the two).",
            zh: "在 UDP 中长度为 0 的数据报是一条真正的消息（在 TCP 中读到 0 字节表示对方关闭：两者不要混淆）。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        type_and_receive(&mut sender, &receiver, "", b"")?;
        type_and_receive(
            &mut sender,
            &receiver,
            "after the empty one",
            b"after the empty one",
        )
        .map(drop)
    },
};

pub const KEEPS_CHINESE_TEXT_BYTE_EXACT: Check = Check {
    name: "keeps_chinese_text_byte_exact",
    behaviour: "C9",
    section: "§1.1",
    tier: Tier::Real,
    title: Text {
        en: "Chinese text is sent byte-exact, as UTF-8",
        zh: "中文文本按 UTF-8 原样发送",
    },
    hints: &[
        Text {
            en: "Send the bytes of the line as they were read; do not re-encode them.",
            zh: "按读到的原样发送这一行的字节，不要重新编码。",
        },
        Text {
            en: "The course speaks UTF-8 everywhere: 你 is three bytes, 🌏 four. Read standard input as bytes (read_until) and nothing can get lost.",
            zh: "本课程处处使用 UTF-8：“你”占三个字节，🌏 占四个。按字节读取标准输入（read_until），就不会丢失任何东西。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        let text = "你好，世界！网络编程 🌏";
        type_and_receive(&mut sender, &receiver, text, text.as_bytes()).map(drop)
    },
};

pub const SENDS_THE_LARGEST_DATAGRAM_WHOLE: Check = Check {
    name: "sends_the_largest_datagram_whole",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "a line of 65 507 bytes, the most one datagram can carry, goes out whole",
        zh: "65 507 字节的一行（一个数据报能承载的上限）被完整发出",
    },
    hints: &[
        Text {
            en: "Read a whole line, however long, before sending it; do not read standard input in fixed pieces of 1024 bytes.",
            zh: "先读完整的一行（无论多长）再发送；不要按 1024 字节的固定块读取标准输入。",
        },
        Text {
            en: "Over IPv4 a datagram holds up to 65 535 − 20 (IP header) − 8 (UDP header) = 65 507 bytes; a longer line cannot be one datagram and is an error.",
            zh: "在 IPv4 上一个数据报最多装 65 535 − 20（IP 头）− 8（UDP 头）= 65 507 字节；更长的行无法成为一个数据报，应报错。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        let line = "x".repeat(MAX_DATAGRAM);
        type_and_receive(&mut sender, &receiver, &line, line.as_bytes()).map(drop)
    },
};

pub const STOPS_AT_EXIT_WITHOUT_SENDING_IT: Check = Check {
    name: "stops_at_exit_without_sending_it",
    behaviour: "S2",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "the line EXIT ends the sender (exit 0) and is not sent",
        zh: "输入 EXIT 结束发送端（以 0 退出），且不发送它",
    },
    hints: &[
        Text {
            en: "Compare each line with `EXIT` before sending it; stop reading when it matches.",
            zh: "发送前把每一行与 `EXIT` 比较；相同就停止读取。",
        },
        Text {
            en: "Leaving main drops the socket, which closes it: create, use, close, like a file.",
            zh: "离开 main 会 drop 套接字，也就关闭了它：创建、使用、关闭，和文件一样。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        type_and_receive(&mut sender, &receiver, "goodbye", b"goodbye")?;
        sender.type_line("EXIT")?;
        sender.expect_exit(0, EXIT)?;
        receiver.expect_silence(QUIET)
    },
};

pub const STOPS_AT_EXIT_WHATEVER_ITS_LINE_ENDING: Check = Check {
    name: "stops_at_exit_whatever_its_line_ending",
    behaviour: "S2",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "EXIT typed with \\r\\n, or as the last line without \\n, still ends the sender and is not sent",
        zh: "以 \\r\\n 结尾的 EXIT，或作为最后一行、没有 \\n 的 EXIT，同样结束发送端且不被发送",
    },
    hints: &[
        Text {
            en: "Remove the line ending first (the \\n, then a \\r before it), then compare what is left with EXIT: the line ending is not part of the line, and a last line without \\n is a line too.",
            zh: "先去掉行尾（\\n，以及它前面的 \\r），再把剩下的内容与 EXIT 比较：行尾不属于这一行，没有 \\n 的最后一行也是一行。",
        },
        Text {
            en: "A line typed on Windows (or sent by `nc -C`) ends in \\r\\n; the end of the input can come right after the last letter.",
            zh: "在 Windows 上输入的行（或 `nc -C` 发送的行）以 \\r\\n 结尾；输入也可能紧跟在最后一个字母之后结束。",
        },
    ],
    needs: &[],
    run: |t| {
        // `EXIT\n` is the notes-tier check's; here the other two endings.
        let endings = &EXIT_ENDINGS[1..];
        t.rounds(
            endings.len(),
            msg!("start the sender; type a line, then EXIT with another ending; it exits 0 and sends nothing more";
                 "启动发送端；输入一行，再输入另一种行尾的 EXIT；它以 0 退出且不再发送"),
            |n| {
                let (mut sender, receiver) = sender_and_receiver(t)?;
                type_and_receive(&mut sender, &receiver, "goodbye", b"goodbye")?;
                sender.type_exit(endings[n - 1])?;
                sender.expect_exit(0, EXIT)?;
                receiver.expect_silence(QUIET)
            },
        )
    },
};

pub const REJECTS_A_MALFORMED_DESTINATION: Check = Check {
    name: "rejects_a_malformed_destination",
    behaviour: "A1",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "256.1.1.1 is not an IPv4 address: exit 2 and one sentence",
        zh: "256.1.1.1 不是 IPv4 地址：以 2 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "Parse every destination with the given Args helper (.addr) and let it exit 2 with one line on stderr.",
            zh: "用提供的 Args 辅助函数（.addr）解析每个目的地址，出错时由它在标准错误输出一行并以 2 退出。",
        },
        Text {
            en: "Each of the four numbers of an IPv4 address is 0 to 255. Never unwrap a parse of user input.",
            zh: "IPv4 地址的四个数字都在 0 到 255 之间。不要对用户输入的解析结果 unwrap。",
        },
    ],
    needs: &[],
    run: |t| {
        let done = t.run(&["256.1.1.1:7852"])?;
        done.expect_usage_error()
    },
};

pub const SENDS_AWKWARD_LINES_EXACTLY_AS_TYPED: Check = Check {
    name: "sends_awkward_lines_exactly_as_typed",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "\\r\\n, blanks, bytes that are not UTF-8, EXITING and a last line without \\n are sent exactly as typed",
        zh: "\\r\\n、空格、不是 UTF-8 的字节、EXITING 以及没有 \\n 的最后一行都按输入原样发送",
    },
    hints: &[
        Text {
            en: "Read bytes (read_until(b'\\n')), drop only the final \\n and a \\r right before it, compare with exactly b\"EXIT\", and send what is left; at the end of input send a last line that has no \\n.",
            zh: "按字节读取（read_until(b'\\n')），只去掉末尾的 \\n 和紧挨它的 \\r，与 b\"EXIT\" 完全比较，其余原样发送；输入结束时，没有 \\n 的最后一行也要发送。",
        },
        Text {
            en: "trim() eats the blanks that are part of the message, starts_with(\"EXIT\") ends at EXITING, and a String refuses bytes that are not UTF-8: the line is the message, byte for byte.",
            zh: "trim() 会吃掉属于消息的空格，starts_with(\"EXIT\") 会在 EXITING 处结束，String 不接受非 UTF-8 字节：这一行就是消息，逐字节不变。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        // The last line without its \n comes last: the input ends with it.
        for edge in Edge::in_typing_order() {
            sender.type_edge(edge)?;
            receiver.expect_datagram(edge.text(), REPLY)?;
        }
        sender.expect_exit(0, EXIT)
    },
};

pub const REFUSES_A_LINE_LONGER_THAN_A_DATAGRAM: Check = Check {
    name: "refuses_a_line_longer_than_a_datagram",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "a line of 65 508 bytes (one more than a datagram holds): exit 1 and one sentence, nothing sent in pieces",
        zh: "65 508 字节的一行（比数据报能装的多一个字节）：以 1 退出并输出一句话，不拆成几段发送",
    },
    hints: &[
        Text {
            en: "After reading a line, compare its length with 65 507; when it is longer call fail with one sentence (exit 1) before sending anything.",
            zh: "读完一行后与 65 507 比较长度；更长时在发送任何内容之前用一句话调用 fail（以 1 退出）。",
        },
        Text {
            en: "Reading in fixed pieces cuts a long line into several datagrams: the receiver gets messages nobody typed. One line is one datagram or an error.",
            zh: "按固定大小分块读取会把长行切成几个数据报：接收端会收到没人输入过的消息。一行要么是一个数据报，要么报错。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut sender, receiver) = sender_and_receiver(t)?;
        let mut line = vec![b'x'; MAX_DATAGRAM + 1];
        line.push(b'\n');
        sender.type_bytes(&line)?;
        sender.finish(EXIT)?.expect_failure_explained()?;
        receiver.expect_silence(QUIET)
    },
};

pub const SENDS_TO_THE_NOTES_SERVER_BY_DEFAULT: Check = Check {
    name: "sends_to_the_notes_server_by_default",
    behaviour: "U1",
    section: "§1.1",
    tier: Tier::Real,
    title: Text {
        en: "without arguments the destination is the notes' server, 127.0.0.1:7852",
        zh: "没有参数时目的地址是笔记中的服务器 127.0.0.1:7852",
    },
    hints: &[
        Text {
            en: "When no argument is given, send to 127.0.0.1:7852 (Args::addr(0, \"127.0.0.1:7852\") does it).",
            zh: "没有参数时发往 127.0.0.1:7852（Args::addr(0, \"127.0.0.1:7852\") 就是这样做的）。",
        },
        Text {
            en: "Exercise 03's server listens there by default, so the two programs talk without any argument.",
            zh: "练习 03 的服务器默认就在那里监听，所以两个程序不带参数也能通信。",
        },
    ],
    needs: &[Need::PrivateNamespace],
    run: |t| {
        // A fixed port is only safe in a network of this check's own.
        t.enter_private_namespace()?;
        let receiver = t.udp_as(
            msg!("the notes' server"; "笔记中的服务器"),
            "127.0.0.1:7852",
        )?;
        let mut sender = t.start(&[])?;
        type_and_receive(&mut sender, &receiver, "to the default", b"to the default").map(drop)
    },
};

pub const TAKES_ITS_PORT_FROM_THE_EPHEMERAL_RANGE: Check = Check {
    name: "takes_its_port_from_the_ephemeral_range",
    behaviour: "P4",
    section: "§3",
    tier: Tier::Real,
    title: Text {
        en: "its source port comes from the OS's ephemeral range, whatever that range is (a private network namespace changes it)",
        zh: "它的源端口来自操作系统的临时端口范围，无论这个范围是什么（私有网络命名空间会改变它）",
    },
    hints: &[
        Text {
            en: "Bind port 0 (or, in Python, do not bind): the OS then picks the port from its ephemeral range. Never pick a port yourself, not even a random one.",
            zh: "绑定端口 0（Python 中干脆不绑定）：操作系统会从它的临时端口范围中选端口。绝不要自己选端口，随机的也不行。",
        },
        Text {
            en: "The OS knows which ports are free and which range the administrator allows for clients (ip_local_port_range); a port you choose may be taken, or outside that range.",
            zh: "操作系统知道哪些端口空闲、管理员允许客户端使用哪个范围（ip_local_port_range）；你自己选的端口可能已被占用，或不在这个范围内。",
        },
    ],
    needs: &[Need::PrivateNamespace],
    run: |t| {
        let low = 2 * fastrand::u16(10_000..15_000);
        let high = low + 199;
        t.enter_namespace_with_ephemeral_range(low, high)?;
        let (mut sender, receiver) = sender_and_receiver(t)?;
        let port = type_and_receive(&mut sender, &receiver, "from where?", b"from where?")?;
        if (low..=high).contains(&port) {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the datagram came from a port outside the ephemeral range: the sender chose its port itself";
                 "数据报来自临时端口范围之外的端口：发送端自己选了端口"),
            format!("a port in {low}-{high}"),
            port.to_string(),
        ))
    },
};
