//! Placing diagnostics in files ([`Located`]) and rendering them (pretty miette reports, JSON).

mod concise;
mod github;
mod grouped;
mod html;
mod json;
mod jsonl;
mod junit;
mod pretty;
mod problem;
mod sarif;
mod stats;

pub use concise::render_concise;
pub use github::render_github;
pub use grouped::{Group, render_group_concise, render_group_pretty};
pub use html::{Context, HtmlReport, RunFacts, escape as html_escape};
pub use json::{json_item, render_json};
pub use jsonl::render_jsonl;
pub use junit::render_junit;
pub use pretty::{PrettyOptions, render_pretty, render_short, render_short_at};
pub use problem::InputProblem;
pub use sarif::{OMITTED_KEY, SarifLog, most_severe, render_sarif};
pub use stats::{render_statistics, render_statistics_json};

use crate::engine::Registry;
use crate::rule::{Applicability, Diagnostic, Fix};
use crate::source::{LineIndex, SourceText};
use serde::Serialize;

/// A diagnostic placed in its file: the stable JSON contract of `--format json`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Located {
    /// The file, as given on the command line or found by walking.
    pub path: String,
    /// JSONL record number (1-based line of the file), `null` for plain files.
    pub record: Option<u64>,
    /// JSONL field the text came from, `null` for plain files.
    pub field: Option<String>,
    pub code: String,
    pub name: String,
    pub family: String,
    pub severity: String,
    pub message: String,
    /// Byte offsets into the decoded document text.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (Unicode scalar values) in the file of the first flagged character;
    /// `end_line` and `end_column` are those of the last flagged character (inclusive).
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Byte offsets into the original file's bytes.
    pub offset: usize,
    pub end_offset: usize,
    /// The exact flagged text.
    pub text: String,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// JSONL record id (the `--id-field` value), `null` for plain files or when none is set.
    pub id: Option<String>,
    /// Stable hash of the code, the flagged text and the text around it on its line: survives
    /// edits elsewhere in the file (baseline key, SARIF `partialFingerprints`).
    pub fingerprint: String,
    /// A safe fix as replacements of the file itself (SARIF `fixes`), when it can be written
    /// exactly: see [`file_edits`]. Not part of the JSON contract (`fix` is).
    #[serde(skip)]
    pub file_fix: Option<Vec<FileEdit>>,
    /// The text around the span, kept for `newslint report` only. Not part of the JSON contract.
    #[serde(skip)]
    pub context: Option<Box<Context>>,
}

/// A place in a file: 1-based line and column (Unicode scalar values) and the original byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilePoint {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// One replacement a fix makes in its file: the region from `start` to `end` (exclusive) is
/// deleted and `inserted` written there, as the file holds text (in the file's line-break style;
/// inside a JSONL record, JSON-escaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEdit {
    pub start: FilePoint,
    pub end: FilePoint,
    pub inserted: String,
}

/// The replacements of its file that applying `fix`, found in the document `text`, makes: only
/// for a safe fix (what `--fix` applies) and only when every replacement can be written exactly.
/// `at` places a decoded-text offset in the file; `write` turns a replacement (line breaks already
/// in the document's style, as `--fix` writes them) into the file's text, or `None` when it
/// cannot be written exactly. Regions are those of the file before the fix.
pub fn file_edits(
    fix: &Fix,
    text: &str,
    at: impl Fn(usize) -> FilePoint,
    write: impl Fn(&str) -> Option<String>,
) -> Option<Vec<FileEdit>> {
    if fix.applicability != Applicability::Safe || fix.edits.is_empty() {
        return None;
    }
    let newline = if fix.edits.iter().any(|e| e.replacement.contains('\n')) {
        crate::fix::dominant_line_ending(text)
    } else {
        "\n"
    };
    fix.edits
        .iter()
        .map(|e| {
            Some(FileEdit {
                start: at(e.span.start),
                end: at(e.span.end),
                inserted: write(&crate::fix::with_line_ending(&e.replacement, newline))?,
            })
        })
        .collect()
}

/// How a replacement is written into a plain-text file in `encoding`, for [`file_edits`]: as is
/// in UTF-8; in another encoding only when its bytes there are its UTF-8 bytes (a deletion, or
/// ASCII in an ASCII-compatible encoding), since SARIF's `insertedContent.text` is UTF-8.
pub fn plain_text_in(
    encoding: &'static encoding_rs::Encoding,
    replacement: &str,
) -> Option<String> {
    let same = encoding == encoding_rs::UTF_8
        || crate::fix::encode_in(encoding, replacement).as_deref() == Some(replacement.as_bytes());
    same.then(|| replacement.to_string())
}

/// Where a decoded document sits in its file, for turning spans into lines, columns and offsets.
pub struct Placement<'a> {
    pub path: &'a str,
    pub source: &'a SourceText,
    pub lines: &'a LineIndex,
}

/// Where a finding sits in its file: 1-based lines and columns (start, and last flagged char) and
/// original byte offsets `[start, end)`.
#[derive(Debug, Clone, Copy)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub offset: usize,
    pub end_offset: usize,
}

/// The byte offset of the last character a span covers (its start for an empty span): the end
/// position is that of the last flagged character (inclusive), so a one-line span reads
/// `line:column-end_column` exactly as an editor highlights it.
pub fn last_char_start(text: &str, span: crate::ByteSpan) -> usize {
    text[..span.end]
        .char_indices()
        .next_back()
        .map_or(span.start, |(i, _)| i.max(span.start))
}

impl Located {
    /// A finding of `d` in the document `text`, placed at `at` in file `path`.
    pub fn new(registry: &Registry, path: &str, text: &str, d: &Diagnostic, at: Position) -> Self {
        let meta = registry.meta(d.rule);
        Located {
            path: path.to_string(),
            record: None,
            field: None,
            code: meta.code.to_string(),
            name: meta.name.to_string(),
            family: meta.family.as_str().to_string(),
            severity: d.severity.as_str().to_string(),
            message: d.message.clone(),
            start: d.span.start,
            end: d.span.end,
            line: at.line,
            column: at.column,
            end_line: at.end_line,
            end_column: at.end_column,
            offset: at.offset,
            end_offset: at.end_offset,
            text: d.span.slice(text).to_string(),
            help: d.help.clone(),
            fix: d.fix.clone(),
            id: None,
            fingerprint: fingerprint(&meta.code, text, d.span.start, d.span.end),
            file_fix: None,
            context: None,
        }
    }
}

impl Placement<'_> {
    pub fn locate(&self, registry: &Registry, d: &Diagnostic) -> Located {
        let text = self.source.text();
        let a = self.lines.line_col(text, d.span.start);
        let b = self.lines.line_col(text, last_char_start(text, d.span));
        let at = Position {
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
            offset: self.source.original_offset(d.span.start),
            end_offset: self.source.original_offset(d.span.end),
        };
        let mut located = Located::new(registry, self.path, text, d, at);
        located.file_fix = d.fix.as_ref().and_then(|fix| {
            file_edits(
                fix,
                text,
                |o| {
                    let p = self.lines.line_col(text, o);
                    FilePoint {
                        line: p.line,
                        column: p.column,
                        offset: self.source.original_offset(o),
                    }
                },
                |r| plain_text_in(self.source.encoding(), r),
            )
        });
        located
    }
}

/// Chars of context either side of a finding that go into its fingerprint.
const FINGERPRINT_CONTEXT: usize = 24;

/// FNV-1a, 64 bits: tiny, stable across platforms and releases (std's hasher promises neither).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xFF)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The fingerprint of a finding: its code, its text and up to [`FINGERPRINT_CONTEXT`] chars either
/// side on the same line, whitespace folded. Line numbers and offsets are not part of it.
///
/// The context is read outwards from the span and stops at a line break or after
/// [`FINGERPRINT_CONTEXT`] chars, so the cost does not depend on the line's length: a one-line
/// document with many findings stays linear.
pub fn fingerprint(code: &str, text: &str, start: usize, end: usize) -> String {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let is_break = |c: char| c == '\n' || c == '\r';
    let before_start = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !is_break(c))
        .take(FINGERPRINT_CONTEXT)
        .last()
        .map_or(start, |(i, _)| i);
    let after_end = text[end..]
        .char_indices()
        .take_while(|&(_, c)| !is_break(c))
        .take(FINGERPRINT_CONTEXT)
        .last()
        .map_or(end, |(i, c)| end + i + c.len_utf8());
    format!(
        "{:016x}",
        fnv1a(&[
            code,
            &fold(&text[start..end]),
            &fold(&text[before_start..start]),
            &fold(&text[end..after_end])
        ])
    )
}

/// Deterministic output order: path, then position, then code.
pub fn sort_located(v: &mut [Located]) {
    v.sort_by(|a, b| {
        (&a.path, a.record, &a.field, a.start, a.end, &a.code)
            .cmp(&(&b.path, b.record, &b.field, b.start, b.end, &b.code))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ByteSpan;

    /// Offsets as points on one line, the file two bytes ahead (a BOM, say).
    fn at(o: usize) -> FilePoint {
        FilePoint {
            line: 1,
            column: o + 1,
            offset: o + 2,
        }
    }

    #[test]
    fn file_edits_of_safe_fixes_only_with_the_documents_line_breaks() {
        let text = "One.\r\n\r\n\r\nTwo.\r\n";
        let fix = Fix::replace(Applicability::Safe, "Join", ByteSpan::new(4, 10), "\n\n");
        let edits = file_edits(&fix, text, at, |r| Some(r.to_string())).unwrap();
        assert_eq!(
            edits,
            [FileEdit {
                start: at(4),
                end: at(10),
                inserted: "\r\n\r\n".into(),
            }]
        );
        let unsafe_fix = Fix {
            applicability: Applicability::Unsafe,
            ..fix.clone()
        };
        assert_eq!(file_edits(&unsafe_fix, text, at, |r| Some(r.into())), None);
        // A replacement that cannot be written exactly: no fix at all.
        assert_eq!(file_edits(&fix, text, at, |_| None), None);
    }

    #[test]
    fn plain_text_is_written_as_is_in_utf8_and_only_when_the_same_bytes_elsewhere() {
        let w1252 = encoding_rs::WINDOWS_1252;
        assert_eq!(plain_text_in(encoding_rs::UTF_8, "é").as_deref(), Some("é"));
        assert_eq!(plain_text_in(w1252, "").as_deref(), Some(""));
        assert_eq!(plain_text_in(w1252, " - ").as_deref(), Some(" - "));
        assert_eq!(plain_text_in(w1252, "é"), None);
        assert_eq!(plain_text_in(encoding_rs::UTF_16LE, "a"), None);
        assert_eq!(
            plain_text_in(encoding_rs::UTF_16LE, "").as_deref(),
            Some("")
        );
    }

    #[test]
    fn fingerprints_ignore_position_but_not_context() {
        let a = "Intro.\nShare\nBody.";
        let b = "New first line.\nIntro.\nShare\nBody.";
        let fa = fingerprint("A204", a, 7, 12);
        let fb = fingerprint("A204", b, 23, 28);
        assert_eq!(fa, fb);
        assert_ne!(fa, fingerprint("A203", a, 7, 12));
        let c = "Intro.\nShare now\nBody.";
        assert_ne!(fa, fingerprint("A204", c, 7, 12));
        assert_eq!(fa.len(), 16);
    }

    /// The fingerprint as baselines of earlier releases computed it: the whole line is read. The
    /// bounded reading must give the same value, or every stored baseline would stop matching.
    fn fingerprint_reading_the_whole_line(
        code: &str,
        text: &str,
        start: usize,
        end: usize,
    ) -> String {
        let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line_end = text[end..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| end + i);
        let b = &text[line_start..start];
        let skip = b.chars().count().saturating_sub(FINGERPRINT_CONTEXT);
        let before: String = b.chars().skip(skip).collect();
        let after: String = text[end..line_end]
            .chars()
            .take(FINGERPRINT_CONTEXT)
            .collect();
        format!(
            "{:016x}",
            fnv1a(&[
                code,
                &fold(&text[start..end]),
                &fold(&before),
                &fold(&after)
            ])
        )
    }

    proptest::proptest! {
        #[test]
        fn bounded_fingerprint_equals_reading_the_whole_line(
            text in "[a-c \\t\\n\\ré—]{0,80}",
            a in 0usize..100,
            b in 0usize..100,
        ) {
            let mut cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            cuts.dedup();
            let start = cuts[a % cuts.len()];
            let end = cuts[b % cuts.len()].max(start);
            proptest::prop_assert_eq!(
                fingerprint("A204", &text, start, end),
                fingerprint_reading_the_whole_line("A204", &text, start, end)
            );
        }
    }
}
