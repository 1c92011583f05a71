//! Spans: the one unit every diagnostic speaks in.
//!
//! A [`ByteSpan`] is a half-open range of **byte offsets into the decoded document text** (UTF-8).
//! It is never a char index and never an offset into the original file: the mapping to the
//! original file's bytes, lines and columns is done by [`crate::source::SourceText`]. Keeping one unit
//! everywhere is what lets miette (which counts bytes) draw labels exactly where rules point.

use serde::Serialize;

/// Half-open byte range `[start, end)` into the decoded text of one document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

impl ByteSpan {
    #[inline]
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self { start, end }
    }

    #[inline]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    #[inline]
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span shifted right by `by` bytes.
    #[inline]
    pub const fn shift(self, by: usize) -> Self {
        Self::new(self.start + by, self.end + by)
    }

    /// True when the two spans share at least one byte, or touch (one ends where the other starts).
    #[inline]
    pub const fn touches(self, other: ByteSpan) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    #[inline]
    pub const fn contains(self, other: ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span without the whitespace at its two ends (an all-whitespace span becomes the empty
    /// span where its content would start).
    #[inline]
    pub fn trim(self, text: &str) -> Self {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        Self::new(self.start + lead, self.start + s.trim_end().len().max(lead))
    }

    /// The text this span covers. Panics if the span is out of bounds or splits a char.
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

impl From<ByteSpan> for miette::SourceSpan {
    fn from(s: ByteSpan) -> Self {
        (s.start, s.len()).into()
    }
}
