//! The `concise` format: one `path:line:col: CODE message` line per finding, for editors, `grep`
//! and problem matchers.
//!
//! JSONL findings carry their record and field between the position and the code:
//! `data.jsonl:3:15 [record 3 field body]: A101 message`. Line breaks inside a message are written
//! as the two characters `\n` (or `\r`), so every finding stays on exactly one line.

use super::Located;
use std::fmt::Write;

/// One line per finding, in the order given (the caller sorts with
/// [`sort_located`](super::sort_located)).
pub fn render_concise(all: &[Located]) -> String {
    let mut out = String::new();
    for l in all {
        let _ = write!(out, "{}:{}:{}", l.path, l.line, l.column);
        if let Some(record) = l.record {
            let _ = write!(out, " [record {record}");
            if let Some(field) = &l.field {
                out.push_str(" field ");
                push_one_line(&mut out, field);
            }
            out.push(']');
        }
        let _ = write!(out, ": {} ", l.code);
        push_one_line(&mut out, &l.message);
        out.push('\n');
    }
    out
}

/// Appends `s` with its line breaks written as `\n` / `\r`.
fn push_one_line(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// Hand-built findings shared by the unit tests of the report formats.
#[cfg(test)]
pub(super) mod fixtures {
    use super::Located;

    fn base(path: &str, code: &str, name: &str, family: &str, severity: &str) -> Located {
        Located {
            path: path.to_string(),
            record: None,
            field: None,
            code: code.to_string(),
            name: name.to_string(),
            family: family.to_string(),
            severity: severity.to_string(),
            message: String::new(),
            start: 0,
            end: 0,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            offset: 0,
            end_offset: 0,
            text: String::new(),
            help: None,
            fix: None,
            id: None,
            fingerprint: "0123456789abcdef".to_string(),
            file_fix: None,
            context: None,
        }
    }

    /// Four findings: a plain-file error, a JSONL warning on non-ASCII text, a warning whose message
    /// holds every character some format must escape, and an info finding.
    pub fn samples() -> Vec<Located> {
        let mut plain = base(
            "corpus/a.txt",
            "E101",
            "undecodable-bytes",
            "encoding",
            "error",
        );
        plain.message = "Bytes that are not valid UTF-8".into();
        plain.start = 10;
        plain.end = 15;
        plain.line = 2;
        plain.column = 4;
        plain.end_line = 2;
        plain.end_column = 6;
        plain.offset = 10;
        plain.end_offset = 13;
        plain.text = "\u{FFFD}ab".into();
        plain.fingerprint = "aaaaaaaaaaaaaaaa".into();

        let mut jsonl = base(
            "corpus/b.jsonl",
            "A101",
            "glued-toggle-label",
            "artifact",
            "warning",
        );
        jsonl.record = Some(3);
        jsonl.field = Some("body".into());
        jsonl.id = Some("art-3".into());
        jsonl.message = "Glued label «Zürich» before the text".into();
        jsonl.start = 7;
        jsonl.end = 14;
        jsonl.line = 3;
        jsonl.column = 20;
        jsonl.end_line = 3;
        jsonl.end_column = 25;
        jsonl.offset = 140;
        jsonl.end_offset = 147;
        jsonl.text = "Zürich".into();
        jsonl.fingerprint = "bbbbbbbbbbbbbbbb".into();

        let mut nasty = base(
            "corpus/a.txt",
            "A101",
            "glued-toggle-label",
            "artifact",
            "warning",
        );
        nasty.message = "100% sure: a, b\nnext\r\nline <&> \"q\" 'a'".into();
        nasty.start = 30;
        nasty.end = 40;
        nasty.line = 4;
        nasty.column = 1;
        nasty.end_line = 5;
        nasty.end_column = 3;
        nasty.offset = 30;
        nasty.end_offset = 40;
        nasty.text = "<b>&amp;\n".into();
        nasty.fingerprint = "cccccccccccccccc".into();

        let mut info = base(
            "corpus/c.txt",
            "E102",
            "legacy-encoding",
            "encoding",
            "info",
        );
        info.message = "Decoded as windows-1252".into();
        info.end = 1;
        info.end_offset = 1;
        info.text = "É".into();
        info.fingerprint = "dddddddddddddddd".into();

        vec![plain, jsonl, nasty, info]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_finding() {
        let out = render_concise(&fixtures::samples());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "corpus/a.txt:2:4: E101 Bytes that are not valid UTF-8",
                "corpus/b.jsonl:3:20 [record 3 field body]: A101 Glued label «Zürich» before the text",
                "corpus/a.txt:4:1: A101 100% sure: a, b\\nnext\\r\\nline <&> \"q\" 'a'",
                "corpus/c.txt:1:1: E102 Decoded as windows-1252",
            ]
        );
        assert!(out.ends_with('\n'));
        assert_eq!(render_concise(&[]), "");
    }

    #[test]
    fn record_without_field() {
        let mut l = fixtures::samples().swap_remove(1);
        l.field = None;
        assert_eq!(
            render_concise(&[l]),
            "corpus/b.jsonl:3:20 [record 3]: A101 Glued label «Zürich» before the text\n"
        );
    }
}
