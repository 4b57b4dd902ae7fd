//! Exercise 07, the file download of §5.3, done right: a server that sends
//! a file named by the client, and a client that saves it.
//!
//! The protocol (see the exercise's README): the client sends `NAME\n`; the
//! server answers `OK <size>\n` and exactly `size` bytes, or `MISSING\n`, or
//! `REFUSED <reason>\n`, and closes. Server checks use the suite as the
//! client; client checks use the suite as the server.

use super::shared;
use crate::harness::{Finished, Proc, SameAs, TcpPeer, human_size};
use crate::prelude::*;
use std::net::SocketAddr;
use std::path::Path;

pub static EXERCISE: Exercise = Exercise {
    id: "07",
    slug: "file-download",
    title: Text {
        en: "File download: a server and a client",
        zh: "文件下载：服务器与客户端",
    },
    sections: "§5.3",
    exercise_package: "ex07-file-download",
    solution_package: "sol07-file-download",
    programs: &[
        Program {
            key: SERVER,
            role: Text {
                en: "the server",
                zh: "服务器",
            },
            exercise_bin: "ex07-server",
            solution_bin: "sol07-server",
        },
        Program {
            key: CLIENT,
            role: Text {
                en: "the client",
                zh: "客户端",
            },
            exercise_bin: "ex07-client",
            solution_bin: "sol07-client",
        },
    ],
    checks: &[
        &SERVER_SERVES_A_SMALL_TEXT_FILE,
        &SERVER_PRINTS_EACH_REQUEST_WITH_THE_SENDER,
        &SERVER_REPORTS_A_MISSING_FILE,
        &SERVER_SENDS_FILES_OF_ANY_SIZE_BYTE_EXACT,
        &SERVER_SENDS_BINARY_FILES_BYTE_EXACT,
        &SERVER_TELLS_AN_EMPTY_FILE_FROM_A_MISSING_ONE,
        &SERVER_REFUSES_NAMES_OUTSIDE_ITS_ROOT,
        &SERVER_REFUSES_A_SYMLINK_THAT_LEADS_OUTSIDE,
        &SERVER_SERVES_A_CHINESE_FILE_NAME,
        &SERVER_READS_A_NAME_THAT_ARRIVES_IN_PIECES,
        &SERVER_SERVES_ONE_CLIENT_AFTER_ANOTHER,
        &SERVER_SURVIVES_A_CLIENT_THAT_SENDS_NOTHING,
        &SERVER_SURVIVES_A_CLIENT_THAT_LEAVES_MID_TRANSFER,
        &SERVER_MEMORY_STAYS_FLAT_FOR_A_LARGE_FILE,
        &SERVER_LETS_A_SLOW_READER_PACE_IT,
        &SERVER_SAYS_A_TRANSFER_FAILED_WHEN_THE_FILE_SHRINKS,
        &SERVER_DELIVERS_EVERY_BYTE_UNDER_PACKET_LOSS,
        &SERVER_REJECTS_A_PORT_OUT_OF_RANGE,
        &SERVER_LISTENS_ONLY_ON_THE_ADDRESS_IT_IS_GIVEN,
        &SERVER_REPORTS_A_PORT_THAT_IS_TAKEN,
        &SERVER_TAKES_A_NAME_ENDING_IN_CRLF,
        &SERVER_KEEPS_BLANKS_IN_A_NAME,
        &SERVER_TAKES_A_NAME_ENDED_BY_THE_END_OF_THE_STREAM,
        &SERVER_SERVES_LINKS_AND_LONG_PATHS_INSIDE_ITS_ROOT,
        &SERVER_REFUSES_A_DIRECTORY,
        &SERVER_REFUSES_WHAT_IT_CANNOT_OPEN_AS_A_FILE,
        &SERVER_REFUSES_AN_EMPTY_NAME,
        &SERVER_REFUSES_A_NAME_WITH_A_NUL_BYTE,
        &SERVER_REFUSES_A_NAME_THAT_IS_NOT_UTF8,
        &SERVER_REFUSES_A_NAME_LONGER_THAN_4096_BYTES,
        &SERVER_ANNOUNCES_SIZES_PAST_4_GIB,
        &SERVER_DROPS_A_CLIENT_THAT_NEVER_ASKS,
        &SERVER_PRINTS_ONE_LINE_FOR_EACH_OUTCOME,
        &SERVER_SURVIVES_A_CLIENT_THAT_RESETS_AT_EVERY_STEP,
        &SERVER_FAILS_WHEN_ITS_ROOT_DOES_NOT_EXIST,
        &CLIENT_DOWNLOADS_A_SMALL_TEXT_FILE,
        &CLIENT_REPORTS_A_MISSING_FILE_AND_SAVES_NOTHING,
        &CLIENT_SAVES_FILES_OF_ANY_SIZE_BYTE_EXACT,
        &CLIENT_SAVES_BINARY_FILES_BYTE_EXACT,
        &CLIENT_SAVES_AN_EMPTY_FILE,
        &CLIENT_REPORTS_A_REFUSED_NAME,
        &CLIENT_NEVER_WRITES_OUTSIDE_ITS_DIRECTORY,
        &CLIENT_LEAVES_NO_FILE_WHEN_THE_SERVER_DIES_MID_TRANSFER,
        &CLIENT_REFUSES_TO_OVERWRITE_UNLESS_FORCED,
        &CLIENT_READS_AN_ANSWER_THAT_ARRIVES_IN_PIECES,
        &CLIENT_SAVES_A_CHINESE_FILE_NAME,
        &CLIENT_KEEPS_BYTES_IN_ORDER_UNDER_PACKET_LOSS,
        &CLIENT_REPORTS_CONNECTION_REFUSED,
        &CLIENT_REJECTS_A_PORT_OUT_OF_RANGE,
        &CLIENT_REJECTS_A_NAME_IT_CANNOT_SEND_AS_ONE_LINE,
        &CLIENT_WRITES_INTO_A_TEMPORARY_FILE_IN_ITS_DIRECTORY,
        &CLIENT_KEEPS_THE_OLD_FILE_WHEN_A_FORCED_DOWNLOAD_FAILS,
        &CLIENT_PRINTS_ONE_LINE_NAMING_THE_SAVED_PATH,
        &CLIENT_SAYS_EACH_FAILURE_IN_EXACTLY_ONE_LINE,
        &CLIENT_SURVIVES_A_SERVER_THAT_RESETS,
    ],
    clauses: CLAUSES,
};

mod client_promises;
mod server_names;

use client_promises::*;
use server_names::*;

/// The promises of this exercise's README contract (see `crate::clause`).
static CLAUSES: &[Clause] = &[
    clause(
        "07.server-ok",
        "A file that exists is answered `OK <size>` (a 64-bit size) and exactly its bytes, then the connection is closed.",
        "存在的文件回答 `OK <大小>`（64 位的大小）和它的全部字节，然后关闭连接。",
        &[
            "server_serves_a_small_text_file",
            "server_sends_files_of_any_size_byte_exact",
            "server_sends_binary_files_byte_exact",
            "server_serves_a_chinese_file_name",
            "server_announces_sizes_past_4_gib",
        ],
    ),
    clause(
        "07.server-missing",
        "A name with no file is answered `MISSING`; an empty file is `OK 0`.",
        "没有对应文件的名字回答 `MISSING`；空文件回答 `OK 0`。",
        &[
            "server_reports_a_missing_file",
            "server_tells_an_empty_file_from_a_missing_one",
        ],
    ),
    clause(
        "07.server-name-line",
        "The name is every byte before the line end (blanks kept, one `\\r` before the `\\n` dropped, the end of the stream ends it too), however it is split.",
        "名字是行尾之前的每一个字节（保留空格，去掉 `\\n` 前的一个 `\\r`，数据流结束也算结束），无论被拆成几段到达。",
        &[
            "server_reads_a_name_that_arrives_in_pieces",
            "server_takes_a_name_ending_in_crlf",
            "server_keeps_blanks_in_a_name",
            "server_takes_a_name_ended_by_the_end_of_the_stream",
        ],
    ),
    clause(
        "07.server-inside-root",
        "Nothing outside the root is ever sent: `..` parts, absolute paths and links whose real path is outside are refused.",
        "绝不发送根目录之外的任何东西：含 `..` 的名字、绝对路径、实际路径在外部的链接一律拒绝。",
        &[
            "server_refuses_names_outside_its_root",
            "server_refuses_a_symlink_that_leads_outside",
        ],
    ),
    clause(
        "07.server-serves-inside",
        "Plain names inside the root are served, long paths and links that stay inside included.",
        "根目录之内的普通名字都会提供，包括很长的路径和不出根目录的链接。",
        &["server_serves_links_and_long_paths_inside_its_root"],
    ),
    clause(
        "07.server-odd-names",
        "A directory or anything else that is not a regular file, a link that loops, an empty name, a NUL byte, a name that is not UTF-8 or longer than 4096 bytes is answered `REFUSED`, and the server goes on.",
        "目录或其他非普通文件、循环的链接、空名字、含 NUL 字节、不是 UTF-8 或超过 4096 字节的名字都回答 `REFUSED`，服务器继续运行。",
        &[
            "server_refuses_a_directory",
            "server_refuses_what_it_cannot_open_as_a_file",
            "server_refuses_an_empty_name",
            "server_refuses_a_name_with_a_nul_byte",
            "server_refuses_a_name_that_is_not_utf8",
            "server_refuses_a_name_longer_than_4096_bytes",
        ],
    ),
    clause(
        "07.server-lines",
        "For each request: `request from IP:PORT: NAME`, then exactly one line (`sent N bytes of NAME to IP:PORT`, `missing NAME`, `refused NAME: REASON`, or `sending NAME to IP:PORT failed…` when the transfer breaks or the file shrinks); nothing else on stdout.",
        "每个请求打印 `request from IP:PORT: NAME`，然后正好一行（`sent N bytes of NAME to IP:PORT`、`missing NAME`、`refused NAME: REASON`，传输中断或文件变短时为 `sending NAME to IP:PORT failed…`）；标准输出没有别的内容。",
        &[
            "server_prints_each_request_with_the_sender",
            "server_prints_one_line_for_each_outcome",
            "server_says_a_transfer_failed_when_the_file_shrinks",
        ],
    ),
    clause(
        "07.server-loops",
        "Clients are served one after another, forever: one that closes, leaves or resets at any step never ends the server (no panic).",
        "一个接一个、永不停止地服务客户端：关闭、离开或在任何一步重置连接的客户端都不会让服务器结束（不会 panic）。",
        &[
            "server_serves_one_client_after_another",
            "server_survives_a_client_that_sends_nothing",
            "server_survives_a_client_that_leaves_mid_transfer",
            "server_survives_a_client_that_resets_at_every_step",
        ],
    ),
    clause(
        "07.server-silent-client",
        "A client that sends nothing for 3 seconds is dropped, so the next client is served.",
        "3 秒内什么也不发的客户端会被断开，于是下一个客户端得到服务。",
        &["server_drops_a_client_that_never_asks"],
    ),
    clause(
        "07.server-streams",
        "The file is streamed with full writes: memory does not grow with the file, a slow reader paces the server, every byte arrives.",
        "文件用完整写入分块发送：内存不随文件增长，慢速读取方决定服务器的节奏，每个字节都送达。",
        &[
            "server_memory_stays_flat_for_a_large_file",
            "server_lets_a_slow_reader_pace_it",
            "server_delivers_every_byte_under_packet_loss",
        ],
    ),
    clause(
        "07.server-runtime-errors",
        "A root that does not exist (or is not a directory), or a port that is taken: one sentence on stderr, exit 1; it listens only on the address it is given.",
        "根目录不存在（或不是目录），或端口已被占用：在标准错误输出一句话，以 1 退出；它只在给定的地址上监听。",
        &[
            "server_fails_when_its_root_does_not_exist",
            "server_reports_a_port_that_is_taken",
            "server_listens_only_on_the_address_it_is_given",
        ],
    ),
    clause(
        "07.usage",
        "A usage error (port 65536; for the client, a name that cannot be sent as one line): one sentence on stderr, exit 2, for either program.",
        "用法错误（端口 65536；对客户端而言，还有无法作为一行发送的名字）：两个程序都在标准错误输出一句话，以 2 退出。",
        &[
            "server_rejects_a_port_out_of_range",
            "client_rejects_a_port_out_of_range",
            "client_rejects_a_name_it_cannot_send_as_one_line",
        ],
    ),
    clause(
        "07.client-saves",
        "The client asks for NAME and saves exactly `<size>` bytes as DIR/new_<last part of NAME>; `OK 0` is an empty file.",
        "客户端请求 NAME，把正好 `<大小>` 个字节保存为 DIR/new_<NAME 的最后一部分>；`OK 0` 是一个空文件。",
        &[
            "client_downloads_a_small_text_file",
            "client_saves_files_of_any_size_byte_exact",
            "client_saves_binary_files_byte_exact",
            "client_saves_an_empty_file",
            "client_reads_an_answer_that_arrives_in_pieces",
            "client_saves_a_chinese_file_name",
            "client_keeps_bytes_in_order_under_packet_loss",
        ],
    ),
    clause(
        "07.client-inside-dir",
        "No name makes the client write outside DIR.",
        "任何名字都不能让客户端写到 DIR 之外。",
        &["client_never_writes_outside_its_directory"],
    ),
    clause(
        "07.client-no-overwrite",
        "An existing DIR/new_<name> is kept (exit 1) unless --force is given.",
        "已存在的 DIR/new_<名字> 会被保留（以 1 退出），除非给出 --force。",
        &["client_refuses_to_overwrite_unless_forced"],
    ),
    clause(
        "07.client-temp-file",
        "The bytes stream into a temporary file in DIR, renamed only when complete; a broken download leaves no file, and a forced one leaves the old file as it was.",
        "字节边到达边写入 DIR 中的临时文件，完整后才重命名；中断的下载不留下任何文件，带 --force 的下载失败时旧文件原封不动。",
        &[
            "client_leaves_no_file_when_the_server_dies_mid_transfer",
            "client_writes_into_a_temporary_file_in_its_directory",
            "client_keeps_the_old_file_when_a_forced_download_fails",
        ],
    ),
    clause(
        "07.client-output",
        "Success prints exactly `saved <size> bytes to DIR/new_<name>`; each failure (MISSING, REFUSED ending `: REASON`, broken, refused connection) is exactly one line on stderr, exit 1.",
        "成功时正好打印 `saved <大小> bytes to DIR/new_<名字>`；每种失败（MISSING、以 `: 原因` 结尾的 REFUSED、中断、连接被拒绝）都是标准错误输出上的正好一行，以 1 退出。",
        &[
            "client_prints_one_line_naming_the_saved_path",
            "client_says_each_failure_in_exactly_one_line",
            "client_reports_a_missing_file_and_saves_nothing",
            "client_reports_a_refused_name",
            "client_reports_connection_refused",
        ],
    ),
    clause(
        "07.client-never-panics",
        "A server that resets before or after the header: one line, exit 1, no file, never a panic.",
        "服务器在头部之前或之后重置连接：一行说明，以 1 退出，不留文件，绝不 panic。",
        &["client_survives_a_server_that_resets"],
    ),
];

const SERVER: &str = "07-server";
const CLIENT: &str = "07-client";

/// How long one whole transfer may take (10 MiB under packet loss included).
const TRANSFER: Duration = Duration::from_secs(30);

/// How much a server's peak memory may grow while it sends a file far
/// larger than that: its buffers, not the file.
const FLAT_GROWTH_KIB: u64 = 16 << 10;

/// The sizes the notes' single `recv(1024)` gets wrong, and some large ones.
const SIZES: &[u64] = &[0, 1, 1023, 1024, 1025, 64 * 1024 + 1, 10 << 20];

// ---------------------------------------------------------------------------
// The suite as the client: what a server must answer.

/// What a header line says.
enum Header {
    Ok(u64),
    Missing,
    Refused,
    Other,
}

fn parse_header(line: &[u8]) -> Header {
    let text = String::from_utf8_lossy(line);
    let text = text.trim_end_matches('\r');
    if text == "MISSING" {
        return Header::Missing;
    }
    if text == "REFUSED" || text.starts_with("REFUSED ") {
        return Header::Refused;
    }
    match text.strip_prefix("OK ").map(str::parse::<u64>) {
        Some(Ok(size)) => Header::Ok(size),
        _ => Header::Other,
    }
}

/// `line` shown with the newline that ended it.
fn shown_line(line: &[u8]) -> String {
    show::bytes(&[line, b"\n"].concat())
}

/// Start the server on a port the OS picks, serving `root/` of the check's
/// directory (made here if the check has not made it yet).
fn start_server(t: &Test) -> Result<(Proc, SocketAddr), Stop> {
    t.make_dir("root")?;
    let mut server = t.start_program(SERVER, &["127.0.0.1:0", "--root", "root"])?;
    let addr = server.expect_address("listening on", START)?;
    Ok((server, addr))
}

/// Connect, ask for `name` (one line) and read the header line.
fn ask(t: &Test, addr: SocketAddr, name: &str) -> Result<(TcpPeer, Vec<u8>), Stop> {
    let mut client = t.connect(addr)?;
    client.send_line(name)?;
    let header = read_header(t, &mut client)?;
    Ok((client, header))
}

fn read_header(t: &Test, client: &mut TcpPeer) -> Result<Vec<u8>, Stop> {
    t.step(msg!("the client reads the header line"; "客户端读取头部行"));
    client.read_line(REPLY)
}

/// The header is `OK <size>` with `file`'s size.
fn expect_ok_header(header: &[u8], file: &Path) -> Outcome {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    match parse_header(header) {
        Header::Ok(n) if n == size => Ok(()),
        Header::Ok(n) => Err(Stop::mismatch(
            msg!("the header announces {} bytes, but the file has {}", n, size;
                 "头部声明 {} 字节，但文件有 {} 字节", n, size),
            format!("\"OK {size}\\n\""),
            shown_line(header),
        )),
        Header::Missing => Err(Stop::mismatch(
            msg!("the server says the file is missing, but it is there"; "文件明明存在，服务器却说它不存在"),
            format!("\"OK {size}\\n\""),
            shown_line(header),
        )),
        _ => Err(Stop::mismatch(
            msg!("the header is not `OK <size>`"; "头部不是 `OK <大小>`"),
            format!("\"OK {size}\\n\""),
            shown_line(header),
        )),
    }
}

/// After the header: exactly the bytes of `file`, then the end of the stream.
fn expect_body(client: &mut TcpPeer, file: &Path) -> Outcome {
    let mut same = SameAs::new(file)?;
    client.read_to_end_into(&mut same, TRANSFER)?;
    same.verdict()
}

/// Try every size and report each one that went wrong, not only the first:
/// a program that cuts at 1 KiB fails 1023 B and every size above, one that
/// mishandles only the empty file fails 0 B alone, and the report says which.
///
/// A size that failed by waiting out a deadline (the program hung) ends
/// the list: every further size would wait as long, and a check must end
/// within its own limit with the cause it saw, not be killed at it.
fn every_size(t: &Test, sizes: &[u64], mut one: impl FnMut(usize) -> Outcome) -> Outcome {
    let mut wrong = Vec::new();
    for (i, &size) in sizes.iter().enumerate() {
        // Each size's steps fold into one line that says how it went; what
        // went wrong is listed in full at the end.
        let start = t.trace().len();
        let began = std::time::Instant::now();
        let outcome = one(i);
        let hung = began.elapsed() >= REPLY;
        t.trace().truncate(start);
        let shown = human_size(size);
        match outcome {
            Ok(()) => t.step(msg!("size {}: byte-exact", shown; "大小 {}：逐字节一致", shown)),
            Err(Stop::Fail(failure)) => {
                t.step(msg!("size {}: went wrong (below)", shown; "大小 {}：出错（见下）", shown));
                wrong.push((size, failure));
                if hung && i + 1 < sizes.len() {
                    let rest = sizes.len() - i - 1;
                    t.step(msg!("size {} waited out a deadline: the {} larger sizes are not tried (each would wait as long)", shown, rest;
                                "大小 {} 等到了时限：其余 {} 个更大的大小不再尝试（每个都会等同样久）", shown, rest));
                    break;
                }
            }
            Err(skip) => return Err(skip),
        }
    }
    if wrong.is_empty() {
        return Ok(());
    }
    t.step(msg!("{} of {} sizes went wrong", wrong.len(), sizes.len(); "{} 个大小中有 {} 个出错", sizes.len(), wrong.len()));
    let list = |said: fn(&Msg) -> &str| {
        let each: Vec<String> = wrong
            .iter()
            .map(|(size, f)| format!("{}: {}", human_size(*size), said(&f.what)))
            .collect();
        each.join("; ")
    };
    let names: Vec<String> = wrong.iter().map(|(size, _)| human_size(*size)).collect();
    let names = names.join(", ");
    Err(Stop::mismatch(
        msg!("{} of {} sizes went wrong: {}", wrong.len(), sizes.len(), names;
             "{} 个大小中有 {} 个出错：{}", sizes.len(), wrong.len(), names),
        msg!("every size byte-exact"; "每个大小都逐字节一致"),
        Msg::new(list(|m| &m.en), list(|m| &m.zh)),
    ))
}

/// Download `name` and check it is `file`, byte for byte.
fn expect_served(t: &Test, addr: SocketAddr, name: &str, file: &Path) -> Outcome {
    let (mut client, header) = ask(t, addr, name)?;
    expect_ok_header(&header, file)?;
    expect_body(&mut client, file)
}

/// Ask for `name` and get `MISSING`, then the end.
fn expect_missing(t: &Test, addr: SocketAddr, name: &str) -> Outcome {
    let (mut client, header) = ask(t, addr, name)?;
    match parse_header(&header) {
        Header::Missing => client.expect_end(REPLY),
        Header::Ok(0) => Err(Stop::mismatch(
            msg!("the server answered as if the file were empty; a missing file is not an empty one";
                 "服务器的回答像是文件为空；不存在的文件不是空文件"),
            "\"MISSING\\n\"",
            shown_line(&header),
        )),
        _ => Err(Stop::mismatch(
            msg!("a missing file must be answered `MISSING`"; "不存在的文件必须回答 `MISSING`"),
            "\"MISSING\\n\"",
            shown_line(&header),
        )),
    }
}

/// Ask for `name`, which leads outside the root, and get `REFUSED <reason>`
/// and nothing else: not one byte of what lies outside.
fn expect_refused(t: &Test, addr: SocketAddr, name: &str) -> Outcome {
    let (mut client, header) = ask(t, addr, name)?;
    expect_refused_answer(&mut client, &header, name)
}

/// The answer to `name` is `REFUSED <reason>` and nothing after it.
fn expect_refused_answer(client: &mut TcpPeer, header: &[u8], name: &str) -> Outcome {
    match parse_header(header) {
        Header::Refused => {
            let rest = client.read_to_end(1 << 20, REPLY)?;
            if rest.is_empty() {
                return Ok(());
            }
            Err(Stop::mismatch(
                msg!("bytes followed the REFUSED line"; "REFUSED 行之后还有数据"),
                "nothing after \"REFUSED <reason>\\n\"",
                show::bytes(&rest),
            ))
        }
        Header::Ok(_) => {
            let rest = client.read_to_end(1 << 20, REPLY).unwrap_or_default();
            Err(Stop::mismatch(
                msg!("the server sent a file for {}, a name it must refuse", show::text(name);
                     "对于 {}，服务器发送了文件，而这个名字必须拒绝", show::text(name)),
                "\"REFUSED <reason>\\n\"",
                format!("{} {}", shown_line(header), show::bytes(&rest)),
            ))
        }
        Header::Missing => Err(Stop::mismatch(
            msg!("the server answered MISSING for {}: the contract says this name is refused, not looked up",
                 show::text(name);
                 "服务器对 {} 回答 MISSING：按约定这个名字应当拒绝，而不是去查找", show::text(name)),
            "\"REFUSED <reason>\\n\"",
            shown_line(header),
        )),
        Header::Other => Err(Stop::mismatch(
            msg!("the answer is not `REFUSED <reason>`"; "回答不是 `REFUSED <原因>`"),
            "\"REFUSED <reason>\\n\"",
            shown_line(header),
        )),
    }
}

/// The server's peak resident memory (VmHWM) now, in KiB.
fn peak_kib(t: &Test, server: &Proc) -> Result<u64, Stop> {
    let kib = server.peak_memory_kib().ok_or_else(|| {
        Stop::fail(
            msg!("the server's memory use cannot be read: has it exited?";
                        "无法读取服务器的内存用量：它已经退出了吗？"),
        )
    })?;
    t.step(msg!("the server's peak memory (VmHWM) is {} KiB", kib; "服务器的内存峰值（VmHWM）为 {} KiB", kib));
    Ok(kib)
}

/// The peak grew by less than [`FLAT_GROWTH_KIB`] while `size` bytes were served.
fn expect_flat(before: u64, after: u64, size: u64, while_: Msg) -> Outcome {
    let growth = after.saturating_sub(before);
    if growth < FLAT_GROWTH_KIB {
        return Ok(());
    }
    Err(Stop::mismatch(
        msg!("the server's peak memory grew by {} MiB {} (a {} file): it holds the file in memory instead of streaming it",
             growth >> 10, while_.en, human_size(size);
             "{}（文件 {}）时，服务器的内存峰值增长了 {} MiB：它把文件放进了内存，而不是分块传输",
             while_.zh, human_size(size), growth >> 10),
        format!("less than {} MiB of growth", FLAT_GROWTH_KIB >> 10),
        format!("{} KiB -> {} KiB", before, after),
    ))
}

// ---------------------------------------------------------------------------
// The suite as the server: what a client must do with each answer.

/// The directory the client saves into, relative to the check's directory.
const DOWNLOADS: &str = "downloads";

/// Run the client for `name` (plus `extra` arguments) against the suite's
/// server. If it connects, check it asks for `name` and let `answer` reply;
/// the connection is closed after. Returns how the client ended.
fn run_client(
    t: &Test,
    name: &str,
    extra: &[&str],
    answer: impl FnOnce(&mut TcpPeer) -> Outcome,
) -> Result<Finished, Stop> {
    run_client_ending(t, name, extra, answer, PeerEnd::Close)
}

/// How the suite's server ends the connection after its answer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PeerEnd {
    /// A normal close (FIN).
    Close,
    /// A reset (RST), as a server that crashed or was killed.
    Reset,
}

/// [`run_client`], ending the connection as `end` says.
fn run_client_ending(
    t: &Test,
    name: &str,
    extra: &[&str],
    answer: impl FnOnce(&mut TcpPeer) -> Outcome,
    end: PeerEnd,
) -> Result<Finished, Stop> {
    let server = t.tcp_server()?;
    t.make_dir(DOWNLOADS)?;
    let addr = server.addr().to_string();
    let mut args = vec![addr.as_str(), name, "--dir", DOWNLOADS];
    args.extend_from_slice(extra);
    let mut client = t.start_program(CLIENT, &args)?;
    let peer =
        server.accept_or_exit(msg!("the suite's server"; "评测服务器"), &mut client, START)?;
    if let Some(mut peer) = peer {
        peer.expect_line(name, REPLY)?;
        answer(&mut peer)?;
        match end {
            PeerEnd::Close => peer.close(),
            PeerEnd::Reset => peer.reset(),
        }
    }
    client.finish(TRANSFER)
}

/// Answer `OK <size>` and the bytes of `file`.
fn send_ok(peer: &mut TcpPeer, file: &Path) -> Outcome {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    peer.send(format!("OK {size}\n").as_bytes())?;
    peer.send_file(file, TRANSFER).map(drop)
}

/// Serve `file` for `name` and check the client saved it, byte-exact, as
/// `downloads/new_<last part of name>`.
fn expect_saved(t: &Test, name: &str, file: &Path) -> Outcome {
    let done = run_client(t, name, &[], |peer| send_ok(peer, file))?;
    done.expect_code(0)?;
    t.expect_same_file(file, &saved_path(t, name))
}

/// Where the contract says the client saves `name`.
fn saved_path(t: &Test, name: &str) -> std::path::PathBuf {
    let base = name.rsplit('/').next().unwrap_or(name);
    t.path(DOWNLOADS).join(format!("new_{base}"))
}

/// The client failed as the contract says (exit 1, one sentence on stderr)
/// and left nothing in its directory.
fn expect_failed_and_nothing_saved(t: &Test, done: &Finished) -> Outcome {
    done.expect_failure_explained()?;
    expect_nothing_in(t, DOWNLOADS)
}

fn expect_nothing_in(t: &Test, rel: &str) -> Outcome {
    t.step(msg!("check that {} is empty", rel; "检查 {} 是否为空", rel));
    let left = t.entries_under(rel);
    if left.is_empty() {
        return Ok(());
    }
    Err(Stop::mismatch(
        msg!("the client left files behind"; "客户端留下了文件"),
        format!("{rel}/ empty"),
        left.join(", "),
    ))
}

// ---------------------------------------------------------------------------
// Server checks.

pub const SERVER_SERVES_A_SMALL_TEXT_FILE: Check = Check {
    name: "server_serves_a_small_text_file",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Notes,
    title: Text {
        en: "answers a file name with `OK <size>`, the file's bytes, then closes",
        zh: "收到文件名后回答 `OK <大小>`，发送文件内容，然后关闭连接",
    },
    hints: &[
        Text {
            en: "Read the name (one line), open the file inside --root, send `OK <size>\\n` and then the bytes, and close the connection.",
            zh: "读取文件名（一行），在 --root 目录中打开文件，发送 `OK <大小>\\n`，再发送文件内容，然后关闭连接。",
        },
        Text {
            en: "The size comes from file.metadata()?.len(); the client counts the bytes against it, so the number and the bytes must agree exactly.",
            zh: "大小来自 file.metadata()?.len()；客户端会按它清点字节，所以数字与内容必须完全一致。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file("root/hello.txt", b"hello, netlings\n")?;
        let (_server, addr) = start_server(t)?;
        expect_served(t, addr, "hello.txt", &file)
    },
};

pub const SERVER_PRINTS_EACH_REQUEST_WITH_THE_SENDER: Check = Check {
    name: "server_prints_each_request_with_the_sender",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Notes,
    title: Text {
        en: "prints `request from IP:PORT: NAME` for each request",
        zh: "每收到一个请求就打印 `request from IP:PORT: NAME`",
    },
    hints: &[
        Text {
            en: "After reading the name, print `request from IP:PORT: NAME` with the address accept returned.",
            zh: "读到文件名后，用 accept 返回的地址打印 `request from IP:PORT: NAME`。",
        },
        Text {
            en: "Print the name without its newline, with String::from_utf8_lossy, and flush (the `say` helper does).",
            zh: "打印的文件名不含换行，用 String::from_utf8_lossy 转换，并刷新输出（`say` 会刷新）。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file("root/hello.txt", b"hello, netlings\n")?;
        let (mut server, addr) = start_server(t)?;
        let (mut client, header) = ask(t, addr, "hello.txt")?;
        expect_ok_header(&header, &file)?;
        expect_body(&mut client, &file)?;
        let expected = format!("request from {}: hello.txt", client.local_addr());
        let line = server.expect_line(&show::text(&expected), REPLY, |l| {
            l.starts_with("request from")
        })?;
        if line == expected {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the request line is not as the contract says"; "请求行与约定不符"),
            show::text(&expected),
            show::text(&line),
        ))
    },
};

pub const SERVER_REPORTS_A_MISSING_FILE: Check = Check {
    name: "server_reports_a_missing_file",
    behaviour: "F2",
    section: "§5.3",
    tier: Tier::Notes,
    title: Text {
        en: "a file that does not exist is answered `MISSING`",
        zh: "不存在的文件回答 `MISSING`",
    },
    hints: &[
        Text {
            en: "When opening the file fails with NotFound, send `MISSING\\n` and close.",
            zh: "打开文件时若得到 NotFound，就发送 `MISSING\\n` 并关闭连接。",
        },
        Text {
            en: "The notes' server sends nothing for a missing file, so its client cannot tell it from an empty one; an explicit answer can.",
            zh: "笔记中的服务器对不存在的文件什么也不发，客户端因此无法把它与空文件区分开；明确的回答就可以。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr) = start_server(t)?;
        expect_missing(t, addr, "no-such-file.txt")
    },
};

pub const SERVER_SENDS_FILES_OF_ANY_SIZE_BYTE_EXACT: Check = Check {
    name: "server_sends_files_of_any_size_byte_exact",
    behaviour: "F3",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "files of 0 B, 1 B, 1023/1024/1025 B, 64 KiB + 1 and 10 MiB arrive whole",
        zh: "0 B、1 B、1023/1024/1025 B、64 KiB + 1 和 10 MiB 的文件都完整送达",
    },
    hints: &[
        Text {
            en: "Send the file in a loop: read a chunk, write_all it, until the read returns 0.",
            zh: "循环发送文件：读一块，用 write_all 写出，直到读取返回 0。",
        },
        Text {
            en: "The notes read and send 1024 bytes once; a file is any number of bytes, and the header's size must match what you send.",
            zh: "笔记只读取并发送一次 1024 字节；文件可以有任意多字节，而且头部中的大小必须与发送的一致。",
        },
    ],
    needs: &[],
    run: |t| {
        let mut files = Vec::new();
        for (i, &size) in SIZES.iter().enumerate() {
            let name = format!("size-{size}.bin");
            files.push((
                name.clone(),
                t.write_random_file(&format!("root/{name}"), size, i as u64 + 1)?,
            ));
        }
        let (_server, addr) = start_server(t)?;
        every_size(t, SIZES, |i| {
            let (name, file) = &files[i];
            expect_served(t, addr, name, file)
        })
    },
};

pub const SERVER_SENDS_BINARY_FILES_BYTE_EXACT: Check = Check {
    name: "server_sends_binary_files_byte_exact",
    behaviour: "F4",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "a binary file (NUL bytes, 0xFF, not UTF-8) arrives byte-exact",
        zh: "二进制文件（含 NUL、0xFF、非 UTF-8 字节）原样送达",
    },
    hints: &[
        Text {
            en: "Treat the file as bytes from end to end: read it into a byte buffer and write those bytes, never through a String.",
            zh: "从头到尾把文件当作字节处理：读入字节缓冲区再写出，绝不经过 String。",
        },
        Text {
            en: "read_to_string or from_utf8 fails on (or changes) bytes that are not UTF-8; a file is not text.",
            zh: "read_to_string 或 from_utf8 遇到非 UTF-8 字节会失败（或改动它们）；文件不是文本。",
        },
    ],
    needs: &[],
    run: |t| {
        let all_bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        let table = t.write_file("root/all-bytes.bin", &all_bytes)?;
        let random = t.write_random_file("root/random.bin", 300_000, 42)?;
        let (_server, addr) = start_server(t)?;
        expect_served(t, addr, "all-bytes.bin", &table)?;
        expect_served(t, addr, "random.bin", &random)
    },
};

pub const SERVER_TELLS_AN_EMPTY_FILE_FROM_A_MISSING_ONE: Check = Check {
    name: "server_tells_an_empty_file_from_a_missing_one",
    behaviour: "F5",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "an empty file is answered `OK 0`, a missing one `MISSING`",
        zh: "空文件回答 `OK 0`，不存在的文件回答 `MISSING`",
    },
    hints: &[
        Text {
            en: "Decide by whether the file opened, not by whether it had any bytes: an empty file is `OK 0\\n` and nothing else.",
            zh: "依据文件能否打开来判断，而不是依据它有没有内容：空文件就是 `OK 0\\n`，后面什么也没有。",
        },
        Text {
            en: "The notes' `if content:` sends nothing for both cases; here both have their own answer.",
            zh: "笔记中的 `if content:` 对两种情况都什么也不发；这里两者各有自己的回答。",
        },
    ],
    needs: &[],
    run: |t| {
        let empty = t.write_file("root/empty.txt", b"")?;
        let (_server, addr) = start_server(t)?;
        expect_served(t, addr, "empty.txt", &empty)?;
        expect_missing(t, addr, "missing.txt")
    },
};

pub const SERVER_REFUSES_NAMES_OUTSIDE_ITS_ROOT: Check = Check {
    name: "server_refuses_names_outside_its_root",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "`../x`, absolute paths and every name with a `..` part are refused; nothing outside the root is sent",
        zh: "`../x`、绝对路径以及任何含 `..` 部分的名字一律拒绝；根目录之外的内容一字节也不发送",
    },
    hints: &[
        Text {
            en: "Before opening anything, look at the name's parts (Path::components): answer `REFUSED <reason>` unless every part is a plain name.",
            zh: "打开任何文件之前先检查名字的各个部分（Path::components）：只要有一部分不是普通名字，就回答 `REFUSED <原因>`。",
        },
        Text {
            en: "root.join(\"/etc/passwd\") is /etc/passwd: an absolute name replaces the root, and `..` climbs out of it. The notes open whatever name arrives.",
            zh: "root.join(\"/etc/passwd\") 的结果就是 /etc/passwd：绝对路径会替换根目录，`..` 会爬出根目录。笔记中的服务器收到什么名字就打开什么。",
        },
    ],
    needs: &[],
    run: |t| {
        let secret = t.write_file("secret.txt", b"TOP SECRET: outside the root\n")?;
        t.write_file("root/sub/inside.txt", b"inside\n")?;
        let (_server, addr) = start_server(t)?;
        let absolute = secret.display().to_string();
        let doubled = format!("/{absolute}");
        for name in [
            "../secret.txt",
            absolute.as_str(),
            doubled.as_str(),
            "sub/../../secret.txt",
            "a/../../secret.txt",
            "sub/./../../secret.txt",
            "./../secret.txt",
            "..",
            "./..",
            // `..` that comes back inside is still a `..` part: refused.
            "../root/sub/inside.txt",
            "sub/../sub/inside.txt",
        ] {
            expect_refused(t, addr, name)?;
        }
        // `\` is an ordinary character on Linux: these name files that do
        // not exist (MISSING), and nothing outside may be sent either way.
        for name in ["..\\secret.txt", "sub\\..\\..\\secret.txt"] {
            expect_not_served(t, addr, name)?;
        }
        Ok(())
    },
};

pub const SERVER_REFUSES_A_SYMLINK_THAT_LEADS_OUTSIDE: Check = Check {
    name: "server_refuses_a_symlink_that_leads_outside",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "symbolic links that lead outside the root (a file, a directory, a chain, a sibling `root-other`) are refused",
        zh: "通向根目录之外的符号链接（文件、目录、链接链、同级的 `root-other`）一律拒绝",
    },
    hints: &[
        Text {
            en: "Resolve the path with std::fs::canonicalize and refuse it unless it starts with the canonicalized root, compared as paths (Path::starts_with): as text, `/srv/root-other` starts with `/srv/root`.",
            zh: "用 std::fs::canonicalize 解析路径，除非结果以（同样解析过的）根目录开头，否则拒绝；要按路径比较（Path::starts_with）：按文本比较时，`/srv/root-other` 也以 `/srv/root` 开头。",
        },
        Text {
            en: "A name made of plain parts can still lead out: `link.txt` may be a symbolic link to /etc/passwd, and a directory in the path may be one too.",
            zh: "只由普通部分组成的名字仍可能通向外部：`link.txt` 可能是指向 /etc/passwd 的符号链接，路径中的目录也可能是。",
        },
    ],
    needs: &[],
    run: |t| {
        let secret = t.write_file("secret.txt", b"TOP SECRET: outside the root\n")?;
        t.write_file("outside/other.txt", b"ALSO SECRET\n")?;
        t.make_dir("root")?;
        t.make_symlink("root/link.txt", &secret)?;
        t.make_symlink("root/up.txt", Path::new("../secret.txt"))?;
        t.make_symlink("root/outdir", &t.path("outside"))?;
        // A sibling whose path starts with the root's as text.
        let sibling = t.write_file("root-other/secret.txt", b"SIBLING SECRET\n")?;
        t.make_symlink("root/sibling.txt", &sibling)?;
        t.make_symlink("root/chain.txt", Path::new("link.txt"))?;
        t.make_symlink("root/sub/up", Path::new("../.."))?;
        let (_server, addr) = start_server(t)?;
        for name in [
            "link.txt",
            "up.txt",
            "outdir/other.txt",
            "sibling.txt",
            "chain.txt",
            "sub/up/secret.txt",
        ] {
            expect_refused(t, addr, name)?;
        }
        Ok(())
    },
};

pub const SERVER_SERVES_A_CHINESE_FILE_NAME: Check = Check {
    name: "server_serves_a_chinese_file_name",
    behaviour: "F9",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "serves 测试文件.txt (a UTF-8 file name)",
        zh: "能提供 测试文件.txt（UTF-8 文件名）",
    },
    hints: &[
        Text {
            en: "The name is UTF-8 bytes up to the newline; turn the whole line into a path, not byte by byte.",
            zh: "文件名是直到换行为止的 UTF-8 字节；把整行转换成路径，而不是逐字节处理。",
        },
        Text {
            en: "Linux file names are bytes and UTF-8 names work as they are; do not strip or re-encode anything but the newline.",
            zh: "Linux 的文件名就是字节，UTF-8 名字可以直接使用；除了换行，什么也不要去掉或重新编码。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file(
            "root/测试文件.txt",
            "你好，世界！这是一个测试文件。\n".as_bytes(),
        )?;
        let (_server, addr) = start_server(t)?;
        expect_served(t, addr, "测试文件.txt", &file)
    },
};

pub const SERVER_READS_A_NAME_THAT_ARRIVES_IN_PIECES: Check = Check {
    name: "server_reads_a_name_that_arrives_in_pieces",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "reads the whole name even when it arrives one byte at a time",
        zh: "即使文件名逐字节到达，也能读到完整的名字",
    },
    hints: &[
        Text {
            en: "Read until the newline (BufReader::read_until), not once.",
            zh: "一直读到换行（BufReader::read_until），而不是只读一次。",
        },
        Text {
            en: "One recv returns what has arrived so far, maybe `测` cut in the middle of its UTF-8 bytes; the name ends at `\\n`.",
            zh: "一次 recv 只返回目前已到达的数据，可能是被从 UTF-8 字节中间截断的“测”；名字以 `\\n` 结束。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file("root/测试文件.txt", "一个字节一个字节地到达\n".as_bytes())?;
        let (_server, addr) = start_server(t)?;
        let mut client = t.connect(addr)?;
        client.send_byte_by_byte("测试文件.txt\n".as_bytes(), Duration::from_millis(15))?;
        let header = read_header(t, &mut client)?;
        expect_ok_header(&header, &file)?;
        expect_body(&mut client, &file)
    },
};

pub const SERVER_SERVES_ONE_CLIENT_AFTER_ANOTHER: Check = Check {
    name: "server_serves_one_client_after_another",
    behaviour: "C8",
    section: "§5.2",
    tier: Tier::Notes,
    title: Text {
        en: "keeps serving: three clients in a row each get their file",
        zh: "持续服务：连续三个客户端都拿到各自的文件",
    },
    hints: &[
        Text {
            en: "Put accept and the service of one client in a loop, as in the looping server of exercise 06.",
            zh: "像练习 06 的循环服务器那样，把 accept 和对单个客户端的服务放进循环。",
        },
        Text {
            en: "Drop (close) each client's stream when its file is sent, then go back to accept; the listener stays open.",
            zh: "文件发送完后 drop（关闭）该客户端的连接，然后回到 accept；监听套接字保持打开。",
        },
    ],
    needs: &[],
    run: |t| {
        let a = t.write_file("root/a.txt", b"first\n")?;
        let b = t.write_file("root/b.txt", b"second\n")?;
        let (_server, addr) = start_server(t)?;
        expect_served(t, addr, "a.txt", &a)?;
        expect_served(t, addr, "b.txt", &b)?;
        expect_served(t, addr, "a.txt", &a)
    },
};

pub const SERVER_SURVIVES_A_CLIENT_THAT_SENDS_NOTHING: Check = Check {
    name: "server_survives_a_client_that_sends_nothing",
    behaviour: "C7",
    section: "§5.1",
    tier: Tier::Real,
    title: Text {
        en: "a client that closes without asking: the server goes on to the next",
        zh: "客户端不发请求就关闭：服务器继续服务下一个",
    },
    hints: &[
        Text {
            en: "When the name read returns 0 bytes the client is gone: print a line and go back to accept.",
            zh: "读取文件名返回 0 字节说明客户端已离开：打印一行，然后回到 accept。",
        },
        Text {
            en: "Nothing one client does should end the server: handle its errors inside the loop instead of exiting.",
            zh: "单个客户端的任何行为都不应让服务器结束：在循环内处理它的错误，而不是退出。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file("root/hello.txt", b"still here\n")?;
        let (_server, addr) = start_server(t)?;
        t.connect_as(msg!("a silent client"; "一个沉默的客户端"), addr)?
            .close();
        expect_served(t, addr, "hello.txt", &file)
    },
};

pub const SERVER_SURVIVES_A_CLIENT_THAT_LEAVES_MID_TRANSFER: Check = Check {
    name: "server_survives_a_client_that_leaves_mid_transfer",
    behaviour: "C8",
    section: "§5.2",
    tier: Tier::Real,
    title: Text {
        en: "a client that leaves in the middle of a download does not stop the server",
        zh: "客户端在下载中途离开，不会让服务器停止",
    },
    hints: &[
        Text {
            en: "A failed write to one client (broken pipe, connection reset) ends that client's service, not the server: report it and accept the next.",
            zh: "写给某个客户端失败（broken pipe、connection reset）只结束对它的服务，而不是整个服务器：报告后接受下一个。",
        },
        Text {
            en: "Do not call `fail` (or unwrap) on errors of one connection; keep those for the listening socket.",
            zh: "不要对单个连接的错误调用 `fail`（或 unwrap）；那只用于监听套接字的错误。",
        },
    ],
    needs: &[],
    run: |t| {
        let big = t.write_random_file("root/big.bin", 8 << 20, 3)?;
        let small = t.write_file("root/small.txt", b"next client\n")?;
        let (_server, addr) = start_server(t)?;
        let (leaving, header) = ask(t, addr, "big.bin")?;
        expect_ok_header(&header, &big)?;
        leaving.reset();
        expect_served(t, addr, "small.txt", &small)
    },
};

pub const SERVER_MEMORY_STAYS_FLAT_FOR_A_LARGE_FILE: Check = Check {
    name: "server_memory_stays_flat_for_a_large_file",
    behaviour: "F8",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "serving 200 MiB takes no more memory than serving 1 KiB",
        zh: "发送 200 MiB 所用的内存不比发送 1 KiB 多",
    },
    hints: &[
        Text {
            en: "Stream the file: a fixed buffer (say 64 KiB), read into it, write_all it, repeat.",
            zh: "分块传输文件：用固定大小的缓冲区（比如 64 KiB），读入、write_all 写出，反复进行。",
        },
        Text {
            en: "The notes' f.read() loads the whole file; std::fs::read and read_to_end do the same. A server's memory must not depend on the files it serves.",
            zh: "笔记中的 f.read() 会把整个文件读进内存；std::fs::read 和 read_to_end 也一样。服务器的内存不应取决于它提供的文件。",
        },
    ],
    needs: &[],
    run: |t| {
        let small = t.write_random_file("root/small.bin", 1024, 5)?;
        let (server, addr) = start_server(t)?;
        expect_served(t, addr, "small.bin", &small)?;
        // Made only once the server has shown it serves at all, so a
        // server that cannot fails without waiting for 200 MiB of disk.
        let size = 200 << 20;
        let big = t.write_random_file("root/big.bin", size, 6)?;
        let before = peak_kib(t, &server)?;
        expect_served(t, addr, "big.bin", &big)?;
        let after = peak_kib(t, &server)?;
        expect_flat(before, after, size, msg!("while serving it"; "发送该文件"))
    },
};

pub const SERVER_LETS_A_SLOW_READER_PACE_IT: Check = Check {
    name: "server_lets_a_slow_reader_pace_it",
    behaviour: "T7",
    section: "§1.2",
    tier: Tier::Real,
    title: Text {
        en: "a slow reader: flow control holds the server's writes, its memory stays flat, every byte arrives",
        zh: "慢速读取的客户端：流量控制让服务器的写入等待，内存保持平稳，每个字节都送达",
    },
    hints: &[
        Text {
            en: "Use blocking write_all on a small buffer and let it wait: when the reader is slow, TCP's flow control makes the write wait for room.",
            zh: "对小缓冲区使用阻塞的 write_all，并让它等待：读取方慢时，TCP 的流量控制会让写入等到有空间为止。",
        },
        Text {
            en: "Do not read ahead into memory to \"keep the socket busy\", and never drop the count `write` returns: with a timeout it may write only part of the buffer.",
            zh: "不要为了“让套接字一直忙”而提前把文件读进内存，也不要忽略 `write` 的返回值：设置了超时时它可能只写出缓冲区的一部分。",
        },
    ],
    needs: &[],
    run: |t| {
        let small = t.write_random_file("root/small.bin", 1024, 8)?;
        let size = 32 << 20;
        let big = t.write_random_file("root/big.bin", size, 9)?;
        let (server, addr) = start_server(t)?;
        expect_served(t, addr, "small.bin", &small)?;
        let before = peak_kib(t, &server)?;
        let (mut client, header) = ask(t, addr, "big.bin")?;
        expect_ok_header(&header, &big)?;
        let read = client.read_slowly(
            16 << 10,
            Duration::from_millis(20),
            Duration::from_millis(1500),
        )?;
        t.step(
            msg!("the slow client has read {} KiB of {} so far", read >> 10, human_size(size);
                    "慢速客户端目前读了 {} KiB（共 {}）", read >> 10, human_size(size)),
        );
        let after = peak_kib(t, &server)?;
        expect_flat(
            before,
            after,
            size,
            msg!("while its client read slowly"; "客户端慢速读取"),
        )?;
        expect_body(&mut client, &big)
    },
};

pub const SERVER_SAYS_A_TRANSFER_FAILED_WHEN_THE_FILE_SHRINKS: Check = Check {
    name: "server_says_a_transfer_failed_when_the_file_shrinks",
    behaviour: "F8",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "a file cut short while it is sent: fewer bytes than announced arrive and the server's line says the sending failed (or every announced byte of the file as it was, and `sent`)",
        zh: "文件在发送途中被截短：收到的字节少于所宣布的，服务器输出的那一行说明发送失败（或者收到文件原样的全部字节，并输出 `sent`）",
    },
    hints: &[
        Text {
            en: "Count the bytes you send; when the file ends before the size you announced, that transfer failed: print `sending NAME to IP:PORT failed: …`, not `sent`.",
            zh: "统计发送的字节数；文件在达到宣布的大小之前就结束了，这次传输就是失败的：打印 `sending NAME to IP:PORT failed: …`，而不是 `sent`。",
        },
        Text {
            en: "Closing the connection early is how the client learns its copy is incomplete; the server's log must not claim the whole file went out.",
            zh: "提前关闭连接是客户端得知副本不完整的方式；服务器的日志不能声称整个文件都发出去了。",
        },
    ],
    needs: &[],
    run: |t| {
        let size = 32 << 20;
        let big = t.write_random_file("root/big.bin", size, 12)?;
        let (mut server, addr) = start_server(t)?;
        let (mut client, header) = ask(t, addr, "big.bin")?;
        expect_ok_header(&header, &big)?;
        // The transfer has begun and the client reads no more for now, so
        // the server is still reading the file when it is cut.
        client.expect_some_data(REPLY)?;
        t.shrink_file("root/big.bin", 1 << 20)?;
        let body = client.read_to_end(size as usize, TRANSFER)?;
        t.step(
            msg!("{} of {} announced bytes arrived before the end", body.len(), size;
                    "连接结束前收到了所宣布的 {} 字节中的 {} 字节", size, body.len()),
        );
        server.expect_line("\"request from IP:PORT: big.bin\"", REPLY, |l| {
            l.starts_with("request from")
        })?;
        let line = server.next_line_within(REPLY)?;
        let peer = client.local_addr();
        // A server that read the whole file before sending (a snapshot)
        // keeps its promise: every announced byte, as the file was.
        let (said, expected) = if body.len() as u64 == size {
            if body != t.random_bytes(size as usize, 12) {
                return Err(Stop::mismatch(
                    msg!("all the announced bytes arrived, but they are not the file's"; "宣布的字节都到了，却不是文件的内容"),
                    msg!("the file's bytes as they were when announced"; "宣布时文件的字节"),
                    msg!("other bytes"; "别的字节"),
                ));
            }
            let sent = format!("sent {size} bytes of big.bin to {peer}");
            (line == sent, sent)
        } else {
            let failed = format!("sending big.bin to {peer} failed");
            (line.starts_with(&failed), format!("{failed}: …"))
        };
        if said {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the server's line does not say what happened to the transfer"; "服务器输出的那一行没有如实说明这次传输的结果"),
            show::text(&expected),
            show::text(&line),
        ))
    },
};

pub const SERVER_DELIVERS_EVERY_BYTE_UNDER_PACKET_LOSS: Check = Check {
    name: "server_delivers_every_byte_under_packet_loss",
    behaviour: "T4",
    section: "§1.2",
    tier: Tier::Real,
    title: Text {
        en: "10 MiB arrive intact while the network drops 20% of the packets",
        zh: "网络丢弃 20% 的数据包时，10 MiB 仍完整送达",
    },
    hints: &[
        Text {
            en: "Nothing to add: TCP retransmits what is lost. Write every byte with write_all and close only after the last one.",
            zh: "不需要额外做什么：TCP 会重传丢失的数据。用 write_all 写出每个字节，最后一个字节之后再关闭。",
        },
        Text {
            en: "Loss makes the transfer slower, not shorter; a server that gives up on a slow write (a short timeout) would cut the file.",
            zh: "丢包只会让传输变慢，而不会变短；如果服务器在写入较慢时放弃（超时太短），文件就会被截断。",
        },
    ],
    needs: &[Need::LossyNamespace],
    run: |t| {
        t.enter_lossy_namespace(20)?;
        let file = t.write_random_file("root/lossy.bin", 10 << 20, 11)?;
        let (_server, addr) = start_server(t)?;
        expect_served(t, addr, "lossy.bin", &file)
    },
};

pub const SERVER_LISTENS_ONLY_ON_THE_ADDRESS_IT_IS_GIVEN: Check = Check {
    name: "server_listens_only_on_the_address_it_is_given",
    behaviour: "C2",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "the server listens on the IP it is given, and only there (not 0.0.0.0), prints that IP and serves there",
        zh: "服务器在给定的 IP 上监听，而且只在那里（不是 0.0.0.0），打印这个 IP 并在那里提供服务",
    },
    hints: &[
        Text {
            en: "Bind exactly the address from the arguments (TcpListener::bind(addr)) and print listener.local_addr(): not 0.0.0.0 with the port, not the address you wished for.",
            zh: "正好绑定参数给出的地址（TcpListener::bind(addr)），并打印 listener.local_addr()：不要绑定 0.0.0.0 加端口，也不要打印你想要的地址。",
        },
        Text {
            en: "0.0.0.0 means every address of the host: a server told to listen on one address would be reachable on all of them.",
            zh: "0.0.0.0 表示主机的所有地址：一个被要求只在一个地址上监听的服务器，会在所有地址上都能被连上。",
        },
    ],
    needs: &[],
    run: |t| {
        t.make_dir("root")?;
        let file = t.write_file("root/here.txt", b"only here\n")?;
        let (_server, addr) =
            t.start_program_listening_on_own_address(SERVER, &["--root", "root"])?;
        t.expect_listening_only_on(addr)?;
        expect_served(t, addr, "here.txt", &file)
    },
};

pub const SERVER_REPORTS_A_PORT_THAT_IS_TAKEN: Check = Check {
    name: "server_reports_a_port_that_is_taken",
    behaviour: "S4",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "a port another program holds: the server exits 1 with one sentence that says it is in use",
        zh: "端口被其他程序占用：服务器用一句说明端口被占用的话以 1 退出",
    },
    hints: &[
        Text {
            en: "When bind fails, call fail(\"cannot listen on ADDR\", &e): one sentence naming the address and the reason, exit 1. Never unwrap it, never exit 2 (the arguments were fine).",
            zh: "bind 失败时调用 fail(\"cannot listen on ADDR\", &e)：一句包含地址和原因的话，以 1 退出。不要 unwrap，也不要以 2 退出（参数本身没有错）。",
        },
        Text {
            en: "Only one socket can listen on an address and port; the error is AddrInUse (EADDRINUSE).",
            zh: "一个地址和端口上只能有一个套接字监听；错误是 AddrInUse（EADDRINUSE）。",
        },
    ],
    needs: &[],
    run: |t| {
        t.make_dir("root")?;
        let holder = t.tcp_server()?;
        let done = t
            .start_program(SERVER, &[&holder.addr().to_string(), "--root", "root"])?
            .finish(EXIT)?;
        shared::expect_address_in_use(&done)
    },
};

pub const SERVER_REJECTS_A_PORT_OUT_OF_RANGE: Check = Check {
    name: "server_rejects_a_port_out_of_range",
    run: |t| {
        t.make_dir("root")?;
        let done = t
            .start_program(SERVER, &["127.0.0.1:65536", "--root", "root"])?
            .finish(EXIT)?;
        done.expect_usage_error()
    },
    ..shared::REJECTS_A_PORT_OUT_OF_RANGE
};

// ---------------------------------------------------------------------------
// Client checks.

pub const CLIENT_DOWNLOADS_A_SMALL_TEXT_FILE: Check = Check {
    name: "client_downloads_a_small_text_file",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Notes,
    title: Text {
        en: "asks for the file by name and saves it as new_<name>",
        zh: "按名字请求文件，并保存为 new_<名字>",
    },
    hints: &[
        Text {
            en: "Connect, send `NAME\\n`, read the header line, then copy exactly <size> bytes into `DIR/new_NAME` and exit 0.",
            zh: "连接后发送 `NAME\\n`，读取头部行，再把正好 <大小> 个字节复制到 `DIR/new_NAME`，以 0 退出。",
        },
        Text {
            en: "The header and the first bytes of the file may arrive in one read: keep what you read past the newline (a BufReader does).",
            zh: "头部和文件开头的字节可能在一次读取中一起到达：保留换行之后读到的数据（BufReader 会替你保留）。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file("served/hello.txt", b"hello, netlings\n")?;
        expect_saved(t, "hello.txt", &file)
    },
};

pub const CLIENT_REPORTS_A_MISSING_FILE_AND_SAVES_NOTHING: Check = Check {
    name: "client_reports_a_missing_file_and_saves_nothing",
    behaviour: "F2",
    section: "§5.3",
    tier: Tier::Notes,
    title: Text {
        en: "`MISSING`: one sentence on stderr, exit 1, no file saved",
        zh: "收到 `MISSING`：在标准错误输出一句话，以 1 退出，不保存任何文件",
    },
    hints: &[
        Text {
            en: "On `MISSING` print one sentence to stderr and exit with code 1, before creating any file.",
            zh: "收到 `MISSING` 时，在创建任何文件之前，向标准错误输出一句话并以退出码 1 结束。",
        },
        Text {
            en: "Create the output file only once you know there is a file to save.",
            zh: "只有确定有文件可保存时才创建输出文件。",
        },
    ],
    needs: &[],
    run: |t| {
        let done = run_client(t, "missing.txt", &[], |peer| peer.send(b"MISSING\n"))?;
        expect_failed_and_nothing_saved(t, &done)
    },
};

pub const CLIENT_SAVES_FILES_OF_ANY_SIZE_BYTE_EXACT: Check = Check {
    name: "client_saves_files_of_any_size_byte_exact",
    behaviour: "F3",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "saves files of 1 B, 1023/1024/1025 B, 64 KiB + 1 and 10 MiB byte-exact",
        zh: "1 B、1023/1024/1025 B、64 KiB + 1 和 10 MiB 的文件都原样保存",
    },
    hints: &[
        Text {
            en: "Copy in a loop until you have <size> bytes (io::copy over reader.take(size) does it), not with one read.",
            zh: "循环复制，直到拿到 <大小> 个字节（对 reader.take(size) 调用 io::copy 即可），而不是只读一次。",
        },
        Text {
            en: "The notes' client does one recv(1024): every file above 1 KiB is cut. One read returns whatever has arrived, not the whole file.",
            zh: "笔记中的客户端只调用一次 recv(1024)：超过 1 KiB 的文件都会被截断。一次读取只返回已到达的数据，而不是整个文件。",
        },
    ],
    needs: &[],
    run: |t| {
        let sizes: Vec<u64> = SIZES.iter().copied().filter(|&s| s > 0).collect();
        every_size(t, &sizes, |i| {
            let name = format!("size-{}.bin", sizes[i]);
            let file = t.write_random_file(&format!("served/{name}"), sizes[i], 20 + i as u64)?;
            expect_saved(t, &name, &file)
        })
    },
};

pub const CLIENT_SAVES_BINARY_FILES_BYTE_EXACT: Check = Check {
    name: "client_saves_binary_files_byte_exact",
    behaviour: "F4",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "saves a binary file (NUL bytes, 0xFF, not UTF-8) byte-exact",
        zh: "原样保存二进制文件（含 NUL、0xFF、非 UTF-8 字节）",
    },
    hints: &[
        Text {
            en: "Write the bytes you receive as bytes; never turn them into a String.",
            zh: "收到的字节按字节写入；绝不要把它们转换成 String。",
        },
        Text {
            en: "Only the header line is text; after it, everything is data.",
            zh: "只有头部行是文本；它之后的一切都是数据。",
        },
    ],
    needs: &[],
    run: |t| {
        let all_bytes: Vec<u8> = (0..=255u8).rev().cycle().take(4096).collect();
        let table = t.write_file("served/all-bytes.bin", &all_bytes)?;
        expect_saved(t, "all-bytes.bin", &table)?;
        let random = t.write_random_file("served/random.bin", 300_000, 43)?;
        expect_saved(t, "random.bin", &random)
    },
};

pub const CLIENT_SAVES_AN_EMPTY_FILE: Check = Check {
    name: "client_saves_an_empty_file",
    behaviour: "F5",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "`OK 0` saves an empty file and exits 0: empty is not missing",
        zh: "收到 `OK 0` 时保存一个空文件并以 0 退出：空文件不是不存在",
    },
    hints: &[
        Text {
            en: "Decide by the header, not by whether bytes followed: `OK 0` is a file of zero bytes, so create it.",
            zh: "依据头部判断，而不是依据后面有没有数据：`OK 0` 就是一个零字节的文件，照样创建它。",
        },
        Text {
            en: "The notes' client saves only `if content:`, so an empty file is lost; the header is what tells the two cases apart.",
            zh: "笔记中的客户端只在 `if content:` 时保存，空文件因此丢失；区分这两种情况靠的是头部。",
        },
    ],
    needs: &[],
    run: |t| {
        let empty = t.write_file("served/empty.txt", b"")?;
        expect_saved(t, "empty.txt", &empty)
    },
};

pub const CLIENT_REPORTS_A_REFUSED_NAME: Check = Check {
    name: "client_reports_a_refused_name",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "`REFUSED <reason>`: the reason in one sentence on stderr, exit 1, no file",
        zh: "收到 `REFUSED <原因>`：在标准错误输出包含原因的一句话，以 1 退出，不保存文件",
    },
    hints: &[
        Text {
            en: "On `REFUSED <reason>` print one sentence with the reason to stderr and exit 1.",
            zh: "收到 `REFUSED <原因>` 时，向标准错误输出一句包含原因的话，并以 1 退出。",
        },
        Text {
            en: "The user needs to know why: pass the server's reason on rather than a generic error.",
            zh: "用户需要知道原因：转述服务器给出的原因，而不是笼统的错误。",
        },
    ],
    needs: &[],
    run: |t| {
        let done = run_client(t, "secret.txt", &[], |peer| {
            peer.send(b"REFUSED it leads outside the served directory\n")
        })?;
        expect_failed_and_nothing_saved(t, &done)?;
        done.expect_stderr(crate::harness::mentions("outside the served directory"))
    },
};

pub const CLIENT_NEVER_WRITES_OUTSIDE_ITS_DIRECTORY: Check = Check {
    name: "client_never_writes_outside_its_directory",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "a name like `../escape.txt` cannot make the client write outside --dir",
        zh: "`../escape.txt` 这样的名字不能让客户端写到 --dir 之外",
    },
    hints: &[
        Text {
            en: "Save under `new_` + the last part of the name only (Path::file_name), inside --dir.",
            zh: "只用名字的最后一部分（Path::file_name）加上 `new_` 前缀，保存在 --dir 中。",
        },
        Text {
            en: "The name is the user's but the bytes are the server's; a path with `..` or `/` in it must never decide where you write. Refusing such a name (exit 1 or 2) is fine too.",
            zh: "名字来自用户，内容来自服务器；含 `..` 或 `/` 的路径绝不能决定你写到哪里。直接拒绝这样的名字（以 1 或 2 退出）也可以。",
        },
    ],
    needs: &[],
    run: |t| {
        let done = run_client(t, "../escape.txt", &[], |peer| peer.send(b"OK 5\nevil\n"))?;
        t.step(msg!("check that nothing was written beside {}/", DOWNLOADS; "检查 {}/ 之外没有写入任何东西", DOWNLOADS));
        let outside: Vec<String> = t
            .entries_under(".")
            .into_iter()
            .filter(|e| e != DOWNLOADS && !e.starts_with(&format!("{DOWNLOADS}/")))
            .collect();
        if !outside.is_empty() {
            return Err(Stop::mismatch(
                msg!("the client wrote outside its directory"; "客户端写到了它的目录之外"),
                format!("files only under {DOWNLOADS}/"),
                outside.join(", "),
            ));
        }
        match done.status.code() {
            Some(0) => t.expect_same_file(
                &t.write_file("served/expected", b"evil\n")?,
                &saved_path(t, "escape.txt"),
            ),
            Some(1 | 2) => done.expect_one_sentence_on_stderr(),
            _ => done.expect_code(0),
        }
    },
};

pub const CLIENT_LEAVES_NO_FILE_WHEN_THE_SERVER_DIES_MID_TRANSFER: Check = Check {
    name: "client_leaves_no_file_when_the_server_dies_mid_transfer",
    behaviour: "F7",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "the server stops after 300 000 of 1 MiB: the client says so, exits 1 and leaves no file",
        zh: "服务器在 1 MiB 中只发了 300 000 字节就停止：客户端说明情况，以 1 退出，且不留下任何文件",
    },
    hints: &[
        Text {
            en: "Count the bytes against the header's size; if the stream ends first, delete what you wrote and exit 1 with one sentence.",
            zh: "按头部中的大小清点字节；如果数据流提前结束，删掉已写的内容，输出一句话并以 1 退出。",
        },
        Text {
            en: "Write into a temporary name in the same directory and rename it to new_NAME only when complete: a broken transfer then never leaves a half file.",
            zh: "先写到同一目录下的临时文件名，完整后再重命名为 new_NAME：这样中断的传输永远不会留下半个文件。",
        },
    ],
    needs: &[],
    run: |t| {
        let part = t.random_bytes(300_000, 30);
        let done = run_client(t, "big.bin", &[], |peer| {
            peer.send(b"OK 1048576\n")?;
            peer.send(&part)?;
            t.step(
                msg!("the suite's server stops sending and closes the connection";
                        "评测服务器停止发送并关闭连接"),
            );
            Ok(())
        })?;
        expect_failed_and_nothing_saved(t, &done)
    },
};

pub const CLIENT_REFUSES_TO_OVERWRITE_UNLESS_FORCED: Check = Check {
    name: "client_refuses_to_overwrite_unless_forced",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "an existing new_<name> is kept (exit 1) unless --force is given",
        zh: "已存在的 new_<名字> 会被保留（以 1 退出），除非给出 --force",
    },
    hints: &[
        Text {
            en: "Before downloading, check whether DIR/new_NAME exists; if it does and --force was not given, exit 1 with one sentence.",
            zh: "下载前检查 DIR/new_NAME 是否存在；若存在且没有给出 --force，就输出一句话并以 1 退出。",
        },
        Text {
            en: "With --force, replace it, still through a temporary file and a rename.",
            zh: "给出 --force 时替换它，同样经过临时文件和重命名。",
        },
    ],
    needs: &[],
    run: |t| {
        let mine = t.write_file("downloads/new_notes.txt", b"my own notes\n")?;
        let kept = t.write_file("served/mine.txt", b"my own notes\n")?;
        let theirs = t.write_file("served/notes.txt", b"the server's notes\n")?;
        let done = run_client(t, "notes.txt", &[], |peer| send_ok(peer, &theirs))?;
        done.expect_failure_explained()?;
        t.expect_same_file(&kept, &mine)?;
        let done = run_client(t, "notes.txt", &["--force"], |peer| send_ok(peer, &theirs))?;
        done.expect_code(0)?;
        t.expect_same_file(&theirs, &mine)
    },
};

pub const CLIENT_READS_AN_ANSWER_THAT_ARRIVES_IN_PIECES: Check = Check {
    name: "client_reads_an_answer_that_arrives_in_pieces",
    behaviour: "D1",
    section: "§1.3",
    tier: Tier::Real,
    title: Text {
        en: "header and file arrive in odd pieces, slowly: the file is still saved whole",
        zh: "头部和文件以零碎的小段缓慢到达：文件仍被完整保存",
    },
    hints: &[
        Text {
            en: "Read the header up to its newline, then keep reading until you have <size> bytes; never assume one read brings a whole part.",
            zh: "读头部直到换行，然后一直读到凑满 <大小> 个字节；绝不要假定一次读取就能得到完整的一部分。",
        },
        Text {
            en: "Here even `OK` is split, and the newline arrives together with the first bytes of the file.",
            zh: "这里连 `OK` 都被拆开了，而换行符和文件的第一批字节一起到达。",
        },
    ],
    needs: &[],
    run: |t| {
        let body = t.random_bytes(20_000, 31);
        let file = t.write_file("served/pieces.bin", &body)?;
        let answer = [format!("OK {}\n", body.len()).as_bytes(), &body].concat();
        let done = run_client(t, "pieces.bin", &[], |peer| {
            peer.send_in_pieces(
                &answer,
                &[1, 2, 3, 5, 8, 13, 100, 1000, 7],
                Duration::from_millis(2),
            )
        })?;
        done.expect_code(0)?;
        t.expect_same_file(&file, &saved_path(t, "pieces.bin"))
    },
};

pub const CLIENT_SAVES_A_CHINESE_FILE_NAME: Check = Check {
    name: "client_saves_a_chinese_file_name",
    behaviour: "F9",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "asks for 测试文件.txt and saves new_测试文件.txt",
        zh: "请求 测试文件.txt 并保存为 new_测试文件.txt",
    },
    hints: &[
        Text {
            en: "Send the name as UTF-8 bytes followed by `\\n`, and build the saved name from the same string.",
            zh: "把名字按 UTF-8 字节发送并以 `\\n` 结尾，保存的文件名也由同一个字符串构造。",
        },
        Text {
            en: "Rust strings are UTF-8 already; do not convert the name to another encoding (the notes' GBK would not match the server's file).",
            zh: "Rust 字符串本身就是 UTF-8；不要把名字转换成其他编码（笔记中的 GBK 就对不上服务器上的文件）。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file(
            "served/测试文件.txt",
            "你好，世界！这是一个测试文件。\n".as_bytes(),
        )?;
        expect_saved(t, "测试文件.txt", &file)
    },
};

pub const CLIENT_KEEPS_BYTES_IN_ORDER_UNDER_PACKET_LOSS: Check = Check {
    name: "client_keeps_bytes_in_order_under_packet_loss",
    behaviour: "T5",
    section: "§1.2",
    tier: Tier::Real,
    title: Text {
        en: "10 MiB saved in order, without gaps or duplicates, while the network drops 20% of the packets",
        zh: "网络丢弃 20% 的数据包时，10 MiB 仍按顺序保存，没有缺漏也没有重复",
    },
    hints: &[
        Text {
            en: "Nothing to add: TCP puts the bytes back in order and drops duplicates before your read sees them. Just keep reading until <size> bytes.",
            zh: "不需要额外做什么：TCP 会在你读取之前把字节排好顺序并丢掉重复的。只要一直读到 <大小> 个字节。",
        },
        Text {
            en: "Loss only makes reads wait longer; a very short read timeout would turn a slow transfer into a failed one.",
            zh: "丢包只会让读取等待更久；读取超时设得太短会把一次慢速传输变成失败。",
        },
    ],
    needs: &[Need::LossyNamespace],
    run: |t| {
        t.enter_lossy_namespace(20)?;
        let file = t.write_random_file("served/lossy.bin", 10 << 20, 32)?;
        expect_saved(t, "lossy.bin", &file)
    },
};

pub const CLIENT_REPORTS_CONNECTION_REFUSED: Check = Check {
    name: "client_reports_connection_refused",
    behaviour: "T1",
    section: "§1.2",
    tier: Tier::Notes,
    title: Text {
        en: "no server listening: \"connection refused\" in one sentence, exit 1, no file",
        zh: "没有服务器在监听：用一句话说明“连接被拒绝”，以 1 退出，不留文件",
    },
    hints: &[
        Text {
            en: "When connect fails, print one sentence with the reason and exit 1 (the `fail` helper does both).",
            zh: "connect 失败时输出一句包含原因的话并以 1 退出（`fail` 辅助函数两样都做）。",
        },
        Text {
            en: "TCP connects before anything is sent: with no listener the connect itself fails (ECONNREFUSED).",
            zh: "TCP 在发送任何数据之前先建立连接：没有监听者时，connect 本身就会失败（ECONNREFUSED）。",
        },
    ],
    needs: &[],
    run: |t| {
        let free = t.unused_addr()?.to_string();
        t.make_dir(DOWNLOADS)?;
        let done = t
            .start_program(CLIENT, &[&free, "hello.txt", "--dir", DOWNLOADS])?
            .finish(EXIT)?;
        expect_failed_and_nothing_saved(t, &done)?;
        done.expect_stderr(crate::harness::mentions("refused"))
    },
};

pub const CLIENT_REJECTS_A_PORT_OUT_OF_RANGE: Check = Check {
    name: "client_rejects_a_port_out_of_range",
    run: |t| {
        t.make_dir(DOWNLOADS)?;
        let done = t
            .start_program(
                CLIENT,
                &["127.0.0.1:65536", "hello.txt", "--dir", DOWNLOADS],
            )?
            .finish(EXIT)?;
        done.expect_usage_error()
    },
    ..shared::REJECTS_A_PORT_OUT_OF_RANGE
};

pub const CLIENT_REJECTS_A_NAME_IT_CANNOT_SEND_AS_ONE_LINE: Check = Check {
    name: "client_rejects_a_name_it_cannot_send_as_one_line",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "an empty name, or one holding a newline, is a usage error (exit 2, one sentence) and nothing is asked",
        zh: "空名字或含换行的名字是用法错误（以 2 退出，一句话），也不发出任何请求",
    },
    hints: &[
        Text {
            en: "The name travels as one line ending in \\n: refuse an empty name, or one with a \\n in it, with usage_error before connecting.",
            zh: "名字作为一行（以 \\n 结尾）发送：连接之前就用 usage_error 拒绝空名字或其中含 \\n 的名字。",
        },
        Text {
            en: "Sent as it is, `a\\nb` would reach the server as the name `a` followed by a stray line.",
            zh: "如果原样发送，`a\\nb` 到了服务器那里会变成名字 `a` 加上多余的一行。",
        },
    ],
    needs: &[],
    run: |t| {
        let server = t.tcp_server()?;
        let addr = server.addr().to_string();
        t.make_dir(DOWNLOADS)?;
        for name in ["", "a\nb"] {
            let done = t
                .start_program(CLIENT, &[addr.as_str(), name, "--dir", DOWNLOADS])?
                .finish(EXIT)?;
            done.expect_usage_error()?;
        }
        server.expect_no_connection()
    },
};
