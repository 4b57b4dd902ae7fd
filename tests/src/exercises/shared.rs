//! Checks that hold for every program whose first argument is the
//! address `IP:PORT` it listens on or connects to: a bad argument is a
//! usage error, explained in one sentence.

use crate::harness::{Edge, Finished, Proc, UdpPeer};
use crate::prelude::*;
use std::net::SocketAddr;

/// 你好 in GBK, as the notes' TCP programs encoded it, then ` gbk`: bytes
/// that are not UTF-8, for the checks that a program survives them.
pub const GBK_NIHAO: &[u8] = b"\xc4\xe3\xba\xc3 gbk";

/// Wait for the line starting with `prefix` that shows [`GBK_NIHAO`], and
/// require it decoded lossily: U+FFFD for the undecodable bytes, the rest
/// as sent. `shown` is the whole line expected, for the report.
pub fn expect_gbk_shown_lossily(program: &mut Proc, prefix: &str, shown: &str) -> Outcome {
    let line = program.expect_line(&show::text(shown), REPLY, |l| l.starts_with(prefix))?;
    if line.contains('\u{fffd}') && line.ends_with(" gbk") {
        return Ok(());
    }
    Err(Stop::mismatch(
        msg!("the undecodable bytes should show as U+FFFD (�) and the rest as sent";
             "无法解码的字节应显示为 U+FFFD（�），其余原样显示"),
        show::text(shown),
        show::text(&line),
    ))
}

/// A line of 58 800 bytes, under the contracts' 64 KiB: numbered pieces of
/// digits and Chinese. A program that reads a fixed 1024 or 8192 bytes
/// shows it cut; one that decodes each read on its own shows U+FFFD where
/// a character was split between two reads.
pub fn long_line() -> String {
    (0..2800).map(|i| format!("{i:05}·网络编程·")).collect()
}

/// The program could not bind because another socket holds the address:
/// a runtime failure (exit 1) whose one sentence says "in use".
pub fn expect_address_in_use(done: &Finished) -> Outcome {
    done.expect_failure_explained()?;
    done.expect_stderr(crate::harness::mentions("in use"))?;
    done.expect_no_stdout()
}

pub const REJECTS_A_PORT_OUT_OF_RANGE: Check = Check {
    name: "rejects_a_port_out_of_range",
    behaviour: "P1",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "port 65536 is a usage error: exit 2 and one sentence",
        zh: "端口 65536 属于用法错误：以 2 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "Parse the address with the given Args helper and exit 2 with one line on stderr when it fails.",
            zh: "用提供的 Args 辅助函数解析地址，失败时在标准错误输出一行并以 2 退出。",
        },
        Text {
            en: "A port is 16 bits: 0 to 65535. Never unwrap a parse of user input; explain the mistake instead.",
            zh: "端口是 16 位：0 到 65535。不要对用户输入的解析结果 unwrap，而应说明错在哪里。",
        },
    ],
    needs: &[],
    run: |t| {
        let done = t.run(&["127.0.0.1:65536"])?;
        done.expect_usage_error()
    },
};

pub const REJECTS_A_MALFORMED_IP: Check = Check {
    name: "rejects_a_malformed_ip",
    behaviour: "A1",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "256.1.1.1 is not an IPv4 address: exit 2 and one sentence",
        zh: "256.1.1.1 不是 IPv4 地址：以 2 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "Each of the four numbers of an IPv4 address is 0 to 255; reject anything else with exit code 2.",
            zh: "IPv4 地址的四个数字都在 0 到 255 之间；其他一律以退出码 2 拒绝。",
        },
        Text {
            en: "The notes say 1-256, which is wrong: an octet is 8 bits, 0-255.",
            zh: "笔记写的是 1–256，这是错的：每段是 8 位，取值 0–255。",
        },
    ],
    needs: &[],
    run: |t| {
        let done = t.run(&["256.1.1.1:8080"])?;
        done.expect_usage_error()
    },
};

/// For the TCP servers that answer a line with `数据已收到` (05, 06).
pub const LISTENS_ONLY_ON_THE_ADDRESS_IT_IS_GIVEN: Check = Check {
    name: "listens_only_on_the_address_it_is_given",
    behaviour: "C2",
    section: "§5.4",
    tier: Tier::Real,
    title: Text {
        en: "it listens on the IP it is given, and only there (not 0.0.0.0), and prints that IP",
        zh: "它在给定的 IP 上监听，且只在那里（不是 0.0.0.0），并打印这个 IP",
    },
    hints: &[
        Text {
            en: "Bind the address parsed from the argument as it is, and print listener.local_addr(): never bind 0.0.0.0 and print the address you were given.",
            zh: "按参数解析出的地址原样绑定，并打印 listener.local_addr()：不要绑定 0.0.0.0 却打印给你的地址。",
        },
        Text {
            en: "0.0.0.0 means every address of the host: a server told to listen on one loopback address would also answer on all the others (and on the network).",
            zh: "0.0.0.0 表示本机的所有地址：本应只在一个回环地址上监听的服务器，会在其他所有地址上（以及网络上）都有回应。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr) = t.start_listening_on_own_address()?;
        t.expect_listening_only_on(addr)?;
        let mut client = t.connect(addr)?;
        client.send_line("只在这个地址上")?;
        client.expect_line("数据已收到", REPLY)
    },
};

pub const REFUSES_AN_ARGUMENT_THAT_IS_NOT_UTF8: Check = Check {
    name: "refuses_an_argument_that_is_not_utf8",
    behaviour: "A1",
    section: "§2",
    tier: Tier::Real,
    title: Text {
        en: "an argument that is not UTF-8 is a usage error (exit 2, one sentence), never a panic",
        zh: "不是 UTF-8 的参数属于用法错误（以 2 退出并输出一句话），绝不能 panic",
    },
    hints: &[
        Text {
            en: "Read the arguments with the given Args helper; std::env::args() panics on an argument that is not UTF-8.",
            zh: "用提供的 Args 辅助函数读取参数；std::env::args() 遇到不是 UTF-8 的参数会 panic。",
        },
        Text {
            en: "A shell passes any bytes as an argument (a GBK file name, say). std::env::args_os() gives them as OsString; into_string() tells you when they are not text.",
            zh: "shell 可以把任意字节作为参数传入（例如 GBK 编码的文件名）。std::env::args_os() 以 OsString 给出它们；into_string() 会告诉你它们是不是文本。",
        },
    ],
    needs: &[],
    run: |t| t.run_with_an_argument_not_utf8(&[])?.expect_usage_error(),
};

/// Send every edge of the input-edge table, then the word `EXIT`, as
/// datagrams from `peer` to a program at `addr` that prints each one as
/// `received from PEER: TEXT`: each is shown exactly, decoded lossily with
/// `\r` and `\n` written out, and the program goes on (a datagram is a
/// message, never a command). With `echoed`, each also comes back to the
/// peer byte for byte.
pub fn expect_each_edge_shown(
    program: &mut Proc,
    addr: SocketAddr,
    peer: &UdpPeer,
    echoed: bool,
) -> Outcome {
    let mut datagrams: Vec<Vec<u8>> = Edge::ALL.iter().map(|e| e.datagram()).collect();
    datagrams.push(b"EXIT".to_vec());
    datagrams.push(b"still listening".to_vec());
    for data in datagrams {
        peer.send_to(&data, addr)?;
        let expected = format!("received from {}: {}", peer.addr(), Edge::one_line(&data));
        let line = program.expect_line(&show::text(&expected), REPLY, |l| {
            l.starts_with("received from")
        })?;
        if line != expected {
            return Err(Stop::mismatch(
                msg!("the message is not shown exactly as it arrived (blanks kept, \\r and \\n written out, bytes that are not UTF-8 as U+FFFD)";
                     "消息没有按到达时的样子显示（保留空格，\\r 和 \\n 写成文字，非 UTF-8 字节显示为 U+FFFD）"),
                show::text(&expected),
                show::text(&line),
            ));
        }
        if echoed {
            peer.expect_datagram(&data, REPLY)?;
        }
    }
    Ok(())
}

/// Started without arguments (in a private network namespace, where the
/// notes' fixed port collides with nothing), the program binds `default`.
pub fn expect_bound_by_default(t: &Test, default: &str) -> Outcome {
    t.enter_private_namespace()?;
    let (program, addr) = t.start_bound(&[])?;
    if addr.to_string() != default {
        return Err(Stop::mismatch(
            msg!("without arguments the program should bind the notes' address"; "没有参数时程序应绑定笔记中的地址"),
            default,
            addr.to_string(),
        ));
    }
    program.expect_bound_exactly(Transport::Udp, addr)
}

pub const BINDS_EXACTLY_THE_ADDRESS_IT_WAS_GIVEN: Check = Check {
    name: "binds_exactly_the_address_it_was_given",
    behaviour: "S1",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "given 127.x.y.z:0 it binds that very address (the kernel agrees), not 0.0.0.0",
        zh: "给定 127.x.y.z:0 时它绑定的正是这个地址（内核也这么说），而不是 0.0.0.0",
    },
    hints: &[
        Text {
            en: "Bind the parsed address itself and print socket.local_addr(); never replace its IP with 0.0.0.0.",
            zh: "绑定解析得到的地址本身，并打印 socket.local_addr()；不要把它的 IP 换成 0.0.0.0。",
        },
        Text {
            en: "A socket on 0.0.0.0 takes datagrams sent to every address of the host, so printing the given IP would be a lie: /proc/net/udp shows what was really bound.",
            zh: "绑定在 0.0.0.0 上的套接字会收下发往本机任何地址的数据报，这时打印给定的 IP 就是在说谎：/proc/net/udp 会显示真正绑定的地址。",
        },
    ],
    needs: &[],
    run: |t| {
        let given = t.own_loopback_addr(0)?;
        let (program, addr) = t.start_bound(&[&given.to_string()])?;
        if addr.ip() != given.ip() || addr.port() == 0 {
            return Err(Stop::mismatch(
                msg!("the printed address is not the one given with the port the OS chose"; "打印的地址不是给定的地址加上操作系统选定的端口"),
                format!("{}:PORT", given.ip()),
                addr.to_string(),
            ));
        }
        program.expect_bound_exactly(Transport::Udp, addr)
    },
};

pub const REJECTS_A_BAD_COUNT: Check = Check {
    name: "rejects_a_bad_count",
    behaviour: "A1",
    section: "§2",
    tier: Tier::Real,
    title: Text {
        en: "--count x, --count -1 or --count without a number: exit 2 and one sentence",
        zh: "--count x、--count -1 或 --count 后面没有数字：以 2 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "Read the count with the given Args helper (args.value(\"--count\")): it explains a bad value and exits 2.",
            zh: "用提供的 Args 辅助函数（args.value(\"--count\")）读取数量：它会说明错误的值并以 2 退出。",
        },
        Text {
            en: "A count is a number of datagrams, 0 or more; parse(...).unwrap() panics on anything else instead of explaining.",
            zh: "数量是数据报的个数，0 或更多；parse(...).unwrap() 遇到其他输入会 panic，而不是说明原因。",
        },
    ],
    needs: &[],
    run: |t| {
        for count in [&["--count", "x"][..], &["--count", "-1"], &["--count"]] {
            let mut args = vec!["127.0.0.1:0"];
            args.extend_from_slice(count);
            t.run(&args)?.expect_usage_error()?;
        }
        Ok(())
    },
};
