//! Exercise 05, the TCP server of §5.1: bind, listen, accept one client,
//! receive one message, reply, close.

use super::shared;
use crate::harness::expect_os_chosen;
use crate::harness::{BreakOff, Edge, Proc, TcpPeer};
use crate::prelude::*;
use std::net::SocketAddr;

pub static EXERCISE: Exercise = Exercise {
    id: "05",
    slug: "tcp-server",
    title: Text {
        en: "TCP server: serve one client",
        zh: "TCP 服务器：服务一个客户端",
    },
    sections: "§5.1",
    exercise_package: "ex05-tcp-server",
    solution_package: "sol05-tcp-server",
    programs: &[Program {
        key: "05",
        role: Text {
            en: "the server",
            zh: "服务器",
        },
        exercise_bin: "ex05-tcp-server",
        solution_bin: "sol05-tcp-server",
    }],
    checks: &[
        &PRINTS_THE_ADDRESS_IT_LISTENS_ON,
        &ACCEPTS_A_CLIENT_ONCE_LISTENING,
        &NAMES_THE_CLIENT_BY_ITS_OWN_PORT,
        &SEES_THE_CLIENT_ON_AN_EPHEMERAL_PORT,
        &REPLIES_TO_THE_MESSAGE,
        &REPLIES_ONLY_AFTER_THE_MESSAGE_ARRIVES,
        &PRINTS_THE_MESSAGE_IT_RECEIVED,
        &CLOSES_THE_CONNECTION_AFTER_REPLYING,
        &EXITS_AFTER_SERVING_ITS_CLIENT,
        &HANDLES_A_CLIENT_THAT_SENDS_NOTHING,
        &SENDS_NO_REPLY_WHEN_NOTHING_WAS_SENT,
        &KEEPS_CHINESE_TEXT_BYTE_EXACT,
        &SURVIVES_BYTES_THAT_ARE_NOT_UTF8,
        &READS_A_MESSAGE_SPLIT_OVER_MANY_WRITES,
        &READS_A_MESSAGE_LONGER_THAN_1024_BYTES,
        &CAN_RESTART_ON_THE_SAME_PORT_AT_ONCE,
        &RELEASES_ITS_PORT_WHEN_DONE,
        &shared::REJECTS_A_PORT_OUT_OF_RANGE,
        &shared::REJECTS_A_MALFORMED_IP,
        &REPORTS_ADDRESS_IN_USE,
        &shared::LISTENS_ONLY_ON_THE_ADDRESS_IT_IS_GIVEN,
        &EXPLAINS_A_CLIENT_THAT_RESETS,
        &SHOWS_AWKWARD_MESSAGES_EXACTLY,
        &PRINTS_ONLY_THE_CONTRACT_LINES,
        &EXPLAINS_A_FAILED_ACCEPT,
    ],
    clauses: CLAUSES,
};

/// The promises of this exercise's README contract (see `crate::clause`).
static CLAUSES: &[Clause] = &[
    clause(
        "05.listening",
        "It listens on the address it is given, only there, and prints `listening on IP:PORT` with the address really bound.",
        "它在给定的地址上监听，且只在那里，并打印 `listening on IP:PORT`，即实际绑定的地址。",
        &[
            "prints_the_address_it_listens_on",
            "listens_only_on_the_address_it_is_given",
        ],
    ),
    clause(
        "05.connected-line",
        "The client is announced as `client connected from IP:PORT`, its own address and ephemeral port.",
        "客户端打印为 `client connected from IP:PORT`，即它自己的地址和临时端口。",
        &[
            "names_the_client_by_its_own_port",
            "accepts_a_client_once_listening",
            "sees_the_client_on_an_ephemeral_port",
        ],
    ),
    clause(
        "05.message",
        "A message is the bytes up to its newline, or up to the client closing its side, however many pieces they arrive in.",
        "一条消息是直到换行符、或直到客户端关闭发送方向为止的字节，无论分成多少段到达。",
        &[
            "reads_a_message_split_over_many_writes",
            "shows_awkward_messages_exactly",
            "reads_a_message_longer_than_1024_bytes",
        ],
    ),
    clause(
        "05.received-line",
        "The message is shown as `received from IP:PORT: MESSAGE`, exactly its bytes without the newline, blanks included, up to 64 KiB.",
        "消息显示为 `received from IP:PORT: MESSAGE`，恰好是去掉换行符的字节，包括空格，最长 64 KiB。",
        &[
            "prints_the_message_it_received",
            "reads_a_message_longer_than_1024_bytes",
            "keeps_chinese_text_byte_exact",
            "shows_awkward_messages_exactly",
        ],
    ),
    clause(
        "05.not-utf8",
        "Bytes that are not UTF-8 are shown as U+FFFD, and the message is answered.",
        "不是 UTF-8 的字节显示为 U+FFFD，消息照样得到回复。",
        &["survives_bytes_that_are_not_utf8"],
    ),
    clause(
        "05.reply",
        "The reply `数据已收到\\n` is sent once the message has arrived, not before.",
        "消息到达之后（而不是之前）发送回复 `数据已收到\\n`。",
        &[
            "replies_to_the_message",
            "replies_only_after_the_message_arrives",
        ],
    ),
    clause(
        "05.close-and-exit",
        "Then it closes the client's connection and the listener and exits 0.",
        "然后关闭客户端的连接和监听套接字，以 0 退出。",
        &[
            "closes_the_connection_after_replying",
            "exits_after_serving_its_client",
            "releases_its_port_when_done",
        ],
    ),
    clause(
        "05.silent-client",
        "Only a client that closes without sending a byte is `client IP:PORT closed without sending` (exit 0, no reply); an empty line is a message.",
        "只有一个字节都没发送就关闭的客户端才打印 `client IP:PORT closed without sending`（退出码 0，不回复）；空行也是消息。",
        &[
            "handles_a_client_that_sends_nothing",
            "sends_no_reply_when_nothing_was_sent",
            "shows_awkward_messages_exactly",
        ],
    ),
    clause(
        "05.connection-fails",
        "A connection that fails (a reset at once, mid-message or before the reply) gives one sentence on stderr and exit code 1: never a panic.",
        "连接失败（连接后立即、消息中途或回复之前复位）时在标准错误输出写一句话，退出码 1：绝不 panic。",
        &["explains_a_client_that_resets"],
    ),
    clause(
        "05.accept-fails",
        "An accept that fails (no file descriptor left) gives one sentence on stderr and exit code 1: never a panic.",
        "accept 失败（没有剩余的文件描述符）时在标准错误输出写一句话，退出码 1：绝不 panic。",
        &["explains_a_failed_accept"],
    ),
    clause(
        "05.output-only",
        "Standard output holds the lines of the table and nothing else: no blank line, no prompt.",
        "标准输出只包含表中的那些行：没有空行，也没有提示符。",
        &["prints_only_the_contract_lines"],
    ),
    clause(
        "05.bad-argument",
        "A bad argument (port 65536, 256.1.1.1) is a usage error: exit code 2 and one sentence.",
        "错误的参数（端口 65536、256.1.1.1）是用法错误：退出码 2，一句话说明。",
        &["rejects_a_port_out_of_range", "rejects_a_malformed_ip"],
    ),
    clause(
        "05.cannot-listen",
        "An address it cannot listen on (in use) gives exit code 1 and one sentence, and no `listening on` line.",
        "无法监听的地址（已被占用）得到退出码 1 和一句话说明，并且没有 `listening on` 这一行。",
        &["reports_address_in_use"],
    ),
];

/// The reply of the notes' server, with the newline that ends a message.
const REPLY_LINE: &str = "数据已收到";

/// Start the server on a port the OS chooses and connect one client.
fn server_and_client(t: &Test) -> Result<(Proc, SocketAddr, TcpPeer), Stop> {
    let (server, addr) = t.start_listening(&["127.0.0.1:0"])?;
    let client = t.connect(addr)?;
    Ok((server, addr, client))
}

/// The line the server prints for a message: `received from IP:PORT: TEXT`.
fn received_line(server: &mut Proc, client: &TcpPeer, message: &str) -> Outcome {
    let expected = format!("received from {}: {}", client.local_addr(), message);
    server.expect_exact_line("received from", &expected, REPLY)
}

pub const PRINTS_THE_ADDRESS_IT_LISTENS_ON: Check = Check {
    name: "prints_the_address_it_listens_on",
    behaviour: "C2",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "prints the address it really listens on (port 0 lets the OS choose)",
        zh: "打印实际监听的地址（端口 0 表示由操作系统选择）",
    },
    hints: &[
        Text {
            en: "After bind and listen, print `listening on IP:PORT` using listener.local_addr(), not the address you were given.",
            zh: "bind 和 listen 之后，用 listener.local_addr() 打印 `listening on IP:PORT`，而不是照抄传入的地址。",
        },
        Text {
            en: "When the argument is 127.0.0.1:0 the OS picks a free port; only local_addr() knows which. Flush the line (the `say` helper does) so the grader sees it at once.",
            zh: "参数为 127.0.0.1:0 时由操作系统挑选空闲端口，只有 local_addr() 知道是哪个。记得刷新输出（`say` 会帮你刷新），评测程序才能立刻看到。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr) = t.start_listening(&["127.0.0.1:0"])?;
        expect_os_chosen(addr)?;
        t.connect(addr).map(drop)
    },
};

pub const ACCEPTS_A_CLIENT_ONCE_LISTENING: Check = Check {
    name: "accepts_a_client_once_listening",
    behaviour: "C3",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "accepts a client as soon as it says it is listening",
        zh: "一旦声明正在监听，就能接受客户端连接",
    },
    hints: &[
        Text {
            en: "Print the listening line only after listen has succeeded, then call accept and print `client connected from IP:PORT`.",
            zh: "只有在 listen 成功之后才打印监听行，然后调用 accept 并打印 `client connected from IP:PORT`。",
        },
        Text {
            en: "listen turns the socket into a passive one: the OS completes connections for it and accept hands you the next one.",
            zh: "listen 把套接字变为被动套接字：操作系统替它完成连接，accept 把下一个连接交给你。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, client) = server_and_client(t)?;
        let expected = format!("client connected from {}", client.local_addr());
        server.expect_line(&show::text(&expected), REPLY, |l| {
            l.starts_with("client connected from")
        })?;
        Ok(())
    },
};

pub const NAMES_THE_CLIENT_BY_ITS_OWN_PORT: Check = Check {
    name: "names_the_client_by_its_own_port",
    behaviour: "P5",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "names the client by the client's address and port, not its own",
        zh: "打印客户端自己的地址和端口，而不是服务器的",
    },
    hints: &[
        Text {
            en: "accept returns two things: the new socket and the client's address. Print that address.",
            zh: "accept 返回两样东西：新的套接字和客户端的地址。打印这个地址。",
        },
        Text {
            en: "The client talks from a port its OS picked (an ephemeral port), to your fixed port; the two are different numbers.",
            zh: "客户端从它的操作系统挑选的端口（临时端口）连到你的固定端口，这两个端口号不同。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr, client) = server_and_client(t)?;
        let line = server.expect_line("\"client connected from IP:PORT\"", REPLY, |l| {
            l.starts_with("client connected from")
        })?;
        let printed = line.trim_start_matches("client connected from").trim();
        if printed == client.local_addr().to_string() {
            return Ok(());
        }
        let why = if printed == addr.to_string() {
            msg!("the server printed its own address, not the client's"; "服务器打印了自己的地址，而不是客户端的")
        } else {
            msg!("the printed address is not where the client connected from"; "打印的地址不是客户端连接时使用的地址")
        };
        Err(Stop::mismatch(
            why,
            client.local_addr().to_string(),
            show::text(printed),
        ))
    },
};

pub const SEES_THE_CLIENT_ON_AN_EPHEMERAL_PORT: Check = Check {
    name: "sees_the_client_on_an_ephemeral_port",
    behaviour: "C1",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "sees an unbound client on a port from the kernel's ephemeral range",
        zh: "看到未绑定的客户端使用内核临时端口范围内的端口",
    },
    hints: &[
        Text {
            en: "Print the client's address exactly as accept returned it.",
            zh: "原样打印 accept 返回的客户端地址。",
        },
        Text {
            en: "A client that does not bind gets a port from /proc/sys/net/ipv4/ip_local_port_range when it connects.",
            zh: "不绑定的客户端在连接时从 /proc/sys/net/ipv4/ip_local_port_range 中得到一个端口。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, _client) = server_and_client(t)?;
        let line = server.expect_line("\"client connected from IP:PORT\"", REPLY, |l| {
            l.starts_with("client connected from")
        })?;
        let printed: Option<SocketAddr> = line
            .trim_start_matches("client connected from")
            .trim()
            .parse()
            .ok();
        let (low, high) = ephemeral_range();
        match printed {
            Some(peer) if (low..=high).contains(&peer.port()) => Ok(()),
            _ => Err(Stop::mismatch(
                msg!("the client's printed port is not an ephemeral port"; "打印的客户端端口不是临时端口"),
                format!("a port from {low} to {high}"),
                show::text(&line),
            )),
        }
    },
};

/// The kernel's ephemeral port range (32768-60999 when it cannot be read).
pub fn ephemeral_range() -> (u16, u16) {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|s| {
            let mut parts = s.split_whitespace().map(|p| p.parse().ok());
            Some((parts.next()??, parts.next()??))
        })
        .unwrap_or((32768, 60999))
}

pub const REPLIES_TO_THE_MESSAGE: Check = Check {
    name: "replies_to_the_message",
    behaviour: "C2",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "replies 数据已收到 to the client's message",
        zh: "收到客户端消息后回复“数据已收到”",
    },
    hints: &[
        Text {
            en: "After reading the message, write `数据已收到\\n` to the client's socket (the one accept returned).",
            zh: "读完消息后，向客户端的套接字（accept 返回的那个）写入 `数据已收到\\n`。",
        },
        Text {
            en: "Write to the accepted stream, not the listener; use write_all so every byte goes out, and end the reply with a newline.",
            zh: "写入 accept 得到的连接，而不是监听套接字；用 write_all 确保全部字节发出，并以换行结尾。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, _addr, mut client) = server_and_client(t)?;
        client.send_line("你好")?;
        client.expect_line(REPLY_LINE, REPLY)
    },
};

pub const REPLIES_ONLY_AFTER_THE_MESSAGE_ARRIVES: Check = Check {
    name: "replies_only_after_the_message_arrives",
    behaviour: "C2",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "receives first, then replies (no reply before the message)",
        zh: "先接收，再回复（收到消息前不回复）",
    },
    hints: &[
        Text {
            en: "The order is recv, then send: wait for the client's message before replying.",
            zh: "顺序是先 recv 后 send：等客户端的消息到了再回复。",
        },
        Text {
            en: "A reply sent before reading acknowledges data that never arrived.",
            zh: "在读取之前就回复，等于确认了尚未到达的数据。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, mut client) = server_and_client(t)?;
        // Once it has taken the connection and sits in its read, a reply
        // it sends before reading has been sent: no race with the machine.
        server.expect_line("\"client connected from IP:PORT\"", REPLY, |l| {
            l.starts_with("client connected from")
        })?;
        server.wait_until_it_waits(REPLY)?;
        client.expect_silence(QUIET)?;
        client.send_line("你好")?;
        client.expect_line(REPLY_LINE, REPLY)
    },
};

pub const PRINTS_THE_MESSAGE_IT_RECEIVED: Check = Check {
    name: "prints_the_message_it_received",
    behaviour: "C2",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "prints the message it received, with the sender",
        zh: "打印收到的消息及发送方",
    },
    hints: &[
        Text {
            en: "Print `received from IP:PORT: MESSAGE`, the message without its newline.",
            zh: "打印 `received from IP:PORT: MESSAGE`，消息不含末尾换行。",
        },
        Text {
            en: "Strip the trailing `\\n` from the bytes you read, then print them with String::from_utf8_lossy.",
            zh: "去掉读到的字节末尾的 `\\n`，再用 String::from_utf8_lossy 打印。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, mut client) = server_and_client(t)?;
        client.send_line("hello netlings")?;
        received_line(&mut server, &client, "hello netlings")
    },
};

pub const CLOSES_THE_CONNECTION_AFTER_REPLYING: Check = Check {
    name: "closes_the_connection_after_replying",
    behaviour: "C6",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "closes the client's connection after replying",
        zh: "回复后关闭与客户端的连接",
    },
    hints: &[
        Text {
            en: "After the reply, close the client's socket: drop the stream (or call shutdown).",
            zh: "回复之后关闭客户端的套接字：drop 掉这个连接（或调用 shutdown）。",
        },
        Text {
            en: "The client learns the service is over when its read returns 0 bytes; that only happens once your side closes.",
            zh: "客户端的 read 返回 0 字节时才知道服务结束；只有你这边关闭后才会这样。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, _addr, mut client) = server_and_client(t)?;
        client.send_line("你好")?;
        client.expect_line(REPLY_LINE, REPLY)?;
        client.expect_end(REPLY)
    },
};

pub const EXITS_AFTER_SERVING_ITS_CLIENT: Check = Check {
    name: "exits_after_serving_its_client",
    behaviour: "T2",
    section: "§1.2",
    tier: Tier::Notes,
    title: Text {
        en: "connect, transfer, close: the server exits 0 after its one client",
        zh: "建立连接、传输数据、断开连接：服务完唯一的客户端后以 0 退出",
    },
    hints: &[
        Text {
            en: "This server serves a single client: after closing it, close the listener too and let main return.",
            zh: "这个服务器只服务一个客户端：关闭它之后也关闭监听套接字，让 main 返回。",
        },
        Text {
            en: "Returning from main exits with code 0; an error on the way should exit with 1 and one sentence.",
            zh: "从 main 返回即以退出码 0 结束；中途出错应以 1 退出并输出一句话。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, mut client) = server_and_client(t)?;
        client.send_line("你好")?;
        client.expect_line(REPLY_LINE, REPLY)?;
        server.expect_exit(0, EXIT)
    },
};

pub const HANDLES_A_CLIENT_THAT_SENDS_NOTHING: Check = Check {
    name: "handles_a_client_that_sends_nothing",
    behaviour: "C7",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "a client that closes without sending: recv gives 0 bytes, no crash",
        zh: "客户端不发送就关闭：recv 得到 0 字节，程序不崩溃",
    },
    hints: &[
        Text {
            en: "When the first read returns 0 bytes the client has closed; print `client IP:PORT closed without sending` and finish normally.",
            zh: "第一次读取返回 0 字节说明客户端已关闭；打印 `client IP:PORT closed without sending` 并正常结束。",
        },
        Text {
            en: "0 bytes is not an error: it is how TCP says the peer is done. Do not reply and do not panic.",
            zh: "0 字节不是错误，而是 TCP 告诉你对方已结束的方式。不要回复，也不要 panic。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, client) = server_and_client(t)?;
        let expected = format!("client {} closed without sending", client.local_addr());
        client.close();
        server.expect_line(&show::text(&expected), REPLY, |l| {
            l.contains("closed without sending")
        })?;
        server.expect_exit(0, EXIT)
    },
};

pub const SENDS_NO_REPLY_WHEN_NOTHING_WAS_SENT: Check = Check {
    name: "sends_no_reply_when_nothing_was_sent",
    behaviour: "C7",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "a client that closes its side without sending gets no reply: the connection just ends",
        zh: "不发送就关闭发送方向的客户端得不到回复：连接直接结束",
    },
    hints: &[
        Text {
            en: "The reply acknowledges a message: when the read returns 0 bytes before any message, print `client IP:PORT closed without sending` and close without writing.",
            zh: "回复是对消息的确认：在任何消息之前读取就返回 0 字节时，打印 `client IP:PORT closed without sending`，然后不写任何东西直接关闭。",
        },
        Text {
            en: "A client that only shut down its sending side can still read: anything the server writes then reaches it. The notes' server sends its reply whatever recv returned.",
            zh: "只关闭了发送方向的客户端仍然可以读取：服务器这时写的任何东西都会到达它。笔记中的服务器不管 recv 返回什么都发送回复。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, mut client) = server_and_client(t)?;
        let expected = format!("client {} closed without sending", client.local_addr());
        client.half_close()?;
        server.expect_line(&show::text(&expected), REPLY, |l| {
            l.contains("closed without sending")
        })?;
        client.expect_end(REPLY)?;
        server.expect_exit(0, EXIT)
    },
};

pub const KEEPS_CHINESE_TEXT_BYTE_EXACT: Check = Check {
    name: "keeps_chinese_text_byte_exact",
    behaviour: "C9",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "Chinese text arrives and is printed byte-exact (UTF-8 both ways)",
        zh: "中文文本原样到达并原样打印（双方都用 UTF-8）",
    },
    hints: &[
        Text {
            en: "Treat the message as bytes and decode it as UTF-8 once, when printing.",
            zh: "把消息当作字节处理，只在打印时按 UTF-8 解码一次。",
        },
        Text {
            en: "The notes' TCP pair used GBK; this course uses UTF-8 everywhere. A message read in pieces can split a character: decode the whole line, not each piece.",
            zh: "笔记中的 TCP 程序用 GBK；本课程处处使用 UTF-8。分段读取可能把一个汉字拆开：要解码整行，而不是每一段。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, mut client) = server_and_client(t)?;
        let text = "你好，世界！网络编程 🌏";
        client.send_line(text)?;
        received_line(&mut server, &client, text)?;
        client.expect_line(REPLY_LINE, REPLY)
    },
};

pub const SURVIVES_BYTES_THAT_ARE_NOT_UTF8: Check = Check {
    name: "survives_bytes_that_are_not_utf8",
    behaviour: "C9",
    section: "§5.1",
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
            en: "A peer can send any bytes (here GBK-encoded 你好, which is not valid UTF-8); the server must still reply.",
            zh: "对端可以发送任意字节（这里是 GBK 编码的“你好”，不是合法的 UTF-8）；服务器仍须回复。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, mut client) = server_and_client(t)?;
        client.send(&[shared::GBK_NIHAO, b"\n"].concat())?;
        client.expect_line(REPLY_LINE, REPLY)?;
        shared::expect_gbk_shown_lossily(
            &mut server,
            "received from",
            "received from IP:PORT: ���� gbk",
        )
    },
};

pub const READS_A_MESSAGE_SPLIT_OVER_MANY_WRITES: Check = Check {
    name: "reads_a_message_split_over_many_writes",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "reads a whole message even when it arrives one byte at a time",
        zh: "即使消息逐字节到达，也能读到完整消息",
    },
    hints: &[
        Text {
            en: "One read is not one message: keep reading until the newline arrives.",
            zh: "一次读取不等于一条消息：要一直读到换行符到达。",
        },
        Text {
            en: "The notes' recv(1024) returns whatever bytes have arrived so far, maybe just one. BufReader::read_until(b'\\n', …) loops for you.",
            zh: "笔记中的 recv(1024) 只返回目前已到达的字节，可能只有一个。BufReader::read_until(b'\\n', …) 会替你循环读取。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, mut client) = server_and_client(t)?;
        let text = "a message in many pieces";
        client.send_byte_by_byte(format!("{text}\n").as_bytes(), Duration::from_millis(15))?;
        received_line(&mut server, &client, text)?;
        client.expect_line(REPLY_LINE, REPLY)
    },
};

pub const READS_A_MESSAGE_LONGER_THAN_1024_BYTES: Check = Check {
    name: "reads_a_message_longer_than_1024_bytes",
    behaviour: "D1",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "a message of 58 800 bytes (digits and Chinese) is read and printed whole: not cut at 1024 or 8192 bytes, no character split",
        zh: "58 800 字节的消息（数字和中文）被完整读取并打印：不截断在 1024 或 8192 字节，也不拆坏字符",
    },
    hints: &[
        Text {
            en: "Read until the newline, however long the line is (up to the contract's 64 KiB), and decode the whole line once, not each read: a character's three bytes can arrive in two reads.",
            zh: "一直读到换行符，不管这一行有多长（最多到约定的 64 KiB），并且对整行解码一次，而不是每次读取都解码：一个字符的三个字节可能分两次读到。",
        },
        Text {
            en: "The notes' recv(1024) returns at most 1024 bytes: the rest of the message stays in the socket, unread.",
            zh: "笔记中的 recv(1024) 最多返回 1024 字节：消息的其余部分留在套接字里，没有被读取。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr, mut client) = server_and_client(t)?;
        let text = shared::long_line();
        client.send_line(&text)?;
        received_line(&mut server, &client, &text)?;
        client.expect_line(REPLY_LINE, REPLY)
    },
};

pub const CAN_RESTART_ON_THE_SAME_PORT_AT_ONCE: Check = Check {
    name: "can_restart_on_the_same_port_at_once",
    behaviour: "C10",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "can listen again on the same port right after serving a client",
        zh: "服务完一个客户端后，能立即在同一端口上重新监听",
    },
    hints: &[
        Text {
            en: "Rust's TcpListener::bind sets SO_REUSEADDR for you; if you build the socket by hand, set it before bind.",
            zh: "Rust 的 TcpListener::bind 已替你设置 SO_REUSEADDR；如果你手动创建套接字，要在 bind 之前设置它。",
        },
        Text {
            en: "The side that closes first keeps the connection in TIME_WAIT for a while; without SO_REUSEADDR bind fails with \"address in use\" until it expires.",
            zh: "先关闭的一方会让连接处于 TIME_WAIT 一段时间；没有 SO_REUSEADDR，bind 会一直报“地址已被占用”直到超时。",
        },
    ],
    needs: &[],
    run: |t| {
        // An address of this check's own: no parallel check can take the
        // port between the two runs.
        let own = t.own_loopback_addr(0)?.ip();
        let (mut server, addr) = t.start_listening(&[&format!("{own}:0")])?;
        let mut client = t.connect(addr)?;
        client.send_line("first run")?;
        client.expect_line(REPLY_LINE, REPLY)?;
        client.expect_end(REPLY)?;
        server.expect_exit(0, EXIT)?;
        let port = addr.to_string();
        let mut again = t.start(&[&port])?;
        let second = again.expect_address("listening on", START)?;
        let mut client = t.connect(second)?;
        client.send_line("second run")?;
        client.expect_line(REPLY_LINE, REPLY)
    },
};

pub const RELEASES_ITS_PORT_WHEN_DONE: Check = Check {
    name: "releases_its_port_when_done",
    behaviour: "S2",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "closes its sockets: once it has exited, the port is free again",
        zh: "关闭套接字：退出后端口可以再次使用",
    },
    hints: &[
        Text {
            en: "Let the listener and the client's stream be dropped (or exit): the OS frees the port with the socket.",
            zh: "让监听套接字和客户端连接被 drop（或程序退出）：操作系统会随套接字释放端口。",
        },
        Text {
            en: "A program that never exits keeps its port; this one must finish after its client.",
            zh: "永不退出的程序会一直占用端口；这个程序服务完客户端后必须结束。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr, mut client) = server_and_client(t)?;
        client.send_line("你好")?;
        client.expect_line(REPLY_LINE, REPLY)?;
        server.expect_exit(0, EXIT)?;
        t.expect_port_released(Transport::Tcp, addr)
    },
};

pub const REPORTS_ADDRESS_IN_USE: Check = Check {
    name: "reports_address_in_use",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Notes,
    title: Text {
        en: "a port another program holds: exit 1 and one sentence",
        zh: "端口已被其他程序占用：以 1 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "When bind fails, print one sentence naming the address and the reason, and exit with code 1 (the `fail` helper does both).",
            zh: "bind 失败时，输出一句包含地址和原因的话，并以退出码 1 结束（`fail` 辅助函数两样都做）。",
        },
        Text {
            en: "Only one socket can listen on an address and port; the error is AddrInUse (EADDRINUSE).",
            zh: "一个地址和端口上只能有一个套接字监听；错误是 AddrInUse（EADDRINUSE）。",
        },
    ],
    needs: &[],
    run: |t| {
        let holder = t.tcp_server()?;
        let done = t.run(&[&holder.addr().to_string()])?;
        shared::expect_address_in_use(&done)
    },
};

pub const EXPLAINS_A_CLIENT_THAT_RESETS: Check = Check {
    name: "explains_a_client_that_resets",
    behaviour: "C7",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "a client that resets at once, mid-message or before the reply: one sentence on stderr, exit 1, never a panic",
        zh: "客户端在连接后立即、消息中途或回复之前重置：标准错误输出一句话，退出码 1，绝不 panic",
    },
    hints: &[
        Text {
            en: "Match the result of every read and write on the client's socket: on an error print one sentence on stderr and exit with code 1 (common::fail does both). No unwrap, no expect, and no `unwrap_or(0)` that takes a reset for a close.",
            zh: "对客户端套接字上每次读和写的结果做匹配：出错时在标准错误输出打印一句话并以退出码 1 结束（common::fail 两件事都做）。不要 unwrap、expect，也不要用 `unwrap_or(0)` 把复位当成关闭。",
        },
        Text {
            en: "A reset (RST) makes the next read fail with ConnectionReset, and a reply written after it fails too: the client is gone, the conversation failed, which is not the same as a client that closed without sending.",
            zh: "复位（RST）使下一次读取以 ConnectionReset 失败，之后写出的回复也会失败：客户端已经不在，这次对话失败了，这与客户端不发送就关闭不是一回事。",
        },
    ],
    needs: &[],
    run: |t| {
        t.rounds(
            BreakOff::RESETS.len(),
            msg!("start the server; a client breaks off; the server explains and exits 1";
                 "启动服务器；客户端中途断开；服务器说明原因并以 1 退出"),
            |n| {
                let how = BreakOff::RESETS[n - 1];
                let (mut server, addr) = t.start_listening(&["127.0.0.1:0"])?;
                t.break_off(&mut server, addr, how, "我说到一半就走\n".as_bytes())?;
                server.finish(EXIT)?.expect_failure_explained()
            },
        )
    },
};

pub const SHOWS_AWKWARD_MESSAGES_EXACTLY: Check = Check {
    name: "shows_awkward_messages_exactly",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "blanks, an empty line, \\r\\n, EXIT-like text and a message without \\n are shown exactly and answered",
        zh: "前后空格、空行、\\r\\n、像 EXIT 的文本和没有 \\n 的消息都原样显示并得到回复",
    },
    hints: &[
        Text {
            en: "Remove only the final \\n (if there is one): no trim, no pop of a byte that may not be a newline. An empty line is a message; only 0 bytes mean the client sent nothing.",
            zh: "只去掉结尾的 \\n（如果有）：不要 trim，也不要不加判断地 pop 掉最后一个字节。空行也是消息；只有 0 字节才表示客户端什么也没发。",
        },
        Text {
            en: "A message is whatever bytes the client sent before its newline, or before it closed its side: blanks are part of it.",
            zh: "消息就是客户端在换行符之前、或在关闭发送方向之前发送的全部字节：空格也是消息的一部分。",
        },
    ],
    needs: &[],
    run: |t| {
        let edges = [
            Edge::Blanks,
            Edge::Empty,
            Edge::CrLf,
            Edge::ExitPrefixed,
            Edge::NoFinalNewline,
        ];
        t.rounds(
            edges.len(),
            msg!("start the server; a client sends an awkward message; it is shown exactly and answered";
                 "启动服务器；客户端发送一条特别的消息；它被原样显示并得到回复"),
            |n| {
                let edge = edges[n - 1];
                let (mut server, _addr, mut client) = server_and_client(t)?;
                client.send_edge(edge)?;
                client.expect_line(REPLY_LINE, REPLY)?;
                received_exactly(&mut server, &client, &edge.shown())
            },
        )
    },
};

/// Like [`received_line`], blanks at the end included.
fn received_exactly(server: &mut Proc, client: &TcpPeer, message: &str) -> Outcome {
    let expected = format!("received from {}: {}", client.local_addr(), message);
    server.expect_shown_exactly(&expected, REPLY, |l| {
        l.starts_with("received from") || l.contains("closed without sending")
    })
}

pub const PRINTS_ONLY_THE_CONTRACT_LINES: Check = Check {
    name: "prints_only_the_contract_lines",
    behaviour: "C2",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "standard output holds the contract's three lines and nothing else: no blank line, no prompt",
        zh: "标准输出只有约定的三行：没有空行，也没有提示符",
    },
    hints: &[
        Text {
            en: "Print the message without its \\n (println! adds one), and send notes and errors to stderr (eprintln!).",
            zh: "打印消息时去掉它的 \\n（println! 会再加一个），提示和错误信息写到标准错误输出（eprintln!）。",
        },
        Text {
            en: "Programs and graders read the output line by line: an extra blank line is a line too.",
            zh: "程序和评测器逐行读取输出：多出的空行也是一行。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr, mut client) = server_and_client(t)?;
        let from = client.local_addr();
        client.send_line("你好")?;
        client.expect_line(REPLY_LINE, REPLY)?;
        server.expect_all_output(
            &[
                format!("listening on {addr}"),
                format!("client connected from {from}"),
                format!("received from {from}: 你好"),
            ],
            EXIT,
        )?;
        server.expect_exit(0, EXIT)
    },
};

pub const EXPLAINS_A_FAILED_ACCEPT: Check = Check {
    name: "explains_a_failed_accept",
    behaviour: "C3",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "an accept that fails (too many open files): one sentence on stderr, exit 1, never a panic",
        zh: "accept 失败（打开的文件过多）：标准错误输出一句话，退出码 1，绝不 panic",
    },
    hints: &[
        Text {
            en: "Match the result of accept: on an error print one sentence on stderr and exit with code 1 (common::fail does both); never unwrap or expect it.",
            zh: "对 accept 的结果做匹配：出错时在标准错误输出打印一句话并以退出码 1 结束（common::fail 两件事都做）；绝不要 unwrap 或 expect。",
        },
        Text {
            en: "accept needs a new file descriptor for the client's socket; a process that has none left gets EMFILE (\"too many open files\") while the client waits in the queue.",
            zh: "accept 需要为客户端的套接字分配一个新的文件描述符；没有剩余描述符的进程会得到 EMFILE（“打开的文件过多”），而客户端仍在队列中等待。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = t.start_listening(&["127.0.0.1:0"])?;
        // Stopped, a server waiting in accept gives back the descriptor
        // it had set aside, and asks again, under the new limit, when it
        // runs again.
        server.pause()?;
        t.exhaust_open_files(&server)?;
        let _client = t.connect(addr)?;
        server.resume()?;
        server.finish(EXIT)?.expect_failure_explained()
    },
};
