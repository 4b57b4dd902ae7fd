//! Exercise 08, the UDP chat of §4 (chats 001/002, threaded chat 014): one
//! bound socket, full duplex — every datagram that arrives is printed at
//! once while each typed line is sent to the peer.

use super::shared;
use crate::harness::expect_os_chosen;
use crate::harness::{EXIT_ENDINGS, Edge, Proc, UdpPeer};
use crate::prelude::*;
use std::net::SocketAddr;

pub static EXERCISE: Exercise = Exercise {
    id: "08",
    slug: "udp-chat",
    title: Text {
        en: "UDP chat: send and receive at once on one socket",
        zh: "UDP 聊天：在一个套接字上同时收发",
    },
    sections: "§1.3, §4",
    exercise_package: "ex08-udp-chat",
    solution_package: "sol08-udp-chat",
    programs: &[Program {
        key: "08",
        role: Text {
            en: "the chat",
            zh: "聊天程序",
        },
        exercise_bin: "ex08-udp-chat",
        solution_bin: "sol08-udp-chat",
    }],
    checks: &[
        &PRINTS_THE_ADDRESS_IT_IS_BOUND_TO,
        &PRINTS_A_DATAGRAM_WHILE_ITS_INPUT_IS_IDLE,
        &PRINTS_EVERY_DATAGRAM_FROM_ANYONE_AS_IT_CAME,
        &SENDS_EACH_LINE_AS_ONE_DATAGRAM,
        &SENDS_FROM_THE_PORT_IT_IS_BOUND_TO,
        &PRINTS_THE_REPLY_TO_ITS_OWN_MESSAGE,
        &BINDS_THE_ADDRESS_IT_IS_GIVEN,
        &CHATS_WITH_ITSELF,
        &TWO_CHATS_TALK_TO_EACH_OTHER_BOTH_WAYS,
        &PRINTS_QUEUED_DATAGRAMS_IN_ORDER,
        &EXITS_AT_ONCE_ON_EXIT_WHILE_A_RECEIVE_IS_PENDING,
        &EXITS_WHEN_ITS_INPUT_ENDS,
        &KEEPS_CHINESE_TEXT_BYTE_EXACT,
        &SURVIVES_BYTES_THAT_ARE_NOT_UTF8,
        &RECEIVES_A_DATAGRAM_LARGER_THAN_1024_BYTES,
        &REJECTS_A_MALFORMED_ADDRESS,
        &REPORTS_A_PORT_THAT_IS_TAKEN,
        &SENDS_AWKWARD_LINES_EXACTLY_AS_TYPED,
        &SKIPS_A_LINE_LONGER_THAN_A_DATAGRAM,
        &BINDS_THE_NOTES_ADDRESS_BY_DEFAULT,
        &shared::BINDS_EXACTLY_THE_ADDRESS_IT_WAS_GIVEN,
        &shared::REFUSES_AN_ARGUMENT_THAT_IS_NOT_UTF8,
    ],
    clauses: CLAUSES,
};

/// The promises of this exercise's README contract (see `crate::clause`).
static CLAUSES: &[Clause] = &[
    clause(
        "08.bind",
        "It binds exactly LOCAL_IP:PORT (default 127.0.0.1:7890) and prints `bound to` with the address really bound, at once.",
        "它正好绑定 LOCAL_IP:PORT（默认 127.0.0.1:7890），并立即打印带有实际绑定地址的 `bound to`。",
        &[
            "prints_the_address_it_is_bound_to",
            "binds_the_address_it_is_given",
            "binds_exactly_the_address_it_was_given",
            "binds_the_notes_address_by_default",
        ],
    ),
    clause(
        "08.peer",
        "Typed lines go to PEER_IP:PORT; without it, to the chat's own address.",
        "输入的行发往 PEER_IP:PORT；没有给出时发往聊天程序自己的地址。",
        &[
            "chats_with_itself",
            "two_chats_talk_to_each_other_both_ways",
        ],
    ),
    clause(
        "08.print",
        "Every datagram that arrives is printed as `>>> from IP:PORT: TEXT` at once, whatever the keyboard is doing, in order.",
        "每个到达的数据报都立即打印为 `>>> from IP:PORT: TEXT`，不管键盘在做什么，按顺序。",
        &[
            "prints_a_datagram_while_its_input_is_idle",
            "prints_every_datagram_from_anyone_as_it_came",
            "prints_queued_datagrams_in_order",
            "prints_the_reply_to_its_own_message",
        ],
    ),
    clause(
        "08.text",
        "TEXT is the whole datagram (up to 65 507 bytes) as UTF-8, bytes that are not UTF-8 as U+FFFD, never a crash.",
        "TEXT 是整个数据报（最多 65 507 字节）按 UTF-8 解码，非 UTF-8 字节显示为 U+FFFD，绝不崩溃。",
        &[
            "keeps_chinese_text_byte_exact",
            "survives_bytes_that_are_not_utf8",
            "receives_a_datagram_larger_than_1024_bytes",
        ],
    ),
    clause(
        "08.line",
        "Each typed line is one datagram: its bytes without \\n or \\r\\n, blanks and bytes that are not UTF-8 kept, a last line without \\n sent too.",
        "输入的每一行是一个数据报：去掉 \\n 或 \\r\\n 后的字节，保留空格和非 UTF-8 字节，没有 \\n 的最后一行也要发送。",
        &[
            "sends_each_line_as_one_datagram",
            "sends_awkward_lines_exactly_as_typed",
        ],
    ),
    clause(
        "08.too-long",
        "A line longer than 65 507 bytes is not sent (not in pieces either): one sentence on stderr, and the chat goes on.",
        "长于 65 507 字节的行不发送（也不拆开发送）：在标准错误输出一句话，聊天继续。",
        &["skips_a_line_longer_than_a_datagram"],
    ),
    clause(
        "08.exit",
        "Exactly EXIT, or the end of input, ends the chat at once with exit 0; EXIT is not sent, a line that only starts with EXIT is.",
        "只有正好是 EXIT 的一行或输入结束才会让聊天立即以 0 退出；EXIT 不发送，仅以 EXIT 开头的行照常发送。",
        &[
            "exits_at_once_on_exit_while_a_receive_is_pending",
            "exits_when_its_input_ends",
            "sends_awkward_lines_exactly_as_typed",
        ],
    ),
    clause(
        "08.source",
        "Every datagram leaves from the bound port, so replies reach the chat.",
        "每个数据报都从绑定的端口发出，所以回复能回到聊天程序。",
        &[
            "sends_from_the_port_it_is_bound_to",
            "prints_the_reply_to_its_own_message",
        ],
    ),
    clause(
        "08.usage",
        "A bad address, or an argument that is not UTF-8: exit 2 and one sentence.",
        "错误的地址或不是 UTF-8 的参数：以 2 退出并输出一句话。",
        &[
            "rejects_a_malformed_address",
            "refuses_an_argument_that_is_not_utf8",
        ],
    ),
    clause(
        "08.in-use",
        "A port that is taken: exit 1 and one sentence saying it is in use.",
        "端口已被占用：以 1 退出并用一句话说明已被占用。",
        &["reports_a_port_that_is_taken"],
    ),
];

/// The notes' port for the threaded chat.
const CHAT_PORT: u16 = 7890;

/// Start the chat with `args` and wait for `bound to IP:PORT`.
fn start_chat(t: &Test, args: &[&str]) -> Result<(Proc, SocketAddr), Stop> {
    let mut chat = t.start(args)?;
    let bound = chat.expect_address("bound to", START)?;
    Ok((chat, bound))
}

/// The chat on 127.0.0.1 and a port the OS chooses, with a UDP socket of
/// the suite as its peer.
fn chat_with_suite(t: &Test) -> Result<(Proc, SocketAddr, UdpPeer), Stop> {
    let peer = t.udp()?;
    let (chat, bound) = start_chat(t, &["127.0.0.1:0", &peer.addr().to_string()])?;
    Ok((chat, bound, peer))
}

/// The chat prints `>>> from FROM: TEXT` (the next `>>>` line it prints).
fn expect_printed(chat: &mut Proc, from: SocketAddr, text: &str) -> Outcome {
    let expected = format!(">>> from {from}: {text}");
    chat.expect_exact_line(">>>", &expected, REPLY)
}

/// The datagram typed into the chat arrives at `peer`, exactly, from `from`.
fn expect_sent(peer: &UdpPeer, text: impl AsRef<[u8]>, from: SocketAddr) -> Outcome {
    peer.expect_reply_from(text.as_ref(), from, REPLY)
}

pub const PRINTS_THE_ADDRESS_IT_IS_BOUND_TO: Check = Check {
    name: "prints_the_address_it_is_bound_to",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "prints the address it really bound (port 0 lets the OS choose)",
        zh: "打印实际绑定的地址（端口 0 表示由操作系统选择）",
    },
    hints: &[
        Text {
            en: "After binding, print `bound to IP:PORT` with socket.local_addr(), not the address you were given.",
            zh: "绑定之后，用 socket.local_addr() 打印 `bound to IP:PORT`，而不是照抄传入的地址。",
        },
        Text {
            en: "With 127.0.0.1:0 the OS picks a free port and only local_addr() knows which; flush the line (`say` does) so the grader sees it at once.",
            zh: "参数为 127.0.0.1:0 时由操作系统挑选空闲端口，只有 local_addr() 知道是哪个；记得刷新输出（`say` 会刷新），评测程序才能立刻看到。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_chat, bound, _peer) = chat_with_suite(t)?;
        expect_os_chosen(bound)
    },
};

pub const PRINTS_A_DATAGRAM_WHILE_ITS_INPUT_IS_IDLE: Check = Check {
    name: "prints_a_datagram_while_its_input_is_idle",
    behaviour: "D3",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "full duplex: prints each datagram the moment it arrives, while nobody types",
        zh: "全双工：数据报一到就打印，即使没有人在输入",
    },
    hints: &[
        Text {
            en: "Receiving must not wait for the keyboard: give it a thread of its own that loops on recv_from and prints `>>> from IP:PORT: TEXT`.",
            zh: "接收不能等键盘：给它一个单独的线程，循环调用 recv_from 并打印 `>>> from IP:PORT: TEXT`。",
        },
        Text {
            en: "The notes' first chat reads a line, sends it, then blocks on recv_from: while it waits for the keyboard nothing is shown. Their chat 014 fixes this with a receiving thread — a socket is full duplex, it can receive while another thread sends.",
            zh: "笔记中的第一个聊天程序先读一行、发送，再阻塞在 recv_from：等键盘时什么也显示不了。笔记的 014 用接收线程解决了这个问题——套接字是全双工的，一个线程发送时另一个线程可以接收。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, to, peer) = chat_with_suite(t)?;
        peer.send_to("有人在吗？".as_bytes(), to)?;
        expect_printed(&mut chat, peer.addr(), "有人在吗？")?;
        peer.send_to(b"still nobody typing", to)?;
        expect_printed(&mut chat, peer.addr(), "still nobody typing")
    },
};

pub const PRINTS_EVERY_DATAGRAM_FROM_ANYONE_AS_IT_CAME: Check = Check {
    name: "prints_every_datagram_from_anyone_as_it_came",
    behaviour: "U1",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "a datagram from someone other than the peer, an empty one and one with blanks around it are each printed as they came",
        zh: "来自对端以外的人的数据报、空数据报和前后带空格的数据报都按原样各打印一行",
    },
    hints: &[
        Text {
            en: "Never connect the chat's socket: a connected UDP socket drops every datagram that does not come from the peer. Print each datagram recv_from returns, an empty one too, without trimming it.",
            zh: "不要对聊天程序的套接字调用 connect：已连接的 UDP 套接字会丢掉所有不是来自对端的数据报。recv_from 返回的每个数据报都要打印，空的也一样，而且不要 trim。",
        },
        Text {
            en: "UDP needs no connection: anyone who knows the chat's address can send to it, and recv_from says who did. A datagram of 0 bytes is a message too.",
            zh: "UDP 不需要连接：任何知道聊天程序地址的人都能给它发送，recv_from 会告诉你是谁发的。0 字节的数据报也是一条消息。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, to, peer) = chat_with_suite(t)?;
        let stranger = t.udp_as(msg!("a stranger"; "陌生人"), "127.0.0.1:0")?;
        peer.send_to(b"from the peer", to)?;
        expect_printed(&mut chat, peer.addr(), "from the peer")?;
        for text in ["from a stranger", "", "  blanks around  "] {
            stranger.send_to(text.as_bytes(), to)?;
            let expected = format!(">>> from {}: {text}", stranger.addr());
            chat.expect_shown_exactly(&expected, REPLY, |l| l.starts_with(">>>"))?;
        }
        Ok(())
    },
};

pub const SENDS_EACH_LINE_AS_ONE_DATAGRAM: Check = Check {
    name: "sends_each_line_as_one_datagram",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Notes,
    title: Text {
        en: "sends each typed line to the peer as one datagram, without the newline",
        zh: "把输入的每一行作为一个数据报发给对端，不带换行符",
    },
    hints: &[
        Text {
            en: "Read standard input line by line and send_to the peer each line with its `\\n` removed.",
            zh: "逐行读取标准输入，去掉每行末尾的 `\\n` 后用 send_to 发给对端。",
        },
        Text {
            en: "A datagram keeps its boundaries: the receiver gets exactly the bytes of one send_to. TCP needs a newline to mark where a message ends; UDP does not.",
            zh: "数据报保留边界：接收方恰好收到一次 send_to 的字节。TCP 需要换行符标出消息的结尾，UDP 不需要。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, bound, peer) = chat_with_suite(t)?;
        // Both lines at once, so a program that sends what it read in one
        // piece sends them as one datagram. The peer answers the first: a
        // chat that waits for an answer after each message, as the notes'
        // chat does, then sends the second.
        chat.type_lines(&["first message", "second"])?;
        expect_sent(&peer, "first message", bound)?;
        peer.send_to(b"got it", bound)?;
        expect_sent(&peer, "second", bound)
    },
};

pub const SENDS_FROM_THE_PORT_IT_IS_BOUND_TO: Check = Check {
    name: "sends_from_the_port_it_is_bound_to",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "its datagrams leave from the port it is bound to",
        zh: "它发出的数据报来自它绑定的端口",
    },
    hints: &[
        Text {
            en: "Send with the same socket you bound and receive on; do not create another socket for sending.",
            zh: "用绑定并接收的同一个套接字发送；不要另建一个套接字来发送。",
        },
        Text {
            en: "A second socket gets a port of its own from the OS, so the peer sees a different sender, and its replies go to that other socket, which nobody reads.",
            zh: "第二个套接字会从操作系统得到自己的端口，于是对端看到的发送方不同，它的回复也会发到那个没人读取的套接字。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, bound, peer) = chat_with_suite(t)?;
        chat.type_line("where am I from?")?;
        expect_sent(&peer, "where am I from?", bound)
    },
};

pub const PRINTS_THE_REPLY_TO_ITS_OWN_MESSAGE: Check = Check {
    name: "prints_the_reply_to_its_own_message",
    behaviour: "D2",
    section: "§1.3",
    tier: Tier::Notes,
    title: Text {
        en: "one socket sends and receives: a reply to where its message came from is printed",
        zh: "一个套接字既发又收：回复到消息的来源地址，聊天程序能打印出来",
    },
    hints: &[
        Text {
            en: "Use one socket for everything: the receiving thread and the sending code share it (e.g. through an Arc).",
            zh: "所有收发都用同一个套接字：接收线程和发送代码共享它（例如通过 Arc）。",
        },
        Text {
            en: "UDP peers are symmetric: a peer answers to the sender's address it got from recv_from. If you send from a second socket, the answer goes there and your receiving socket never sees it.",
            zh: "UDP 双方是对等的：对端回复到它从 recv_from 得到的发送方地址。如果你用第二个套接字发送，回复就到了那里，你的接收套接字永远收不到。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, _bound, peer) = chat_with_suite(t)?;
        chat.type_line("你好")?;
        let (data, from) = peer.recv(REPLY)?;
        if data != "你好".as_bytes() {
            return Err(Stop::mismatch(
                msg!("the datagram that arrived is not the line typed"; "收到的数据报不是输入的那一行"),
                show::text("你好"),
                show::bytes(&data),
            ));
        }
        t.step(msg!("the peer replies to where the message came from, {}", from; "对端回复到消息的来源地址 {}", from));
        peer.send_to("你好，收到".as_bytes(), from)?;
        expect_printed(&mut chat, peer.addr(), "你好，收到")
    },
};

pub const BINDS_THE_ADDRESS_IT_IS_GIVEN: Check = Check {
    name: "binds_the_address_it_is_given",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "binds exactly the address it is given (the notes' port 7890 on a loopback address)",
        zh: "绑定的正是给定的地址（回环地址上的笔记端口 7890）",
    },
    hints: &[
        Text {
            en: "Bind the IP and the port of the first argument, both; print what local_addr() says.",
            zh: "第一个参数的 IP 和端口都要绑定；打印 local_addr() 返回的地址。",
        },
        Text {
            en: "All of 127.0.0.0/8 is this machine; the grader gives you an address like 127.77.3.9:7890 so that parallel checks never share a port. The OS delivers to your socket only what is sent to the address you bound.",
            zh: "整个 127.0.0.0/8 都是本机；评测程序给你一个类似 127.77.3.9:7890 的地址，使并行的检查不会共用端口。操作系统只把发到你所绑定地址的数据交给你的套接字。",
        },
    ],
    needs: &[],
    run: |t| {
        let addr = t.own_loopback_addr(CHAT_PORT)?;
        let peer = t.udp()?;
        let (mut chat, bound) = start_chat(t, &[&addr.to_string(), &peer.addr().to_string()])?;
        if bound != addr {
            return Err(Stop::mismatch(
                msg!("the chat is not bound to the address it was given"; "聊天程序绑定的不是给定的地址"),
                addr.to_string(),
                bound.to_string(),
            ));
        }
        chat.type_line("到了吗")?;
        expect_sent(&peer, "到了吗", addr)?;
        peer.send_to("到了".as_bytes(), addr)?;
        expect_printed(&mut chat, peer.addr(), "到了")
    },
};

pub const CHATS_WITH_ITSELF: Check = Check {
    name: "chats_with_itself",
    behaviour: "D2",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "chats with itself: a line sent to its own address is printed as received",
        zh: "与自己聊天：发给自己地址的一行会作为收到的消息打印出来",
    },
    hints: &[
        Text {
            en: "When the peer is your own address (or no peer is given), send_to your own socket: the receiving thread prints it like any other datagram.",
            zh: "对端就是自己的地址（或没有给出对端）时，send_to 自己的套接字：接收线程会像其他数据报一样打印它。",
        },
        Text {
            en: "Without a peer argument, use the address your socket is bound to (local_addr()), not the one you were given: with port 0 only local_addr() knows the port.",
            zh: "没有对端参数时，使用套接字实际绑定的地址（local_addr()），而不是传入的地址：端口为 0 时只有 local_addr() 知道端口。",
        },
    ],
    needs: &[],
    run: |t| {
        let own = t.own_loopback_addr(CHAT_PORT)?.to_string();
        let (mut chat, bound) = start_chat(t, &[&own, &own])?;
        chat.type_line("自言自语")?;
        expect_printed(&mut chat, bound, "自言自语")?;
        drop(chat);
        t.step(msg!("now without a peer argument: the chat talks to itself"; "现在不给对端参数：聊天程序与自己对话"));
        let (mut chat, bound) = start_chat(t, &["127.0.0.1:0"])?;
        chat.type_line("echo")?;
        expect_printed(&mut chat, bound, "echo")
    },
};

pub const TWO_CHATS_TALK_TO_EACH_OTHER_BOTH_WAYS: Check = Check {
    name: "two_chats_talk_to_each_other_both_ways",
    behaviour: "S5",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "two chats talk to each other, both ways and both at once",
        zh: "两个聊天程序互相对话，双向、同时",
    },
    hints: &[
        Text {
            en: "Start two copies, each with its own address first and the other's second; each line typed into one is printed by the other.",
            zh: "启动两个副本，各自先给自己的地址、再给对方的地址；在一个里输入的每一行都由另一个打印。",
        },
        Text {
            en: "Simplex is one way only, half duplex one way at a time, full duplex both ways at once. A socket is full duplex: sending never waits for receiving, so both can type at the same moment.",
            zh: "单工只能单向，半双工同一时刻只能单向，全双工可以同时双向。套接字是全双工的：发送从不需要等接收，所以双方可以同时输入。",
        },
    ],
    needs: &[],
    run: |t| {
        let a = t.own_loopback_addr(CHAT_PORT)?;
        let b = t.own_loopback_addr(CHAT_PORT)?;
        let (a_text, b_text) = (a.to_string(), b.to_string());
        let (mut chat_a, _) = start_chat(t, &[&a_text, &b_text])?;
        let (mut chat_b, _) = start_chat(t, &[&b_text, &a_text])?;
        // Each types, then each shows the other's message: the notes' chat
        // sends and then waits for one message, so both must have typed.
        chat_a.type_line("hello from A")?;
        chat_b.type_line("你好，我是 B")?;
        expect_printed(&mut chat_b, a, "hello from A")?;
        expect_printed(&mut chat_a, b, "你好，我是 B")?;
        t.step(msg!("and once more: the chat goes on"; "再来一次：聊天继续进行"));
        chat_a.type_line("A again")?;
        chat_b.type_line("B again")?;
        expect_printed(&mut chat_b, a, "A again")?;
        expect_printed(&mut chat_a, b, "B again")
    },
};

pub const PRINTS_QUEUED_DATAGRAMS_IN_ORDER: Check = Check {
    name: "prints_queued_datagrams_in_order",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "datagrams that arrive together are printed one per line, in order",
        zh: "同时到达的多个数据报逐行打印，顺序不变",
    },
    hints: &[
        Text {
            en: "Loop on recv_from: each call returns the next waiting datagram; print each one on its own line.",
            zh: "循环调用 recv_from：每次返回下一个排队的数据报；每个单独打印一行。",
        },
        Text {
            en: "The OS keeps datagrams sent to your bound port in the socket's receive buffer until you read them (the notes' chat 002 shows this): nothing is lost or merged while you are busy, as long as the buffer is not full.",
            zh: "操作系统会把发到你绑定端口的数据报保存在套接字的接收缓冲区中，直到你读取（笔记的聊天 002 展示了这一点）：只要缓冲区没满，你忙的时候也不会丢失或合并。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, bound, peer) = chat_with_suite(t)?;
        let messages: Vec<String> = (1..=20).map(|i| format!("第 {i} 条")).collect();
        for m in &messages {
            peer.send_to(m.as_bytes(), bound)?;
        }
        // One typed line per queued datagram, as the notes took them out
        // one at a time: a chat that receives only after it has sent
        // prints one per line; one that receives all the time prints them
        // anyway.
        chat.type_lines(&["next"; 20])?;
        for m in &messages {
            expect_printed(&mut chat, peer.addr(), m)?;
        }
        Ok(())
    },
};

pub const EXITS_AT_ONCE_ON_EXIT_WHILE_A_RECEIVE_IS_PENDING: Check = Check {
    name: "exits_at_once_on_exit_while_a_receive_is_pending",
    behaviour: "S5",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "the line EXIT (ending in \\n, in \\r\\n, or in the end of the input) ends it at once with code 0 and is not sent, though its receiver is waiting in recv_from",
        zh: "输入 EXIT（以 \\n、\\r\\n 结尾，或紧接着输入结束）立即以 0 退出且不被发送，即使接收线程正阻塞在 recv_from 中",
    },
    hints: &[
        Text {
            en: "When the line is EXIT, do not send it: stop reading and let main return.",
            zh: "读到 EXIT 这一行时不要发送它：停止读取，让 main 返回。",
        },
        Text {
            en: "The receiving thread is blocked in recv_from and cannot be interrupted, so joining it would wait forever. Returning from main ends the whole process, that thread included, and the OS closes the socket.",
            zh: "接收线程阻塞在 recv_from 中且无法被打断，所以 join 它会永远等下去。从 main 返回会结束整个进程（包括那个线程），操作系统会关闭套接字。",
        },
    ],
    needs: &[],
    run: |t| {
        let endings = EXIT_ENDINGS;
        t.rounds(
            endings.len(),
            msg!("start the chat; a datagram arrives; type EXIT with one line ending or another; it exits 0 and sends nothing";
                 "启动聊天程序；收到一个数据报；输入某种行尾的 EXIT；它以 0 退出且什么也不发送"),
            |n| {
                let (mut chat, bound, peer) = chat_with_suite(t)?;
                // Once a datagram has been printed the receiver is surely
                // running, and now waits in recv_from for the next one.
                peer.send_to(b"are you listening?", bound)?;
                expect_printed(&mut chat, peer.addr(), "are you listening?")?;
                chat.type_exit(endings[n - 1])?;
                chat.expect_exit(0, EXIT)?;
                peer.expect_silence(QUIET)
            },
        )
    },
};

pub const EXITS_WHEN_ITS_INPUT_ENDS: Check = Check {
    name: "exits_when_its_input_ends",
    behaviour: "S5",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "the end of its input (Ctrl-D) ends it with code 0, like EXIT",
        zh: "输入结束（Ctrl-D）时像 EXIT 一样以 0 退出",
    },
    hints: &[
        Text {
            en: "Reading a line returns 0 bytes at the end of the input: treat it like EXIT.",
            zh: "输入结束时读一行会返回 0 字节：把它当作 EXIT 处理。",
        },
        Text {
            en: "A loop that ignores the end of input spins forever on empty reads (or sends empty datagrams without end).",
            zh: "忽略输入结束的循环会在空读取上无限空转（或无休止地发送空数据报）。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, _bound, _peer) = chat_with_suite(t)?;
        chat.close_stdin();
        chat.expect_exit(0, EXIT)
    },
};

pub const KEEPS_CHINESE_TEXT_BYTE_EXACT: Check = Check {
    name: "keeps_chinese_text_byte_exact",
    behaviour: "C9",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "Chinese text goes out and comes in byte-exact (UTF-8 both ways)",
        zh: "中文文本收发都原样保持（双向 UTF-8）",
    },
    hints: &[
        Text {
            en: "Send the bytes of the line as typed (UTF-8); decode what arrives once, with String::from_utf8_lossy, when printing.",
            zh: "按输入的原样发送这一行的字节（UTF-8）；收到的数据只在打印时用 String::from_utf8_lossy 解码一次。",
        },
        Text {
            en: "A Chinese character is 3 bytes in UTF-8, an emoji 4; cutting or re-encoding them (e.g. as GBK, as the notes' TCP programs do) breaks them.",
            zh: "一个汉字在 UTF-8 中占 3 字节，一个表情符号占 4 字节；截断或重新编码（比如像笔记中的 TCP 程序那样用 GBK）都会破坏它们。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, bound, peer) = chat_with_suite(t)?;
        let out = "你好，世界！网络编程 🌏";
        chat.type_line(out)?;
        expect_sent(&peer, out, bound)?;
        let back = "收到了，谢谢！😀";
        peer.send_to(back.as_bytes(), bound)?;
        expect_printed(&mut chat, peer.addr(), back)
    },
};

pub const SURVIVES_BYTES_THAT_ARE_NOT_UTF8: Check = Check {
    name: "survives_bytes_that_are_not_utf8",
    behaviour: "C9",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "a datagram that is not UTF-8 is shown lossily and the chat goes on",
        zh: "非 UTF-8 的数据报以替换字符显示，聊天继续进行",
    },
    hints: &[
        Text {
            en: "Print with String::from_utf8_lossy, not String::from_utf8(...).unwrap().",
            zh: "用 String::from_utf8_lossy 打印，而不是 String::from_utf8(...).unwrap()。",
        },
        Text {
            en: "Anyone can send any bytes to your port (here GBK-encoded 你好); a panic in the receiving thread silently ends receiving while the program keeps running.",
            zh: "任何人都可以向你的端口发送任意字节（这里是 GBK 编码的“你好”）；接收线程一旦 panic，接收就悄悄停止了，而程序还在运行。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, bound, peer) = chat_with_suite(t)?;
        peer.send_to(shared::GBK_NIHAO, bound)?;
        let shown = format!(">>> from {}: ���� gbk", peer.addr());
        shared::expect_gbk_shown_lossily(&mut chat, ">>>", &shown)?;
        peer.send_to(b"and now UTF-8", bound)?;
        expect_printed(&mut chat, peer.addr(), "and now UTF-8")
    },
};

pub const RECEIVES_A_DATAGRAM_LARGER_THAN_1024_BYTES: Check = Check {
    name: "receives_a_datagram_larger_than_1024_bytes",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "prints a 60 000-byte datagram whole (no recvfrom(1024))",
        zh: "完整打印一个 60000 字节的数据报（不能用 recvfrom(1024)）",
    },
    hints: &[
        Text {
            en: "Give recv_from a buffer as big as the largest datagram, 65 507 bytes (or 65 536).",
            zh: "给 recv_from 的缓冲区要能装下最大的数据报：65507 字节（或 65536）。",
        },
        Text {
            en: "One recv_from returns one datagram; the part that does not fit in the buffer is thrown away, not kept for the next call. The notes' recvfrom(1024) cuts anything longer.",
            zh: "一次 recv_from 返回一个数据报；缓冲区装不下的部分被丢弃，不会留给下一次调用。笔记中的 recvfrom(1024) 会截断更长的数据。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, bound, peer) = chat_with_suite(t)?;
        let big: String = "0123456789".repeat(6000);
        peer.send_to(big.as_bytes(), bound)?;
        expect_printed(&mut chat, peer.addr(), &big)
    },
};

pub const REJECTS_A_MALFORMED_ADDRESS: Check = Check {
    name: "rejects_a_malformed_address",
    behaviour: "P1",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "a port above 65535 or an IP like 256.1.1.1 is a usage error: exit 2 and one sentence",
        zh: "端口超过 65535 或 256.1.1.1 这样的 IP 属于用法错误：以 2 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "Parse both addresses with the Args helper (or parse::<SocketAddr>()) and exit 2 with one line on stderr when either is wrong.",
            zh: "用 Args 辅助函数（或 parse::<SocketAddr>()）解析两个地址，任何一个出错都在标准错误输出一行并以 2 退出。",
        },
        Text {
            en: "A port is 0-65535 and each number of an IPv4 address is 0-255; never unwrap a parse of user input.",
            zh: "端口是 0–65535，IPv4 地址的每个数字是 0–255；不要对用户输入的解析结果 unwrap。",
        },
    ],
    needs: &[],
    run: |t| {
        for args in [
            &["127.0.0.1:0", "127.0.0.1:65536"][..],
            &["256.1.1.1:7890", "127.0.0.1:7890"][..],
        ] {
            let done = t.run(args)?;
            done.expect_usage_error()?;
        }
        Ok(())
    },
};

pub const REPORTS_A_PORT_THAT_IS_TAKEN: Check = Check {
    name: "reports_a_port_that_is_taken",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "a UDP port another program holds: exit 1 and one sentence",
        zh: "UDP 端口已被其他程序占用：以 1 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "When bind fails, print one sentence naming the address and the reason and exit with code 1 (the `fail` helper does both).",
            zh: "bind 失败时，输出一句包含地址和原因的话，并以退出码 1 结束（`fail` 辅助函数两样都做）。",
        },
        Text {
            en: "Only one socket can be bound to a UDP address and port (unless both ask to share it); the error is AddrInUse (EADDRINUSE).",
            zh: "一个 UDP 地址和端口只能被一个套接字绑定（除非双方都要求共享）；错误是 AddrInUse（EADDRINUSE）。",
        },
    ],
    needs: &[],
    run: |t| {
        let holder = t.udp_as(msg!("the suite"; "评测程序"), "127.0.0.1:0")?;
        let taken = holder.addr().to_string();
        let done = t.run(&[&taken, &taken])?;
        shared::expect_address_in_use(&done)
    },
};

pub const SENDS_AWKWARD_LINES_EXACTLY_AS_TYPED: Check = Check {
    name: "sends_awkward_lines_exactly_as_typed",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "\\r\\n, blanks, an empty line, bytes that are not UTF-8, EXITING and a last line without \\n are sent exactly as typed",
        zh: "\\r\\n、空格、空行、非 UTF-8 字节、EXITING 以及没有 \\n 的最后一行都按输入原样发送",
    },
    hints: &[
        Text {
            en: "Read the keyboard as bytes (read_until(b'\\n')), drop only the final \\n and a \\r before it, compare with exactly b\"EXIT\", send the rest; at the end of input send a last line that has no \\n, then exit.",
            zh: "按字节读取键盘输入（read_until(b'\\n')），只去掉末尾的 \\n 和它前面的 \\r，与 b\"EXIT\" 完全比较，其余发送；输入结束时，先发送没有 \\n 的最后一行再退出。",
        },
        Text {
            en: "lines() refuses bytes that are not UTF-8, trim() eats blanks that belong to the message, and starts_with(\"EXIT\") ends the chat at EXITING.",
            zh: "lines() 不接受非 UTF-8 字节，trim() 会吃掉属于消息的空格，starts_with(\"EXIT\") 会在 EXITING 处结束聊天。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, bound, peer) = chat_with_suite(t)?;
        for edge in Edge::in_typing_order() {
            chat.type_edge(edge)?;
            expect_sent(&peer, edge.text(), bound)?;
        }
        chat.expect_exit(0, EXIT)
    },
};

pub const SKIPS_A_LINE_LONGER_THAN_A_DATAGRAM: Check = Check {
    name: "skips_a_line_longer_than_a_datagram",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "a line of 65 507 bytes is one datagram; one of 100 000 is not sent (not in pieces either), one sentence says so, and the chat goes on",
        zh: "65 507 字节的一行是一个数据报；100 000 字节的一行不发送（也不拆开发送），用一句话说明，聊天继续",
    },
    hints: &[
        Text {
            en: "Compare the line's length with 65 507 before sending; when it is longer, print one sentence on stderr and read the next line.",
            zh: "发送前把行的长度与 65 507 比较；更长时在标准错误输出一句话，然后读下一行。",
        },
        Text {
            en: "A chat must not end because of one line: unlike exercise 01, a line that cannot be a datagram is an error of that line only.",
            zh: "聊天不能因为一行就结束：与练习 01 不同，无法成为数据报的行只是这一行的错误。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut chat, bound, peer) = chat_with_suite(t)?;
        // The longest line that fits is sent whole.
        let mut longest = vec![b'y'; MAX_DATAGRAM];
        longest.push(b'\n');
        chat.type_bytes(&longest)?;
        expect_sent(&peer, &longest[..MAX_DATAGRAM], bound)?;
        // A line longer than any one read of it: what a program reads past
        // the first part must be thrown away, up to the line's end, not
        // sent as a line of its own.
        let mut line = vec![b'x'; 100_000];
        line.push(b'\n');
        chat.type_bytes(&line)?;
        chat.type_line("after the long one")?;
        expect_sent(&peer, "after the long one", bound)?;
        chat.type_line("EXIT")?;
        let done = chat.finish(EXIT)?;
        done.expect_code(0)?;
        done.expect_one_sentence_on_stderr()
    },
};

pub const BINDS_THE_NOTES_ADDRESS_BY_DEFAULT: Check = Check {
    name: "binds_the_notes_address_by_default",
    behaviour: "S1",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "without arguments it binds the notes' chat address, 127.0.0.1:7890",
        zh: "没有参数时它绑定笔记中聊天程序的地址 127.0.0.1:7890",
    },
    hints: &[
        Text {
            en: "Args::addr(0, \"127.0.0.1:7890\") gives the default when no address is given.",
            zh: "Args::addr(0, \"127.0.0.1:7890\") 会在没有给出地址时提供默认值。",
        },
        Text {
            en: "Two people running the notes' chat find each other because both programs agree on the port.",
            zh: "两个人运行笔记中的聊天程序能找到对方，是因为两个程序约定了同一个端口。",
        },
    ],
    needs: &[Need::PrivateNamespace],
    run: |t| shared::expect_bound_by_default(t, "127.0.0.1:7890"),
};
