//! Exercise 03, the UDP server of §4 ("binding a UDP port"): a fixed port
//! clients can find, a reply to each sender at its own address, for every
//! datagram and every client.

use super::shared;
use crate::harness::{Proc, UdpPeer};
use crate::prelude::*;
use std::net::SocketAddr;

pub static EXERCISE: Exercise = Exercise {
    id: "03",
    slug: "udp-bind",
    title: Text {
        en: "UDP server: a fixed port, a reply to every sender",
        zh: "UDP 服务器：固定端口，回复每个发送方",
    },
    sections: "§1.1, §3, §4",
    exercise_package: "ex03-udp-bind",
    solution_package: "sol03-udp-bind",
    programs: &[Program {
        key: "03",
        role: Text {
            en: "the server",
            zh: "服务器",
        },
        exercise_bin: "ex03-udp-bind",
        solution_bin: "sol03-udp-bind",
    }],
    checks: &[
        &LETS_THE_OS_CHOOSE_WITH_PORT_0,
        &IS_REACHABLE_AT_THE_ADDRESS_IT_WAS_GIVEN,
        &REPLIES_TO_THE_SENDERS_OWN_PORT,
        &ANSWERS_EVERY_DATAGRAM,
        &ANSWERS_TWO_CLIENTS_INTERLEAVED,
        &ECHOES_CHINESE_TEXT_BYTE_EXACT,
        &ECHOES_THE_LARGEST_DATAGRAM_WHOLE,
        &SURVIVES_BYTES_THAT_ARE_NOT_UTF8,
        &KEEPS_SERVING_AFTER_A_BURST_THAT_OVERFLOWS_ITS_BUFFER,
        &EXITS_AFTER_COUNT_DATAGRAMS,
        &REPORTS_ADDRESS_IN_USE,
        &REPORTS_PERMISSION_DENIED_FOR_A_PRIVILEGED_PORT,
        &shared::REJECTS_A_PORT_OUT_OF_RANGE,
        &SHOWS_AND_ECHOES_AWKWARD_MESSAGES_AS_THEY_ARRIVED,
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
        "03.bind",
        "It binds exactly the address given (default 127.0.0.1:7852) and prints `bound to` with the address really bound, at once.",
        "它正好绑定给定的地址（默认 127.0.0.1:7852），并立即打印带有实际绑定地址的 `bound to`。",
        &[
            "lets_the_os_choose_with_port_0",
            "is_reachable_at_the_address_it_was_given",
            "binds_exactly_the_address_it_was_given",
            "binds_the_notes_address_by_default",
        ],
    ),
    clause(
        "03.received",
        "Each datagram prints `received from IP:PORT: MESSAGE` as exercise 02 does: lossy UTF-8, blanks kept, \\r and \\n written out.",
        "每个数据报像练习 02 一样打印 `received from IP:PORT: MESSAGE`：按 UTF-8 宽松解码、保留空格、\\r 和 \\n 写成文字。",
        &["shows_and_echoes_awkward_messages_as_they_arrived"],
    ),
    clause(
        "03.echo",
        "Each datagram gets exactly one reply with the same bytes (up to 65 507, empty for empty, not UTF-8 unchanged).",
        "每个数据报都得到正好一个内容相同的回复（最多 65 507 字节，空对空，非 UTF-8 字节不变）。",
        &[
            "answers_every_datagram",
            "echoes_chinese_text_byte_exact",
            "echoes_the_largest_datagram_whole",
            "survives_bytes_that_are_not_utf8",
            "shows_and_echoes_awkward_messages_as_they_arrived",
        ],
    ),
    clause(
        "03.reply-to",
        "The reply goes to the address recvfrom returned, from the bound address, for every client.",
        "回复发往 recvfrom 返回的地址，从绑定的地址发出，对每个客户端都如此。",
        &[
            "replies_to_the_senders_own_port",
            "answers_two_clients_interleaved",
        ],
    ),
    clause(
        "03.serves-on",
        "The server goes on until --count datagrams or Ctrl-C: a burst it cannot hold loses datagrams, not the server.",
        "服务器一直运行到 --count 个数据报或 Ctrl-C：处理不过来的突发数据只会丢数据报，不会让服务器停下。",
        &["keeps_serving_after_a_burst_that_overflows_its_buffer"],
    ),
    clause(
        "03.count",
        "--count N: exit 0 after N datagrams (an empty one counts; 0 exits at once); a bad count is a usage error.",
        "--count N：处理 N 个数据报后以 0 退出（空数据报也算；0 表示立即退出）；错误的数量属于用法错误。",
        &["exits_after_count_datagrams", "rejects_a_bad_count"],
    ),
    clause(
        "03.bind-error",
        "An address that cannot be bound: exit 1 and one sentence saying why (in use, permission denied).",
        "无法绑定地址：以 1 退出并用一句话说明原因（已被占用、权限不足）。",
        &[
            "reports_address_in_use",
            "reports_permission_denied_for_a_privileged_port",
        ],
    ),
    clause(
        "03.usage",
        "A bad address, or an argument that is not UTF-8: exit 2 and one sentence.",
        "错误的地址或不是 UTF-8 的参数：以 2 退出并输出一句话。",
        &[
            "rejects_a_port_out_of_range",
            "refuses_an_argument_that_is_not_utf8",
        ],
    ),
];

/// Start the server on a port the OS chooses and make a client.
fn server_and_client(t: &Test) -> Result<(Proc, SocketAddr, UdpPeer), Stop> {
    let (server, addr) = t.start_bound(&["127.0.0.1:0"])?;
    let client = t.udp_as(msg!("the client"; "客户端"), "127.0.0.1:0")?;
    Ok((server, addr, client))
}

/// `client` sends `data` to the server and gets the same bytes back, from
/// the server's own address.
fn echo(client: &UdpPeer, server: SocketAddr, data: &[u8]) -> Outcome {
    client.send_to(data, server)?;
    client.expect_reply_from(data, server, REPLY)
}

pub const LETS_THE_OS_CHOOSE_WITH_PORT_0: Check = Check {
    name: "lets_the_os_choose_with_port_0",
    behaviour: "P1",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "port 0 lets the OS choose; the printed address is the real one and answers",
        zh: "端口 0 由操作系统选择；打印的地址是真实的，并且能应答",
    },
    hints: &[
        Text {
            en: "Print `bound to IP:PORT` with socket.local_addr(), after bind, not the address from the arguments.",
            zh: "bind 之后用 socket.local_addr() 打印 `bound to IP:PORT`，而不是参数里的地址。",
        },
        Text {
            en: "Port 0 is not a port anyone can send to: in a bind it asks the OS for any free port, and local_addr() tells you which one you got.",
            zh: "端口 0 不是能发送到的端口：在 bind 中它请求操作系统给一个空闲端口，local_addr() 告诉你得到了哪个。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr, client) = server_and_client(t)?;
        if addr.port() == 0 {
            return Err(Stop::mismatch(
                msg!("the server printed port 0, not the port the OS chose"; "服务器打印了端口 0，而不是操作系统选择的端口"),
                "bound to 127.0.0.1:PORT, PORT not 0",
                addr.to_string(),
            ));
        }
        echo(&client, addr, b"are you there?")
    },
};

pub const IS_REACHABLE_AT_THE_ADDRESS_IT_WAS_GIVEN: Check = Check {
    name: "is_reachable_at_the_address_it_was_given",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "binds exactly the fixed address it is given, and answers there",
        zh: "准确绑定给定的固定地址，并在那里应答",
    },
    hints: &[
        Text {
            en: "Bind the address from the first argument as it is: its IP and its port.",
            zh: "原样绑定第一个参数给出的地址：它的 IP 和它的端口。",
        },
        Text {
            en: "Clients find a server by its fixed address, like a phone number that never changes. All of 127.0.0.0/8 is this machine: 127.3.4.5 is as local as 127.0.0.1, but a different address.",
            zh: "客户端靠固定地址找到服务器，就像从不更换的电话号码。整个 127.0.0.0/8 都是本机：127.3.4.5 和 127.0.0.1 一样是本地地址，但它们是不同的地址。",
        },
    ],
    needs: &[],
    run: |t| {
        let given = t.free_udp_addr()?;
        let (_server, printed) = t.start_bound(&[&given.to_string()])?;
        if printed != given {
            return Err(Stop::mismatch(
                msg!("the server is not bound to the address it was given"; "服务器绑定的不是给定的地址"),
                given.to_string(),
                printed.to_string(),
            ));
        }
        let client = t.udp_as(msg!("the client"; "客户端"), "127.0.0.1:0")?;
        echo(&client, given, "你好，服务器".as_bytes())
    },
};

pub const REPLIES_TO_THE_SENDERS_OWN_PORT: Check = Check {
    name: "replies_to_the_senders_own_port",
    behaviour: "P5",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "replies to the client's own ephemeral port, the address recvfrom returned",
        zh: "回复到客户端自己的临时端口，即 recvfrom 返回的地址",
    },
    hints: &[
        Text {
            en: "Send the reply with send_to(data, from), where `from` is what recv_from returned with the datagram.",
            zh: "用 send_to(数据, from) 发送回复，其中 `from` 是 recv_from 随数据报一起返回的地址。",
        },
        Text {
            en: "The client talks from a port its OS picked, different on every run; a reply sent to a port you chose yourself reaches nobody.",
            zh: "客户端从它的操作系统挑选的端口发出，每次运行都不同；发到你自己选的端口的回复谁也收不到。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr, client) = server_and_client(t)?;
        echo(&client, addr, b"reply to me, please")
    },
};

pub const ANSWERS_EVERY_DATAGRAM: Check = Check {
    name: "answers_every_datagram",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "keeps serving: three datagrams get three replies",
        zh: "持续服务：三个数据报得到三个回复",
    },
    hints: &[
        Text {
            en: "Put recv_from and send_to in a loop; without --count the server never stops by itself.",
            zh: "把 recv_from 和 send_to 放进循环；不带 --count 时服务器不会自己停止。",
        },
        Text {
            en: "The notes' server answers once and closes; a server stays bound so that clients can come back.",
            zh: "笔记中的服务器回复一次就关闭；真正的服务器会一直绑定着，客户端才能再来。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr, client) = server_and_client(t)?;
        for message in ["one", "two", "three"] {
            echo(&client, addr, message.as_bytes())?;
        }
        server.expect_running()
    },
};

pub const ANSWERS_TWO_CLIENTS_INTERLEAVED: Check = Check {
    name: "answers_two_clients_interleaved",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "two clients taking turns each get their own replies, and only theirs",
        zh: "两个客户端交替发送，各自收到自己的回复，也只收到自己的",
    },
    hints: &[
        Text {
            en: "Reply to whoever sent the datagram you just received; do not remember the first client.",
            zh: "回复刚收到的那个数据报的发送方；不要记住第一个客户端。",
        },
        Text {
            en: "One unconnected UDP socket serves everyone: recv_from tells you who is talking each time. connect() would tie it to one peer and drop everyone else's datagrams.",
            zh: "一个未连接的 UDP 套接字可以服务所有人：每次 recv_from 都会告诉你是谁在说话。connect() 会把它绑死在一个对端上，并丢弃其他所有人的数据报。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr, alice) = server_and_client(t)?;
        let bob = t.udp_as(msg!("client 2"; "客户端 2"), "127.0.0.1:0")?;
        echo(&alice, addr, b"alice 1")?;
        echo(&bob, addr, b"bob 1")?;
        echo(&alice, addr, b"alice 2")?;
        echo(&bob, addr, b"bob 2")?;
        alice.expect_silence(QUIET)?;
        bob.expect_silence(QUIET)
    },
};

pub const ECHOES_CHINESE_TEXT_BYTE_EXACT: Check = Check {
    name: "echoes_chinese_text_byte_exact",
    behaviour: "C9",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "Chinese text comes back byte-exact and is printed as sent",
        zh: "中文文本原样返回，并按发送的样子打印",
    },
    hints: &[
        Text {
            en: "Reply with exactly the bytes you received (&buf[..n]); decode them only to print.",
            zh: "原样回复收到的字节（&buf[..n]）；只在打印时解码。",
        },
        Text {
            en: "The course uses UTF-8 everywhere; a datagram arrives whole, so no character is ever split.",
            zh: "本课程处处使用 UTF-8；数据报总是完整到达，所以不会有汉字被拆开。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr, client) = server_and_client(t)?;
        let text = "我爱你，服务器 🌏";
        echo(&client, addr, text.as_bytes())?;
        let expected = format!("received from {}: {text}", client.addr());
        server.expect_exact_line("received from", &expected, REPLY)
    },
};

pub const ECHOES_THE_LARGEST_DATAGRAM_WHOLE: Check = Check {
    name: "echoes_the_largest_datagram_whole",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "a datagram of 65 507 bytes comes back whole",
        zh: "65 507 字节的数据报完整返回",
    },
    hints: &[
        Text {
            en: "Receive into a buffer of at least 65 507 bytes and reply with all n bytes received.",
            zh: "用至少 65 507 字节的缓冲区接收，并回复收到的全部 n 个字节。",
        },
        Text {
            en: "The notes' server used recvfrom(500): anything longer is cut and the rest is gone for good.",
            zh: "笔记中的服务器用 recvfrom(500)：更长的部分被截断，剩余内容永远丢失。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr, client) = server_and_client(t)?;
        echo(&client, addr, "y".repeat(MAX_DATAGRAM).as_bytes())
    },
};

pub const SURVIVES_BYTES_THAT_ARE_NOT_UTF8: Check = Check {
    name: "survives_bytes_that_are_not_utf8",
    behaviour: "C9",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "bytes that are not UTF-8 come back as sent, never a crash",
        zh: "非 UTF-8 字节按原样返回，绝不崩溃",
    },
    hints: &[
        Text {
            en: "Print with String::from_utf8_lossy and echo the raw bytes, not the decoded text.",
            zh: "用 String::from_utf8_lossy 打印，回送原始字节而不是解码后的文本。",
        },
        Text {
            en: "Anyone can send any bytes to a server's port (here GBK-encoded 你好); the server must answer and keep going.",
            zh: "任何人都能向服务器端口发送任意字节（这里是 GBK 编码的“你好”）；服务器必须应答并继续运行。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr, client) = server_and_client(t)?;
        echo(&client, addr, shared::GBK_NIHAO)?;
        echo(&client, addr, b"still there?")
    },
};

pub const KEEPS_SERVING_AFTER_A_BURST_THAT_OVERFLOWS_ITS_BUFFER: Check = Check {
    name: "keeps_serving_after_a_burst_that_overflows_its_buffer",
    behaviour: "U3",
    section: "§1.1",
    tier: Tier::Real,
    title: Text {
        en: "a burst larger than its receive buffer loses datagrams, and the server keeps answering",
        zh: "超过接收缓冲区的突发流量会丢失数据报，而服务器继续应答",
    },
    hints: &[
        Text {
            en: "Nothing to add for loss: a server that answers every datagram it receives, in a loop, survives it. Do not stop on a gap or an idle moment.",
            zh: "丢包不需要额外处理：循环应答收到的每个数据报的服务器就能挺过去。不要因为缺了某个数据报或一时空闲就停止。",
        },
        Text {
            en: "While a program is not reading, datagrams wait in its socket's receive buffer (about 200 KiB here); when it is full the kernel drops the rest silently. The sender is never told: that is what \"unreliable\" means.",
            zh: "程序不读取时，数据报在套接字的接收缓冲区（这里约 200 KiB）里等待；缓冲区满了，内核就悄悄丢弃其余的。发送方永远不会得知：这就是“不可靠”的含义。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr, flood) = server_and_client(t)?;
        server.pause()?;
        let (sent, _) = flood.send_until_dropped(addr, 1024, 20_000)?;
        server.resume()?;
        // A client after the burst: its datagram queues behind what the
        // buffer kept, so by its line the server has printed the burst.
        let late = t.udp_as(
            msg!("a client after the burst"; "突发之后的客户端"),
            "127.0.0.1:0",
        )?;
        echo(&late, addr, b"after the burst")?;
        let (before, _) = server.expect_line_and_those_before(
            "\"received from IP:PORT: after the burst\"",
            REPLY,
            |l| l.starts_with("received from") && l.ends_with(": after the burst"),
        )?;
        let printed: Vec<usize> = before.iter().filter_map(|l| burst_number(l)).collect();
        t.step(msg!("the server printed {} of the {} datagrams of the burst; the kernel dropped the rest", printed.len(), sent;
                    "服务器打印了突发的 {} 个数据报中的 {} 个；其余的被内核丢弃", sent, printed.len()));
        // The buffer was empty when the burst began, so the first datagrams
        // fitted; a kept datagram is printed once, in order; some were lost.
        let in_order = printed.windows(2).all(|w| w[0] < w[1]);
        if printed.first() != Some(&1) || !in_order || printed.len() >= sent {
            return Err(Stop::mismatch(
                msg!("the burst should show as datagrams 1, 2, … up to where the buffer filled (later ones may be missing), each once and in order";
                     "突发应表现为数据报 1、2……直到缓冲区满为止（之后的可能缺失），每个只出现一次且按顺序"),
                format!("burst 1 … fewer than {sent}, increasing"),
                ranges(&printed),
            ));
        }
        // Lost is lost: a dropped datagram never turns up later. The quiet
        // window is also an idle moment the server must live through.
        let last = printed.last().copied().unwrap_or(0);
        server.expect_no_line(QUIET, &format!("\"burst N\" with N up to {last}"), |l| {
            burst_number(l).is_some_and(|n| n <= last)
        })?;
        echo(&late, addr, b"still there?")?;
        server.expect_running()
    },
};

/// `1-150, 161, 170-176`: a list of numbers, shortened to its runs.
fn ranges(numbers: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &n in numbers {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => runs.push((n, n)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    if shown.is_empty() {
        "no burst datagram".to_string()
    } else {
        format!("burst {}", shown.join(", "))
    }
}

/// The number N of a printed `received from IP:PORT: burst N ...` line.
fn burst_number(line: &str) -> Option<usize> {
    let (_, rest) = line.split_once(": burst ")?;
    rest.split(' ').next()?.parse().ok()
}

pub const EXITS_AFTER_COUNT_DATAGRAMS: Check = Check {
    name: "exits_after_count_datagrams",
    behaviour: "S2",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "with --count 2 it answers two datagrams (an empty one counts), then exits 0; with --count 0 it exits at once",
        zh: "带 --count 2 时应答两个数据报（空数据报也算）后以 0 退出；带 --count 0 时立即退出",
    },
    hints: &[
        Text {
            en: "Count the datagrams you answer, an empty one too; with --count N leave the loop after the N-th reply — test the count before each receive, so that 0 waits for nothing.",
            zh: "数一数应答过的数据报，空数据报也算；给了 --count N 时，第 N 个回复之后退出循环——在每次接收之前检查计数，这样 0 就什么也不等。",
        },
        Text {
            en: "Reply first, then stop: the last client still expects its answer.",
            zh: "先回复，再停止：最后一个客户端仍在等它的回复。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = t.start_bound(&["127.0.0.1:0", "--count", "2"])?;
        let client = t.udp_as(msg!("the client"; "客户端"), "127.0.0.1:0")?;
        echo(&client, addr, b"")?;
        echo(&client, addr, b"second")?;
        server.expect_exit(0, EXIT)?;
        // Zero datagrams to answer: nothing to wait for.
        let (mut server, _addr) = t.start_bound(&["127.0.0.1:0", "--count", "0"])?;
        server.expect_exit(0, EXIT)
    },
};

pub const REPORTS_ADDRESS_IN_USE: Check = Check {
    name: "reports_address_in_use",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "a second server on the same port: exit 1 and one sentence saying it is in use",
        zh: "同一端口上的第二个服务器：以 1 退出并用一句话说明端口被占用",
    },
    hints: &[
        Text {
            en: "When bind fails, print one sentence naming the address and the reason and exit 1 (`fail` does both). Never fall back to another port: clients would not find you.",
            zh: "bind 失败时，输出一句包含地址和原因的话并以 1 退出（`fail` 两样都做）。不要改用别的端口：客户端会找不到你。",
        },
        Text {
            en: "Only one socket can hold a UDP address and port, so the OS knows whom to give each datagram; the error is AddrInUse (EADDRINUSE).",
            zh: "一个 UDP 地址和端口只能由一个套接字占用，操作系统才知道每个数据报该交给谁；错误是 AddrInUse（EADDRINUSE）。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_first, addr) = t.start_bound(&["127.0.0.1:0"])?;
        let done = t.run(&[&addr.to_string()])?;
        shared::expect_address_in_use(&done)
    },
};

pub const REPORTS_PERMISSION_DENIED_FOR_A_PRIVILEGED_PORT: Check = Check {
    name: "reports_permission_denied_for_a_privileged_port",
    behaviour: "P2",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "without privilege, port 7 (below 1024) is refused: exit 1 and \"permission denied\"",
        zh: "没有特权时绑定端口 7（小于 1024）被拒绝：以 1 退出并说明“permission denied”",
    },
    hints: &[
        Text {
            en: "Handle a failed bind like any other: one sentence with the reason, exit 1 (`fail` explains PermissionDenied for you). No unwrap, no panic.",
            zh: "像处理其他 bind 失败一样处理它：一句说明原因的话，以 1 退出（`fail` 会替你解释 PermissionDenied）。不要 unwrap，不要 panic。",
        },
        Text {
            en: "Ports 0-1023 are the well-known ports (7 echo, 21 FTP, 80 HTTP); on Linux binding one needs root or CAP_NET_BIND_SERVICE, otherwise bind fails with EACCES.",
            zh: "0–1023 是知名端口（7 echo、21 FTP、80 HTTP）；在 Linux 上绑定它们需要 root 或 CAP_NET_BIND_SERVICE，否则 bind 以 EACCES 失败。",
        },
    ],
    needs: &[Need::Unprivileged],
    run: |t| {
        let ip = t.free_udp_addr()?.ip();
        let privileged = SocketAddr::new(ip, 7).to_string();
        let done = t.run_unprivileged(&[&privileged])?;
        done.expect_failure_explained()?;
        done.expect_stderr(crate::harness::mentions("ermission denied"))
    },
};

pub const SHOWS_AND_ECHOES_AWKWARD_MESSAGES_AS_THEY_ARRIVED: Check = Check {
    name: "shows_and_echoes_awkward_messages_as_they_arrived",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "\\r\\n, blanks, an empty message, bytes that are not UTF-8 and EXIT: each shown exactly, echoed byte for byte, and the server goes on",
        zh: "\\r\\n、空格、空消息、非 UTF-8 字节和 EXIT：每个都按原样显示、逐字节回显，服务器继续运行",
    },
    hints: &[
        Text {
            en: "Echo &buf[..n] itself, not the text you printed; print it lossily with \\r and \\n written out, nothing trimmed.",
            zh: "回显 &buf[..n] 本身，而不是你打印出的文本；打印时宽松解码，\\r 和 \\n 写成文字，不要 trim。",
        },
        Text {
            en: "An echo server returns what it got: blanks, a \\r\\n from nc -C, or an empty datagram are all part of the message.",
            zh: "回显服务器原样返回收到的内容：空格、nc -C 发来的 \\r\\n、空数据报都是消息的一部分。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr, client) = server_and_client(t)?;
        shared::expect_each_edge_shown(&mut server, addr, &client, true)
    },
};

pub const BINDS_THE_NOTES_ADDRESS_BY_DEFAULT: Check = Check {
    name: "binds_the_notes_address_by_default",
    behaviour: "S1",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "without arguments it binds the notes' server address, 127.0.0.1:7852",
        zh: "没有参数时它绑定笔记中服务器的地址 127.0.0.1:7852",
    },
    hints: &[
        Text {
            en: "Args::addr(0, \"127.0.0.1:7852\") gives the default when no address is given.",
            zh: "Args::addr(0, \"127.0.0.1:7852\") 会在没有给出地址时提供默认值。",
        },
        Text {
            en: "Exercise 01 sends to 127.0.0.1:7852 by default: a server is useful where its clients look for it.",
            zh: "练习 01 默认发往 127.0.0.1:7852：服务器要在客户端找它的地方才有用。",
        },
    ],
    needs: &[Need::PrivateNamespace],
    run: |t| shared::expect_bound_by_default(t, "127.0.0.1:7852"),
};
