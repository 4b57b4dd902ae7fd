//! The input-edge table: the awkward inputs every program that reads lines
//! or messages must handle as its contract says. Checks apply it through
//! one helper per kind of program, never by copying cases.
//!
//! Each edge is data: the bytes a peer (or a learner at the keyboard)
//! sends, and a name for reports. What a correct program does with it is
//! the exercise's contract, so the check that applies an edge says what
//! it expects; the table only guarantees every program meets the same
//! awkward inputs.

use crate::msg;
use crate::text::Msg;

/// One awkward input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// A line ending in `\r\n` (typed on Windows, sent by `nc -C`, telnet).
    CrLf,
    /// Blanks before and after the text: they are part of the message.
    Blanks,
    /// An empty line or an empty message.
    Empty,
    /// The last line without its `\n` before the input closes.
    NoFinalNewline,
    /// Bytes that are not UTF-8 (a GBK-encoded Chinese word).
    NotUtf8,
    /// A line that only starts with `EXIT` (it does not end anything).
    ExitPrefixed,
    /// `EXIT` with blanks around it (still not the exact word).
    ExitWithBlanks,
    /// `exit` in lower case (not the word: a command is exact).
    ExitLowercase,
    /// `EXIT\r\n`: the exact word for a contract that drops the line
    /// ending (`\n` or `\r\n`), a line of five bytes for one that keeps
    /// the `\r`. Not in [`Edge::ALL`]: each check says which it is.
    ExitCrLf,
}

impl Edge {
    /// Every edge, in the order reports list them.
    pub const ALL: &'static [Edge] = &[
        Edge::CrLf,
        Edge::Blanks,
        Edge::Empty,
        Edge::NoFinalNewline,
        Edge::NotUtf8,
        Edge::ExitPrefixed,
        Edge::ExitWithBlanks,
        Edge::ExitLowercase,
    ];

    /// Lines that look like the command `EXIT` to a program that compares
    /// loosely, for contracts where only the four letters before the `\n`
    /// are the command (a `\r` is part of the line there).
    pub const EXIT_LOOKALIKES: &'static [Edge] = &[
        Edge::ExitPrefixed,
        Edge::ExitWithBlanks,
        Edge::ExitLowercase,
        Edge::ExitCrLf,
    ];

    /// The text of the edge (before any line ending), as bytes.
    pub fn text(self) -> &'static [u8] {
        match self {
            Edge::CrLf => b"carriage return",
            Edge::Blanks => b"  blanks around  ",
            Edge::Empty => b"",
            Edge::NoFinalNewline => b"no newline at the end",
            // 你好 in GBK: valid Chinese text in an encoding that is not UTF-8.
            Edge::NotUtf8 => b"\xc4\xe3\xba\xc3",
            Edge::ExitPrefixed => b"EXITING",
            Edge::ExitWithBlanks => b" EXIT ",
            Edge::ExitLowercase => b"exit",
            Edge::ExitCrLf => b"EXIT",
        }
    }

    /// The bytes of the edge as one line of a stream: the text and its
    /// line ending (`\r\n`, `\n`, or none at all).
    pub fn line(self) -> Vec<u8> {
        let mut line = self.text().to_vec();
        match self {
            Edge::CrLf | Edge::ExitCrLf => line.extend_from_slice(b"\r\n"),
            Edge::NoFinalNewline => {}
            _ => line.push(b'\n'),
        }
        line
    }

    /// The text a program shows for this input once it has dropped only
    /// the final `\n` (a `\r` before it is part of the message): the exact
    /// text for UTF-8, the lossy form otherwise.
    pub fn shown(self) -> String {
        let mut shown = self.text_lossy();
        if matches!(self, Edge::CrLf | Edge::ExitCrLf) {
            shown.push('\r');
        }
        shown
    }

    /// The text alone, without any line ending, decoded lossily (a file
    /// name asked for with `\r\n`, where the contract tolerates the `\r`).
    pub fn text_lossy(self) -> String {
        String::from_utf8_lossy(self.text()).into_owned()
    }

    /// A name for steps and reports.
    pub fn name(self) -> Msg {
        match self {
            Edge::CrLf => msg!("a line ending in \\r\\n"; "以 \\r\\n 结尾的一行"),
            Edge::Blanks => msg!("text with blanks around it"; "前后带空格的文本"),
            Edge::Empty => msg!("an empty message"; "空消息"),
            Edge::NoFinalNewline => {
                msg!("a last line without its \\n"; "最后一行没有 \\n")
            }
            Edge::NotUtf8 => msg!("bytes that are not UTF-8 (GBK)"; "不是 UTF-8 的字节（GBK）"),
            Edge::ExitPrefixed => {
                msg!("a line that only starts with EXIT"; "仅以 EXIT 开头的一行")
            }
            Edge::ExitWithBlanks => msg!("EXIT with blanks around it"; "前后带空格的 EXIT"),
            Edge::ExitLowercase => msg!("exit in lower case"; "小写的 exit"),
            Edge::ExitCrLf => msg!("EXIT ending in \\r\\n"; "以 \\r\\n 结尾的 EXIT"),
        }
    }
}
