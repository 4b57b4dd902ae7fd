//! Diagnoses: the causes a failure can have, chosen from what the harness
//! observed (how each program ended, what it printed, what its sockets
//! were doing), shown before a check's own hint.
//!
//! A check knows what it expected; it cannot know why a program did
//! something else. The harness can: a program that has already ended, a
//! program that is listening but has printed nothing, a reply that came
//! from another port. Each such cause is one [`Diagnosis`] here, with its
//! words in every language and hints for each kind of program, so every
//! check gives the same diagnosis for the same mistake. Where none fits,
//! the check's own hint stands.

use crate::text::{Msg, Text};
use serde::Serialize;

/// What the graded program is written in, as far as hints care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// The exercises and solutions: hints may name Rust calls.
    Rust,
    /// A `--cmd` running `python3 …`: hints name Python calls.
    Python,
    /// Any other command: hints in words any language fits.
    Other,
}

impl Language {
    /// The language of a command line given with `--cmd`.
    pub fn of_command(argv: &[String]) -> Language {
        let program = argv
            .first()
            .map(|p| p.rsplit('/').next().unwrap_or(p))
            .unwrap_or("");
        if program.starts_with("python") {
            Language::Python
        } else if program.starts_with("cargo") || argv.iter().any(|a| a.ends_with(".rs")) {
            Language::Rust
        } else {
            Language::Other
        }
    }
}

/// A hint in every language a graded program may be written in.
pub struct Hint {
    pub rust: Text,
    pub python: Text,
    /// Words any language fits.
    pub any: Text,
}

impl Hint {
    pub fn get(&self, language: Language) -> &Text {
        match language {
            Language::Rust => &self.rust,
            Language::Python => &self.python,
            Language::Other => &self.any,
        }
    }
}

/// One cause of failure.
pub struct Diagnosis {
    /// A stable id, named in the known-wrong corpus (`//! diagnosis: ID`).
    pub id: &'static str,
    /// The cause in a few words.
    pub title: Text,
    pub hint: Hint,
    /// Whether every other check that fails with the same cause is blocked
    /// by it (a step not written, a crash at start), so a report says it
    /// once and lists the others as blocked.
    pub blocks_others: bool,
}

/// A diagnosis made for one failure: which cause, and the evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub id: &'static str,
    /// What was observed, in a sentence ("it is listening on 127.0.0.1:4711
    /// but has printed nothing").
    pub evidence: Msg,
    /// For a connection of the suite's: its local port, so the runner can
    /// tell whether the program ever spoke of it (then it had accepted it).
    pub port: Option<u16>,
}

impl Found {
    pub fn new(id: &'static str, evidence: Msg) -> Found {
        debug_assert!(get(id).is_some(), "unknown diagnosis {id}");
        Found {
            id,
            evidence,
            port: None,
        }
    }

    /// The same, about the suite's connection from local `port`.
    pub fn about_port(mut self, port: u16) -> Found {
        self.port = Some(port);
        self
    }

    pub fn diagnosis(&self) -> &'static Diagnosis {
        get(self.id).expect("a found diagnosis is in the catalogue")
    }

    /// What makes two failures the same cause: the diagnosis and its
    /// evidence (the same `todo!` step, the same panic message).
    pub fn key(&self) -> (&'static str, &str) {
        (self.id, &self.evidence.en)
    }
}

/// The id of "no diagnosis fits: the check's own hint stands".
pub const CHECK: &str = "check";

const fn t(en: &'static str, zh: &'static str) -> Text {
    Text { en, zh }
}

/// Every diagnosis, most specific first (the order they are chosen in when
/// several fit is decided by the runner, not by this list).
pub static DIAGNOSES: &[Diagnosis] = &[
    Diagnosis {
        id: "todo",
        title: t("not implemented yet", "尚未实现"),
        hint: Hint {
            rust: t(
                "Replace the `todo!` of that step with code; the comment above it says what the step does.",
                "把这一步的 `todo!` 换成代码；它上方的注释说明了这一步要做什么。",
            ),
            python: t(
                "Write the missing step; the program stops there.",
                "写出缺少的这一步；程序停在了那里。",
            ),
            any: t(
                "Write the missing step; the program stops there.",
                "写出缺少的这一步；程序停在了那里。",
            ),
        },
        blocks_others: true,
    },
    Diagnosis {
        id: "panicked",
        title: t("the program crashed", "程序崩溃了"),
        hint: Hint {
            rust: t(
                "A panic is never the answer to something a peer or a user can cause: match the `Result` (or use `?` in a function that returns one) and print one sentence with `fail`/`eprintln!` instead of `unwrap()`/`expect()`.",
                "对端或用户可能造成的错误绝不应以 panic 收场：用 match 处理 `Result`（或在返回 Result 的函数中用 `?`），并用 `fail`/`eprintln!` 打印一句话，而不是 `unwrap()`/`expect()`。",
            ),
            python: t(
                "An uncaught exception ended the program: catch what a peer or a user can cause (`except OSError`, `UnicodeDecodeError` — or decode with `errors=\"replace\"`) and print one sentence to stderr instead.",
                "未捕获的异常终止了程序：捕获对端或用户可能造成的异常（`except OSError`、`UnicodeDecodeError`，或用 `errors=\"replace\"` 解码），并在标准错误输出一句话。",
            ),
            any: t(
                "The program crashed on something a peer or a user can cause: handle that error and print one sentence to stderr instead.",
                "程序因对端或用户可能造成的情况而崩溃：处理这个错误，并在标准错误输出一句话。",
            ),
        },
        blocks_others: true,
    },
    Diagnosis {
        id: "exited",
        title: t("the program ended too early", "程序过早结束了"),
        hint: Hint {
            rust: t(
                "The program ended while the check still needed it: look at what it printed last (above) and at the loop or `return` that ends `main` there.",
                "检查还需要程序时它就结束了：看看它最后打印了什么（见上），以及在那里让 `main` 结束的循环或 `return`。",
            ),
            python: t(
                "The program ended while the check still needed it: look at what it printed last (above) and at the loop, `return` or `sys.exit` that ends it there.",
                "检查还需要程序时它就结束了：看看它最后打印了什么（见上），以及在那里让程序结束的循环、`return` 或 `sys.exit`。",
            ),
            any: t(
                "The program ended while the check still needed it: look at what it printed last (above) and at what ends it there.",
                "检查还需要程序时它就结束了：看看它最后打印了什么（见上），以及在那里让它结束的代码。",
            ),
        },
        blocks_others: true,
    },
    Diagnosis {
        id: "not-flushed",
        title: t("its output is not flushed", "它的输出没有被刷新（flush）"),
        hint: Hint {
            rust: t(
                "The socket is ready but the line is still in the program's output buffer: end the line with `println!` (or call `std::io::stdout().flush()` after `print!`, or flush your `BufWriter`) before you block in accept/recv.",
                "套接字已就绪，但这一行还留在程序的输出缓冲区里：用 `println!` 输出整行（或在 `print!` 之后调用 `std::io::stdout().flush()`，或 flush 你的 `BufWriter`），然后再阻塞在 accept/recv 上。",
            ),
            python: t(
                "The socket is ready but the line is still in the output buffer: `print(..., flush=True)` before you block in `accept`/`recv`.",
                "套接字已就绪，但这一行还留在输出缓冲区里：在阻塞于 `accept`/`recv` 之前用 `print(..., flush=True)`。",
            ),
            any: t(
                "The socket is ready but the line is still in the program's output buffer: flush standard output after printing it, before blocking.",
                "套接字已就绪，但这一行还留在程序的输出缓冲区里：打印后、阻塞前刷新标准输出。",
            ),
        },
        blocks_others: true,
    },
    Diagnosis {
        id: "output-around",
        title: t(
            "the line is there, with something else around it",
            "这一行在，但前后多了别的东西",
        ),
        hint: Hint {
            rust: t(
                "Print the line exactly as the contract writes it: no prompt before it, no `\\r` or blanks kept from the input (strip only the line ending: `trim_end_matches(['\\r', '\\n'])`), nothing after it.",
                "严格按约定打印这一行：前面不要提示符，不要保留输入里的 `\\r` 或空格（只去掉行尾：`trim_end_matches(['\\r', '\\n'])`），后面也不要多东西。",
            ),
            python: t(
                "Print the line exactly as the contract writes it: no prompt before it (`input()` with no argument), no `\\r` kept from the input (`rstrip(\"\\r\\n\")`), nothing after it.",
                "严格按约定打印这一行：前面不要提示符（`input()` 不带参数），不要保留输入里的 `\\r`（`rstrip(\"\\r\\n\")`），后面也不要多东西。",
            ),
            any: t(
                "Print the line exactly as the contract writes it: no prompt before it, no `\\r` kept from the input, nothing after it.",
                "严格按约定打印这一行：前面不要提示符，不要保留输入里的 `\\r`，后面也不要多东西。",
            ),
        },
        blocks_others: false,
    },
    Diagnosis {
        id: "wrong-stream",
        title: t(
            "the line is there, on the other output stream",
            "这一行在，但写到了另一个输出流",
        ),
        hint: Hint {
            rust: t(
                "The contract's lines go to standard output (`println!`), errors and notes to standard error (`eprintln!`): the graders, and the programs piped after yours, read each stream for its own thing.",
                "约定里的输出行写到标准输出（`println!`），错误和说明写到标准错误输出（`eprintln!`）：评测程序和接在你后面的程序各自只读自己那一个流。",
            ),
            python: t(
                "The contract's lines go to standard output (`print(...)`), errors and notes to standard error (`print(..., file=sys.stderr)`): each stream is read for its own thing.",
                "约定里的输出行写到标准输出（`print(...)`），错误和说明写到标准错误输出（`print(..., file=sys.stderr)`）：两个流各有各的读者。",
            ),
            any: t(
                "The contract's lines go to standard output, errors and notes to standard error: each stream is read for its own thing.",
                "约定里的输出行写到标准输出，错误和说明写到标准错误输出：两个流各有各的读者。",
            ),
        },
        blocks_others: false,
    },
    Diagnosis {
        id: "no-close",
        title: t(
            "the data arrived, but the connection stayed open",
            "数据到了，但连接一直没有关闭",
        ),
        hint: Hint {
            rust: t(
                "TCP has no message boundaries: the peer only knows you are done when you close. After the last write, `stream.shutdown(Shutdown::Write)` (or drop the stream) so the other side's read returns 0.",
                "TCP 没有消息边界：对方只有在你关闭时才知道你说完了。最后一次写之后调用 `stream.shutdown(Shutdown::Write)`（或 drop 这个 stream），让对方的 read 返回 0。",
            ),
            python: t(
                "TCP has no message boundaries: the peer only knows you are done when you close. After the last `sendall`, call `sock.shutdown(socket.SHUT_WR)` (or `close()`), so the other side's `recv` returns `b\"\"`.",
                "TCP 没有消息边界：对方只有在你关闭时才知道你说完了。最后一次 `sendall` 之后调用 `sock.shutdown(socket.SHUT_WR)`（或 `close()`），让对方的 `recv` 返回 `b\"\"`。",
            ),
            any: t(
                "TCP has no message boundaries: the peer only knows you are done when you close. After the last write, shut down the sending side (`shutdown(SHUT_WR)`) or close the socket.",
                "TCP 没有消息边界：对方只有在你关闭时才知道你说完了。最后一次写之后关闭发送方向（`shutdown(SHUT_WR)`）或关闭套接字。",
            ),
        },
        blocks_others: false,
    },
    Diagnosis {
        id: "reset-not-closed",
        title: t(
            "the connection was reset (RST), not closed (FIN)",
            "连接被重置（RST），而不是正常关闭（FIN）",
        ),
        hint: Hint {
            rust: t(
                "A socket closed while unread data waits in it, or with SO_LINGER set to 0, sends RST and the peer may lose what you sent last. Read what the peer sent before you close, and never set linger 0; dropping the stream (or `shutdown(Shutdown::Write)`) sends FIN.",
                "套接字在还有未读数据时关闭，或设置了 SO_LINGER 为 0，会发送 RST，对方可能丢失你最后发送的数据。关闭前先读完对方发来的数据，也不要把 linger 设为 0；drop 这个 stream（或 `shutdown(Shutdown::Write)`）会发送 FIN。",
            ),
            python: t(
                "A socket closed while unread data waits in it, or with SO_LINGER set to 0, sends RST and the peer may lose what you sent last. Read what the peer sent before `close()`, and do not set `SO_LINGER` to 0.",
                "套接字在还有未读数据时关闭，或设置了 SO_LINGER 为 0，会发送 RST，对方可能丢失你最后发送的数据。`close()` 之前先读完对方发来的数据，也不要把 `SO_LINGER` 设为 0。",
            ),
            any: t(
                "A socket closed while unread data waits in it, or with SO_LINGER set to 0, sends RST and the peer may lose what you sent last. Read what the peer sent before closing, and do not set linger to 0.",
                "套接字在还有未读数据时关闭，或设置了 SO_LINGER 为 0，会发送 RST，对方可能丢失你最后发送的数据。关闭前先读完对方发来的数据，也不要把 linger 设为 0。",
            ),
        },
        blocks_others: false,
    },
    Diagnosis {
        id: "datagram-cut",
        title: t(
            "a datagram was cut to the size of the buffer",
            "数据报被截断成了缓冲区的大小",
        ),
        hint: Hint {
            rust: t(
                "recv_from gives one datagram per call and drops whatever does not fit the buffer: receive into a buffer of 65 536 bytes.",
                "recv_from 每次给出一个数据报，放不下的部分会被丢弃：用 65 536 字节的缓冲区接收。",
            ),
            python: t(
                "`recvfrom(n)` gives one datagram per call and drops whatever does not fit in n bytes: use `recvfrom(65536)`.",
                "`recvfrom(n)` 每次给出一个数据报，超出 n 字节的部分会被丢弃：用 `recvfrom(65536)`。",
            ),
            any: t(
                "A receive gives one datagram and drops whatever does not fit the buffer: receive into 65 536 bytes.",
                "一次接收给出一个数据报，放不下的部分会被丢弃：用 65 536 字节的缓冲区接收。",
            ),
        },
        blocks_others: false,
    },
    Diagnosis {
        id: "second-socket",
        title: t("the reply came from another socket", "回复来自另一个套接字"),
        hint: Hint {
            rust: t(
                "Send the reply from the socket the message arrived on (the one you bound): a new `UdpSocket` gets a new port, and the sender is waiting on the old one.",
                "用收到消息的那个套接字（你绑定的那个）发送回复：新建的 `UdpSocket` 会得到新端口，而发送方在等旧端口的回复。",
            ),
            python: t(
                "Send the reply from the socket the message arrived on (`sock.sendto(data, addr)` on the bound socket): a new socket gets a new port.",
                "用收到消息的那个套接字发送回复（在已绑定的套接字上 `sock.sendto(data, addr)`）：新套接字会得到新端口。",
            ),
            any: t(
                "Send the reply from the socket the message arrived on: a new socket gets a new port, and the sender is waiting on the old one.",
                "用收到消息的那个套接字发送回复：新套接字会得到新端口，而发送方在等旧端口的回复。",
            ),
        },
        blocks_others: false,
    },
    Diagnosis {
        id: "refused-gone",
        title: t(
            "connection refused or reset: the program is no longer running",
            "连接被拒绝或重置：程序已经不在运行了",
        ),
        hint: Hint {
            rust: t(
                "The listener was closed when the program ended: keep accepting in a loop for as long as the contract says the server runs.",
                "程序结束时监听套接字也被关闭了：在约定的运行期间，要在循环中不断 accept。",
            ),
            python: t(
                "The listener was closed when the program ended: keep calling `accept()` in a loop for as long as the contract says the server runs.",
                "程序结束时监听套接字也被关闭了：在约定的运行期间，要在循环中不断调用 `accept()`。",
            ),
            any: t(
                "The listener was closed when the program ended: keep accepting in a loop for as long as the contract says the server runs.",
                "程序结束时监听套接字也被关闭了：在约定的运行期间，要在循环中不断 accept。",
            ),
        },
        blocks_others: true,
    },
    Diagnosis {
        id: "wrong-port-printed",
        title: t(
            "the port it printed is not the port it listens on",
            "打印出的端口不是它实际监听的端口",
        ),
        hint: Hint {
            rust: t(
                "Print the address the socket really has: `listener.local_addr()` (or `socket.local_addr()`) after bind, not the address you asked for — with port 0 the OS picks the port.",
                "打印套接字真正的地址：bind 之后用 `listener.local_addr()`（或 `socket.local_addr()`），而不是你请求的地址——端口为 0 时由操作系统选择端口。",
            ),
            python: t(
                "Print the address the socket really has: `sock.getsockname()` after bind — with port 0 the OS picks the port.",
                "打印套接字真正的地址：bind 之后用 `sock.getsockname()`——端口为 0 时由操作系统选择端口。",
            ),
            any: t(
                "Print the address the socket really has (getsockname after bind): with port 0 the OS picks the port.",
                "打印套接字真正的地址（bind 之后用 getsockname）：端口为 0 时由操作系统选择端口。",
            ),
        },
        blocks_others: true,
    },
    Diagnosis {
        id: "address-in-use",
        title: t("the address is already in use", "地址已被占用"),
        hint: Hint {
            rust: t(
                "Another socket holds that address: the contract says to explain it in one sentence and exit 1. If it is your own earlier run, `TcpListener::bind` already sets SO_REUSEADDR; a UDP port stays taken until the socket holding it is closed.",
                "另一个套接字占用了这个地址：约定要求用一句话说明并以退出码 1 结束。如果占用者是你自己上一次运行的程序，`TcpListener::bind` 已经设置了 SO_REUSEADDR；UDP 端口要等占用它的套接字关闭后才会释放。",
            ),
            python: t(
                "Another socket holds that address: explain it in one sentence and exit 1 (`except OSError as e`). For a TCP server, set `SO_REUSEADDR` before `bind` so a restart is not refused while old connections linger.",
                "另一个套接字占用了这个地址：用一句话说明并以退出码 1 结束（`except OSError as e`）。TCP 服务器应在 `bind` 之前设置 `SO_REUSEADDR`，这样旧连接尚未完全结束时也能重启。",
            ),
            any: t(
                "Another socket holds that address: explain it in one sentence and exit 1. For a TCP server, set SO_REUSEADDR before bind so a restart is not refused while old connections linger.",
                "另一个套接字占用了这个地址：用一句话说明并以退出码 1 结束。TCP 服务器应在 bind 之前设置 SO_REUSEADDR。",
            ),
        },
        blocks_others: false,
    },
    Diagnosis {
        id: "permission-denied",
        title: t("permission denied", "权限不足"),
        hint: Hint {
            rust: t(
                "Ports below 1024 need privileges: explain that in one sentence and exit 1 instead of failing some other way.",
                "1024 以下的端口需要特权：用一句话说明并以退出码 1 结束。",
            ),
            python: t(
                "Ports below 1024 need privileges: catch the `PermissionError`, explain it in one sentence and exit 1.",
                "1024 以下的端口需要特权：捕获 `PermissionError`，用一句话说明并以退出码 1 结束。",
            ),
            any: t(
                "Ports below 1024 need privileges: explain that in one sentence and exit 1.",
                "1024 以下的端口需要特权：用一句话说明并以退出码 1 结束。",
            ),
        },
        blocks_others: false,
    },
];

/// The diagnosis with `id`.
pub fn get(id: &str) -> Option<&'static Diagnosis> {
    DIAGNOSES.iter().find(|d| d.id == id)
}

/// Whether `id` may be named in the corpus (`check` included).
pub fn is_known(id: &str) -> bool {
    id == CHECK || get(id).is_some()
}
