//! Bytes shown so a person can read them: valid UTF-8 as text, everything
//! else escaped, and long data cut with its full length said.

/// How many characters of data a report shows before cutting.
pub const SHOWN_CHARS: usize = 160;

/// `"你好\n"` for text, `"a\xff"` for bytes that are not UTF-8; cut to
/// [`SHOWN_CHARS`] with the total length appended. Data that is mostly
/// not text (random bytes, a binary file) is shown as a short hex excerpt
/// instead: a wall of `\xNN` helps no one.
pub fn bytes(data: &[u8]) -> String {
    if is_binary(data) {
        return hex(data, 0);
    }
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

/// How many bytes a hex excerpt shows.
const HEX_BYTES: usize = 16;

/// Whether `data` is mostly not text: over a quarter of its first bytes
/// are not UTF-8 or are control characters other than line endings.
fn is_binary(data: &[u8]) -> bool {
    let head = &data[..data.len().min(256)];
    let odd = head
        .utf8_chunks()
        .map(|chunk| {
            chunk.invalid().len()
                + chunk
                    .valid()
                    .chars()
                    .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                    .count()
        })
        .sum::<usize>();
    head.len() >= 8 && odd * 4 > head.len()
}

/// `@1024: 3f a0 … |?.…|`: up to 16 bytes from `offset` in hex, with
/// their printable ASCII beside them, and the total length.
pub fn hex(data: &[u8], offset: usize) -> String {
    let end = data.len().min(offset + HEX_BYTES);
    let window = &data[offset.min(end)..end];
    let hex: Vec<String> = window.iter().map(|b| format!("{b:02x}")).collect();
    let ascii: String = window
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                b as char
            } else {
                '.'
            }
        })
        .collect();
    let more = if end < data.len() { " …" } else { "" };
    format!(
        "@{offset}: {}{more} |{ascii}| ({} bytes in all)",
        hex.join(" "),
        data.len()
    )
}

/// Where `seen` first differs from `expected`, as (offset, expected
/// excerpt, seen excerpt) around that byte; `None` when they are equal.
pub fn difference(expected: &[u8], seen: &[u8]) -> Option<(usize, String, String)> {
    let at = expected
        .iter()
        .zip(seen)
        .position(|(a, b)| a != b)
        .or_else(|| (expected.len() != seen.len()).then(|| expected.len().min(seen.len())))?;
    let from = at.saturating_sub(4);
    let excerpt = |data: &[u8]| {
        if is_binary(data) || is_binary(&data[from.min(data.len())..]) {
            hex(data, from)
        } else {
            let start = data[..from.min(data.len())]
                .utf8_chunks()
                .map(|c| c.valid().len() + c.invalid().len())
                .sum::<usize>();
            format!(
                "@{from}: {}",
                bytes(&data[start..data.len().min(start + 48)])
            )
        }
    };
    Some((at, excerpt(expected), excerpt(seen)))
}

fn push_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '"' => out.push_str("\\\""),
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
    fn a_backslash_is_shown_as_it_is() {
        // A program that prints `line one\nline two` (the two characters)
        // is shown with one backslash, never two.
        assert_eq!(text("line one\\nline two"), "\"line one\\nline two\"");
    }

    #[test]
    fn binary_data_is_a_hex_excerpt() {
        let data: Vec<u8> = (0..=255u8).rev().collect();
        let shown = bytes(&data);
        assert!(shown.starts_with("@0: ff fe fd"), "{shown}");
        assert!(shown.ends_with("(256 bytes in all)"), "{shown}");
        assert!(shown.len() < 100, "{shown}");
    }

    #[test]
    fn a_difference_is_found_with_its_offset() {
        let (at, expected, seen) = difference(b"hello world", b"hello w0rld").unwrap();
        assert_eq!(at, 7);
        assert!(
            expected.contains("world") && seen.contains("w0rld"),
            "{expected} {seen}"
        );
        assert_eq!(difference(b"same", b"same"), None);
        assert_eq!(difference(b"short", b"shorter").map(|d| d.0), Some(5));
    }

    #[test]
    fn long_data_is_cut_with_its_length() {
        let shown = bytes(&[b'x'; 1000]);
        assert!(shown.ends_with("\"… (1000 bytes in all)"), "{shown}");
        assert_eq!(shown.matches('x').count(), SHOWN_CHARS);
    }
}
