//! The `github` format: GitHub Actions workflow commands, which the runner turns into annotations
//! on the pull request's diff.
//!
//! ```text
//! ::warning file=corpus/a.txt,line=4,col=1,endLine=4,endColumn=6,title=A101 glued-toggle-label::message
//! ```
//!
//! `endColumn` is exclusive (one past the last flagged character, as in SARIF and ruff's output),
//! and `col`/`endColumn` are left out for spans over several lines, which GitHub does not support.
//! GitHub shows only a limited number of annotations per step, so at most `cap` findings are
//! written, followed by a notice saying how many were left out.

use super::Located;
use std::fmt::Write;

/// `error`/`warning`/`info` to the `error`/`warning`/`notice` commands.
fn command(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "info" => "notice",
        _ => "warning",
    }
}

/// Escapes a command's message (its data): `%`, `\r`, `\n`.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as data, plus `:` and `,` (the data escapes contain neither).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per finding, at most `cap` of them, then a notice with the number left
/// out (only when some were). Paths are written as given, minus a leading `./`: run the check
/// from the repository root so they are repository-relative.
pub fn render_github(all: &[Located], cap: usize) -> String {
    let mut out = String::new();
    for l in all.iter().take(cap) {
        let path = l.path.strip_prefix("./").unwrap_or(&l.path);
        let _ = write!(
            out,
            "::{} file={},line={}",
            command(&l.severity),
            escape_property(path),
            l.line
        );
        if l.end_line == l.line {
            let end_column = if l.end <= l.start {
                l.column
            } else {
                l.end_column + 1
            };
            let _ = write!(out, ",col={},endLine={}", l.column, l.end_line);
            let _ = write!(out, ",endColumn={end_column}");
        } else {
            let _ = write!(out, ",endLine={}", l.end_line);
        }
        let title = format!("{} {}", l.code, l.name);
        let _ = writeln!(
            out,
            ",title={}::{}",
            escape_property(&title),
            escape_data(&l.message)
        );
    }
    let left_out = all.len().saturating_sub(cap);
    if left_out > 0 {
        let _ = writeln!(
            out,
            "::notice::newslint: {left_out} more findings not shown (see the full report)"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::concise::fixtures;
    use super::*;

    #[test]
    fn commands_and_escaping() {
        let mut all = fixtures::samples();
        all[1].path = "./corpus/b,1:2.jsonl".into();
        let out = render_github(&all, 10);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "::error file=corpus/a.txt,line=2,col=4,endLine=2,endColumn=7,title=E101 undecodable-bytes::Bytes that are not valid UTF-8",
                "::warning file=corpus/b%2C1%3A2.jsonl,line=3,col=20,endLine=3,endColumn=26,title=A101 glued-toggle-label::Glued label «Zürich» before the text",
                "::warning file=corpus/a.txt,line=4,endLine=5,title=A101 glued-toggle-label::100%25 sure: a, b%0Anext%0D%0Aline <&> \"q\" 'a'",
                "::notice file=corpus/c.txt,line=1,col=1,endLine=1,endColumn=2,title=E102 legacy-encoding::Decoded as windows-1252",
            ]
        );
        // Every command sits on one line: the message's line breaks are escaped.
        assert_eq!(out.matches('\n').count(), 4);
        assert_eq!(escape_property("a%b:c,d\r\n"), "a%25b%3Ac%2Cd%0D%0A");
        assert_eq!(escape_data("a%b:c,d\r\n"), "a%25b:c,d%0D%0A");
    }

    #[test]
    fn cap_and_notice() {
        let all = fixtures::samples();
        let out = render_github(&all, 2);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("::error "));
        assert!(lines[1].starts_with("::warning "));
        assert_eq!(
            lines[2],
            "::notice::newslint: 2 more findings not shown (see the full report)"
        );
        assert!(!render_github(&all, 4).contains("more findings"));
        assert_eq!(
            render_github(&all, 0),
            "::notice::newslint: 4 more findings not shown (see the full report)\n"
        );
        assert_eq!(render_github(&[], 10), "");
    }

    #[test]
    fn empty_span_is_a_point() {
        let mut l = fixtures::samples().swap_remove(0);
        l.end = l.start;
        assert!(render_github(&[l], 1).contains(",col=4,endLine=2,endColumn=4,"));
    }
}
