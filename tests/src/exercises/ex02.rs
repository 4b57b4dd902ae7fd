//! Exercise 02, the receive side of the notes' UDP chat (§4): bind a fixed
//! address, `recvfrom` in a loop, print each datagram with its sender.

use super::shared;
use crate::harness::expect_os_chosen;
use crate::harness::{Proc, UdpPeer};
use crate::prelude::*;
use std::net::SocketAddr;

pub static EXERCISE: Exercise = Exercise {
    id: "02",
    slug: "udp-recv",
    title: Text {
        en: "UDP receiver: bind a port, print what arrives",
        zh: "UDP 接收端：绑定端口，打印收到的内容",
    },
    sections: "§1.3, §4",
    exercise_package: "ex02-udp-recv",
    solution_package: "sol02-udp-recv",
    programs: &[Program {
        key: "02",
        role: Text {
            en: "the receiver",
            zh: "接收端",
        },
        exercise_bin: "ex02-udp-recv",
        solution_bin: "sol02-udp-recv",
    }],
    checks: &[
        &PRINTS_THE_ADDRESS_IT_IS_BOUND_TO,
        &RECEIVES_A_DATAGRAM_SENT_TO_ITS_PORT,
        &NAMES_THE_REAL_SENDER,
        &KEEPS_EACH_DATAGRAM_SEPARATE,
        &RECEIVES_A_65507_BYTE_DATAGRAM_WHOLE,
        &PRINTS_AN_EMPTY_DATAGRAM,
        &KEEPS_A_MESSAGE_WITH_A_NEWLINE_ON_ONE_LINE,
        &KEEPS_CHINESE_TEXT_BYTE_EXACT,
        &SURVIVES_BYTES_THAT_ARE_NOT_UTF8,
        &EXITS_AFTER_COUNT_DATAGRAMS,
        &REPORTS_ADDRESS_IN_USE,
        &REJECTS_A_MALFORMED_ADDRESS,
        &SHOWS_AWKWARD_MESSAGES_AS_THEY_ARRIVED,
        &BINDS_THE_NOTES_ADDRESS_BY_DEFAULT,
        &shared::REJECTS_A_BAD_COUNT,
        &shared::BINDS_EXACTLY_THE_ADDRESS_IT_WAS_GIVEN,
        &shared::REFUSES_AN_ARGUMENT_THAT_IS_NOT_UTF8,
    ],
    clauses: CLAUSES,
};

/// The promises of this exercise's README contract (see `crate::clause`).
static CLAUSES: &[Clause] = &[
    clause(
        "02.bind",
        "It binds exactly the address given (default 127.0.0.1:7999) and prints `bound to` with the address really bound, at once.",
        "它正好绑定给定的地址（默认 127.0.0.1:7999），并立即打印带有实际绑定地址的 `bound to`。",
        &[
            "prints_the_address_it_is_bound_to",
            "binds_exactly_the_address_it_was_given",
            "binds_the_notes_address_by_default",
        ],
    ),
    clause(
        "02.received",
        "Each datagram: `received from IP:PORT: MESSAGE` with the sender's address as recvfrom returned it.",
        "每个数据报：`received from IP:PORT: MESSAGE`，地址是 recvfrom 返回的发送方地址。",
        &[
            "receives_a_datagram_sent_to_its_port",
            "names_the_real_sender",
        ],
    ),
    clause(
        "02.whole",
        "MESSAGE is the whole datagram, up to 65 507 bytes.",
        "MESSAGE 是整个数据报，最多 65 507 字节。",
        &["receives_a_65507_byte_datagram_whole"],
    ),
    clause(
        "02.text",
        "MESSAGE is shown as it arrived: UTF-8 as is, blanks kept, bytes that are not UTF-8 as U+FFFD, never a crash.",
        "MESSAGE 按到达时的样子显示：UTF-8 原样、保留空格、非 UTF-8 字节显示为 U+FFFD，绝不崩溃。",
        &[
            "keeps_chinese_text_byte_exact",
            "survives_bytes_that_are_not_utf8",
            "shows_awkward_messages_as_they_arrived",
        ],
    ),
    clause(
        "02.one-line",
        "\\n and \\r inside a message are written as the two characters \\n and \\r: one datagram, one line.",
        "消息中的 \\n 和 \\r 写成两个字符 \\n 和 \\r：一个数据报就是一行。",
        &[
            "keeps_a_message_with_a_newline_on_one_line",
            "shows_awkward_messages_as_they_arrived",
        ],
    ),
    clause(
        "02.empty",
        "An empty datagram prints `received from IP:PORT: ` and the program goes on; no datagram (EXIT neither) ends it.",
        "空数据报打印 `received from IP:PORT: `，程序继续运行；任何数据报（包括 EXIT）都不会让它结束。",
        &[
            "prints_an_empty_datagram",
            "shows_awkward_messages_as_they_arrived",
        ],
    ),
    clause(
        "02.separate",
        "One line per datagram, in the order received: never two in one line.",
        "每个数据报一行，按接收顺序：绝不把两个放在一行。",
        &["keeps_each_datagram_separate"],
    ),
    clause(
        "02.count",
        "--count N: exit 0 after N datagrams (an empty one counts; 0 exits at once); a bad count is a usage error.",
        "--count N：收到 N 个数据报后以 0 退出（空数据报也算；0 表示立即退出）；错误的数量属于用法错误。",
        &["exits_after_count_datagrams", "rejects_a_bad_count"],
    ),
    clause(
        "02.in-use",
        "An address another socket holds: exit 1 and one sentence saying it is in use.",
        "地址被别的套接字占用：以 1 退出并用一句话说明已被占用。",
        &["reports_address_in_use"],
    ),
    clause(
        "02.usage",
        "A bad address, or an argument that is not UTF-8: exit 2 and one sentence.",
        "错误的地址或不是 UTF-8 的参数：以 2 退出并输出一句话。",
        &[
            "rejects_a_malformed_address",
            "refuses_an_argument_that_is_not_utf8",
        ],
    ),
];

/// Start the receiver on a port the OS chooses, and a sender of the suite.
fn receiver_and_sender(t: &Test, extra: &[&str]) -> Result<(Proc, SocketAddr, UdpPeer), Stop> {
    let mut args = vec!["127.0.0.1:0"];
    args.extend_from_slice(extra);
    let (receiver, addr) = t.start_bound(&args)?;
    let sender = t.udp_as(msg!("the sender"; "发送端"), "127.0.0.1:0")?;
    Ok((receiver, addr, sender))
}

/// The receiver prints exactly `received from FROM: TEXT` next.
fn expect_received(receiver: &mut Proc, from: SocketAddr, text: &str) -> Outcome {
    let expected = format!("received from {from}: {text}");
    receiver.expect_exact_line("received from", &expected, REPLY)
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
            en: "After bind, print `bound to IP:PORT` using socket.local_addr(), not the address you were given.",
            zh: "bind 之后用 socket.local_addr() 打印 `bound to IP:PORT`，而不是照抄传入的地址。",
        },
        Text {
            en: "With 127.0.0.1:0 the OS picks a free port; only local_addr() knows which. Flush the line (`say` does) so senders see it at once.",
            zh: "参数为 127.0.0.1:0 时由操作系统挑选空闲端口，只有 local_addr() 知道是哪个。记得刷新输出（`say` 会刷新），发送方才能立刻看到。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_receiver, addr) = t.start_bound(&["127.0.0.1:0"])?;
        expect_os_chosen(addr)
    },
};

pub const RECEIVES_A_DATAGRAM_SENT_TO_ITS_PORT: Check = Check {
    name: "receives_a_datagram_sent_to_its_port",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "a datagram sent to the bound port is received and printed with its sender",
        zh: "发往所绑定端口的数据报被收到，并与发送方一起打印",
    },
    hints: &[
        Text {
            en: "Call recv_from in a loop and print `received from IP:PORT: MESSAGE` for each datagram.",
            zh: "循环调用 recv_from，对每个数据报打印 `received from IP:PORT: MESSAGE`。",
        },
        Text {
            en: "The OS delivers to your socket every datagram addressed to the port it holds; recv_from waits (blocks) until one is there.",
            zh: "操作系统把发往你所占端口的每个数据报都交给你的套接字；recv_from 会一直等待（阻塞）直到有数据报到来。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut receiver, addr, sender) = receiver_and_sender(t, &[])?;
        sender.send_to(b"hello netlings", addr)?;
        expect_received(&mut receiver, sender.addr(), "hello netlings")
    },
};

pub const NAMES_THE_REAL_SENDER: Check = Check {
    name: "names_the_real_sender",
    behaviour: "P5",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "names each datagram's real sender: its IP and its own port",
        zh: "指出每个数据报真正的发送方：它的 IP 和它自己的端口",
    },
    hints: &[
        Text {
            en: "recv_from returns two things: the size and the sender's address. Print that address.",
            zh: "recv_from 返回两样东西：长度和发送方的地址。打印这个地址。",
        },
        Text {
            en: "Each sender talks from its own port (one its OS picked); your own address is the same for all of them and names none.",
            zh: "每个发送方都从自己的端口（由它的操作系统挑选）发出；你自己的地址对所有发送方都一样，指不出是谁。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut receiver, addr, first) = receiver_and_sender(t, &[])?;
        let second = t.udp_as(msg!("sender 2"; "发送端 2"), "127.0.0.1:0")?;
        first.send_to(b"from one", addr)?;
        expect_received(&mut receiver, first.addr(), "from one")?;
        second.send_to(b"from two", addr)?;
        expect_received(&mut receiver, second.addr(), "from two")
    },
};

pub const KEEPS_EACH_DATAGRAM_SEPARATE: Check = Check {
    name: "keeps_each_datagram_separate",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Notes,
    title: Text {
        en: "three datagrams queued while it was busy come out as three messages, in order",
        zh: "忙碌时排队的三个数据报，按顺序作为三条消息取出",
    },
    hints: &[
        Text {
            en: "Print exactly one line per recv_from: one call, one datagram, one message.",
            zh: "每次 recv_from 恰好打印一行：一次调用、一个数据报、一条消息。",
        },
        Text {
            en: "Datagrams that arrive while you are not reading wait in the socket's queue and come out one per recv_from, whole and in order; never glue them together.",
            zh: "你没在读取时到达的数据报在套接字的队列里等待，每次 recv_from 完整地、按顺序取出一个；绝不要把它们拼在一起。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut receiver, addr, sender) = receiver_and_sender(t, &[])?;
        receiver.pause()?;
        let messages = ["one", "two", "three"];
        for message in messages {
            sender.send_to(message.as_bytes(), addr)?;
        }
        receiver.resume()?;
        for message in messages {
            expect_received(&mut receiver, sender.addr(), message)?;
        }
        Ok(())
    },
};

pub const RECEIVES_A_65507_BYTE_DATAGRAM_WHOLE: Check = Check {
    name: "receives_a_65507_byte_datagram_whole",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "a datagram of 65 507 bytes, the largest, arrives whole",
        zh: "65 507 字节的数据报（最大的数据报）完整到达",
    },
    hints: &[
        Text {
            en: "Give recv_from a buffer of at least 65 507 bytes (65 536 is a round choice).",
            zh: "给 recv_from 一个至少 65 507 字节的缓冲区（取 65 536 比较整齐）。",
        },
        Text {
            en: "The notes' recvfrom(1024) cuts a longer datagram and the rest is thrown away: unlike TCP, there is no next read that returns it.",
            zh: "笔记中的 recvfrom(1024) 会截断更长的数据报，剩余部分被丢弃：与 TCP 不同，不会有下一次读取把它读回来。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut receiver, addr, sender) = receiver_and_sender(t, &[])?;
        let big = "x".repeat(MAX_DATAGRAM);
        sender.send_to(big.as_bytes(), addr)?;
        expect_received(&mut receiver, sender.addr(), &big)
    },
};

pub const PRINTS_AN_EMPTY_DATAGRAM: Check = Check {
    name: "prints_an_empty_datagram",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "an empty datagram is a message, printed like any other; the receiver goes on",
        zh: "空数据报也是一条消息，和其他消息一样打印；接收端继续运行",
    },
    hints: &[
        Text {
            en: "Print `received from IP:PORT: ` for a datagram of 0 bytes and keep receiving.",
            zh: "对 0 字节的数据报打印 `received from IP:PORT: `，然后继续接收。",
        },
        Text {
            en: "Over TCP, reading 0 bytes means the peer closed; over UDP it means someone sent an empty datagram. There is no \"end\" in UDP.",
            zh: "在 TCP 中读到 0 字节表示对方关闭；在 UDP 中它表示有人发了一个空数据报。UDP 没有“结束”。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut receiver, addr, sender) = receiver_and_sender(t, &[])?;
        sender.send_to(b"", addr)?;
        expect_received(&mut receiver, sender.addr(), "")?;
        sender.send_to(b"after the empty one", addr)?;
        expect_received(&mut receiver, sender.addr(), "after the empty one")
    },
};

pub const KEEPS_A_MESSAGE_WITH_A_NEWLINE_ON_ONE_LINE: Check = Check {
    name: "keeps_a_message_with_a_newline_on_one_line",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "a datagram holding a line break is still printed as one line (shown as \\n)",
        zh: "含换行符的数据报仍打印为一行（换行显示为 \\n）",
    },
    hints: &[
        Text {
            en: "Before printing, replace each `\\n` in the message by the two characters `\\` `n` (and `\\r` by `\\` `r`).",
            zh: "打印前把消息中的每个 `\\n` 替换为 `\\` 和 `n` 两个字符（`\\r` 替换为 `\\` 和 `r`）。",
        },
        Text {
            en: "The output has one line per message; a raw newline inside a datagram would make one message look like two.",
            zh: "输出是一条消息一行；数据报里原样的换行会让一条消息看起来像两条。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut receiver, addr, sender) = receiver_and_sender(t, &[])?;
        sender.send_to(b"line one\nline two", addr)?;
        expect_received(&mut receiver, sender.addr(), "line one\\nline two")
    },
};

pub const KEEPS_CHINESE_TEXT_BYTE_EXACT: Check = Check {
    name: "keeps_chinese_text_byte_exact",
    behaviour: "C9",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "Chinese text (UTF-8) is printed exactly as sent",
        zh: "中文文本（UTF-8）按发送的原样打印",
    },
    hints: &[
        Text {
            en: "Decode the bytes of the datagram as UTF-8 once, when printing.",
            zh: "只在打印时把数据报的字节按 UTF-8 解码一次。",
        },
        Text {
            en: "A datagram always arrives whole, so a character is never split between two receives (unlike TCP).",
            zh: "数据报总是完整到达，所以一个汉字不会被拆到两次接收中（与 TCP 不同）。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut receiver, addr, sender) = receiver_and_sender(t, &[])?;
        let text = "你好，世界！网络编程 🌏";
        sender.send_to(text.as_bytes(), addr)?;
        expect_received(&mut receiver, sender.addr(), text)
    },
};

pub const SURVIVES_BYTES_THAT_ARE_NOT_UTF8: Check = Check {
    name: "survives_bytes_that_are_not_utf8",
    behaviour: "C9",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "bytes that are not UTF-8 are shown lossily, never a crash",
        zh: "非 UTF-8 字节以替换字符显示，绝不崩溃",
    },
    hints: &[
        Text {
            en: "Print with String::from_utf8_lossy, not String::from_utf8(...).unwrap().",
            zh: "用 String::from_utf8_lossy 打印，而不是 String::from_utf8(...).unwrap()。",
        },
        Text {
            en: "Anyone can send any bytes to your port (here GBK-encoded 你好); the receiver must show them and keep going.",
            zh: "任何人都能向你的端口发送任意字节（这里是 GBK 编码的“你好”）；接收端必须显示它们并继续运行。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut receiver, addr, sender) = receiver_and_sender(t, &[])?;
        sender.send_to(shared::GBK_NIHAO, addr)?;
        let prefix = format!("received from {}: ", sender.addr());
        shared::expect_gbk_shown_lossily(&mut receiver, &prefix, &format!("{prefix}���� gbk"))?;
        sender.send_to(b"still here", addr)?;
        expect_received(&mut receiver, sender.addr(), "still here")
    },
};

pub const EXITS_AFTER_COUNT_DATAGRAMS: Check = Check {
    name: "exits_after_count_datagrams",
    behaviour: "S2",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "with --count 2 it prints two datagrams (an empty one counts), exits 0 and frees its port; with --count 0 it exits at once",
        zh: "带 --count 2 时打印两个数据报（空数据报也算）后以 0 退出，并释放端口；带 --count 0 时立即退出",
    },
    hints: &[
        Text {
            en: "Count the datagrams you print, an empty one too; when --count N is given, leave the loop after the N-th — test the count before each receive, so that 0 waits for nothing.",
            zh: "数一数打印过的数据报，空数据报也算；给了 --count N 时，打印第 N 个后就退出循环——在每次接收之前检查计数，这样 0 就什么也不等。",
        },
        Text {
            en: "Returning from main drops the socket, which closes it, and the OS frees the port for others.",
            zh: "从 main 返回会 drop 套接字，即关闭它，操作系统随之把端口释放给别人。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut receiver, addr, sender) = receiver_and_sender(t, &["--count", "2"])?;
        sender.send_to(b"", addr)?;
        expect_received(&mut receiver, sender.addr(), "")?;
        sender.send_to(b"second", addr)?;
        expect_received(&mut receiver, sender.addr(), "second")?;
        receiver.expect_exit(0, EXIT)?;
        t.expect_port_released(Transport::Udp, addr)?;
        // Zero datagrams to print: nothing to wait for.
        let (mut receiver, _addr, _sender) = receiver_and_sender(t, &["--count", "0"])?;
        receiver.expect_exit(0, EXIT)
    },
};

pub const REPORTS_ADDRESS_IN_USE: Check = Check {
    name: "reports_address_in_use",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "a port another socket holds: exit 1 and one sentence saying it is in use",
        zh: "端口已被其他套接字占用：以 1 退出并用一句话说明端口被占用",
    },
    hints: &[
        Text {
            en: "When bind fails, print one sentence naming the address and the reason and exit 1 (the `fail` helper does both).",
            zh: "bind 失败时，输出一句包含地址和原因的话并以 1 退出（`fail` 辅助函数两样都做）。",
        },
        Text {
            en: "Only one socket can hold a UDP address and port, so the OS knows whom to give each datagram; the error is AddrInUse (EADDRINUSE).",
            zh: "一个 UDP 地址和端口只能由一个套接字占用，操作系统才知道每个数据报该交给谁；错误是 AddrInUse（EADDRINUSE）。",
        },
    ],
    needs: &[],
    run: |t| {
        let holder = t.udp_as(msg!("the suite"; "评测程序"), "127.0.0.1:0")?;
        let taken = holder.addr().to_string();
        let done = t.run(&[&taken])?;
        shared::expect_address_in_use(&done)
    },
};

pub const REJECTS_A_MALFORMED_ADDRESS: Check = Check {
    name: "rejects_a_malformed_address",
    behaviour: "A1",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "256.1.1.1 is not an IPv4 address: exit 2 and one sentence",
        zh: "256.1.1.1 不是 IPv4 地址：以 2 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "Parse the address with the given Args helper (.addr) and let it exit 2 with one line on stderr.",
            zh: "用提供的 Args 辅助函数（.addr）解析地址，出错时由它在标准错误输出一行并以 2 退出。",
        },
        Text {
            en: "Each of the four numbers of an IPv4 address is 0 to 255. Never unwrap a parse of user input.",
            zh: "IPv4 地址的四个数字都在 0 到 255 之间。不要对用户输入的解析结果 unwrap。",
        },
    ],
    needs: &[],
    run: |t| {
        let done = t.run(&["256.1.1.1:7999"])?;
        done.expect_usage_error()
    },
};

pub const SHOWS_AWKWARD_MESSAGES_AS_THEY_ARRIVED: Check = Check {
    name: "shows_awkward_messages_as_they_arrived",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "\\r\\n, blanks, an empty message, bytes that are not UTF-8 and EXIT are each shown exactly, and the receiver goes on",
        zh: "\\r\\n、空格、空消息、非 UTF-8 字节和 EXIT 都按原样显示，接收端继续运行",
    },
    hints: &[
        Text {
            en: "Print String::from_utf8_lossy(&buf[..n]) with \\r and \\n replaced by \\\\r and \\\\n, nothing trimmed; a datagram never ends the receiver.",
            zh: "打印 String::from_utf8_lossy(&buf[..n])，把 \\r 和 \\n 替换成 \\\\r 和 \\\\n，不要 trim；任何数据报都不会让接收端结束。",
        },
        Text {
            en: "The receiver shows messages, it does not interpret them: blanks are part of a message, and EXIT is only a word here (--count or Ctrl-C ends the program).",
            zh: "接收端只显示消息，不解释消息：空格是消息的一部分，EXIT 在这里只是一个词（结束程序靠 --count 或 Ctrl-C）。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut receiver, addr, sender) = receiver_and_sender(t, &[])?;
        shared::expect_each_edge_shown(&mut receiver, addr, &sender, false)
    },
};

pub const BINDS_THE_NOTES_ADDRESS_BY_DEFAULT: Check = Check {
    name: "binds_the_notes_address_by_default",
    behaviour: "S1",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "without arguments it binds the chat's address, 127.0.0.1:7999",
        zh: "没有参数时它绑定聊天程序的地址 127.0.0.1:7999",
    },
    hints: &[
        Text {
            en: "Args::addr(0, \"127.0.0.1:7999\") gives the default when no address is given.",
            zh: "Args::addr(0, \"127.0.0.1:7999\") 会在没有给出地址时提供默认值。",
        },
        Text {
            en: "A receiver must be where senders look for it: the notes' programs agree on fixed addresses.",
            zh: "接收端必须在发送端找它的地方：笔记中的程序事先约定了固定地址。",
        },
    ],
    needs: &[Need::PrivateNamespace],
    run: |t| shared::expect_bound_by_default(t, "127.0.0.1:7999"),
};
