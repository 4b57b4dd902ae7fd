//! Exercise 06, the looping server of §5.2 and §5.4: accept clients one
//! after another, answer each message of a client until it closes, stop on
//! a stdin line `EXIT`.

use super::shared;
use crate::harness::{BreakOff, Edge, Proc, TcpPeer};
use crate::prelude::*;
use std::net::SocketAddr;

pub static EXERCISE: Exercise = Exercise {
    id: "06",
    slug: "looping-server",
    title: Text {
        en: "Looping TCP server: serve clients one after another",
        zh: "循环 TCP 服务器：依次为多个客户端服务",
    },
    sections: "§5.2, §5.4",
    exercise_package: "ex06-looping-server",
    solution_package: "sol06-looping-server",
    programs: &[Program {
        key: "06",
        role: Text {
            en: "the server",
            zh: "服务器",
        },
        exercise_bin: "ex06-looping-server",
        solution_bin: "sol06-looping-server",
    }],
    checks: &[
        &SERVES_A_SECOND_CLIENT_ON_THE_SAME_PORT,
        &GIVES_EACH_CLIENT_ITS_OWN_CONNECTION,
        &SERVES_ONE_CLIENT_AT_A_TIME,
        &ANSWERS_EVERY_MESSAGE_UNTIL_THE_CLIENT_CLOSES,
        &MOVES_ON_WHEN_A_CLIENT_CLOSES,
        &MOVES_ON_WHEN_A_CLIENT_RESETS,
        &ANSWERS_TWO_MESSAGES_SENT_IN_ONE_WRITE,
        &ANSWERS_A_MESSAGE_THAT_ARRIVES_IN_PIECES,
        &ANSWERS_A_MESSAGE_LONGER_THAN_1024_BYTES_ONCE,
        &KEEPS_CHINESE_TEXT_BYTE_EXACT,
        &SERVES_200_CLIENTS_WITHOUT_LEAKING_DESCRIPTORS,
        &EXIT_STOPS_THE_SERVER_AND_FREES_ITS_PORT,
        &END_OF_INPUT_STOPS_THE_SERVER,
        &EXIT_LETS_THE_CURRENT_CLIENT_FINISH_AND_NO_ONE_ELSE,
        &SURVIVES_BYTES_THAT_ARE_NOT_UTF8,
        &SHOWS_AWKWARD_MESSAGES_EXACTLY,
        &SURVIVES_CLIENTS_THAT_BREAK_OFF,
        &KEEPS_SERVING_WHEN_ACCEPT_FAILS,
        &shared::LISTENS_ONLY_ON_THE_ADDRESS_IT_IS_GIVEN,
        &EXIT_MUST_BE_THE_EXACT_WORD,
        &PRINTS_ONLY_THE_CONTRACT_LINES,
        &shared::REJECTS_A_PORT_OUT_OF_RANGE,
        &shared::REJECTS_A_MALFORMED_IP,
        &super::ex05::REPORTS_ADDRESS_IN_USE,
    ],
    clauses: CLAUSES,
};

/// The promises of this exercise's README contract (see `crate::clause`).
static CLAUSES: &[Clause] = &[
    clause(
        "06.listening",
        "It listens on the address it is given, only there, and prints `listening on IP:PORT` with the address really bound.",
        "它在给定的地址上监听，且只在那里，并打印 `listening on IP:PORT`，即实际绑定的地址。",
        &[
            "listens_only_on_the_address_it_is_given",
            "exit_stops_the_server_and_frees_its_port",
        ],
    ),
    clause(
        "06.connected-line",
        "Each accepted client is announced as `client connected from IP:PORT`, its own address and port.",
        "每个被接受的客户端打印为 `client connected from IP:PORT`，即它自己的地址和端口。",
        &["gives_each_client_its_own_connection"],
    ),
    clause(
        "06.received-line",
        "Each message is shown as `received from IP:PORT: MESSAGE`, exactly the bytes before its newline, blanks included.",
        "每条消息显示为 `received from IP:PORT: MESSAGE`，恰好是换行符之前的字节，包括空格。",
        &[
            "shows_awkward_messages_exactly",
            "keeps_chinese_text_byte_exact",
            "gives_each_client_its_own_connection",
        ],
    ),
    clause(
        "06.not-utf8",
        "Bytes that are not UTF-8 are shown as U+FFFD; the message is still answered and the session goes on.",
        "不是 UTF-8 的字节显示为 U+FFFD；消息照样得到回复，会话继续。",
        &[
            "survives_bytes_that_are_not_utf8",
            "shows_awkward_messages_exactly",
        ],
    ),
    clause(
        "06.last-message",
        "Bytes left without a newline when the client closes are a last message, shown and answered.",
        "客户端关闭时剩下的没有换行符的字节是最后一条消息，照样显示并回复。",
        &["shows_awkward_messages_exactly"],
    ),
    clause(
        "06.every-message",
        "Every message gets exactly one reply however the bytes arrive, until the client closes.",
        "无论字节如何到达，每条消息恰好得到一次回复，直到客户端关闭。",
        &[
            "answers_every_message_until_the_client_closes",
            "answers_two_messages_sent_in_one_write",
            "answers_a_message_that_arrives_in_pieces",
            "answers_a_message_longer_than_1024_bytes_once",
        ],
    ),
    clause(
        "06.disconnected",
        "A client that closes is reported as `client IP:PORT disconnected`; one whose connection fails (a reset) as `client IP:PORT disconnected: REASON`, and a message cut off by a reset is not shown.",
        "关闭的客户端报告为 `client IP:PORT disconnected`；连接失败（复位）的报告为 `client IP:PORT disconnected: 原因`，被复位截断的消息不显示。",
        &[
            "survives_clients_that_break_off",
            "moves_on_when_a_client_closes",
            "answers_every_message_until_the_client_closes",
        ],
    ),
    clause(
        "06.next-client",
        "When a client has left, the next one is accepted and served on the same listening socket.",
        "一个客户端离开后，在同一个监听套接字上接受并服务下一个客户端。",
        &[
            "serves_a_second_client_on_the_same_port",
            "moves_on_when_a_client_closes",
        ],
    ),
    clause(
        "06.never-crash",
        "A connection that fails at any step (reset at once, mid-message, before the reply) or an accept that fails ends only that client: never a panic.",
        "任何一步失败的连接（连接后立即、消息中途、回复之前复位）或失败的 accept 只结束这个客户端：绝不 panic。",
        &[
            "survives_clients_that_break_off",
            "moves_on_when_a_client_resets",
            "keeps_serving_when_accept_fails",
        ],
    ),
    clause(
        "06.one-at-a-time",
        "One client at a time: a client that connects meanwhile waits unanswered until the one before it has left.",
        "一次只服务一个客户端：期间连接的客户端在前一个离开之前得不到回复。",
        &["serves_one_client_at_a_time"],
    ),
    clause(
        "06.exit",
        "EXIT on standard input, or its end, prints `stopping`; the server then exits 0 and its port is free and refuses connections.",
        "标准输入中的 EXIT 或输入结束时打印 `stopping`；随后服务器以 0 退出，端口空闲并拒绝连接。",
        &[
            "exit_stops_the_server_and_frees_its_port",
            "end_of_input_stops_the_server",
        ],
    ),
    clause(
        "06.exit-word",
        "Only the line EXIT exactly stops the server; every other typed line (EXITING, \" EXIT \", exit, EXIT\\r) is ignored.",
        "只有恰好为 EXIT 的一行才停止服务器；其他输入行（EXITING、\" EXIT \"、exit、EXIT\\r）都被忽略。",
        &["exit_must_be_the_exact_word"],
    ),
    clause(
        "06.exit-during-session",
        "EXIT during a session: the client being served is still answered until it closes; clients waiting in the queue are never served.",
        "会话中输入 EXIT：正在服务的客户端在关闭前仍得到回复；在队列中等待的客户端不再得到服务。",
        &["exit_lets_the_current_client_finish_and_no_one_else"],
    ),
    clause(
        "06.resources",
        "Every client's socket is closed when its service ends: no descriptor is left behind.",
        "每个客户端的服务结束时关闭它的套接字：不遗留文件描述符。",
        &["serves_200_clients_without_leaking_descriptors"],
    ),
    clause(
        "06.output-only",
        "Standard output holds the lines of the table and nothing else: no blank line, no prompt; notes go to standard error.",
        "标准输出只包含表中的那些行：没有空行，没有提示符；提示信息写到标准错误输出。",
        &["prints_only_the_contract_lines"],
    ),
    clause(
        "06.bad-argument",
        "A bad argument (port 65536, 256.1.1.1) is a usage error: exit code 2 and one sentence.",
        "错误的参数（端口 65536、256.1.1.1）是用法错误：退出码 2，一句话说明。",
        &["rejects_a_port_out_of_range", "rejects_a_malformed_ip"],
    ),
    clause(
        "06.cannot-listen",
        "An address it cannot listen on (in use) gives exit code 1 and one sentence, and no `listening on` line.",
        "无法监听的地址（已被占用）得到退出码 1 和一句话说明，并且没有 `listening on` 这一行。",
        &["reports_address_in_use"],
    ),
];

/// The reply to every message, without its newline.
const REPLY_LINE: &str = "数据已收到";

/// Start the server on a port the OS chooses.
fn looping_server(t: &Test) -> Result<(Proc, SocketAddr), Stop> {
    t.start_listening(&["127.0.0.1:0"])
}

/// Client number `n` of the suite, connected to `addr`.
fn client(t: &Test, n: usize, addr: SocketAddr) -> Result<TcpPeer, Stop> {
    t.connect_as(msg!("client {}", n; "客户端 {}", n), addr)
}

/// Send one message and get its reply.
fn ask(client: &mut TcpPeer, message: &str) -> Outcome {
    client.send_line(message)?;
    client.expect_line(REPLY_LINE, REPLY)
}

/// The server's next `client connected from …` line names `client`.
fn expect_connected(server: &mut Proc, client: &TcpPeer) -> Outcome {
    let expected = format!("client connected from {}", client.local_addr());
    server.expect_exact_line("client connected from", &expected, REPLY)
}

/// The server's next `received from …` line is `message` from `client`.
fn expect_received(server: &mut Proc, client: SocketAddr, message: &str) -> Outcome {
    let expected = format!("received from {client}: {message}");
    server.expect_exact_line("received from", &expected, REPLY)
}

/// The server prints `client IP:PORT disconnected` (maybe with a reason).
fn expect_disconnected(server: &mut Proc, client: SocketAddr) -> Outcome {
    let prefix = format!("client {client} disconnected");
    server
        .expect_line(&show::text(&prefix), REPLY, |l| l.starts_with(&prefix))
        .map(drop)
}

/// The server prints `stopping`.
fn expect_stopping(server: &mut Proc) -> Outcome {
    server
        .expect_line("\"stopping\"", REPLY, |l| l == "stopping")
        .map(drop)
}

pub const SERVES_A_SECOND_CLIENT_ON_THE_SAME_PORT: Check = Check {
    name: "serves_a_second_client_on_the_same_port",
    behaviour: "C4",
    section: "§5.2",
    tier: Tier::Notes,
    title: Text {
        en: "after client 1 leaves, client 2 is served on the same listening port",
        zh: "客户端 1 离开后，客户端 2 在同一个监听端口上得到服务",
    },
    hints: &[
        Text {
            en: "Put accept and the service of one client in a loop; create the listener once, before the loop.",
            zh: "把 accept 和为一个客户端服务的代码放进循环；监听套接字只在循环之前创建一次。",
        },
        Text {
            en: "accept gives you a new socket for each client; the listening socket is untouched and keeps taking connections. Closing the client's socket ends that client, not the server.",
            zh: "accept 为每个客户端返回一个新套接字；监听套接字不受影响，继续接受连接。关闭客户端的套接字只结束这个客户端，而不是服务器。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr) = looping_server(t)?;
        let mut first = client(t, 1, addr)?;
        ask(&mut first, "第一个客户端")?;
        first.close();
        let mut second = client(t, 2, addr)?;
        ask(&mut second, "第二个客户端")
    },
};

pub const GIVES_EACH_CLIENT_ITS_OWN_CONNECTION: Check = Check {
    name: "gives_each_client_its_own_connection",
    behaviour: "T3",
    section: "§5.4",
    tier: Tier::Notes,
    title: Text {
        en: "each client has its own connection, named by its own address and port",
        zh: "每个客户端有自己的连接，以它自己的地址和端口标识",
    },
    hints: &[
        Text {
            en: "Print the address accept returned with each new socket: `client connected from IP:PORT`, and use it in `received from IP:PORT: …`.",
            zh: "打印 accept 随每个新套接字返回的地址：`client connected from IP:PORT`，并在 `received from IP:PORT: …` 中使用它。",
        },
        Text {
            en: "A TCP connection joins exactly two endpoints: your port and this client's ephemeral port. The next client comes from another port on another connection.",
            zh: "一条 TCP 连接恰好连接两个端点：你的端口和这个客户端的临时端口。下一个客户端来自另一个端口、另一条连接。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        for n in 1..=2 {
            let mut peer = client(t, n, addr)?;
            let message = format!("我是客户端 {n}");
            expect_connected(&mut server, &peer)?;
            ask(&mut peer, &message)?;
            expect_received(&mut server, peer.local_addr(), &message)?;
            peer.close();
        }
        Ok(())
    },
};

pub const SERVES_ONE_CLIENT_AT_A_TIME: Check = Check {
    name: "serves_one_client_at_a_time",
    behaviour: "C8",
    section: "§5.2",
    tier: Tier::Notes,
    title: Text {
        en: "client 2 waits, unanswered, until client 1 closes; then it is served",
        zh: "客户端 2 一直等待、得不到回复，直到客户端 1 关闭；然后它得到服务",
    },
    hints: &[
        Text {
            en: "Serve one client to its end before calling accept again; no threads per client in this exercise.",
            zh: "为一个客户端服务到底之后再调用 accept；本练习不为每个客户端开线程。",
        },
        Text {
            en: "Client 2's connection completes in the OS's listen queue while you serve client 1; its message waits in its socket until you accept it and read.",
            zh: "在你为客户端 1 服务时，客户端 2 的连接在操作系统的监听队列中已建立；它的消息留在它的套接字里，直到你 accept 并读取它。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr) = looping_server(t)?;
        let mut first = client(t, 1, addr)?;
        ask(&mut first, "客户端 1 的第一条消息")?;
        let mut second = client(t, 2, addr)?;
        second.send_line("客户端 2 在排队")?;
        second.expect_silence(QUIET)?;
        ask(&mut first, "客户端 1 的第二条消息")?;
        first.close();
        second.expect_line(REPLY_LINE, REPLY)
    },
};

pub const ANSWERS_EVERY_MESSAGE_UNTIL_THE_CLIENT_CLOSES: Check = Check {
    name: "answers_every_message_until_the_client_closes",
    behaviour: "C7",
    section: "§5.2",
    tier: Tier::Notes,
    title: Text {
        en: "answers each of a client's messages until recv returns 0 bytes",
        zh: "回复客户端的每一条消息，直到 recv 返回 0 字节",
    },
    hints: &[
        Text {
            en: "Inside the service of one client, loop: read a message, reply, read the next. Leave the loop only when a read returns 0 bytes.",
            zh: "在为一个客户端服务时循环：读一条消息、回复、再读下一条。只有读取返回 0 字节时才退出循环。",
        },
        Text {
            en: "0 bytes is how TCP tells you the client closed its side; until then it may send more.",
            zh: "0 字节是 TCP 告诉你客户端已关闭的方式；在那之前它随时可能再发送。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let mut peer = client(t, 1, addr)?;
        for message in ["第一条", "第二条", "第三条"] {
            ask(&mut peer, message)?;
        }
        let from = peer.local_addr();
        peer.close();
        expect_disconnected(&mut server, from)
    },
};

pub const MOVES_ON_WHEN_A_CLIENT_CLOSES: Check = Check {
    name: "moves_on_when_a_client_closes",
    behaviour: "C7",
    section: "§5.4",
    tier: Tier::Notes,
    title: Text {
        en: "a client that closes without sending: `client … disconnected`, then the next is served",
        zh: "客户端不发送就关闭：打印 `client … disconnected`，然后为下一个客户端服务",
    },
    hints: &[
        Text {
            en: "When a read returns 0 bytes, print `client IP:PORT disconnected`, close that socket and go back to accept; do not end the server.",
            zh: "读取返回 0 字节时，打印 `client IP:PORT disconnected`，关闭这个套接字并回到 accept；不要结束服务器。",
        },
        Text {
            en: "In exercise 05 the server ended after its one client; here only that client's service ends.",
            zh: "练习 05 中服务器服务完唯一的客户端就结束了；这里结束的只是这个客户端的服务。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let silent = client(t, 1, addr)?;
        let from = silent.local_addr();
        silent.close();
        expect_disconnected(&mut server, from)?;
        let mut next = client(t, 2, addr)?;
        ask(&mut next, "下一个客户端")
    },
};

pub const MOVES_ON_WHEN_A_CLIENT_RESETS: Check = Check {
    name: "moves_on_when_a_client_resets",
    behaviour: "C7",
    section: "§5.4",
    tier: Tier::Real,
    title: Text {
        en: "a client that resets (RST) ends only its own session; the next is served",
        zh: "客户端重置连接（RST）只结束它自己的会话；下一个客户端照常得到服务",
    },
    hints: &[
        Text {
            en: "A read can fail with ConnectionReset. Handle the error like a close: print `client IP:PORT disconnected: …` and go back to accept; never unwrap or exit.",
            zh: "读取可能以 ConnectionReset 失败。像处理关闭一样处理这个错误：打印 `client IP:PORT disconnected: …` 并回到 accept；不要 unwrap，也不要退出。",
        },
        Text {
            en: "A client that crashes, or closes with SO_LINGER 0, sends a reset instead of a clean end-of-stream: recv gives ECONNRESET, not 0 bytes.",
            zh: "崩溃的客户端，或以 SO_LINGER 0 关闭的客户端，发送的是复位而不是正常的流结束：recv 得到 ECONNRESET，而不是 0 字节。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let mut rude = client(t, 1, addr)?;
        ask(&mut rude, "我马上就要重置连接")?;
        let from = rude.local_addr();
        rude.reset();
        expect_disconnected(&mut server, from)?;
        server.expect_running()?;
        let mut next = client(t, 2, addr)?;
        ask(&mut next, "下一个客户端")
    },
};

pub const ANSWERS_TWO_MESSAGES_SENT_IN_ONE_WRITE: Check = Check {
    name: "answers_two_messages_sent_in_one_write",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "two messages that arrive in one piece get two replies",
        zh: "同一次到达的两条消息得到两次回复",
    },
    hints: &[
        Text {
            en: "Read message by message (read_until(b'\\n', ..) on one BufReader kept for the whole session), not read by read.",
            zh: "按消息读取（整个会话使用同一个 BufReader 调用 read_until(b'\\n', ..)），而不是按读取次数处理。",
        },
        Text {
            en: "TCP keeps no boundaries between writes: two lines sent at once usually arrive in one read. Keep what follows the first newline for the next message.",
            zh: "TCP 不保留写入之间的边界：一起发送的两行通常在一次读取中到达。第一个换行符之后的内容要留给下一条消息。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let mut peer = client(t, 1, addr)?;
        peer.send("第一条消息\n第二条消息\n".as_bytes())?;
        peer.expect_line(REPLY_LINE, REPLY)?;
        peer.expect_line(REPLY_LINE, REPLY)?;
        expect_received(&mut server, peer.local_addr(), "第一条消息")?;
        expect_received(&mut server, peer.local_addr(), "第二条消息")
    },
};

pub const ANSWERS_A_MESSAGE_THAT_ARRIVES_IN_PIECES: Check = Check {
    name: "answers_a_message_that_arrives_in_pieces",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "a message sent one byte at a time gets exactly one reply",
        zh: "逐字节发送的一条消息只得到一次回复",
    },
    hints: &[
        Text {
            en: "Reply once per line, when its newline has arrived, not once per read.",
            zh: "每收到一整行（换行符到达时）回复一次，而不是每读取一次回复一次。",
        },
        Text {
            en: "The notes' server replied to every non-empty recv(1024); a message that arrives in 28 pieces would get 28 replies.",
            zh: "笔记中的服务器对每次非空的 recv(1024) 都回复；分 28 段到达的一条消息会得到 28 次回复。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let mut peer = client(t, 1, addr)?;
        let message = "分段到达的一条消息";
        peer.send_byte_by_byte(format!("{message}\n").as_bytes(), Duration::from_millis(10))?;
        peer.expect_line(REPLY_LINE, REPLY)?;
        peer.expect_silence(QUIET)?;
        expect_received(&mut server, peer.local_addr(), message)
    },
};

pub const ANSWERS_A_MESSAGE_LONGER_THAN_1024_BYTES_ONCE: Check = Check {
    name: "answers_a_message_longer_than_1024_bytes_once",
    behaviour: "D1",
    section: "§5.2",
    tier: Tier::Real,
    title: Text {
        en: "a message of 58 800 bytes (digits and Chinese) gets one reply and is printed whole, no character split",
        zh: "58 800 字节的消息（数字和中文）只得到一次回复，并被完整打印，不拆坏字符",
    },
    hints: &[
        Text {
            en: "Read up to the newline, however long the line is (up to the contract's 64 KiB), and decode the whole line once, not each read.",
            zh: "一直读到换行符，不管这一行有多长（最多到约定的 64 KiB），并且对整行解码一次，而不是每次读取都解码。",
        },
        Text {
            en: "The notes' recv(1024) returns at most 1024 bytes: a longer message is taken for several, and each piece gets a reply.",
            zh: "笔记中的 recv(1024) 最多返回 1024 字节：更长的消息会被当成好几条，每一段都得到一次回复。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let mut peer = client(t, 1, addr)?;
        let message = shared::long_line();
        peer.send_line(&message)?;
        peer.expect_line(REPLY_LINE, REPLY)?;
        peer.expect_silence(QUIET)?;
        expect_received(&mut server, peer.local_addr(), &message)
    },
};

pub const KEEPS_CHINESE_TEXT_BYTE_EXACT: Check = Check {
    name: "keeps_chinese_text_byte_exact",
    behaviour: "C9",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "Chinese text is printed byte-exact (UTF-8)",
        zh: "中文文本原样打印（UTF-8）",
    },
    hints: &[
        Text {
            en: "Keep the message as bytes and decode it once, the whole line, with String::from_utf8_lossy when printing.",
            zh: "把消息当作字节保存，打印时用 String::from_utf8_lossy 对整行解码一次。",
        },
        Text {
            en: "The notes' TCP pair used GBK; this course uses UTF-8 for every text on the wire.",
            zh: "笔记中的 TCP 程序用 GBK；本课程在网络上传输的文本一律使用 UTF-8。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let mut peer = client(t, 1, addr)?;
        let text = "你好，世界！网络编程 🌏";
        ask(&mut peer, text)?;
        expect_received(&mut server, peer.local_addr(), text)
    },
};

pub const SERVES_200_CLIENTS_WITHOUT_LEAKING_DESCRIPTORS: Check = Check {
    name: "serves_200_clients_without_leaking_descriptors",
    behaviour: "S2",
    section: "§5.4",
    tier: Tier::Real,
    title: Text {
        en: "200 clients in a row are all served, and no file descriptor is left open",
        zh: "连续 200 个客户端都得到服务，且没有遗留打开的文件描述符",
    },
    hints: &[
        Text {
            en: "Let each client's socket be dropped when its service ends (let `serve` take it by value); do not keep it in a list.",
            zh: "每个客户端的服务结束时让它的套接字被 drop（让 `serve` 按值接收它）；不要把它存进列表。",
        },
        Text {
            en: "Every accepted socket is a file descriptor. A server that never closes them runs out (\"too many open files\") after about a thousand clients.",
            zh: "每个 accept 得到的套接字都是一个文件描述符。从不关闭它们的服务器大约在一千个客户端之后就会耗尽（\"too many open files\"）。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let fds = |server: &Proc| {
            server.open_fds().ok_or_else(|| {
                Stop::fail(msg!("could not read /proc/{}/fd", server.pid(); "无法读取 /proc/{}/fd", server.pid()))
            })
        };
        let before = fds(&server)?;
        t.step(msg!("the server has {} file descriptors open", before; "服务器打开了 {} 个文件描述符", before));
        let mut last = None;
        t.rounds(
            200,
            msg!("a client connects, sends a message, gets the reply and closes";
                 "一个客户端连接、发送消息、收到回复并关闭"),
            |n| {
                let mut peer = client(t, n, addr)?;
                ask(&mut peer, &format!("第 {n} 个客户端"))?;
                last = Some(peer.local_addr());
                peer.close();
                Ok(())
            },
        )?;
        if let Some(last) = last {
            expect_disconnected(&mut server, last)?;
        }
        let after = fds(&server)?;
        t.step(msg!("the server has {} file descriptors open", after; "服务器打开了 {} 个文件描述符", after));
        // One descriptor of slack: the last client's socket may still be
        // closing while the server prints that it left.
        if after <= before + 1 {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the server holds {} more file descriptors after 200 clients: it does not close the sockets of clients that left",
                 after - before;
                 "200 个客户端之后服务器多占用了 {} 个文件描述符：它没有关闭已离开客户端的套接字", after - before),
            format!("at most {} open descriptors", before + 1),
            format!("{after} open descriptors"),
        ))
    },
};

pub const EXIT_STOPS_THE_SERVER_AND_FREES_ITS_PORT: Check = Check {
    name: "exit_stops_the_server_and_frees_its_port",
    behaviour: "C5",
    section: "§5.4",
    tier: Tier::Notes,
    title: Text {
        en: "EXIT while idle: prints `stopping`, exits 0, the port is free again",
        zh: "空闲时输入 EXIT：打印 `stopping`，以 0 退出，端口重新可用",
    },
    hints: &[
        Text {
            en: "Read standard input on a second thread; on EXIT print `stopping`, set a flag, and wake the main thread out of accept by connecting to the server yourself.",
            zh: "在第二个线程中读取标准输入；遇到 EXIT 时打印 `stopping`，设置一个标志，并自己连接一次服务器，把主线程从 accept 中唤醒。",
        },
        Text {
            en: "The main thread is blocked in accept and cannot read the keyboard. After each accept it checks the flag, leaves the loop, and the listener is dropped: the port is closed.",
            zh: "主线程阻塞在 accept 中，无法读取键盘。它在每次 accept 之后检查标志并退出循环，监听套接字随之被 drop：端口关闭。",
        },
    ],
    needs: &[],
    run: |t| {
        // An address of its own, not 127.0.0.1: a server that wakes its
        // accept by connecting to itself must connect to where it listens.
        let own = t.own_loopback_addr(0)?.ip();
        let (mut server, addr) = t.start_listening(&[&format!("{own}:0")])?;
        server.type_line("EXIT")?;
        expect_stopping(&mut server)?;
        let done = server.finish(EXIT)?;
        done.expect_code(0)?;
        // The connection that woke accept is no client.
        if let Some(line) = done.stdout.lines().find(|l| l.starts_with("client")) {
            return Err(Stop::mismatch(
                msg!("after `stopping` it served a connection: the one that wakes accept is no client — look at the flag right after accept returns";
                     "打印 `stopping` 之后它还服务了一个连接：唤醒 accept 的连接不是客户端——accept 一返回就检查标志"),
                msg!("nothing after \"stopping\""; "\"stopping\" 之后没有输出"),
                show::text(line),
            ));
        }
        t.expect_refused(addr)?;
        t.expect_port_released(Transport::Tcp, addr)
    },
};

pub const END_OF_INPUT_STOPS_THE_SERVER: Check = Check {
    name: "end_of_input_stops_the_server",
    behaviour: "C5",
    section: "§5.4",
    tier: Tier::Notes,
    title: Text {
        en: "the end of the input (Ctrl-D) stops the server like EXIT",
        zh: "输入结束（Ctrl-D）像 EXIT 一样停止服务器",
    },
    hints: &[
        Text {
            en: "When reading standard input returns 0 bytes (no more lines), do what EXIT does.",
            zh: "读取标准输入返回 0 字节（没有更多行）时，执行与 EXIT 相同的操作。",
        },
        Text {
            en: "Nobody can type EXIT once the input has ended; a server that ignores this can only be killed.",
            zh: "输入结束后就没人能再输入 EXIT 了；忽略这一点的服务器只能被强行终止。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, _addr) = looping_server(t)?;
        server.close_stdin();
        expect_stopping(&mut server)?;
        server.expect_exit(0, EXIT)
    },
};

pub const EXIT_LETS_THE_CURRENT_CLIENT_FINISH_AND_NO_ONE_ELSE: Check = Check {
    name: "exit_lets_the_current_client_finish_and_no_one_else",
    behaviour: "C5",
    section: "§5.4",
    tier: Tier::Notes,
    title: Text {
        en: "EXIT during a session: the connected client is still answered; a waiting one is never served; then connecting is refused",
        zh: "会话中输入 EXIT：已连接的客户端仍得到回复；排队的客户端不再得到服务；之后连接被拒绝",
    },
    hints: &[
        Text {
            en: "Do not exit the process when EXIT is read: only stop taking new clients. Finish the current client's loop, then, after the next accept, see the flag and leave without serving.",
            zh: "读到 EXIT 时不要直接退出进程：只是不再接受新的客户端。把当前客户端的循环走完，然后在下一次 accept 之后看到标志，不再服务就退出。",
        },
        Text {
            en: "The listening socket and a client's socket are independent: closing the listener stops new clients, not a connected one. Connections still queued, never accepted, are reset when the listener closes.",
            zh: "监听套接字和客户端套接字互不影响：关闭监听套接字只阻止新的客户端，不影响已连接的。还在队列中、从未被 accept 的连接在监听套接字关闭时被重置。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let mut current = client(t, 1, addr)?;
        ask(&mut current, "EXIT 之前的消息")?;
        let mut waiting = client(t, 2, addr)?;
        waiting.send_line("我在排队")?;
        server.type_line("EXIT")?;
        expect_stopping(&mut server)?;
        current.expect_silence(QUIET)?;
        // Until it closes: not one message more, every message.
        for message in ["EXIT 之后的消息", "还有一条", "最后一条"] {
            ask(&mut current, message)?;
        }
        server.expect_running()?;
        current.close();
        server.expect_exit(0, EXIT)?;
        waiting.expect_dropped(REPLY)?;
        t.expect_refused(addr)
    },
};

/// The server's next `received from …` line is exactly `message` from
/// `client`, blanks included (a trimmed message is another message).
fn expect_received_exactly(server: &mut Proc, client: SocketAddr, message: &str) -> Outcome {
    let expected = format!("received from {client}: {message}");
    server.expect_shown_exactly(&expected, REPLY, |l| l.starts_with("received from"))
}

pub const SURVIVES_BYTES_THAT_ARE_NOT_UTF8: Check = Check {
    name: "survives_bytes_that_are_not_utf8",
    behaviour: "C9",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "a message that is not UTF-8 is shown with � and answered; the server goes on",
        zh: "不是 UTF-8 的消息以 � 显示并得到回复；服务器继续运行",
    },
    hints: &[
        Text {
            en: "Decode with String::from_utf8_lossy, never String::from_utf8(..).unwrap() or BufRead::lines(), which fail on such bytes.",
            zh: "用 String::from_utf8_lossy 解码，不要用 String::from_utf8(..).unwrap() 或 BufRead::lines()，它们遇到这样的字节会出错。",
        },
        Text {
            en: "A client may speak GBK (as the notes' programs did): its bytes are valid Chinese text in another encoding, not an error of the connection.",
            zh: "客户端可能使用 GBK（笔记中的程序就是这样）：这些字节是另一种编码的中文，并不是连接出错。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let mut peer = client(t, 1, addr)?;
        peer.send(&[shared::GBK_NIHAO, b"\n"].concat())?;
        peer.expect_line(REPLY_LINE, REPLY)?;
        shared::expect_gbk_shown_lossily(
            &mut server,
            "received from",
            "received from IP:PORT: ���� gbk",
        )?;
        ask(&mut peer, "后面的消息照常回复")
    },
};

pub const SHOWS_AWKWARD_MESSAGES_EXACTLY: Check = Check {
    name: "shows_awkward_messages_exactly",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "blanks, an empty line, \\r\\n, EXIT-like text and a last line without \\n are each one message, shown exactly and answered",
        zh: "前后空格、空行、\\r\\n、像 EXIT 的文本、没有 \\n 的最后一行，各自都是一条消息，原样显示并得到回复",
    },
    hints: &[
        Text {
            en: "Remove only the final \\n (if there is one): no trim, no pop of a byte that may not be a newline. At the end of the stream, bytes without a newline are the last message.",
            zh: "只去掉结尾的 \\n（如果有）：不要 trim，也不要不加判断地 pop 掉最后一个字节。流结束时，没有换行的剩余字节就是最后一条消息。",
        },
        Text {
            en: "A message is whatever bytes the client sent before its newline; blanks and an empty line are messages too, and only the keyboard's EXIT stops the server.",
            zh: "消息就是客户端在换行符之前发送的全部字节；空格和空行也是消息，只有键盘上的 EXIT 才会停止服务器。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let mut peer = client(t, 1, addr)?;
        let from = peer.local_addr();
        // The line without its \n goes last: only the close can end it.
        let edges = Edge::ALL.iter().filter(|&&e| e != Edge::NoFinalNewline);
        for &edge in edges.chain([&Edge::NoFinalNewline]) {
            peer.send_edge(edge)?;
            peer.expect_line(REPLY_LINE, REPLY)?;
            expect_received_exactly(&mut server, from, &edge.shown())?;
        }
        server.expect_running()
    },
};

pub const SURVIVES_CLIENTS_THAT_BREAK_OFF: Check = Check {
    name: "survives_clients_that_break_off",
    behaviour: "C7",
    section: "§5.4",
    tier: Tier::Real,
    title: Text {
        en: "a client that resets at once, mid-message or before the reply ends only its own session, with `disconnected: REASON`",
        zh: "客户端在连接后立即、消息中途或回复之前重置，只结束它自己的会话，并打印 `disconnected: 原因`",
    },
    hints: &[
        Text {
            en: "Every read and every write on a client's socket can fail: match the error, print `client IP:PORT disconnected: REASON` and go back to accept. No unwrap, no expect, no `let _ =` that hides the failure.",
            zh: "客户端套接字上的每次读和写都可能失败：匹配这个错误，打印 `client IP:PORT disconnected: 原因`，然后回到 accept。不要 unwrap、expect，也不要用 `let _ =` 把失败藏起来。",
        },
        Text {
            en: "A reset (RST) makes the next read fail with ConnectionReset, and a reply written after it fails too. A message cut off by a reset is not a message: it is neither shown nor answered.",
            zh: "复位（RST）使下一次读取以 ConnectionReset 失败，之后写出的回复也会失败。被复位截断的消息不算消息：既不显示也不回复。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let message = "我说到一半就走\n".as_bytes();
        let steps = BreakOff::RESETS.iter().chain([&BreakOff::CloseAtOnce]);
        for &how in steps {
            let from = t.break_off(&mut server, addr, how, message)?;
            let prefix = format!("client {from} disconnected");
            let (before, line) =
                server.expect_line_and_those_before(&show::text(&prefix), REPLY, |l| {
                    l.starts_with(&prefix)
                })?;
            let received = before.iter().any(|l| l.starts_with("received from"));
            expect_session_lines(how, received, &prefix, &line)?;
            server.expect_running()?;
            t.expect_no_panic(&server)?;
        }
        let mut next = client(t, 2, addr)?;
        ask(&mut next, "下一个客户端")
    },
};

/// What the server printed for a client that broke off `how`: the message
/// only when it was whole, and `disconnected: REASON` after a reset.
fn expect_session_lines(how: BreakOff, received: bool, prefix: &str, line: &str) -> Outcome {
    let whole = how == BreakOff::ResetBeforeReply;
    if received != whole {
        return Err(Stop::mismatch(
            msg!("a message is shown when it arrived whole, and only then"; "只有完整到达的消息才显示"),
            if whole {
                "a `received from` line before it"
            } else {
                "no `received from` line"
            },
            if received {
                "a `received from` line"
            } else {
                "no `received from` line"
            },
        ));
    }
    let reason = line.strip_prefix(prefix).and_then(|r| r.strip_prefix(": "));
    let fits = match how.resets() {
        true => reason.is_some_and(|r| !r.trim().is_empty()),
        false => line == prefix,
    };
    if fits {
        return Ok(());
    }
    let expected = if how.resets() {
        format!("{prefix}: REASON")
    } else {
        prefix.to_string()
    };
    Err(Stop::mismatch(
        msg!("a reset is a failed connection (`disconnected: REASON`); a close is not (`disconnected`)";
             "复位是连接失败（`disconnected: 原因`）；正常关闭不是（`disconnected`）"),
        show::text(&expected),
        show::text(line),
    ))
}

pub const KEEPS_SERVING_WHEN_ACCEPT_FAILS: Check = Check {
    name: "keeps_serving_when_accept_fails",
    behaviour: "C7",
    section: "§5.4",
    tier: Tier::Real,
    title: Text {
        en: "an accept that fails (too many open files) is reported on stderr; the server goes on serving",
        zh: "accept 失败（打开的文件过多）时在标准错误输出中报告；服务器继续服务",
    },
    hints: &[
        Text {
            en: "Match the result of accept: on an error print one line on stderr and go on with the loop (a short pause keeps a lasting failure from spinning); never unwrap it.",
            zh: "对 accept 的结果做匹配：出错时在标准错误输出打印一行，然后继续循环（稍作停顿，免得持续的失败让循环空转）；绝不要 unwrap。",
        },
        Text {
            en: "accept needs a new file descriptor; when the process has none left it fails with EMFILE while the connection waits in the queue. That is a passing shortage, not a reason to stop serving.",
            zh: "accept 需要一个新的文件描述符；进程用完时它以 EMFILE 失败，而连接仍在队列中等待。这是暂时的短缺，不是停止服务的理由。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        let limit = t.exhaust_open_files(&server)?;
        // Accept may already hold the descriptor for this one; the next
        // accept, after it, has none.
        client(t, 1, addr)?.close();
        t.expect_stderr_line(&mut server, EXIT)?;
        server.expect_running()?;
        t.expect_no_panic(&server)?;
        t.restore_open_files(&server, limit)?;
        let mut next = client(t, 2, addr)?;
        ask(&mut next, "文件描述符又够用了")
    },
};

pub const EXIT_MUST_BE_THE_EXACT_WORD: Check = Check {
    name: "exit_must_be_the_exact_word",
    behaviour: "C5",
    section: "§5.4",
    tier: Tier::Real,
    title: Text {
        en: "typed lines that only look like EXIT (EXITING, \" EXIT \", exit, EXIT\\r) do not stop the server; EXIT does",
        zh: "只是看起来像 EXIT 的输入行（EXITING、\" EXIT \"、exit、EXIT\\r）不会停止服务器；EXIT 才会",
    },
    hints: &[
        Text {
            en: "Compare the whole line, without its \\n, with EXIT: no starts_with, no trim, no case-insensitive comparison (a \\r before the \\n is part of the line).",
            zh: "把去掉 \\n 的整行与 EXIT 比较：不要用 starts_with，不要 trim，也不要忽略大小写（\\n 前面的 \\r 属于这一行）。",
        },
        Text {
            en: "The contract's stop word is exactly four letters on a line of their own; every other line is ignored.",
            zh: "约定的停止词恰好是单独一行的四个字母；其他任何行都被忽略。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = looping_server(t)?;
        for &edge in Edge::EXIT_LOOKALIKES {
            server.type_bytes(&edge.line())?;
        }
        server.expect_no_line(QUIET, "\"stopping\"", |l| l == "stopping")?;
        let mut peer = client(t, 1, addr)?;
        ask(&mut peer, "服务器还在")?;
        peer.close();
        server.type_line("EXIT")?;
        expect_stopping(&mut server)?;
        server.expect_exit(0, EXIT)
    },
};

pub const PRINTS_ONLY_THE_CONTRACT_LINES: Check = Check {
    name: "prints_only_the_contract_lines",
    behaviour: "C2",
    section: "§5.2",
    tier: Tier::Real,
    title: Text {
        en: "standard output holds the contract's lines and nothing else: no blank line, no prompt",
        zh: "标准输出只有约定的那些行：没有空行，也没有提示符",
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
        let (mut server, addr) = looping_server(t)?;
        let mut peer = client(t, 1, addr)?;
        let from = peer.local_addr();
        ask(&mut peer, "你好")?;
        peer.close();
        expect_disconnected(&mut server, from)?;
        server.type_line("EXIT")?;
        server.expect_all_output(
            &[
                format!("listening on {addr}"),
                format!("client connected from {from}"),
                format!("received from {from}: 你好"),
                format!("client {from} disconnected"),
                "stopping".to_string(),
            ],
            EXIT,
        )?;
        server.expect_exit(0, EXIT)
    },
};
