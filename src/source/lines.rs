//! Line index over a decoded text: byte offset ↔ 1-based line and column.
//!
//! Line breaks are `\n`, `\r\n` and a lone `\r` (as editors and miette count them). Columns are
//! counted in Unicode scalar values, 1-based. ASCII lines take a fast path (column = byte distance);
//! other lines count chars from the nearest checkpoint, so a 50 MB single-line file with many
//! findings stays linear.

/// Checkpoints of cumulative char counts are kept every this many bytes.
const CHECKPOINT_EVERY: usize = 16 * 1024;

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts. `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// Whether each line (without its terminator) is pure ASCII.
    ascii: Vec<bool>,
    /// Chars before any offset, in time independent of the line's length.
    chars: CharCounter,
    len: usize,
}

/// Counts the chars before a byte offset of one text in time bounded by [`CHECKPOINT_EVERY`],
/// not by the offset: checkpoints of the cumulative count are kept every so many bytes, and an
/// ASCII text needs none. It serves columns on long lines (a whole JSONL record, a flattened
/// article) where each finding would otherwise count from the line's start.
#[derive(Debug, Clone)]
pub struct CharCounter {
    /// `(byte offset at a char boundary, chars before it)`, increasing; first is `(0, 0)`.
    checkpoints: Vec<(usize, usize)>,
    ascii: bool,
}

impl CharCounter {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = vec![(0, 0)];
        let ascii = text.is_ascii();
        if !ascii {
            // Count chars per block as bytes that are not UTF-8 continuation bytes (vectorises).
            let mut chars = 0usize;
            let mut off = 0usize;
            while off < bytes.len() {
                let mut end = (off + CHECKPOINT_EVERY).min(bytes.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                chars += bytes[off..end]
                    .iter()
                    .filter(|&&b| (b as i8) >= -0x40)
                    .count();
                off = end;
                if off < bytes.len() {
                    checkpoints.push((off, chars));
                }
            }
        }
        Self { checkpoints, ascii }
    }

    /// Chars of `text` (the text this counter was built on) before byte `offset`, a char
    /// boundary.
    pub fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.ascii {
            return offset;
        }
        let cp = match self.checkpoints.binary_search_by_key(&offset, |c| c.0) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let (cp_off, cp_chars) = self.checkpoints[cp];
        cp_chars + text[cp_off..offset].chars().count()
    }
}

/// A 1-based line and column (column in Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        let mut i = 0;
        // memchr2 finds the next line terminator; non-ASCII detection is done per line slice.
        let mut last = 0;
        while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + off;
            line_ascii &= bytes[last..at].is_ascii();
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            ascii.push(line_ascii);
            line_ascii = true;
            line_starts.push(next);
            i = next;
            last = next;
        }
        ascii.push(line_ascii && bytes[last..].is_ascii());

        Self {
            line_starts,
            ascii,
            chars: CharCounter::new(text),
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line containing `offset` (an offset equal to the text length is on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line]
    }

    /// Byte offset just past 0-based line `line`, terminator included.
    pub fn line_end_with_terminator(&self, line: usize) -> usize {
        self.line_starts.get(line + 1).copied().unwrap_or(self.len)
    }

    /// 1-based line and column of `offset`, which must lie on a char boundary of `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = if self.ascii[line] {
            offset - start
        } else {
            self.chars.chars_before(text, offset) - self.chars.chars_before(text, start)
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// Byte offset of a 1-based line and column; the inverse of [`LineIndex::line_col`].
    pub fn offset_of(&self, text: &str, at: LineCol) -> Option<usize> {
        let start = *self.line_starts.get(at.line.checked_sub(1)?)?;
        let mut col = 1;
        for (off, _) in text[start..].char_indices() {
            if col == at.column {
                return Some(start + off);
            }
            col += 1;
        }
        (col == at.column).then_some(text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_lf_and_cr_are_line_breaks() {
        let text = "ab\r\ncd\nef\rgh";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(text, 4), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(text, 8), LineCol { line: 3, column: 2 });
        assert_eq!(idx.line_col(text, 10), LineCol { line: 4, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 1, column: 4 });
    }

    #[test]
    fn columns_count_scalar_values() {
        let text = "x\né—“a”";
        let idx = LineIndex::new(text);
        let a = text.find('a').unwrap();
        assert_eq!(idx.line_col(text, a), LineCol { line: 2, column: 4 });
        assert_eq!(idx.offset_of(text, LineCol { line: 2, column: 4 }), Some(a));
    }

    #[test]
    fn long_non_ascii_line_uses_checkpoints() {
        let text = "é".repeat(100_000) + "X";
        let idx = LineIndex::new(&text);
        let x = text.len() - 1;
        assert_eq!(idx.line_col(&text, x).column, 100_001);
    }
}
