//! Checks that hold for every program whose first argument is the
//! address `IP:PORT` it listens on or connects to: a bad argument is a
//! usage error, explained in one sentence.

use crate::harness::{Finished, Proc};
use crate::prelude::*;

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

/// The program could not bind because another socket holds the address:
/// a runtime failure (exit 1) whose one sentence says "in use".
pub fn expect_address_in_use(done: &Finished) -> Outcome {
    done.expect_failure_explained()?;
    done.expect_stderr(predicate::str::contains("in use"))
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
