//! The client's checks for the contract's finer print: where its temporary
//! file lives, what `--force` keeps when a download fails, exactly what it
//! prints, and a server that resets before or after the header.

use super::*;

/// The size the suite announces for a download it breaks off.
const ANNOUNCED: u64 = 1 << 20;

/// Announce [`ANNOUNCED`] bytes and send the first `part` of them.
fn send_part(peer: &mut TcpPeer, part: &[u8]) -> Outcome {
    peer.send(format!("OK {ANNOUNCED}\n").as_bytes())?;
    peer.send(part)
}

/// Standard output is empty and standard error is exactly one line (a
/// final `\n` or none, no blank line after it); returns that line.
fn expect_exactly_one_error_line(t: &Test, done: &Finished) -> Result<String, Stop> {
    done.expect_code(1)?;
    t.step(msg!("check stdout is empty and stderr is exactly one line"; "检查标准输出为空、标准错误输出正好一行"));
    if !done.stdout.is_empty() {
        return Err(Stop::mismatch(
            msg!("a failed download printed on standard output"; "下载失败时却在标准输出上打印了内容"),
            "nothing on stdout",
            show::text(&done.stdout),
        ));
    }
    let body = done.stderr.strip_suffix('\n').unwrap_or(&done.stderr);
    if body.trim().is_empty() || body.contains('\n') || done.stderr.contains("panicked") {
        return Err(Stop::mismatch(
            msg!("the failure must be said in exactly one line on standard error: no blank line, no second line, no panic";
                 "失败必须在标准错误输出上用正好一行说明：没有空行，没有第二行，没有 panic"),
            "one line, e.g. \"error: hello.txt: the server has no such file\\n\"",
            show::text(&done.stderr),
        ));
    }
    Ok(body.to_string())
}

pub const CLIENT_WRITES_INTO_A_TEMPORARY_FILE_IN_ITS_DIRECTORY: Check = Check {
    name: "client_writes_into_a_temporary_file_in_its_directory",
    behaviour: "F7",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "while the bytes arrive they go into a temporary file in --dir (not new_<name>, not elsewhere), renamed at the end",
        zh: "字节到达时写入 --dir 中的临时文件（不是 new_<名字>，也不在别处），最后再重命名",
    },
    hints: &[
        Text {
            en: "Create the temporary file in DIR itself (DIR/.new_NAME.<pid>.part), write each piece as it arrives, and rename it to DIR/new_NAME at the end.",
            zh: "在 DIR 本身中创建临时文件（DIR/.new_NAME.<pid>.part），每收到一段就写入，最后重命名为 DIR/new_NAME。",
        },
        Text {
            en: "A rename is atomic only within one file system: a temporary file in /tmp may be on another disk than DIR, and then the rename fails or copies.",
            zh: "重命名只在同一个文件系统内才是原子的：/tmp 中的临时文件可能和 DIR 不在同一个磁盘上，那时重命名会失败或变成复制。",
        },
    ],
    needs: &[],
    run: |t| {
        let body = t.random_bytes(ANNOUNCED as usize, 33);
        let file = t.write_file("served/big.bin", &body)?;
        let (part, rest) = body.split_at(300_000);
        let done = run_client(t, "big.bin", &[], |peer| {
            send_part(peer, part)?;
            let during = t.wait_for_entries_under(
                DOWNLOADS,
                REPLY,
                msg!("no temporary file appeared in {}/ while the download was under way", DOWNLOADS;
                     "下载进行时 {}/ 中没有出现临时文件", DOWNLOADS),
            )?;
            let outside: Vec<String> = t
                .entries_under(".")
                .into_iter()
                .filter(|e| !e.starts_with(DOWNLOADS) && !e.starts_with("served"))
                .collect();
            let named = during.iter().any(|e| e.ends_with("/new_big.bin"));
            if during.len() != 1 || named || !outside.is_empty() {
                return Err(Stop::mismatch(
                    msg!("while the download is under way there must be one temporary file, in {}/, and no new_big.bin yet", DOWNLOADS;
                         "下载进行时应当只有一个临时文件，位于 {}/ 中，而且还没有 new_big.bin", DOWNLOADS),
                    format!("one temporary file under {DOWNLOADS}/"),
                    [during, outside].concat().join(", "),
                ));
            }
            peer.send(rest)
        })?;
        done.expect_code(0)?;
        t.expect_same_file(&file, &saved_path(t, "big.bin"))?;
        let left = t.entries_under(DOWNLOADS);
        if left == [format!("{DOWNLOADS}/new_big.bin")] {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("after the download, {}/ must hold new_big.bin and nothing else", DOWNLOADS;
                 "下载完成后，{}/ 中应当只有 new_big.bin", DOWNLOADS),
            format!("{DOWNLOADS}/new_big.bin"),
            left.join(", "),
        ))
    },
};

pub const CLIENT_KEEPS_THE_OLD_FILE_WHEN_A_FORCED_DOWNLOAD_FAILS: Check = Check {
    name: "client_keeps_the_old_file_when_a_forced_download_fails",
    behaviour: "F7",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "--force and the server dies mid-transfer: exit 1, the old new_<name> intact, no temporary file left",
        zh: "带 --force 而服务器在传输中途挂掉：以 1 退出，旧的 new_<名字> 原封不动，不留临时文件",
    },
    hints: &[
        Text {
            en: "With --force, replace the old file only by the final rename: never delete or truncate it before the download is complete.",
            zh: "带 --force 时，只通过最后的重命名来替换旧文件：下载完成之前绝不删除或截断它。",
        },
        Text {
            en: "A failed download should leave the directory exactly as it found it: the old file there, the temporary file deleted.",
            zh: "失败的下载应当让目录保持原样：旧文件还在，临时文件已删除。",
        },
    ],
    needs: &[],
    run: |t| {
        let mine = t.write_file("downloads/new_big.bin", b"my own copy\n")?;
        let kept = t.write_file("served/mine.bin", b"my own copy\n")?;
        let part = t.random_bytes(300_000, 34);
        let done = run_client(t, "big.bin", &["--force"], |peer| send_part(peer, &part))?;
        done.expect_failure_explained()?;
        t.expect_same_file(&kept, &mine)?;
        let left = t.entries_under(DOWNLOADS);
        if left == [format!("{DOWNLOADS}/new_big.bin")] {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the failed download left files behind"; "失败的下载留下了文件"),
            format!("{DOWNLOADS}/new_big.bin only"),
            left.join(", "),
        ))
    },
};

pub const CLIENT_PRINTS_ONE_LINE_NAMING_THE_SAVED_PATH: Check = Check {
    name: "client_prints_one_line_naming_the_saved_path",
    behaviour: "F1",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "on success stdout is exactly `saved <size> bytes to downloads/new_hello.txt`",
        zh: "成功时标准输出正好是 `saved <大小> bytes to downloads/new_hello.txt`",
    },
    hints: &[
        Text {
            en: "Print the path you renamed to (DIR joined with new_NAME, e.g. with Path::display), once, and nothing else on stdout.",
            zh: "打印你重命名到的路径（DIR 与 new_NAME 拼接，例如用 Path::display），只打印一次，标准输出上不要有别的内容。",
        },
        Text {
            en: "A bare new_hello.txt tells the user nothing about where the file went when --dir is given; progress lines and blank lines are not in the contract.",
            zh: "给出 --dir 时，光秃秃的 new_hello.txt 无法告诉用户文件去了哪里；进度行和空行都不在约定之中。",
        },
    ],
    needs: &[],
    run: |t| {
        let file = t.write_file("served/hello.txt", b"hello, netlings\n")?;
        let done = run_client(t, "hello.txt", &[], |peer| send_ok(peer, &file))?;
        done.expect_code(0)?;
        let target = saved_path(t, "hello.txt");
        t.expect_same_file(&file, &target)?;
        t.step(msg!("check stdout is exactly one `saved` line naming the saved file"; "检查标准输出正好是一行指明已保存文件的 `saved`"));
        let expected = format!("saved 16 bytes to {DOWNLOADS}/new_hello.txt");
        let names_it = done
            .stdout
            .strip_prefix("saved 16 bytes to ")
            .map(|path| t.dir().join(path))
            .and_then(|path| path.canonicalize().ok())
            .is_some_and(|path| target.canonicalize().is_ok_and(|real| real == path));
        if names_it && !done.stdout.contains('\n') {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("standard output must be exactly one line naming the path of the saved file";
                 "标准输出必须正好一行，指明已保存文件的路径"),
            show::text(&expected),
            show::text(&done.stdout),
        ))
    },
};

pub const CLIENT_SAYS_EACH_FAILURE_IN_EXACTLY_ONE_LINE: Check = Check {
    name: "client_says_each_failure_in_exactly_one_line",
    behaviour: "F6",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "MISSING, REFUSED and a broken transfer: nothing on stdout, exactly one line on stderr; REFUSED's ends with `: <reason>`",
        zh: "MISSING、REFUSED 和中断的传输：标准输出为空，标准错误输出正好一行；REFUSED 的那一行以 `: <原因>` 结尾",
    },
    hints: &[
        Text {
            en: "Print one line with eprintln! (no extra \\n inside it) and exit 1; for REFUSED end it with `: ` and the server's reason as it came.",
            zh: "用 eprintln! 打印一行（里面不要再加 \\n），然后以 1 退出；对 REFUSED，以 `: ` 加上服务器原样给出的原因结尾。",
        },
        Text {
            en: "Scripts read the last line or the text after the last `: `; a blank line after the error or a reason in other words breaks them.",
            zh: "脚本会读取最后一行或最后一个 `: ` 之后的文字；错误之后多一个空行，或把原因换了说法，都会让它们出错。",
        },
    ],
    needs: &[],
    run: |t| {
        let done = run_client(t, "missing.txt", &[], |peer| peer.send(b"MISSING\n"))?;
        expect_exactly_one_error_line(t, &done)?;
        let reason = "it leads outside the served directory";
        let done = run_client(t, "secret.txt", &[], |peer| {
            peer.send(format!("REFUSED {reason}\n").as_bytes())
        })?;
        let line = expect_exactly_one_error_line(t, &done)?;
        if !line.trim_end().ends_with(&format!(": {reason}")) {
            return Err(Stop::mismatch(
                msg!("the REFUSED sentence must end with `: ` and the server's reason"; "REFUSED 的那句话必须以 `: ` 加服务器的原因结尾"),
                format!("\"…: {reason}\""),
                show::text(&line),
            ));
        }
        let part = t.random_bytes(1000, 35);
        let done = run_client(t, "big.bin", &[], |peer| send_part(peer, &part))?;
        expect_exactly_one_error_line(t, &done)?;
        expect_nothing_in(t, DOWNLOADS)
    },
};

pub const CLIENT_SURVIVES_A_SERVER_THAT_RESETS: Check = Check {
    name: "client_survives_a_server_that_resets",
    behaviour: "F7",
    section: "§5.3",
    tier: Tier::Real,
    title: Text {
        en: "a server that resets before the header, right after it, or mid-file: one line, exit 1, no file, no panic",
        zh: "服务器在头部之前、刚发完头部或文件中途重置连接：一行说明，以 1 退出，不留文件，不 panic",
    },
    hints: &[
        Text {
            en: "Handle the Err of every read (the header's and the file's): delete the temporary file, print one sentence, exit 1.",
            zh: "处理每次读取（头部的和文件的）返回的 Err：删除临时文件，输出一句话，以 1 退出。",
        },
        Text {
            en: "A reset (ECONNRESET) is not the end of the stream: read returns an error, and unwrap() or expect() on it is a panic (exit 101).",
            zh: "重置（ECONNRESET）不是数据流的结束：read 会返回错误，对它调用 unwrap() 或 expect() 就会 panic（退出码 101）。",
        },
    ],
    needs: &[],
    run: |t| {
        let part = t.random_bytes(30_000, 36);
        let with_part = [b"OK 100000\n".as_slice(), &part].concat();
        let answers: [(Msg, &[u8]); 3] = [
            (msg!("nothing"; "什么也不发"), b""),
            (msg!("the header only"; "只发头部"), b"OK 100000\n"),
            (
                msg!("the header and part of the file"; "头部和部分文件"),
                &with_part,
            ),
        ];
        for (what, answer) in answers {
            t.step(msg!("the suite's server sends {} and resets", what.en; "评测服务器发送{}后重置连接", what.zh));
            let done = run_client_ending(
                t,
                "reset.bin",
                &[],
                |peer| {
                    if answer.is_empty() {
                        Ok(())
                    } else {
                        peer.send(answer)
                    }
                },
                PeerEnd::Reset,
            )?;
            expect_exactly_one_error_line(t, &done)?;
            expect_nothing_in(t, DOWNLOADS)?;
        }
        Ok(())
    },
};
