//! Exercise 04, the TCP client of §5.1: connect, send each typed line until
//! EXIT, half-close, show every line the server sends until it closes.
//! The suite plays the server.

use super::shared;
use crate::harness::{Edge, Proc, TcpPeer};
use crate::prelude::*;

pub static EXERCISE: Exercise = Exercise {
    id: "04",
    slug: "tcp-client",
    title: Text {
        en: "TCP client: send lines, show the replies",
        zh: "TCP 客户端：发送多行数据并显示回复",
    },
    sections: "§5.1",
    exercise_package: "ex04-tcp-client",
    solution_package: "sol04-tcp-client",
    programs: &[Program {
        key: "04",
        role: Text {
            en: "the client",
            zh: "客户端",
        },
        exercise_bin: "ex04-tcp-client",
        solution_bin: "sol04-tcp-client",
    }],
    checks: &[
        &CONNECTS_TO_THE_SERVER_IT_IS_GIVEN,
        &REPORTS_CONNECTION_REFUSED,
        &CONNECTS_FROM_AN_EPHEMERAL_PORT,
        &SENDS_EACH_LINE_WITH_ITS_NEWLINE,
        &DOES_NOT_SEND_EXIT,
        &TREATS_END_OF_INPUT_LIKE_EXIT,
        &HALF_CLOSES_AND_THEN_READS_THE_REPLY,
        &SHOWS_EVERY_REPLY_LINE,
        &SHOWS_A_REPLY_THAT_ARRIVES_IN_PIECES,
        &SHOWS_A_REPLY_LONGER_THAN_1024_BYTES,
        &KEEPS_CHINESE_TEXT_BYTE_EXACT,
        &SURVIVES_A_REPLY_THAT_IS_NOT_UTF8,
        &ENDS_CLEANLY_WHEN_THE_SERVER_CLOSES_FIRST,
        &ENDS_CLEANLY_WHEN_THE_SERVER_RESETS_AFTER_ITS_REPLY,
        &shared::REJECTS_A_PORT_OUT_OF_RANGE,
        &shared::REJECTS_A_MALFORMED_IP,
        &SENDS_EVERY_LINE_EXACTLY_AS_TYPED,
        &PRINTS_ONLY_THE_CONTRACT_LINES,
        &SHOWS_AWKWARD_REPLY_LINES_EXACTLY,
    ],
    clauses: CLAUSES,
};

/// The promises of this exercise's README contract (see `crate::clause`).
static CLAUSES: &[Clause] = &[
    clause(
        "04.connected-line",
        "Once connected it prints `connected to IP:PORT`, the server's address.",
        "连接成功后打印 `connected to IP:PORT`，即服务器的地址。",
        &["connects_to_the_server_it_is_given"],
    ),
    clause(
        "04.refused",
        "Nobody listening: one sentence on stderr that says `connection refused`, exit code 1, and no `connected to` line.",
        "没有程序监听时：在标准错误输出写一句包含 `connection refused` 的话，退出码 1，并且没有 `connected to` 这一行。",
        &["reports_connection_refused"],
    ),
    clause(
        "04.no-bind",
        "It does not bind: the server sees it on an ephemeral port the OS chose.",
        "它不调用 bind：服务器看到的是操作系统选择的临时端口。",
        &["connects_from_an_ephemeral_port"],
    ),
    clause(
        "04.send-exact",
        "Each typed line is sent as its exact bytes (blanks, \\r, empty, not UTF-8, up to 64 KiB long) followed by one \\n, in order.",
        "每个输入行按原样的字节（空格、\\r、空行、非 UTF-8，最长 64 KiB）加一个 \\n 依次发送。",
        &[
            "sends_each_line_with_its_newline",
            "sends_every_line_exactly_as_typed",
            "shows_a_reply_longer_than_1024_bytes",
        ],
    ),
    clause(
        "04.exit-word",
        "Only the line EXIT exactly stops sending; it is not sent and the lines after it are not read. EXITING, \" EXIT \", exit and EXIT\\r are sent.",
        "只有恰好为 EXIT 的一行才停止发送；它本身不发送，之后的行也不读取。EXITING、\" EXIT \"、exit 和 EXIT\\r 照常发送。",
        &["does_not_send_exit", "sends_every_line_exactly_as_typed"],
    ),
    clause(
        "04.end-of-input",
        "The end of the input counts as EXIT, after sending a last line that has no \\n.",
        "输入结束等同于 EXIT；没有 \\n 的最后一行先照常发送。",
        &[
            "treats_end_of_input_like_exit",
            "sends_every_line_exactly_as_typed",
        ],
    ),
    clause(
        "04.half-close",
        "Then it closes its sending side only and still reads the reply.",
        "然后只关闭发送方向，仍然读取回复。",
        &["half_closes_and_then_reads_the_reply"],
    ),
    clause(
        "04.received-lines",
        "Every line the server sends is printed as `received: LINE`, in order, however it arrives, until the server closes.",
        "服务器发送的每一行都打印为 `received: LINE`，按顺序，无论如何到达，直到服务器关闭。",
        &[
            "shows_every_reply_line",
            "shows_a_reply_that_arrives_in_pieces",
            "shows_a_reply_longer_than_1024_bytes",
            "keeps_chinese_text_byte_exact",
            "shows_awkward_reply_lines_exactly",
        ],
    ),
    clause(
        "04.not-utf8",
        "Reply bytes that are not UTF-8 are shown as U+FFFD, without a crash.",
        "不是 UTF-8 的回复字节显示为 U+FFFD，不会崩溃。",
        &["survives_a_reply_that_is_not_utf8"],
    ),
    clause(
        "04.server-closes-first",
        "The server closing or resetting first is not an error: it stops sending, shows what arrived and exits 0; a reset is said on stderr, and no note goes to stdout.",
        "服务器先关闭或复位不是错误：客户端停止发送，显示已收到的内容，以 0 退出；复位要在标准错误输出中说明，说明不写到标准输出。",
        &[
            "ends_cleanly_when_the_server_closes_first",
            "ends_cleanly_when_the_server_resets_after_its_reply",
        ],
    ),
    clause(
        "04.output-only",
        "Standard output holds `connected to` and the `received:` lines and nothing else: no blank line, no prompt.",
        "标准输出只有 `connected to` 和各 `received:` 行：没有空行，也没有提示符。",
        &["prints_only_the_contract_lines"],
    ),
    clause(
        "04.last-reply-line",
        "Bytes after the server's last newline are shown as one more `received:` line.",
        "服务器最后一个换行符之后的字节再显示为一行 `received:`。",
        &["shows_awkward_reply_lines_exactly"],
    ),
    clause(
        "04.bad-argument",
        "A bad argument (port 65536, 256.1.1.1) is a usage error: exit code 2 and one sentence.",
        "错误的参数（端口 65536、256.1.1.1）是用法错误：退出码 2，一句话说明。",
        &["rejects_a_port_out_of_range", "rejects_a_malformed_ip"],
    ),
];

/// The most a check lets the client send.
const LIMIT: usize = 64 << 10;

/// The suite listens, starts the client with the suite's address and
/// accepts its connection: the client program and the suite's end of it.
fn client_and_server(t: &Test) -> Result<(Proc, TcpPeer), Stop> {
    let listener = t.tcp_server()?;
    let client = t.start(&[&listener.addr().to_string()])?;
    let server = listener.accept(msg!("the server"; "服务器"), START)?;
    Ok((client, server))
}

/// The lines of `expected` arrive, in order, each ending in `\n`. Only the
/// lines are awaited, not the end of the stream: the notes' client never
/// half-closes, it sends and then waits for the answer.
fn expect_sent(server: &mut TcpPeer, expected: &str) -> Outcome {
    let mut got = Vec::new();
    for _ in expected.matches('\n') {
        let line = server.read_line(REPLY)?;
        got.extend_from_slice(&line);
        got.push(b'\n');
    }
    same_bytes(expected, &got)
}

/// Everything the client sent, up to its half-close, is exactly `expected`.
fn expect_sent_and_half_closed(server: &mut TcpPeer, expected: &str) -> Outcome {
    let got = server.read_to_end(LIMIT, REPLY)?;
    same_bytes(expected, &got)
}

fn same_bytes(expected: &str, got: &[u8]) -> Outcome {
    if got == expected.as_bytes() {
        return Ok(());
    }
    Err(Stop::mismatch(
        msg!("the server did not receive exactly the lines typed, each ending in \\n";
             "服务器收到的内容与输入的各行（每行以 \\n 结尾）不完全相同"),
        show::bytes(expected.as_bytes()),
        show::bytes(got),
    ))
}

/// The client prints `received: LINE` for each of `lines`, in order.
fn expect_received(client: &mut Proc, lines: &[&str]) -> Outcome {
    for line in lines {
        let expected = format!("received: {line}");
        let printed = client.expect_line(&show::text(&expected), REPLY, |l| {
            l.starts_with("received:")
        })?;
        if printed != expected {
            return Err(Stop::mismatch(
                msg!("the client showed a line the server did not send"; "客户端显示的内容不是服务器发送的那一行"),
                show::text(&expected),
                show::text(&printed),
            ));
        }
    }
    Ok(())
}

/// The suite's server answers `reply` (one write) and closes; the client
/// shows each line of it and exits 0.
/// The connection ended its abnormal way (a write that failed, a reset):
/// the client shows `lines`, prints nothing else on standard output (a
/// note about the ending belongs on standard error), and exits 0; after a
/// reset, its note is there.
fn expect_only_received_then_exit(
    mut client: Proc,
    lines: &[&str],
    note_expected: bool,
) -> Outcome {
    let stray = |line: &str| {
        Stop::mismatch(
            msg!("standard output holds a line no contract names: a note about how the connection ended goes to standard error";
                 "标准输出里有一行约定之外的内容：关于连接如何结束的说明应写到标准错误输出"),
            msg!("only `connected to` and `received:` lines"; "只有 `connected to` 和 `received:` 行"),
            show::text(line),
        )
    };
    for line in lines {
        let expected = format!("received: {line}");
        let (before, printed) =
            client.expect_line_and_those_before(&show::text(&expected), REPLY, |l| {
                l.starts_with("received:")
            })?;
        if let Some(extra) = before.iter().find(|l| !l.starts_with("connected to")) {
            return Err(stray(extra));
        }
        if printed != expected {
            return Err(Stop::mismatch(
                msg!("the client showed a line the server did not send"; "客户端显示的内容不是服务器发送的那一行"),
                show::text(&expected),
                show::text(&printed),
            ));
        }
    }
    let done = client.finish(EXIT)?;
    done.expect_code(0)?;
    if let Some(extra) = done.stdout.lines().find(|l| !l.trim().is_empty()) {
        return Err(stray(extra));
    }
    if note_expected && done.stderr.trim().is_empty() {
        return Err(Stop::mismatch(
            msg!("the reset was not said: show what arrived, then say on standard error that the server reset the connection";
                 "没有说明复位：先显示收到的内容，再在标准错误输出说明服务器复位了连接"),
            msg!("a note on standard error"; "标准错误输出里的一句说明"),
            "\"\"",
        ));
    }
    Ok(())
}

fn reply_and_close(
    client: &mut Proc,
    mut server: TcpPeer,
    reply: &[u8],
    shown: &[&str],
) -> Outcome {
    server.send(reply)?;
    server.close();
    expect_received(client, shown)?;
    client.expect_exit(0, EXIT)
}

pub const CONNECTS_TO_THE_SERVER_IT_IS_GIVEN: Check = Check {
    name: "connects_to_the_server_it_is_given",
    behaviour: "T1",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "connects to the server's IP:PORT and says so",
        zh: "连接到给定的服务器 IP:PORT，并打印出来",
    },
    hints: &[
        Text {
            en: "TcpStream::connect(addr) creates the socket and connects it; then print `connected to IP:PORT` with the server's address.",
            zh: "TcpStream::connect(addr) 会创建套接字并完成连接；之后用服务器的地址打印 `connected to IP:PORT`。",
        },
        Text {
            en: "TCP connects before any data flows: connect returns once the server's OS has completed the handshake, even before the server calls accept.",
            zh: "TCP 先连接再传数据：服务器的操作系统完成握手后 connect 就返回，哪怕服务器还没调用 accept。",
        },
    ],
    needs: &[],
    run: |t| {
        let listener = t.tcp_server()?;
        let addr = listener.addr();
        let mut client = t.start(&[&addr.to_string()])?;
        listener.accept(msg!("the server"; "服务器"), START)?;
        let expected = format!("connected to {addr}");
        let line = client.expect_line(&show::text(&expected), REPLY, |l| {
            l.starts_with("connected to")
        })?;
        if line == expected {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the client printed a different address than the one it was given"; "客户端打印的地址与给定的服务器地址不同"),
            show::text(&expected),
            show::text(&line),
        ))
    },
};

pub const REPORTS_CONNECTION_REFUSED: Check = Check {
    name: "reports_connection_refused",
    behaviour: "T1",
    section: "§1.2",
    tier: Tier::Notes,
    title: Text {
        en: "no server there: \"connection refused\" in one sentence, exit 1",
        zh: "那里没有服务器：用一句话报告 “connection refused”，以 1 退出",
    },
    hints: &[
        Text {
            en: "Do not unwrap the result of connect: when it fails, call `fail(\"cannot connect to ...\", &error)`, which prints one sentence and exits with code 1.",
            zh: "不要对 connect 的结果 unwrap：失败时调用 `fail(\"cannot connect to ...\", &error)`，它会输出一句话并以退出码 1 结束。",
        },
        Text {
            en: "TCP must connect before it can send. When no program listens on the port, the other host answers the connection request with a reset and connect fails with ConnectionRefused (ECONNREFUSED).",
            zh: "TCP 必须先连接才能发送。端口上没有程序监听时，对方主机用复位（RST）回应连接请求，connect 以 ConnectionRefused（ECONNREFUSED）失败。",
        },
    ],
    needs: &[],
    run: |t| {
        let nobody = t.unused_addr()?;
        let done = t.run(&[&nobody.to_string()])?;
        done.expect_failure_explained()?;
        done.expect_stderr(crate::harness::mentions("refused"))?;
        done.expect_no_stdout()
    },
};

pub const CONNECTS_FROM_AN_EPHEMERAL_PORT: Check = Check {
    name: "connects_from_an_ephemeral_port",
    behaviour: "C1",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "does not bind: the server sees it on a port from the ephemeral range",
        zh: "不绑定端口：服务器看到它使用临时端口范围内的端口",
    },
    hints: &[
        Text {
            en: "Just connect; do not bind the client's socket to an address or port first.",
            zh: "直接 connect；不要先把客户端套接字绑定到某个地址或端口。",
        },
        Text {
            en: "A client that does not bind gets a port from /proc/sys/net/ipv4/ip_local_port_range when it connects. A fixed client port would stop two copies of the client from running at once.",
            zh: "不绑定的客户端在连接时从 /proc/sys/net/ipv4/ip_local_port_range 中得到端口。固定的客户端端口会让两个客户端无法同时运行。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_client, server) = client_and_server(t)?;
        let port = server.peer_addr().port();
        t.step(msg!("the server sees the client at {}", server.peer_addr(); "服务器看到客户端的地址是 {}", server.peer_addr()));
        let (low, high) = super::ex05::ephemeral_range();
        if (low..=high).contains(&port) {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the client connected from a port outside the ephemeral range: did it bind?"; "客户端使用的端口不在临时端口范围内：它是否绑定了端口？"),
            format!("a port from {low} to {high}"),
            server.peer_addr().to_string(),
        ))
    },
};

pub const SENDS_EACH_LINE_WITH_ITS_NEWLINE: Check = Check {
    name: "sends_each_line_with_its_newline",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Notes,
    title: Text {
        en: "sends every typed line, in order, each ending in \\n",
        zh: "按顺序发送输入的每一行，每行以 \\n 结尾",
    },
    hints: &[
        Text {
            en: "Send each line followed by `\\n`; read_until(b'\\n', ..) keeps the newline, or add it back if you removed it.",
            zh: "发送每一行时带上 `\\n`；read_until(b'\\n', ..) 会保留换行符，如果你去掉了它，要再加回去。",
        },
        Text {
            en: "TCP is a byte stream: \"hello\" then \"world\" arrive as \"helloworld\", and the server cannot tell where one message ends. The newline is the boundary.",
            zh: "TCP 是字节流：先发 \"hello\" 再发 \"world\"，到达时是 \"helloworld\"，服务器无法分辨一条消息在哪里结束。换行符就是边界。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.type_lines(&["hello", "world", "a third line", "EXIT"])?;
        expect_sent(&mut server, "hello\nworld\na third line\n")
    },
};

pub const DOES_NOT_SEND_EXIT: Check = Check {
    name: "does_not_send_exit",
    behaviour: "T2",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "EXIT ends the sending and is not sent itself",
        zh: "EXIT 结束发送，它本身不会被发送",
    },
    hints: &[
        Text {
            en: "Compare each line with \"EXIT\" before sending it; on EXIT stop reading the input.",
            zh: "发送前把每行与 \"EXIT\" 比较；遇到 EXIT 就停止读取输入。",
        },
        Text {
            en: "EXIT is a word for the client, not a message for the server. Lines typed after it are not sent either.",
            zh: "EXIT 是给客户端的指令，不是发给服务器的消息。它之后输入的行也不发送。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.type_lines(&["before", "EXIT", "after"])?;
        expect_sent(&mut server, "before\n")?;
        // Answer and close the suite's sending side, as the notes' server
        // did: a client that waits for the answer now ends, and whatever
        // else it sent (EXIT itself, the line after it) shows up here.
        server.send("数据已收到\n".as_bytes())?;
        server.half_close()?;
        let more = server.read_to_end(LIMIT, REPLY)?;
        same_bytes("", &more)
    },
};

pub const TREATS_END_OF_INPUT_LIKE_EXIT: Check = Check {
    name: "treats_end_of_input_like_exit",
    behaviour: "T2",
    section: "§5.1",
    tier: Tier::Notes,
    title: Text {
        en: "the end of the input (Ctrl-D) ends the sending like EXIT",
        zh: "输入结束（Ctrl-D）与 EXIT 一样结束发送",
    },
    hints: &[
        Text {
            en: "When reading standard input returns 0 bytes, the input has ended: stop sending, exactly as for EXIT.",
            zh: "读取标准输入返回 0 字节，说明输入已结束：像遇到 EXIT 一样停止发送。",
        },
        Text {
            en: "Input can come from a file or a pipe (`printf 'a\\nb\\n' | client`), which ends without an EXIT line.",
            zh: "输入可以来自文件或管道（`printf 'a\\nb\\n' | client`），它们结束时没有 EXIT 这一行。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.type_line("the only line")?;
        client.close_stdin();
        expect_sent(&mut server, "the only line\n")?;
        reply_and_close(
            &mut client,
            server,
            "数据已收到\n".as_bytes(),
            &["数据已收到"],
        )
    },
};

pub const HALF_CLOSES_AND_THEN_READS_THE_REPLY: Check = Check {
    name: "half_closes_and_then_reads_the_reply",
    behaviour: "T2",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "after EXIT: half-closes, shows the reply, exits 0 when the server closes",
        zh: "EXIT 之后：半关闭连接，显示回复，服务器关闭后以 0 退出",
    },
    hints: &[
        Text {
            en: "After the last line, call stream.shutdown(Shutdown::Write), then read until a read returns 0 bytes, printing each line as `received: LINE`.",
            zh: "发完最后一行后调用 stream.shutdown(Shutdown::Write)，然后一直读到某次读取返回 0 字节，每行打印为 `received: LINE`。",
        },
        Text {
            en: "The server knows you are done only when it reads end-of-stream. A half-close sends it while your side can still receive; closing the whole socket would throw the reply away.",
            zh: "服务器只有读到流结束才知道你已发完。半关闭会发出这个信号，同时你这边仍能接收；整个关闭套接字则会丢掉回复。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.type_lines(&["你好", "EXIT"])?;
        expect_sent_and_half_closed(&mut server, "你好\n")?;
        reply_and_close(
            &mut client,
            server,
            "数据已收到\n".as_bytes(),
            &["数据已收到"],
        )
    },
};

pub const SHOWS_EVERY_REPLY_LINE: Check = Check {
    name: "shows_every_reply_line",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "three reply lines written at once are shown as three lines",
        zh: "一次写入的三行回复显示为三行",
    },
    hints: &[
        Text {
            en: "Keep reading lines until the server closes the connection; do not stop after the first one.",
            zh: "一直按行读取，直到服务器关闭连接；不要读到第一行就停。",
        },
        Text {
            en: "Writes are not messages: three replies written back to back can arrive in one read. Split what you read at each `\\n`.",
            zh: "写入不等于消息：背靠背写出的三条回复可能在一次读取中全部到达。要在每个 `\\n` 处切分。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.type_lines(&["one", "two", "three", "EXIT"])?;
        expect_sent(&mut server, "one\ntwo\nthree\n")?;
        reply_and_close(
            &mut client,
            server,
            "第一条回复\nsecond reply\nthird reply\n".as_bytes(),
            &["第一条回复", "second reply", "third reply"],
        )
    },
};

pub const SHOWS_A_REPLY_THAT_ARRIVES_IN_PIECES: Check = Check {
    name: "shows_a_reply_that_arrives_in_pieces",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "a reply sent slowly, one byte at a time, is shown whole",
        zh: "逐字节慢慢发送的回复也能完整显示",
    },
    hints: &[
        Text {
            en: "A read returns whatever has arrived, maybe one byte. Collect bytes up to the `\\n` (BufReader::read_until does it) before you print.",
            zh: "一次读取只返回已到达的数据，可能只有一个字节。先收集到 `\\n` 为止（BufReader::read_until 会做）再打印。",
        },
        Text {
            en: "Decode the whole line, not each piece: a Chinese character is three bytes in UTF-8 and a piece can end in the middle of one.",
            zh: "解码整行，而不是每一段：一个汉字在 UTF-8 中占三个字节，一段数据可能在某个字中间结束。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.type_lines(&["你好", "EXIT"])?;
        expect_sent(&mut server, "你好\n")?;
        server.send_byte_by_byte("数据已收到\n".as_bytes(), Duration::from_millis(15))?;
        server.close();
        expect_received(&mut client, &["数据已收到"])?;
        client.expect_exit(0, EXIT)
    },
};

pub const SHOWS_A_REPLY_LONGER_THAN_1024_BYTES: Check = Check {
    name: "shows_a_reply_longer_than_1024_bytes",
    behaviour: "D1",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "a typed line and a reply line of 58 800 bytes (digits and Chinese) each go through whole: not cut at 1024 or 8192 bytes",
        zh: "58 800 字节的输入行和回复行（数字和中文）都完整通过：不截断在 1024 或 8192 字节",
    },
    hints: &[
        Text {
            en: "Do not read into one fixed buffer once, neither the keyboard nor the socket: read until the newline (up to the contract's 64 KiB) and the end of the stream.",
            zh: "无论读键盘还是读套接字，都不要只用一个固定缓冲区读一次：要一直读到换行符（最多到约定的 64 KiB）和流结束。",
        },
        Text {
            en: "The notes' recv(1024) returns at most 1024 bytes; the rest waits in the socket for a next read that never comes.",
            zh: "笔记中的 recv(1024) 最多返回 1024 字节；其余数据留在套接字里，等待一次永远不会到来的读取。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        let long = shared::long_line();
        client.type_lines(&[&long, "EXIT"])?;
        expect_sent(&mut server, &format!("{long}\n"))?;
        let reply = format!("{long}\n");
        reply_and_close(&mut client, server, reply.as_bytes(), &[&long])
    },
};

pub const KEEPS_CHINESE_TEXT_BYTE_EXACT: Check = Check {
    name: "keeps_chinese_text_byte_exact",
    behaviour: "C9",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "Chinese text goes out and comes back byte-exact (UTF-8 both ways)",
        zh: "中文文本原样发出、原样显示（双向都用 UTF-8）",
    },
    hints: &[
        Text {
            en: "Send the bytes you read from the input as they are; decode what you receive as UTF-8 once per line, when printing.",
            zh: "把从输入读到的字节原样发送；收到的内容在打印时按行做一次 UTF-8 解码。",
        },
        Text {
            en: "Both ends must agree on the encoding. The notes' TCP pair used GBK; this course uses UTF-8 everywhere.",
            zh: "通信双方必须约定同一种编码。笔记中的 TCP 程序用 GBK；本课程处处使用 UTF-8。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.type_lines(&["你好，服务器！", "网络编程 🌏 ✓", "EXIT"])?;
        expect_sent(&mut server, "你好，服务器！\n网络编程 🌏 ✓\n")?;
        reply_and_close(
            &mut client,
            server,
            "收到：你好，服务器！\n数据已收到 🌏\n".as_bytes(),
            &["收到：你好，服务器！", "数据已收到 🌏"],
        )
    },
};

pub const SURVIVES_A_REPLY_THAT_IS_NOT_UTF8: Check = Check {
    name: "survives_a_reply_that_is_not_utf8",
    behaviour: "C9",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "a reply that is not UTF-8 is shown lossily, never a crash",
        zh: "非 UTF-8 的回复以替换字符显示，绝不崩溃",
    },
    hints: &[
        Text {
            en: "Print with String::from_utf8_lossy, not String::from_utf8(...).unwrap().",
            zh: "用 String::from_utf8_lossy 打印，而不是 String::from_utf8(...).unwrap()。",
        },
        Text {
            en: "A server can send any bytes (here GBK-encoded 你好, as the notes' server did); the client must still show the rest and finish normally.",
            zh: "服务器可以发送任意字节（这里是 GBK 编码的“你好”，笔记中的服务器就是这样）；客户端仍须显示其余内容并正常结束。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.close_stdin();
        expect_sent(&mut server, "")?;
        server.send(&[shared::GBK_NIHAO, b"\n"].concat())?;
        server.close();
        shared::expect_gbk_shown_lossily(&mut client, "received:", "received: ���� gbk")?;
        client.expect_exit(0, EXIT)
    },
};

pub const ENDS_CLEANLY_WHEN_THE_SERVER_CLOSES_FIRST: Check = Check {
    name: "ends_cleanly_when_the_server_closes_first",
    behaviour: "C7",
    section: "§5.4",
    tier: Tier::Real,
    title: Text {
        en: "the server closes before EXIT: the client stops sending, shows the reply, exits 0",
        zh: "服务器在 EXIT 之前关闭：客户端停止发送，显示回复，以 0 退出",
    },
    hints: &[
        Text {
            en: "A write to a connection the server has closed fails (BrokenPipe or ConnectionReset). Treat that as \"the server is gone\": stop sending, then show what it sent; do not unwrap.",
            zh: "向服务器已关闭的连接写入会失败（BrokenPipe 或 ConnectionReset）。把它当作“服务器已离开”：停止发送，然后显示它发来的内容；不要 unwrap。",
        },
        Text {
            en: "After the server closes, the first write still goes out and the server's OS answers it with a reset; later writes, and shutdown (NotConnected), fail. What the server sent before closing can still be read, and then the read may report ConnectionReset instead of 0 bytes: that, too, is the server's close.",
            zh: "服务器关闭后，第一次写入仍会发出，服务器的操作系统以复位（RST）回应；之后的写入以及 shutdown（NotConnected）都会失败。服务器关闭前发来的数据仍然可以读到，之后读取可能报告 ConnectionReset 而不是 0 字节：这同样是服务器的关闭。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.type_line("第一行")?;
        server.expect_line("第一行", REPLY)?;
        server.send_line("再见")?;
        let (client_end, server_end) = (server.peer_addr(), server.local_addr());
        server.close();
        // The first line after the close goes out and is answered with a
        // reset; once the reset has arrived, every later write fails — the
        // moment this check is about, made certain rather than left to timing.
        client.type_line("第二行")?;
        t.expect_connection_gone(client_end, server_end, REPLY)?;
        client.type_lines(&["第三行", "第四行", "第五行", "EXIT"])?;
        expect_only_received_then_exit(client, &["再见"], false)
    },
};

pub const ENDS_CLEANLY_WHEN_THE_SERVER_RESETS_AFTER_ITS_REPLY: Check = Check {
    name: "ends_cleanly_when_the_server_resets_after_its_reply",
    behaviour: "C7",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "the server replies, then resets (RST): the client shows the reply and exits 0",
        zh: "服务器回复后复位连接（RST）：客户端显示回复并以 0 退出",
    },
    hints: &[
        Text {
            en: "After the last reply a read may report ConnectionReset instead of 0 bytes. It is how the server's close looks when it closed with your lines still arriving: show what came, stop, exit 0.",
            zh: "读完最后的回复后，读取可能报告 ConnectionReset 而不是 0 字节。服务器在你的行还在路上时关闭，看起来就是这样：显示收到的内容，停止，以 0 退出。",
        },
        Text {
            en: "On Linux the bytes that arrived before the reset can still be read; the read after them fails with ConnectionReset, and shutdown fails with NotConnected. Neither is a reason to exit 1.",
            zh: "在 Linux 上，复位之前到达的字节仍可读取；之后的读取以 ConnectionReset 失败，shutdown 以 NotConnected 失败。两者都不是以 1 退出的理由。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.type_line("第一行")?;
        server.expect_line("第一行", REPLY)?;
        server.send_line("再见")?;
        // A close with linger 0 sends a reset and never a FIN: however the
        // timing falls, the client's reads end in ConnectionReset.
        server.reset();
        client.type_line("EXIT")?;
        expect_only_received_then_exit(client, &["再见"], true)
    },
};

pub const SENDS_EVERY_LINE_EXACTLY_AS_TYPED: Check = Check {
    name: "sends_every_line_exactly_as_typed",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "awkward lines (\\r\\n, blanks, empty, not UTF-8, EXIT-like, no final \\n) are sent byte for byte, each ending in \\n",
        zh: "特别的行（\\r\\n、前后空格、空行、非 UTF-8、像 EXIT 的行、没有结尾 \\n）逐字节发送，每行以 \\n 结尾",
    },
    hints: &[
        Text {
            en: "Read standard input as bytes (read_until(b'\\n', ..)), remove only the final \\n, compare the rest with EXIT exactly, and send it with one \\n: no trim, no lines() (it drops \\r and fails on bytes that are not UTF-8), no skipping empty lines.",
            zh: "按字节读取标准输入（read_until(b'\\n', ..)），只去掉结尾的 \\n，把剩下的内容与 EXIT 精确比较，再加一个 \\n 发送：不要 trim，不要用 lines()（它会去掉 \\r，遇到非 UTF-8 字节会出错），也不要跳过空行。",
        },
        Text {
            en: "The contract sends what was typed, not what it looks like: blanks, a \\r, an empty line and GBK bytes are all part of the conversation. A last line without \\n is still a line: the end of the input comes after it.",
            zh: "约定发送的是输入的内容，而不是它看起来的样子：空格、\\r、空行和 GBK 字节都是对话的一部分。没有 \\n 的最后一行仍然是一行：输入结束在它之后。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        // The line without its \n goes last: only the end of input ends it.
        // `EXIT\r\n` is a line of five bytes here: only `EXIT\n` stops.
        let edges: Vec<Edge> = Edge::ALL
            .iter()
            .copied()
            .filter(|&e| e != Edge::NoFinalNewline)
            .chain([Edge::ExitCrLf, Edge::NoFinalNewline])
            .collect();
        let typed: Vec<u8> = edges.iter().flat_map(|e| e.line()).collect();
        let mut expected = typed.clone();
        expected.push(b'\n');
        client.type_bytes(&typed)?;
        client.close_stdin();
        // Line by line, not up to the end of the stream: whether the client
        // half-closes is another check's business.
        let mut got = Vec::new();
        for _ in expected.iter().filter(|&&b| b == b'\n') {
            got.extend(server.read_line(REPLY)?);
            got.push(b'\n');
        }
        if got != expected {
            return Err(Stop::mismatch(
                msg!("the server did not receive exactly the bytes typed, each line ending in \\n";
                     "服务器收到的字节与输入的不完全相同（每行应以 \\n 结尾）"),
                show::bytes(&expected),
                show::bytes(&got),
            ));
        }
        reply_and_close(
            &mut client,
            server,
            "数据已收到\n".as_bytes(),
            &["数据已收到"],
        )
    },
};

pub const PRINTS_ONLY_THE_CONTRACT_LINES: Check = Check {
    name: "prints_only_the_contract_lines",
    behaviour: "D1",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "standard output holds `connected to` and one `received:` line per reply line, nothing else: no blank line, no prompt",
        zh: "标准输出只有 `connected to` 和每个回复行一行 `received:`：没有空行，也没有提示符",
    },
    hints: &[
        Text {
            en: "Print each reply line without its \\n (println! adds one), and send notes and prompts to stderr (eprintln!), if anywhere.",
            zh: "打印每个回复行时去掉它的 \\n（println! 会再加一个），提示信息如果要有，写到标准错误输出（eprintln!）。",
        },
        Text {
            en: "Programs and graders read the output line by line: an extra blank line is a line too.",
            zh: "程序和评测器逐行读取输出：多出的空行也是一行。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        let addr = server.local_addr();
        client.type_lines(&["你好", "EXIT"])?;
        expect_sent(&mut server, "你好\n")?;
        server.send("第一行\n第二行\n".as_bytes())?;
        server.close();
        client.expect_all_output(
            &[
                format!("connected to {addr}"),
                "received: 第一行".to_string(),
                "received: 第二行".to_string(),
            ],
            EXIT,
        )?;
        client.expect_exit(0, EXIT)
    },
};

pub const SHOWS_AWKWARD_REPLY_LINES_EXACTLY: Check = Check {
    name: "shows_awkward_reply_lines_exactly",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "reply lines ending in \\r\\n, with blanks, an empty reply line and a last line without \\n are each shown exactly",
        zh: "以 \\r\\n 结尾的回复行、带前后空格的回复行、空的回复行和没有 \\n 的最后一行都原样显示",
    },
    hints: &[
        Text {
            en: "Remove only the final \\n of each line (no trim: a \\r before it stays), print an empty line as `received: `, and when the server closes, print the bytes after its last newline as one more line.",
            zh: "每行只去掉结尾的 \\n（不要 trim：它前面的 \\r 保留），空行打印为 `received: `；服务器关闭时，把最后一个换行符之后的字节再打印为一行。",
        },
        Text {
            en: "read_until returns the last bytes without a newline when the stream ends: they are a line too, not a piece to throw away.",
            zh: "流结束时 read_until 会返回最后那些没有换行符的字节：它们也是一行，而不是可以丢掉的碎片。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut client, mut server) = client_and_server(t)?;
        client.type_line("EXIT")?;
        expect_sent(&mut server, "")?;
        let edges = [Edge::CrLf, Edge::Blanks, Edge::Empty, Edge::NoFinalNewline];
        let reply: Vec<u8> = edges.iter().flat_map(|e| e.line()).collect();
        let shown: Vec<String> = edges.iter().map(|e| e.shown()).collect();
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        reply_and_close(&mut client, server, &reply, &shown)
    },
};
