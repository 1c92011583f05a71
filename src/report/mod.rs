//! Placing diagnostics in files ([`Located`]) and rendering them (pretty miette reports, JSON).

mod pretty;

pub use pretty::{PrettyOptions, render_pretty};

use crate::engine::Registry;
use crate::rule::{Diagnostic, Fix};
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
}

/// Where a decoded document sits in its file, for turning spans into lines, columns and offsets.
pub struct Placement<'a> {
    pub path: &'a str,
    pub source: &'a SourceText,
    pub lines: &'a LineIndex,
}

impl Placement<'_> {
    pub fn locate(&self, registry: &Registry, d: &Diagnostic) -> Located {
        let text = self.source.text();
        let meta = registry.meta(d.rule);
        let a = self.lines.line_col(text, d.span.start);
        // The end position is that of the last flagged character (inclusive), so a one-line span
        // reads `line:column-end_column` exactly as an editor highlights it.
        let last = text[..d.span.end]
            .char_indices()
            .next_back()
            .map_or(d.span.start, |(i, _)| i.max(d.span.start));
        let b = self.lines.line_col(text, last);
        Located {
            path: self.path.to_string(),
            record: None,
            field: None,
            code: meta.code.to_string(),
            name: meta.name.to_string(),
            family: meta.family.as_str().to_string(),
            severity: d.severity.as_str().to_string(),
            message: d.message.clone(),
            start: d.span.start,
            end: d.span.end,
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
            offset: self.source.original_offset(d.span.start),
            end_offset: self.source.original_offset(d.span.end),
            text: d.span.slice(text).to_string(),
            help: d.help.clone(),
            fix: d.fix.clone(),
        }
    }
}

/// Deterministic output order: path, then position, then code.
pub fn sort_located(v: &mut [Located]) {
    v.sort_by(|a, b| {
        (&a.path, a.record, &a.field, a.start, a.end, &a.code)
            .cmp(&(&b.path, b.record, &b.field, b.start, b.end, &b.code))
    });
}
