//! Bytes shown so a person can read them: valid UTF-8 as text, everything
//! else escaped, and long data cut with its full length said.

/// How many characters of data a report shows before cutting.
pub const SHOWN_CHARS: usize = 160;

/// `"你好\n"` for text, `"a\xff"` for bytes that are not UTF-8; cut to
/// [`SHOWN_CHARS`] with the total length appended.
pub fn bytes(data: &[u8]) -> String {
    let mut out = String::from("\"");
    let mut shown = 0;
    for chunk in data.utf8_chunks() {
        for c in chunk.valid().chars() {
            if shown == SHOWN_CHARS {
                return cut(out, data.len());
            }
            push_char(&mut out, c);
            shown += 1;
        }
        for b in chunk.invalid() {
            if shown == SHOWN_CHARS {
                return cut(out, data.len());
            }
            out.push_str(&format!("\\x{b:02x}"));
            shown += 1;
        }
    }
    out.push('"');
    out
}

/// The same for a `&str`.
pub fn text(s: &str) -> String {
    bytes(s.as_bytes())
}

fn push_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

fn cut(mut out: String, total: usize) -> String {
    out.push_str(&format!("\"… ({total} bytes in all)"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_quoted_and_escaped() {
        assert_eq!(bytes("数据已收到\n".as_bytes()), "\"数据已收到\\n\"");
        assert_eq!(bytes(b"a\xffb\0"), "\"a\\xffb\\u{0}\"");
    }

    #[test]
    fn long_data_is_cut_with_its_length() {
        let shown = bytes(&[b'x'; 1000]);
        assert!(shown.ends_with("\"… (1000 bytes in all)"), "{shown}");
        assert_eq!(shown.matches('x').count(), SHOWN_CHARS);
    }
}
