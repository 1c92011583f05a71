//! The `pretty` format: miette's graphical report, with the flagged span labelled.
//!
//! Sources are served through the document's [`LineIndex`], so drawing a label costs a binary search,
//! not a scan from the file's start. When the lines to draw are too long to be readable (one-article-
//! per-line files), a short form with a trimmed excerpt is printed instead.

use super::Located;
use crate::rule::Severity;
use crate::source::LineIndex;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// Lines longer than this (in bytes) are shown as a trimmed excerpt.
const LONG_LINE: usize = 400;
/// Chars of context either side of the span in the short form.
const EXCERPT: usize = 60;

#[derive(Debug, Clone, Copy)]
pub struct PrettyOptions {
    pub color: bool,
    pub width: usize,
}

impl PrettyOptions {
    /// miette's graphical handler with these options (shared by the grouped form).
    pub(super) fn handler(self) -> GraphicalReportHandler {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme)
            .with_width(self.width)
            .with_links(false)
    }
}

struct IndexedSource<'a> {
    name: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
}

impl SourceCode for IndexedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.lines.line_of(start).saturating_sub(before);
        let last_span_line = self
            .lines
            .line_of(if !span.is_empty() { end - 1 } else { end });
        let last = (last_span_line + after).min(self.lines.line_count() - 1);
        let data_start = self.lines.line_start(first);
        let mut data_end = self.lines.line_end_with_terminator(last);
        let bytes = self.text.as_bytes();
        while data_end > data_start && matches!(bytes[data_end - 1], b'\n' | b'\r') {
            data_end -= 1;
        }
        let data_end = data_end.max(end);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            &bytes[data_start..data_end],
            (data_start, data_end - data_start).into(),
            first,
            0,
            last + 1,
        )))
    }
}

struct Report<'a> {
    d: &'a Located,
    source: IndexedSource<'a>,
    help: String,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("{} {}", self.d.code, self.d.name)))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity.as_str() {
            "error" => miette::Severity::Error,
            "warning" => miette::Severity::Warning,
            _ => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.help))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = match &self.d.fix {
            Some(f) => format!("{} ({})", f.title, f.applicability.as_str()),
            None => "here".to_string(),
        };
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(
                Some(label),
                (self.d.start, self.d.end - self.d.start),
            ),
        )))
    }
}

fn help_text(d: &Located) -> String {
    let mut h = d.help.clone().unwrap_or_default();
    if !h.is_empty() {
        h.push('\n');
    }
    h.push_str(&format!("docs: `newslint rule {}`", d.code));
    h
}

/// Render one file's diagnostics. `text` and `lines` are the decoded document they point into.
pub fn render_pretty(
    out: &mut String,
    diags: &[Located],
    text: &str,
    lines: &LineIndex,
    opts: PrettyOptions,
) {
    let handler = opts.handler();
    for d in diags {
        let first = lines.line_of(d.start);
        let last = lines.line_of(d.end.saturating_sub(1).max(d.start));
        let widest = (first.saturating_sub(1)..=(last + 1).min(lines.line_count() - 1))
            .map(|l| lines.line_end_with_terminator(l) - lines.line_start(l))
            .max()
            .unwrap_or(0);
        let name = d.path.clone();
        if widest > LONG_LINE {
            short_form(out, d, text);
            continue;
        }
        let report = Report {
            d,
            source: IndexedSource {
                name: &name,
                text,
                lines,
            },
            help: help_text(d),
        };
        if handler.render_report(out, &report).is_err() {
            short_form(out, d, text);
        }
        out.push('\n');
    }
}

/// Render diagnostics of a document that is not its file's text (a JSONL field) in the short form:
/// the header gives the position in the file, the excerpt comes from the decoded field text.
pub fn render_short(out: &mut String, diags: &[Located], text: &str) {
    render_short_at(out, diags, text, 0);
}

/// [`render_short`] with `text` a piece of the document that starts at its byte `base` (a piece
/// of a field too long to decode whole): the findings' `start` and `end` are the document's.
pub fn render_short_at(out: &mut String, diags: &[Located], text: &str, base: usize) {
    for d in diags {
        short_form_at(out, d, text, base);
    }
}

/// One header line, a trimmed excerpt with the span marked, and the help.
fn short_form(out: &mut String, d: &Located, text: &str) {
    short_form_at(out, d, text, 0);
}

fn short_form_at(out: &mut String, d: &Located, text: &str, base: usize) {
    let (start, end) = (d.start - base, d.end - base);
    let sev = match d.severity.as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => Severity::Info,
    };
    let record = match (&d.record, &d.field) {
        (Some(r), Some(f)) => format!(" (record {r}, field `{f}`)"),
        _ => String::new(),
    };
    out.push_str(&format!(
        "{sev}[{} {}]: {}\n  --> {}:{}:{}{record}\n",
        d.code, d.name, d.message, d.path, d.line, d.column
    ));
    // The excerpt is read outwards from the span, at most EXCERPT chars each way and not past a
    // line break, so a finding on a very long line costs no more than one on a short line.
    let is_break = |c: char| c == '\n' || c == '\r';
    let mut back = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !is_break(c));
    let from = back.by_ref().take(EXCERPT).last().map_or(start, |(i, _)| i);
    let before: String = {
        let mut s = String::new();
        if back.next().is_some() {
            s.push('…');
        }
        s.push_str(&text[from..start]);
        s
    };
    let flagged: String = text[start..end]
        .chars()
        .take(EXCERPT * 2)
        .map(|c| if c == '\n' || c == '\r' { '⏎' } else { c })
        .collect();
    let mut forward = text[end..].chars().take_while(|&c| !is_break(c));
    let mut after: String = forward.by_ref().take(EXCERPT).collect();
    if forward.next().is_some() {
        after.push('…');
    }
    out.push_str(&format!("   | {before}{flagged}{after}\n"));
    out.push_str(&format!(
        "   | {}{}\n",
        " ".repeat(before.chars().count()),
        "^".repeat(flagged.chars().count().max(1))
    ));
    for (i, l) in help_text(d).lines().enumerate() {
        out.push_str(if i == 0 { "   = help: " } else { "           " });
        out.push_str(l);
        out.push('\n');
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt line of the short form of a finding at `start..end` of `text`.
    fn excerpt(text: &str, start: usize, end: usize) -> String {
        let mut d = crate::report::concise::fixtures::samples().remove(0);
        d.start = start;
        d.end = end;
        let mut out = String::new();
        short_form(&mut out, &d, text);
        out.lines()
            .find(|l| l.starts_with("   | "))
            .expect("an excerpt line")
            .to_string()
    }

    #[test]
    fn the_excerpt_is_trimmed_on_long_lines_and_stops_at_line_breaks() {
        let long = format!("{}FLAG{}", "é".repeat(500), "x".repeat(500));
        let at = long.find("FLAG").unwrap();
        let line = excerpt(&long, at, at + 4);
        let expected = format!("   | …{}FLAG{}…", "é".repeat(EXCERPT), "x".repeat(EXCERPT));
        assert_eq!(line, expected);
        let short = "first line\nab FLAG cd\nlast line";
        let at = short.find("FLAG").unwrap();
        assert_eq!(excerpt(short, at, at + 4), "   | ab FLAG cd");
        // Exactly EXCERPT chars either side: nothing is left out, so no ellipsis.
        let edge = format!("{}FLAG{}", "a".repeat(EXCERPT), "b".repeat(EXCERPT));
        let at = edge.find("FLAG").unwrap();
        assert_eq!(
            excerpt(&edge, at, at + 4),
            format!("   | {}FLAG{}", "a".repeat(EXCERPT), "b".repeat(EXCERPT))
        );
    }
}
