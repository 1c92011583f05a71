//! The document model: one segmentation pass shared by every rule.
//!
//! [`Document::new`] splits a decoded text once into lines, paragraphs, sentences and word tokens.
//! Rules read these slices; none of them re-tokenises. Everything is stored as flat vectors of spans
//! (no allocation per token beyond the vectors themselves).

mod sentences;
mod tokens;

pub use tokens::{Token, TokenFlags, tokenize};

use crate::ByteSpan;
use crate::source::SourceText;
use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

/// One line of text, without its terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// The line's content, terminator excluded.
    pub span: ByteSpan,
    /// The line including its terminator (`\n`, `\r\n` or `\r`), if any.
    pub full: ByteSpan,
    /// True when the line holds only whitespace.
    pub blank: bool,
}

/// A paragraph: consecutive non-blank lines that belong together.
///
/// Scraped news usually puts one paragraph per line, while hard-wrapped text continues a paragraph
/// on the next line. A line continues the previous paragraph when that line does not end a sentence
/// and this one starts in lowercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: ByteSpan,
    pub lines: Range<usize>,
    pub sentences: Range<usize>,
}

/// A sentence, with the range of its word tokens in [`Document::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: ByteSpan,
    pub tokens: Range<usize>,
    pub paragraph: usize,
}

/// A memoised analysis: its type, its key and its value.
type Memo = (TypeId, u64, Rc<dyn Any>);

/// A segmented document. Borrowed from its text; cheap to build, built once.
#[derive(Debug)]
pub struct Document<'a> {
    text: &'a str,
    source: Option<&'a SourceText>,
    lines: Vec<Line>,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
    /// Analyses several rules share, computed once per document (see [`Document::memo`]).
    memo: RefCell<Vec<Memo>>,
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', ' ', '\t']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

impl<'a> Document<'a> {
    /// Segment a text that has no decoding history (already UTF-8, or a JSON string field).
    pub fn new(text: &'a str) -> Self {
        Self::build(text, None)
    }

    /// Segment a decoded source; rules can see how it was decoded ([`Document::source`]).
    pub fn with_source(source: &'a SourceText) -> Self {
        Self::build(source.text(), Some(source))
    }

    fn build(text: &'a str, source: Option<&'a SourceText>) -> Self {
        let lines = split_lines(text);
        let mut doc = Document {
            text,
            source,
            lines,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::with_capacity(text.len() / 6),
            memo: RefCell::new(Vec::new()),
        };
        doc.segment();
        doc
    }

    fn segment(&mut self) {
        let text = self.text;
        let mut spans = Vec::new();
        let mut l = 0;
        while l < self.lines.len() {
            if self.lines[l].blank {
                l += 1;
                continue;
            }
            let first = l;
            l += 1;
            while l < self.lines.len() && !self.lines[l].blank {
                let prev = self.lines[l - 1].span.slice(text);
                let cur = self.lines[l].span.slice(text).trim_start();
                let continues = !ends_sentence(prev) && cur.starts_with(|c: char| c.is_lowercase());
                if !continues {
                    break;
                }
                l += 1;
            }
            let span = ByteSpan::new(self.lines[first].span.start, self.lines[l - 1].span.end);
            let p = self.paragraphs.len();
            spans.clear();
            sentences::split(text, span.start, span.end, &mut spans);
            let s0 = self.sentences.len();
            for &(a, b) in &spans {
                let t0 = self.tokens.len();
                tokenize(text, a, b, &mut self.tokens);
                self.sentences.push(Sentence {
                    span: ByteSpan::new(a, b),
                    tokens: t0..self.tokens.len(),
                    paragraph: p,
                });
            }
            self.paragraphs.push(Paragraph {
                span,
                lines: first..l,
                sentences: s0..self.sentences.len(),
            });
        }
    }

    /// An analysis shared by several rules (and corpus rules), computed on first use and kept
    /// with the document: `make` runs once per type `T` and `key` (which names the inputs the
    /// analysis depends on besides the document, such as a word list's fingerprint).
    pub fn memo<T: 'static>(&self, key: u64, make: impl FnOnce(&Self) -> T) -> Rc<T> {
        let id = TypeId::of::<T>();
        if let Some((_, _, v)) = self
            .memo
            .borrow()
            .iter()
            .find(|(t, k, _)| *t == id && *k == key)
        {
            return v.clone().downcast::<T>().expect("same type id");
        }
        let v = Rc::new(make(self));
        self.memo.borrow_mut().push((id, key, v.clone()));
        v
    }

    pub fn text(&self) -> &'a str {
        self.text
    }
    /// How the text was decoded, when it came from bytes.
    pub fn source(&self) -> Option<&'a SourceText> {
        self.source
    }
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }
    /// The word tokens of one sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.tokens.clone()]
    }
    /// Index of the line containing byte `offset`.
    pub fn line_at(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.full.end <= offset)
            .min(self.lines.len().saturating_sub(1))
    }
    /// The index of the line whose whole trimmed content is `span`, if `span` stands alone on a line.
    pub fn alone_on_line(&self, span: ByteSpan) -> Option<usize> {
        let l = self.line_at(span.start);
        (self.lines[l].span.trim(self.text) == span).then_some(l)
    }

    /// The span to delete to remove line `l` entirely, terminator included. The last line takes
    /// the preceding line break instead, so no empty line is left behind.
    pub fn line_deletion(&self, l: usize) -> ByteSpan {
        let line = self.lines[l];
        if line.full.end == line.span.end && l > 0 {
            ByteSpan::new(self.lines[l - 1].span.end, line.full.end)
        } else {
            line.full
        }
    }

    /// Index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }
}

fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
        let at = i + off;
        let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        lines.push(make_line(text, start, at, next));
        start = next;
        i = next;
    }
    if start < text.len() || lines.is_empty() {
        lines.push(make_line(text, start, text.len(), text.len()));
    }
    lines
}

fn make_line(text: &str, start: usize, end: usize, full_end: usize) -> Line {
    Line {
        span: ByteSpan::new(start, end),
        full: ByteSpan::new(start, full_end),
        blank: text[start..end].trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_paragraph_per_line_for_scraped_text() {
        let text =
            "Headline without stop\nFirst paragraph. Second sentence.\r\n\r\nThird paragraph.";
        let doc = Document::new(text);
        assert_eq!(doc.lines().len(), 4);
        assert!(doc.lines()[2].blank);
        let paras: Vec<_> = doc
            .paragraphs()
            .iter()
            .map(|p| p.span.slice(text))
            .collect();
        assert_eq!(
            paras,
            vec![
                "Headline without stop",
                "First paragraph. Second sentence.",
                "Third paragraph."
            ]
        );
        assert_eq!(doc.sentences().len(), 4);
        assert_eq!(doc.sentences()[2].paragraph, 1);
    }

    #[test]
    fn hard_wrapped_lines_continue_a_paragraph() {
        let text = "The minister said the plan would\ncost more than expected.\nA new paragraph.";
        let doc = Document::new(text);
        assert_eq!(doc.paragraphs().len(), 2);
        assert_eq!(
            doc.sentences()[0].span.slice(text),
            "The minister said the plan would\ncost more than expected."
        );
    }

    #[test]
    fn lookups() {
        let text = "One. Two.\nThree.";
        let doc = Document::new(text);
        assert_eq!(doc.line_at(11), 1);
        assert_eq!(doc.sentence_at(6), Some(1));
        assert_eq!(doc.sentence_at(4), None);
        assert_eq!(doc.sentence_tokens(&doc.sentences()[2]).len(), 1);
    }
}
