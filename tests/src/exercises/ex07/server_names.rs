//! The server's checks for the contract's finer print: every edge of the
//! name line, the names it refuses, sizes past 4 GiB, a client that never
//! asks or resets at every step, and the exact line printed per request.

use super::*;
use crate::harness::{BreakOff, Edge};
use std::os::unix::ffi::OsStrExt;

/// How long the contract lets the server wait for a client's name.
const NAME_WAIT: Duration = Duration::from_secs(3);

/// Connect and send `line` as it is (an edge of the name line; for
/// [`Edge::NoFinalNewline`] the sending side is then closed, which is what
/// ends that name), then read the header line.
fn ask_edge(t: &Test, addr: SocketAddr, edge: Edge) -> Result<(TcpPeer, Vec<u8>), Stop> {
    t.step(msg!("the client asks with {}", edge.name().en; "客户端用{}请求", edge.name().zh));
    let mut client = t.connect(addr)?;
    client.send(&edge.line())?;
    if edge == Edge::NoFinalNewline {
        client.half_close()?;
    }
    let header = read_header(t, &mut client)?;
    Ok((client, header))
}

/// Ask for a file named exactly like `edge`'s text and get it.
fn expect_edge_served(t: &Test, addr: SocketAddr, edge: Edge, file: &Path) -> Outcome {
    let (mut client, header) = ask_edge(t, addr, edge)?;
    expect_ok_header(&header, file)?;
    expect_body(&mut client, file)
}

/// Ask with `edge` and get `REFUSED <reason>`; then the server, still
/// running and without a panic, serves the next client.
fn expect_edge_refused(t: &Test, server: &mut Proc, addr: SocketAddr, edge: Edge) -> Outcome {
    let next = t.write_file("root/next.txt", b"the next client\n")?;
    let (mut client, header) = ask_edge(t, addr, edge)?;
    expect_refused_answer(&mut client, &header, &edge.text_lossy())?;
    expect_served(t, addr, "next.txt", &next)?;
    server.expect_running()?;
    t.expect_no_panic(server)
}

/// Ask for `name`, a way out of the root that is also a legal file name
/// on Linux: `MISSING` or `REFUSED` are both right, never the file.
pub(super) fn expect_not_served(t: &Test, addr: SocketAddr, name: &str) -> Outcome {
    let (mut client, header) = ask(t, addr, name)?;
    match parse_header(&header) {
        Header::Missing => client.expect_end(REPLY),
        _ => expect_refused_answer(&mut client, &header, name),
    }
}

pub const SERVER_TAKES_A_NAME_ENDING_IN_CRLF: Check = Check {
    name: "server_takes_a_name_ending_in_crlf",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "a name sent as `NAME\\r\\n` (nc -C, telnet) is the file NAME",
        zh: "以 `NAME\\r\\n` 发送的名字（nc -C、telnet）就是文件 NAME",
    },
    hints: &[
        Text {
            en: "After removing the `\\n`, remove one `\\r` before it too, and nothing else.",
            zh: "去掉 `\\n` 之后，再去掉它前面的一个 `\\r`，别的什么也不去掉。",
        },
        Text {
            en: "Telnet and `nc -C` end lines with `\\r\\n`; a name that keeps the `\\r` names no file.",
            zh: "telnet 和 `nc -C` 以 `\\r\\n` 结束一行；保留 `\\r` 的名字对应不到任何文件。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file(&format!("root/{}", Edge::CrLf.text_lossy()), b"crlf\n")?;
        let (_server, addr) = start_server(t)?;
        expect_edge_served(t, addr, Edge::CrLf, &file)
    },
};

pub const SERVER_KEEPS_BLANKS_IN_A_NAME: Check = Check {
    name: "server_keeps_blanks_in_a_name",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "blanks around a name are part of it: `  x  ` is not `x`",
        zh: "名字前后的空格也是名字的一部分：`  x  ` 不是 `x`",
    },
    hints: &[
        Text {
            en: "Remove only the line end (`\\n`, and a `\\r` before it); do not trim() the name.",
            zh: "只去掉行尾（`\\n` 及其前面的一个 `\\r`）；不要对名字调用 trim()。",
        },
        Text {
            en: "On Linux a file name may begin or end with blanks; trimming makes the server send another file.",
            zh: "在 Linux 上，文件名可以以空格开头或结尾；去掉空格会让服务器发送另一个文件。",
        },
    ],
    needs: &[],
    run: |t| {
        let blanks = Edge::Blanks.text_lossy();
        let file = t.write_file(&format!("root/{blanks}"), b"the name with blanks\n")?;
        t.write_file(&format!("root/{}", blanks.trim()), b"the trimmed name\n")?;
        let (_server, addr) = start_server(t)?;
        expect_edge_served(t, addr, Edge::Blanks, &file)
    },
};

pub const SERVER_TAKES_A_NAME_ENDED_BY_THE_END_OF_THE_STREAM: Check = Check {
    name: "server_takes_a_name_ended_by_the_end_of_the_stream",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "a name without `\\n`, ended by the client's half-close (`printf NAME | nc -N`), is still served",
        zh: "没有 `\\n`、由客户端半关闭结束的名字（`printf NAME | nc -N`）仍会提供",
    },
    hints: &[
        Text {
            en: "read_until(b'\\n') also returns at the end of the stream: what it read is the name, with or without its `\\n`.",
            zh: "read_until(b'\\n') 在数据流结束时也会返回：读到的就是名字，带不带 `\\n` 都一样。",
        },
        Text {
            en: "Only a client that sent no byte at all has asked nothing.",
            zh: "只有一个字节也没发的客户端才是什么也没请求。",
        },
    ],
    needs: &[],
    run: |t| {
        let name = Edge::NoFinalNewline.text_lossy();
        let file = t.write_file(&format!("root/{name}"), b"no newline\n")?;
        let (_server, addr) = start_server(t)?;
        expect_edge_served(t, addr, Edge::NoFinalNewline, &file)
    },
};

pub const SERVER_SERVES_LINKS_AND_LONG_PATHS_INSIDE_ITS_ROOT: Check = Check {
    name: "server_serves_links_and_long_paths_inside_its_root",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "serves a link that stays inside the root, a path through a linked directory, and a 2 KiB path",
        zh: "提供不出根目录的链接、经过链接目录的路径，以及 2 KiB 长的路径",
    },
    hints: &[
        Text {
            en: "Refuse by where a name really leads (canonicalize, then starts_with the root), not by whether it is a link.",
            zh: "依据名字实际通向哪里（canonicalize 后检查是否以根目录开头）来拒绝，而不是依据它是不是链接。",
        },
        Text {
            en: "A name may be up to 4096 bytes: read the line with a bound of 4096 (+1), not one 1024-byte read.",
            zh: "名字最长可达 4096 字节：读取这一行时以 4096（+1）为上限，而不是只读一次 1024 字节。",
        },
    ],
    needs: &[],
    run: |t| {
        let inside = t.write_file("root/sub/inside.txt", b"inside\n")?;
        t.make_symlink("root/inlink.txt", Path::new("sub/inside.txt"))?;
        t.make_symlink("root/linkdir", Path::new("sub"))?;
        let deep = vec!["d".repeat(200); 10].join("/");
        let long_name = format!("{deep}/long.txt");
        let long = t.write_file(&format!("root/{long_name}"), b"a long way down\n")?;
        let (_server, addr) = start_server(t)?;
        expect_served(t, addr, "inlink.txt", &inside)?;
        expect_served(t, addr, "linkdir/inside.txt", &inside)?;
        expect_served(t, addr, &long_name, &long)
    },
};

pub const SERVER_REFUSES_A_DIRECTORY: Check = Check {
    name: "server_refuses_a_directory",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "`sub`, `sub/` and `.` (directories) are answered `REFUSED`",
        zh: "`sub`、`sub/` 和 `.`（目录）回答 `REFUSED`",
    },
    hints: &[
        Text {
            en: "After opening, look at file.metadata(): unless is_file(), answer `REFUSED <reason>`.",
            zh: "打开之后查看 file.metadata()：如果不是 is_file()，就回答 `REFUSED <原因>`。",
        },
        Text {
            en: "On Linux File::open succeeds on a directory; its size is a few KiB of bookkeeping and reading it fails, so the client would get a broken file.",
            zh: "在 Linux 上 File::open 打开目录也会成功；它的大小只是几 KiB 的簿记信息，读取会失败，客户端会得到一个坏文件。",
        },
    ],
    needs: &[],
    run: |t| {
        t.write_file("root/sub/inside.txt", b"inside\n")?;
        let (_server, addr) = start_server(t)?;
        for name in ["sub", "sub/", "."] {
            expect_refused(t, addr, name)?;
        }
        Ok(())
    },
};

pub const SERVER_REFUSES_WHAT_IT_CANNOT_OPEN_AS_A_FILE: Check = Check {
    name: "server_refuses_what_it_cannot_open_as_a_file",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "a link that loops, a named pipe and a socket are answered `REFUSED` (not `MISSING`), at once, and the server goes on",
        zh: "循环的链接、命名管道和套接字都立即回答 `REFUSED`（而不是 `MISSING`），服务器继续运行",
    },
    hints: &[
        Text {
            en: "Look before you open: std::fs::metadata(path) and is_file(). Opening a named pipe waits for a writer, forever; only a regular file is served.",
            zh: "先看再打开：std::fs::metadata(path) 并检查 is_file()。打开命名管道会一直等待写入方；只有普通文件才提供。",
        },
        Text {
            en: "`MISSING` means there is no such name; a name that exists but cannot be opened (a link loop: \"too many levels of symbolic links\") is `REFUSED <reason>`.",
            zh: "`MISSING` 表示没有这个名字；名字存在但打不开（链接循环：“too many levels of symbolic links”）应回答 `REFUSED <原因>`。",
        },
    ],
    needs: &[],
    run: |t| {
        t.make_symlink("root/loop", Path::new("loop"))?;
        t.make_fifo("root/pipe")?;
        let _socket = t.make_socket_file("root/socket")?;
        let small = t.write_file("root/small.txt", b"still serving\n")?;
        let (_server, addr) = start_server(t)?;
        for name in ["loop", "pipe", "socket"] {
            expect_refused(t, addr, name)?;
        }
        expect_served(t, addr, "small.txt", &small)
    },
};

pub const SERVER_REFUSES_AN_EMPTY_NAME: Check = Check {
    name: "server_refuses_an_empty_name",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "an empty line is answered `REFUSED`, and the server goes on",
        zh: "空行回答 `REFUSED`，服务器继续运行",
    },
    hints: &[
        Text {
            en: "A `\\n` alone is a request for the empty name: answer `REFUSED <reason>`, do not close silently.",
            zh: "单独一个 `\\n` 是对空名字的请求：回答 `REFUSED <原因>`，不要一声不吭地关闭。",
        },
        Text {
            en: "\"Closed without asking\" is only for a client that sent no byte at all.",
            zh: "“不请求就关闭”只适用于一个字节也没发的客户端。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = start_server(t)?;
        expect_edge_refused(t, &mut server, addr, Edge::Empty)
    },
};

pub const SERVER_REFUSES_A_NAME_WITH_A_NUL_BYTE: Check = Check {
    name: "server_refuses_a_name_with_a_nul_byte",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "`hello.txt\\0.png` (a NUL byte) is answered `REFUSED`, not `MISSING` or the file",
        zh: "`hello.txt\\0.png`（含 NUL 字节）回答 `REFUSED`，而不是 `MISSING` 或文件内容",
    },
    hints: &[
        Text {
            en: "Check the name before using it as a path: empty, NUL, too long and not UTF-8 are refused by the contract.",
            zh: "把名字当作路径使用之前先检查它：按约定，空名字、含 NUL、过长和非 UTF-8 的名字都要拒绝。",
        },
        Text {
            en: "A NUL cannot be in a Linux path (C stops there); an error from open or canonicalize is not always NotFound, so do not answer MISSING for every error.",
            zh: "Linux 路径中不能有 NUL（C 会在那里截断）；open 或 canonicalize 的错误不一定是 NotFound，所以不要对所有错误都回答 MISSING。",
        },
    ],
    needs: &[],
    run: |t| {
        t.write_file("root/hello.txt", b"hello\n")?;
        let (mut server, addr) = start_server(t)?;
        let mut client = t.connect(addr)?;
        client.send(b"hello.txt\0.png\n")?;
        let header = read_header(t, &mut client)?;
        expect_refused_answer(&mut client, &header, "hello.txt\u{0}.png")?;
        server.expect_running()
    },
};

pub const SERVER_REFUSES_A_NAME_THAT_IS_NOT_UTF8: Check = Check {
    name: "server_refuses_a_name_that_is_not_utf8",
    behaviour: "F9",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "a name that is not UTF-8 (GBK) is answered `REFUSED`; the server neither crashes nor stops",
        zh: "不是 UTF-8 的名字（GBK）回答 `REFUSED`；服务器既不崩溃也不停止",
    },
    hints: &[
        Text {
            en: "Read the name as bytes, then std::str::from_utf8: on Err answer `REFUSED <reason>`. Print it with String::from_utf8_lossy.",
            zh: "按字节读取名字，再调用 std::str::from_utf8：出错时回答 `REFUSED <原因>`。打印时用 String::from_utf8_lossy。",
        },
        Text {
            en: "read_line into a String fails on such bytes, and String::from_utf8(..).unwrap() panics: one client's bytes must never end the server.",
            zh: "对这样的字节，read_line 读入 String 会失败，String::from_utf8(..).unwrap() 会 panic：一个客户端发来的字节绝不能让服务器结束。",
        },
    ],
    needs: &[],
    run: |t| {
        // A file whose name is those very bytes: a server that opens the
        // raw bytes would find it, one that decodes lossily would not.
        let gbk = std::ffi::OsStr::from_bytes(Edge::NotUtf8.text());
        let path = t.path("root").join(gbk);
        t.make_dir("root")?;
        std::fs::write(&path, b"gbk\n").map_err(|e| {
            Stop::fail(msg!("the suite could not write {}: {}", path.display(), e;
                                         "评测程序无法写入 {}：{}", path.display(), e))
        })?;
        let (mut server, addr) = start_server(t)?;
        expect_edge_refused(t, &mut server, addr, Edge::NotUtf8)
    },
};

pub const SERVER_REFUSES_A_NAME_LONGER_THAN_4096_BYTES: Check = Check {
    name: "server_refuses_a_name_longer_than_4096_bytes",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "a name of 4097 bytes is answered `REFUSED` (the connection may then be reset)",
        zh: "4097 字节的名字回答 `REFUSED`（之后连接可以被重置）",
    },
    hints: &[
        Text {
            en: "Read at most 4097 bytes of the name (`take(MAX_NAME + 1)`); more than 4096 is `REFUSED <reason>`.",
            zh: "名字最多读 4097 字节（`take(MAX_NAME + 1)`）；超过 4096 字节就回答 `REFUSED <原因>`。",
        },
        Text {
            en: "The bound keeps a line with no end from filling memory; an error from open (name too long) is not MISSING.",
            zh: "这个上限防止一行没有结尾的数据占满内存；open 报的错（名字太长）不是 MISSING。",
        },
    ],
    needs: &[],
    run: |t| {
        let part = "p".repeat(200);
        let mut name = vec![part.as_str(); 21].join("/");
        name.truncate(4097);
        let (mut server, addr) = start_server(t)?;
        let mut client = t.connect(addr)?;
        client.send_line(&name)?;
        let header = read_header(t, &mut client)?;
        if !matches!(parse_header(&header), Header::Refused) {
            return Err(Stop::mismatch(
                msg!("a name of 4097 bytes must be refused"; "4097 字节的名字必须拒绝"),
                "\"REFUSED <reason>\\n\"",
                shown_line(&header),
            ));
        }
        // The server may close with the line's end unread: a reset is fine.
        client.expect_dropped(REPLY)?;
        server.expect_running()
    },
};

pub const SERVER_ANNOUNCES_SIZES_PAST_4_GIB: Check = Check {
    name: "server_announces_sizes_past_4_gib",
    behaviour: "F3",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "a (sparse) file of 4 GiB + 7 bytes is announced as `OK 4294967303` and starts right",
        zh: "4 GiB + 7 字节的（稀疏）文件声明为 `OK 4294967303`，开头的字节正确",
    },
    hints: &[
        Text {
            en: "Keep sizes in u64 from metadata().len() to the header; never cast them to u32 or i32.",
            zh: "从 metadata().len() 到头部，大小一直用 u64；绝不要转换成 u32 或 i32。",
        },
        Text {
            en: "4 GiB is 2^32: a 32-bit size wraps and announces a few bytes, and the client saves a wrong file.",
            zh: "4 GiB 就是 2^32：32 位的大小会回绕，只声明几个字节，客户端就会保存错误的文件。",
        },
    ],
    needs: &[],
    run: |t| {
        let head = b"BEGIN of a file past 4 GiB";
        let size = (4u64 << 30) + 7;
        let huge = t.write_sparse_file("root/huge.bin", size, head, b"THE END")?;
        let small = t.write_file("root/small.txt", b"after the huge one\n")?;
        let (mut server, addr) = start_server(t)?;
        // A server that reads the whole file first fails its allocation
        // instead of taking the machine's memory.
        t.limit_address_space(&server, 2 << 30)?;
        let (mut client, header) = ask(t, addr, "huge.bin")?;
        expect_ok_header(&header, &huge)?;
        let mut first = Vec::new();
        while first.len() < head.len() {
            client.expect_some_data(REPLY)?;
            first.extend(client.take_pending());
        }
        t.step(msg!("compare the first {} bytes", head.len(); "比较开头的 {} 个字节", head.len()));
        if &first[..head.len()] != head {
            return Err(Stop::mismatch(
                msg!("the file does not start with its own bytes"; "文件的开头不是它自己的字节"),
                show::bytes(head),
                show::bytes(&first[..head.len()]),
            ));
        }
        t.step(msg!("the client has seen enough and leaves"; "客户端已看够，离开"));
        client.reset();
        expect_served(t, addr, "small.txt", &small)?;
        t.expect_no_panic(&server)?;
        server.expect_running()
    },
};

pub const SERVER_DROPS_A_CLIENT_THAT_NEVER_ASKS: Check = Check {
    name: "server_drops_a_client_that_never_asks",
    behaviour: "C7",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "a client that connects and never asks is dropped after 3 s; the next client is served",
        zh: "连接后一直不请求的客户端 3 秒后被断开；下一个客户端得到服务",
    },
    hints: &[
        Text {
            en: "Set a read timeout of 3 s on each accepted stream (set_read_timeout) before reading the name; on timeout, print a line and go back to accept.",
            zh: "读取名字之前，对每个接受的连接设置 3 秒读超时（set_read_timeout）；超时后打印一行，回到 accept。",
        },
        Text {
            en: "Clients are served one at a time: without a timeout one silent client blocks every client behind it, forever.",
            zh: "客户端是一个一个服务的：没有超时，一个沉默的客户端会让后面所有客户端永远等下去。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file("root/hello.txt", b"served after the silent one\n")?;
        let (mut server, addr) = start_server(t)?;
        let mut silent = t.connect_as(msg!("a silent client"; "一个沉默的客户端"), addr)?;
        let mut next = t.connect_as(msg!("the next client"; "下一个客户端"), addr)?;
        next.send_line("hello.txt")?;
        t.step(
            msg!("the next client waits at most {} s for its header", (NAME_WAIT + REPLY).as_secs();
                    "下一个客户端最多等待 {} 秒收到头部", (NAME_WAIT + REPLY).as_secs()),
        );
        let header = next.read_line(NAME_WAIT + REPLY)?;
        expect_ok_header(&header, &file)?;
        expect_body(&mut next, &file)?;
        silent.expect_dropped(REPLY)?;
        server.expect_running()
    },
};

pub const SERVER_PRINTS_ONE_LINE_FOR_EACH_OUTCOME: Check = Check {
    name: "server_prints_one_line_for_each_outcome",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "after each request line, exactly one line: `sent N bytes of NAME to IP:PORT`, `missing NAME`, `refused NAME: REASON`",
        zh: "每个请求行之后正好一行：`sent N bytes of NAME to IP:PORT`、`missing NAME`、`refused NAME: REASON`",
    },
    hints: &[
        Text {
            en: "Print exactly these lines, in this form, and nothing else on stdout: the reason after `refused NAME: ` is the one you sent in the header.",
            zh: "按这个格式正好打印这些行，标准输出上不要有别的内容：`refused NAME: ` 之后的原因就是你在头部中发送的原因。",
        },
        Text {
            en: "A person reading the log (or a script) relies on one line per outcome; a missing reason or an extra blank line breaks that.",
            zh: "读日志的人（或脚本）依赖每种结果一行；缺少原因或多一个空行都会破坏这一点。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file("root/hello.txt", b"hello, netlings\n")?;
        let (mut server, addr) = start_server(t)?;
        let expect_next = |server: &mut Proc, expected: String| -> Outcome {
            let line = server.next_line_within(REPLY)?;
            if line == expected {
                return Ok(());
            }
            Err(Stop::mismatch(
                msg!("the server's next line is not the one the contract says"; "服务器输出的下一行与约定不符"),
                show::text(&expected),
                show::text(&line),
            ))
        };

        let (mut client, header) = ask(t, addr, "hello.txt")?;
        expect_ok_header(&header, &file)?;
        expect_body(&mut client, &file)?;
        let from = client.local_addr();
        expect_next(&mut server, format!("request from {from}: hello.txt"))?;
        expect_next(&mut server, format!("sent 16 bytes of hello.txt to {from}"))?;

        let (mut client, header) = ask(t, addr, "nothing.txt")?;
        client.expect_end(REPLY)?;
        if !matches!(parse_header(&header), Header::Missing) {
            return Err(Stop::mismatch(
                msg!("a missing file must be answered `MISSING`"; "不存在的文件必须回答 `MISSING`"),
                "\"MISSING\\n\"",
                shown_line(&header),
            ));
        }
        let from = client.local_addr();
        expect_next(&mut server, format!("request from {from}: nothing.txt"))?;
        expect_next(&mut server, "missing nothing.txt".to_string())?;

        let (mut client, header) = ask(t, addr, "../secret.txt")?;
        expect_refused_answer(&mut client, &header, "../secret.txt")?;
        let reason = String::from_utf8_lossy(&header);
        let reason = reason.trim_end_matches('\r');
        let reason = reason.strip_prefix("REFUSED ").unwrap_or("");
        let from = client.local_addr();
        expect_next(&mut server, format!("request from {from}: ../secret.txt"))?;
        expect_next(&mut server, format!("refused ../secret.txt: {reason}"))
    },
};

pub const SERVER_SURVIVES_A_CLIENT_THAT_RESETS_AT_EVERY_STEP: Check = Check {
    name: "server_survives_a_client_that_resets_at_every_step",
    behaviour: "C8",
    section: "§5.2",
    tier: Tier::Real,
    title: Text {
        en: "clients that reset at once, mid-name, before the answer and mid-file: the server never panics and serves the next",
        zh: "客户端在连接后、名字中途、回答之前和文件中途重置：服务器绝不 panic，并服务下一个客户端",
    },
    hints: &[
        Text {
            en: "Every read and write on a client's stream can fail (ECONNRESET, EPIPE): handle the Err by printing a line and going back to accept.",
            zh: "对客户端连接的每次读写都可能失败（ECONNRESET、EPIPE）：处理 Err，打印一行，然后回到 accept。",
        },
        Text {
            en: "unwrap() or expect() on those calls passes with polite clients and crashes the server for everyone at the first rude one.",
            zh: "对这些调用使用 unwrap() 或 expect()，遇到礼貌的客户端没问题，遇到第一个无礼的客户端就会让所有人的服务器崩溃。",
        },
    ],
    needs: &[],
    run: |t| {
        t.write_random_file("root/big.bin", 8 << 20, 12)?;
        let small = t.write_file("root/small.txt", b"next client\n")?;
        let (mut server, addr) = start_server(t)?;
        let steps = BreakOff::RESETS.iter().chain([&BreakOff::ResetMidReply]);
        for &how in steps {
            t.break_off(&mut server, addr, how, b"big.bin\n")?;
            expect_served(t, addr, "small.txt", &small)?;
            t.expect_no_panic(&server)?;
            server.expect_running()?;
        }
        Ok(())
    },
};

pub const SERVER_FAILS_WHEN_ITS_ROOT_DOES_NOT_EXIST: Check = Check {
    name: "server_fails_when_its_root_does_not_exist",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "--root that does not exist, or is a file: one sentence on stderr, exit 1",
        zh: "--root 不存在或是一个文件：在标准错误输出一句话，以 1 退出",
    },
    hints: &[
        Text {
            en: "canonicalize the root and, on Err, call fail(\"cannot serve DIR\", &e) (exit 1); check is_dir() too.",
            zh: "对根目录调用 canonicalize，出错时调用 fail(\"cannot serve DIR\", &e)（以 1 退出）；还要检查 is_dir()。",
        },
        Text {
            en: "A root that is not there is the user's foreseeable mistake: a sentence, not a panic (exit 101).",
            zh: "根目录不存在是用户可以预见的错误：应该给出一句话，而不是 panic（退出码 101）。",
        },
    ],
    needs: &[],
    run: |t| {
        t.write_file("a-file.txt", b"not a directory\n")?;
        for root in ["no-such-dir", "a-file.txt"] {
            let done = t
                .start_program(SERVER, &["127.0.0.1:0", "--root", root])?
                .finish(EXIT)?;
            done.expect_failure_explained()?;
        }
        Ok(())
    },
};
