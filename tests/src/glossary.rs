//! Hints for programs not written in Rust.
//!
//! A check's own hints are written for the exercises, in Rust terms. When
//! the graded program is a `--cmd` (Python, C, anything), each Rust term a
//! hint names is replaced by the same idea in that program's words: the
//! Python call where Python has one, plain words otherwise. The table is
//! data; a test proves no hint keeps a Rust term once translated.

use crate::diagnosis::Language;
use crate::text::Lang;

/// One Rust term and what it is in Python and in plain words. Longer
/// terms come first, so a phrase is replaced before the words in it.
struct Term {
    rust: &'static str,
    python: &'static str,
    any: &'static str,
}

const fn term(rust: &'static str, python: &'static str, any: &'static str) -> Term {
    Term { rust, python, any }
}

static TERMS: &[Term] = &[
    // Whole sentences first, where a word-for-word change would not read.
    term(
        "Read the arguments with the given Args helper; std::env::args() panics on an argument that is not UTF-8.",
        "`sys.argv` carries bytes that are not UTF-8 as surrogate escapes: check each argument, and treat one that is not text as a usage error (exit 2).",
        "An argument that is not valid text is a usage error: exit 2 with one sentence, never a crash.",
    ),
    term(
        "用提供的 Args 辅助函数读取参数；std::env::args() 遇到不是 UTF-8 的参数会 panic。",
        "`sys.argv` 用代理转义表示不是 UTF-8 的字节：检查每个参数，不是文本的参数按用法错误处理（以 2 退出）。",
        "不是合法文本的参数属于用法错误：以 2 退出并输出一句话，绝不能崩溃。",
    ),
    term(
        "Read the name as bytes, then std::str::from_utf8: on Err answer",
        "Read the name as bytes and decode it with `name.decode(\"utf-8\")` in a `try`: on `UnicodeDecodeError` answer",
        "Read the name as bytes and decode it strictly: when that fails, answer",
    ),
    term(
        "按字节读取名字，再调用 std::str::from_utf8：出错时回答",
        "按字节读取名字，在 `try` 中用 `name.decode(\"utf-8\")` 解码：遇到 `UnicodeDecodeError` 时回答",
        "按字节读取名字并严格解码：失败时回答",
    ),
    term(
        "按字节读取（read_until(b'\\n')）",
        "按字节读取（`readline()`）",
        "按字节读取",
    ),
    // Phrases of the Chinese hints first: they mix Rust terms into Chinese
    // sentences, and are replaced as whole phrases so the sentence stays
    // Chinese.
    term(
        "Rust 的 TcpListener::bind 已替你设置 SO_REUSEADDR；如果你手动创建套接字，要在 bind 之前设置它。",
        "在 bind 之前设置 SO_REUSEADDR：`sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`。",
        "在 bind 之前给监听套接字设置 SO_REUSEADDR。",
    ),
    term(
        "用 \"…\".parse::<IpAddr>()（或 Ipv4Addr）解析",
        "用 `ipaddress.ip_address(\"…\")` 解析",
        "用所用语言的 IP 地址解析函数解析",
    ),
    term(
        "用一句话调用 usage_error",
        "用一句话说明错误（`sys.exit(2)`）",
        "用一句话说明错误",
    ),
    term(
        "调用 usage_error",
        "说明错误并 `sys.exit(2)`",
        "说明错误并以 2 退出",
    ),
    term(
        "用提供的 Args 辅助函数（.addr）",
        "用 `ipaddress` 和 `int`",
        "用地址解析函数",
    ),
    term(
        "用提供的 Args 辅助函数",
        "用 `ipaddress` 和 `int`",
        "用地址解析函数",
    ),
    term(
        "用 Args 辅助函数（或 parse::<SocketAddr>()）",
        "用 `ipaddress` 和 `int`",
        "用地址解析函数",
    ),
    term("（read_until）", "（`readline()`）", "（按行读取）"),
    term(
        "（整个会话使用同一个 BufReader 调用 read_until(b'\\n', ..)）",
        "（整个会话对同一个 `sock.makefile(\"rb\")` 调用 `readline()`）",
        "（整个会话使用同一个缓冲读取器按行读取）",
    ),
    term(
        "read_until(b'\\n', ..) 会保留换行符",
        "`readline()` 会保留换行符",
        "按行读取会保留换行符",
    ),
    term(
        "（BufReader 会替你保留）",
        "（`sock.makefile(\"rb\")` 会替你保留）",
        "（缓冲读取器会替你保留）",
    ),
    term("绝不经过 String", "绝不经过 `str`", "绝不经过文本字符串"),
    term("转换成 String", "转换成 `str`", "转换成文本字符串"),
    term(
        "（Path::components）",
        "（`pathlib.PurePosixPath(name).parts`）",
        "（路径的每一部分）",
    ),
    term(
        "（Path::file_name）",
        "（`os.path.basename`）",
        "（路径的最后一部分）",
    ),
    term(
        "std::fs::read 和 read_to_end 也一样",
        "不带大小的 `f.read()` 也一样",
        "一次读完整个文件也一样",
    ),
    term(
        "（对 reader.take(size) 调用 io::copy 即可）",
        "（循环 `recv` 并计数即可）",
        "（循环读写并计数即可）",
    ),
    // English phrases.
    term(
        "call usage_error with one sentence",
        "print one sentence on stderr and `sys.exit(2)`",
        "print one sentence on stderr and exit 2",
    ),
    term(
        "Parse every destination with the given Args helper (.addr) and let it exit 2",
        "Parse every destination (`ipaddress`, `int`) and exit 2",
        "Parse every destination and exit 2",
    ),
    term(
        "Parse the address with the given Args helper (.addr) and let it exit 2",
        "Parse the address (`ipaddress`, `int`) and exit 2",
        "Parse the address and exit 2",
    ),
    term(
        "Parse the address with the given Args helper",
        "Parse the address (`ipaddress`, `int`)",
        "Parse the address",
    ),
    term(
        "with the Args helper (or parse::<SocketAddr>())",
        "(`ipaddress`, `int`)",
        "with an address parser",
    ),
    term("(read_until)", "(`readline()`)", "(line by line)"),
    term(
        "read_until(b'\\n', ..) keeps the newline",
        "`readline()` keeps the newline",
        "a line read keeps the newline",
    ),
    term(
        "Rust's TcpListener::bind sets SO_REUSEADDR for you; if you build the socket by hand, set it before bind.",
        "Set SO_REUSEADDR before bind: `sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`.",
        "Set SO_REUSEADDR on the listening socket before bind.",
    ),
    term(
        "Rust strings are UTF-8 already",
        "Python's `str.encode()` gives UTF-8 already",
        "Send the name's UTF-8 bytes",
    ),
    term(
        "String::from_utf8(...).unwrap()",
        "`data.decode()` without `errors=\"replace\"`",
        "a strict UTF-8 decode that fails on bad bytes",
    ),
    term(
        "String::from_utf8_lossy",
        "`data.decode(\"utf-8\", errors=\"replace\")`",
        "a lossy UTF-8 decode (bad bytes become U+FFFD)",
    ),
    term(
        "BufReader::read_until(b'\\n', …)",
        "`sock.makefile(\"rb\").readline()`",
        "a buffered read up to the newline",
    ),
    term(
        "read_until(b'\\n', ..) on one BufReader",
        "`readline()` on one `sock.makefile(\"rb\")`",
        "a buffered read up to the newline on one buffer",
    ),
    term(
        "BufReader::read_until",
        "`sock.makefile(\"rb\").readline()`",
        "a buffered read up to the newline",
    ),
    term(
        "a BufReader",
        "`sock.makefile(\"rb\")`",
        "a buffered reader",
    ),
    term(
        "TcpStream::connect(addr)",
        "`socket.create_connection(addr)`",
        "connect(addr)",
    ),
    term(
        "stream.shutdown(Shutdown::Write)",
        "`sock.shutdown(socket.SHUT_WR)`",
        "shutdown(SHUT_WR)",
    ),
    term("Shutdown::Write", "`socket.SHUT_WR`", "SHUT_WR"),
    term(
        "\"…\".parse::<IpAddr>() (or Ipv4Addr)",
        "`ipaddress.ip_address(\"…\")`",
        "your language's IP address parser",
    ),
    term(
        "parse::<SocketAddr>()",
        "`ipaddress.ip_address` and `int` on the part after the last `:`",
        "your language's address parser",
    ),
    term(
        "the Args helper",
        "`sys.argv`",
        "the command-line arguments",
    ),
    term(
        "u32::from(ip)",
        "`int(ipaddress.IPv4Address(ip))`",
        "a 32-bit number",
    ),
    term("u32::MAX", "`0xFFFFFFFF`", "0xFFFFFFFF"),
    term(
        "Ipv4Addr::is_loopback",
        "`ipaddress.ip_address(...).is_loopback`",
        "the standard library's loopback test",
    ),
    term(
        "(segments()[0])",
        "(`int(addr) >> 112`)",
        "(the first 16 bits)",
    ),
    term(
        "file.metadata()?.len()",
        "`os.fstat(f.fileno()).st_size`",
        "the file's size from the open file",
    ),
    term(
        "(Path::components)",
        "(`pathlib.PurePosixPath(name).parts`)",
        "(each part of the path)",
    ),
    term(
        "(Path::file_name)",
        "(`os.path.basename`)",
        "(the last part of the path)",
    ),
    term(
        "std::fs::canonicalize",
        "`os.path.realpath`",
        "the real path (links resolved)",
    ),
    term(
        "std::fs::read and read_to_end",
        "`f.read()` without a size",
        "reading the whole file at once",
    ),
    term(
        "(io::copy over reader.take(size) does it)",
        "(`f.write(sock.recv(min(left, 65536)))` in a loop)",
        "(read and write in a loop, counting)",
    ),
    term(
        "socket.local_addr()",
        "`sock.getsockname()`",
        "getsockname()",
    ),
    term(
        "listener.local_addr()",
        "`sock.getsockname()`",
        "getsockname()",
    ),
    term(
        "stream's local_addr()",
        "socket's `getsockname()`",
        "socket's getsockname()",
    ),
    term("local_addr()", "`getsockname()`", "getsockname()"),
    term("write_all", "`sendall`", "a write that sends every byte"),
    term(
        "(the `say` helper does)",
        "(`print(..., flush=True)`)",
        "(flush standard output)",
    ),
    term(
        "(`say` does)",
        "(`print(..., flush=True)`)",
        "(flush standard output)",
    ),
    term("`say`", "`print(..., flush=True)`", "print and flush"),
    term(
        "`fail`",
        "`sys.exit` with a message on stderr",
        "exit with one sentence on stderr",
    ),
    term(
        "`usage_error`",
        "`sys.exit(2)` with a message on stderr",
        "exit 2 with one sentence on stderr",
    ),
    term(".unwrap()", " without `try`", " without handling the error"),
    term(
        "unwrap",
        "let an exception escape from",
        "ignore the error of",
    ),
    term("`as u16`", "a 16-bit cast", "a 16-bit cast"),
    term("a String", "a `str`", "text"),
    term("a byte buffer", "`bytes`", "a byte buffer"),
];

/// The hint at `level` of `hints`, in the words of a program written in
/// `language`: for Rust as written; for any other language translated by
/// the table, and where a hint still names Rust (a type, a method), the
/// next hint of the check that does not (they go from a nudge in code to
/// a plain explanation), else the translated one, marked as Rust's.
pub fn hint_for(
    hints: &[crate::text::Text],
    level: usize,
    language: Language,
    lang: Lang,
) -> Option<String> {
    let level = level.min(hints.len().checked_sub(1)?);
    let said = |i: usize| for_language(hints[i].get(lang), language, lang);
    if language == Language::Rust {
        return Some(said(level));
    }
    let clean = (level..hints.len())
        .chain(0..level)
        .map(said)
        .find(|h| rust_terms(h).is_empty());
    Some(clean.unwrap_or_else(|| {
        let note = match lang {
            Lang::En => "(in Rust's terms) ",
            Lang::Zh => "（以 Rust 的说法）",
        };
        format!("{note}{}", said(level))
    }))
}

/// `hint` in the words of a program written in `language`.
pub fn for_language(hint: &str, language: Language, _lang: Lang) -> String {
    if language == Language::Rust {
        return hint.to_string();
    }
    let mut out = hint.to_string();
    for t in TERMS {
        let with = if language == Language::Python {
            t.python
        } else {
            t.any
        };
        out = out.replace(t.rust, with);
    }
    out
}

/// Rust terms a translated hint must not keep (the test's definition of
/// "speaks Rust").
pub fn rust_terms(text: &str) -> Vec<&'static str> {
    // `Type::item`, but not an IPv6 address's `fe80::/10` or `::1`.
    let path = text.as_bytes().windows(4).any(|w| {
        w[0].is_ascii_alphanumeric()
            && &w[1..3] == b"::"
            && (w[3].is_ascii_alphabetic() || w[3] == b'<')
    });
    const RUST: &[&str] = &[
        "unwrap",
        "BufReader",
        "String",
        "local_addr",
        "write_all",
        "`say`",
        "`fail`",
        "usage_error",
        "Args",
        "read_until",
        "as u16",
    ];
    let mut found: Vec<&str> = RUST.iter().copied().filter(|t| text.contains(t)).collect();
    if path {
        found.push("Type::item");
    }
    found
}
