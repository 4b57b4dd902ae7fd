//! The conversation as a sequence diagram in the terminal: one line per
//! packet, who → who by role and port, flags, bytes and the first of them.

use super::packet::{Decoded, Flags, Proto, resent};
use super::{Wire, findings::Finding};
use crate::show;
use crate::text::{Lang, Text};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// How many lines a diagram may have before it is folded around what went
/// wrong (its first and last lines and those near each finding stay).
const FOLD_OVER: usize = 48;
const KEEP_ENDS: usize = 12;
const AROUND: usize = 6;
/// How many payload bytes a line shows.
const SHOWN: usize = 24;

const TITLE: Text = Text {
    en: "the packets of this check",
    zh: "本检查产生的数据包",
};
const STOPPED: Text = Text {
    en: "── the check ends here: the grader stops the programs ──",
    zh: "── 检查到此结束：评测程序终止各个程序 ──",
};
const AGAIN: Text = Text {
    en: "↻ sent again",
    zh: "↻ 重传",
};
const RESET: Text = Text {
    en: "✗ reset",
    zh: "✗ 重置",
};
const ZERO: Text = Text {
    en: "window 0",
    zh: "窗口为 0",
};
const FOUND: Text = Text {
    en: "the packets show",
    zh: "从数据包看出",
};

/// A rendered diagram, for the terminal or a README.
pub struct Diagram {
    pub lines: Vec<String>,
}

/// The diagram of `wire` with its findings under it, folded when long.
pub fn render(wire: &Wire, lang: Lang) -> String {
    let mut out = String::new();
    let c = &wire.capture;
    let mut title = match lang {
        Lang::En => format!("{} ({}", TITLE.get(lang), c.len()),
        Lang::Zh => format!("{}（{} 个", TITLE.get(lang), c.len()),
    };
    if c.left_out > 0 {
        let _ = match lang {
            Lang::En => write!(title, ", {} more in the middle not kept", c.left_out),
            Lang::Zh => write!(title, "，中间另有 {} 个未保留", c.left_out),
        };
    }
    if c.missed > 0 {
        let _ = match lang {
            Lang::En => write!(title, ", {} missed by the capture", c.missed),
            Lang::Zh => write!(title, "，抓包漏掉了 {} 个", c.missed),
        };
    }
    let colon = match lang {
        Lang::En => "):",
        Lang::Zh => "）：",
    };
    let _ = writeln!(out, "{title}{colon}");
    for line in diagram(wire, lang, true).lines {
        let _ = writeln!(out, "  {line}");
    }
    write_findings(&mut out, &wire.findings, lang);
    out
}

/// The findings alone, one per line, under a label.
pub fn write_findings(out: &mut String, findings: &[Finding], lang: Lang) {
    if findings.is_empty() {
        return;
    }
    let colon = if lang == Lang::Zh { "：" } else { ":" };
    let _ = writeln!(out, "{}{colon}", FOUND.get(lang));
    for f in findings {
        let _ = writeln!(out, "  [{}] {}", f.id, f.text.get(lang));
    }
}

/// One line per packet; with `fold`, a long conversation keeps its ends
/// and the lines around each finding.
pub fn diagram(wire: &Wire, lang: Lang, fold: bool) -> Diagram {
    let c = &wire.capture;
    let all: Vec<_> = c.packets().collect();
    let decoded: Vec<Option<Decoded>> = all.iter().map(|p| p.decode()).collect();
    let known: Vec<Decoded> = decoded.iter().flatten().cloned().collect();
    let mut again_of = resent(&known).into_iter();
    let again: Vec<bool> = decoded
        .iter()
        .map(|d| d.is_some() && again_of.next().unwrap_or(false))
        .collect();
    let label = |d: &Decoded, from: bool| {
        let addr = if from { d.from } else { d.to };
        wire.roles.label(addr).get(lang).to_string()
    };
    let width = decoded
        .iter()
        .flatten()
        .flat_map(|d| [label(d, true), label(d, false)])
        .map(|l| l.width())
        .max()
        .unwrap_or(0);
    let pad = |s: String| {
        let fill = width.saturating_sub(s.width());
        format!("{s}{}", " ".repeat(fill))
    };
    let mut rows: Vec<(usize, String)> = Vec::new();
    let mut stop_row = None;
    for (i, packet) in all.iter().enumerate() {
        if stop_row.is_none() && c.stopped_at.is_some_and(|s| packet.at >= s) {
            stop_row = Some(rows.len());
            rows.push((i, format!("{:>9}  {}", "", STOPPED.get(lang))));
        }
        let time = format!("+{:.3}s", packet.at.as_secs_f64());
        let Some(d) = &decoded[i] else {
            rows.push((i, format!("{time:>9}  ({} B)", packet.len)));
            continue;
        };
        let mut what = match d.proto {
            Proto::Tcp { .. } => d.flags().name(),
            Proto::Udp => "UDP".to_string(),
        };
        if d.len > 0 || !d.is_tcp() {
            let _ = write!(what, " {} B", d.len);
        }
        if d.len > 0 {
            let _ = write!(what, " {}", excerpt(d));
        }
        let mut marks = Vec::new();
        if again[i] {
            marks.push(AGAIN.get(lang).to_string());
        }
        if d.flags().has(Flags::RST) {
            marks.push(RESET.get(lang).to_string());
        }
        if let Proto::Tcp {
            window: 0, flags, ..
        } = d.proto
            && !flags.has(Flags::RST)
        {
            marks.push(ZERO.get(lang).to_string());
        }
        for f in wire.findings.iter().filter(|f| f.at == i) {
            marks.push(format!("◀ {}", f.id));
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!("   {}", marks.join(" "))
        };
        rows.push((
            i,
            format!(
                "{time:>9}  {} → {}  {what}{marks}",
                pad(label(d, true)),
                pad(label(d, false))
            ),
        ));
    }
    if stop_row.is_none() && c.stopped_at.is_some() {
        rows.push((all.len(), format!("{:>9}  {}", "", STOPPED.get(lang))));
    }
    if !fold || rows.len() <= FOLD_OVER {
        return Diagram {
            lines: rows.into_iter().map(|(_, l)| l).collect(),
        };
    }
    let n = rows.len();
    let near = |r: usize| {
        r < KEEP_ENDS
            || r + KEEP_ENDS >= n
            || stop_row == Some(r)
            || wire
                .findings
                .iter()
                .any(|f| rows[r].0.abs_diff(f.at) <= AROUND)
    };
    let mut lines = Vec::new();
    let mut folded = 0;
    for (r, (_, line)) in rows.iter().enumerate() {
        if near(r) {
            if folded > 0 {
                lines.push(fold_line(folded, lang));
                folded = 0;
            }
            lines.push(line.clone());
        } else {
            folded += 1;
        }
    }
    if folded > 0 {
        lines.push(fold_line(folded, lang));
    }
    Diagram { lines }
}

fn fold_line(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{:>9}  ⋮ {n} more packets", ""),
        Lang::Zh => format!("{:>9}  ⋮ 另有 {n} 个数据包", ""),
    }
}

/// The first bytes of a payload, cut at a character, `…` when there is more.
fn excerpt(d: &Decoded) -> String {
    let mut cut = d.excerpt.len().min(SHOWN);
    // Do not split a UTF-8 character: back off to its first byte.
    while cut < d.excerpt.len() && cut > 0 && d.excerpt[cut] & 0xC0 == 0x80 {
        cut -= 1;
    }
    let mut shown = show::bytes(&d.excerpt[..cut]);
    if cut < d.len {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg;
    use crate::wire::{Capture, Packet, Roles, Side, Who};
    use std::net::SocketAddr;
    use std::time::Duration;

    fn wire(packets: Vec<Packet>) -> Wire {
        let addr = |p: u16| SocketAddr::from(([127, 0, 0, 1], p));
        let roles = Roles {
            known: vec![
                (
                    addr(5000),
                    Who {
                        side: Side::Suite,
                        name: msg!("the client"; "客户端"),
                    },
                ),
                (
                    addr(4000),
                    Who {
                        side: Side::Program,
                        name: msg!("the server"; "服务器"),
                    },
                ),
            ],
            programs: vec![msg!("the server"; "服务器")],
        };
        let capture = Capture {
            head: packets,
            stopped_at: Some(Duration::from_secs(9)),
            ..Capture::default()
        };
        let findings = crate::wire::findings(&capture, &roles);
        Wire {
            capture,
            roles,
            findings,
        }
    }

    fn at(ms: u64) -> Duration {
        Duration::from_millis(ms)
    }

    #[test]
    fn a_line_names_roles_ports_flags_bytes_and_the_first_of_them() {
        let (c, s) = (
            SocketAddr::from(([127, 0, 0, 1], 5000)),
            SocketAddr::from(([127, 0, 0, 1], 4000)),
        );
        let w = wire(vec![
            Packet::tcp(at(1), c, s, Flags::SYN, 1, 512, b""),
            Packet::tcp(at(2), s, c, Flags::SYN | Flags::ACK, 9, 512, b""),
            Packet::tcp(
                at(3),
                c,
                s,
                Flags::PSH | Flags::ACK,
                2,
                0,
                "你好，世界，这是一条很长很长的消息\n".as_bytes(),
            ),
            Packet::tcp(at(4), s, c, Flags::RST | Flags::ACK, 10, 0, b""),
            Packet::udp(at(5), c, s, &[7; 1500]),
        ]);
        let lines = diagram(&w, Lang::En, true).lines;
        assert_eq!(
            lines[0],
            "  +0.001s  the suite :5000  → the server :4000  SYN"
        );
        assert_eq!(
            lines[1],
            "  +0.002s  the server :4000 → the suite :5000   SYN+ACK"
        );
        assert!(
            lines[2].contains("PSH 52 B \"你好，世界，这是\"…   window 0"),
            "{}",
            lines[2]
        );
        assert!(
            lines[3].ends_with("RST   ✗ reset ◀ reset-not-closed"),
            "{}",
            lines[3]
        );
        assert!(lines[4].contains("UDP 1500 B"), "{}", lines[4]);
        let zh = diagram(&w, Lang::Zh, true).lines;
        assert!(zh[0].contains("评测程序 :5000 → 服务器 :4000"), "{}", zh[0]);
    }

    #[test]
    fn a_long_conversation_is_folded_around_what_went_wrong() {
        let (c, s) = (
            SocketAddr::from(([127, 0, 0, 1], 5000)),
            SocketAddr::from(([127, 0, 0, 1], 4000)),
        );
        let mut packets = vec![
            Packet::tcp(at(0), c, s, Flags::SYN, 1, 512, b""),
            Packet::tcp(at(0), s, c, Flags::SYN | Flags::ACK, 9, 512, b""),
        ];
        for i in 0..100u32 {
            packets.push(Packet::tcp(
                at(1),
                c,
                s,
                Flags::PSH | Flags::ACK,
                2 + i,
                512,
                b"x",
            ));
        }
        packets.push(Packet::tcp(
            at(2),
            s,
            c,
            Flags::RST | Flags::ACK,
            10,
            0,
            b"",
        ));
        for i in 0..100u32 {
            packets.push(Packet::tcp(
                at(3),
                c,
                s,
                Flags::PSH | Flags::ACK,
                102 + i,
                512,
                b"y",
            ));
        }
        let lines = diagram(&wire(packets), Lang::En, true).lines;
        assert!(lines.len() < 50, "{} lines", lines.len());
        assert!(lines.iter().any(|l| l.contains("◀ reset-not-closed")));
        assert!(
            lines
                .iter()
                .any(|l| l.contains("⋮ ") && l.contains("more packets"))
        );
        assert!(lines.last().unwrap().contains("the check ends here"));
    }
}
