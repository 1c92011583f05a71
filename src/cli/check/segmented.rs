//! Large plain-text files, checked (and fixed) in segments so memory stays bounded whatever one
//! file holds: the file is read a segment at a time, each segment cut at a paragraph break (or a
//! line break, or a space) and checked as a document, and its findings are placed at their exact
//! line, column and byte offset in the file and streamed out before the next segment is read.
//!
//! What a segment cannot see: the rules that look across a document (names spelt two ways,
//! whether a source was named earlier, a suppression region) see one segment at a time, and the
//! corpus rules do not see the file at all. A news article is never this long; a file this long
//! is a dump, and a run that finishes in bounded memory beats one that does not finish.

use super::rewrite::{Digest, Rewrite};
use super::{FileOutcome, FixAction, InputError, Job, fix_notes};
use crate::baseline::FileBaseline;
use crate::fix::fix_bytes;
use crate::report::{Located, Placement, render_short};
use crate::source::{LineIndex, MAX_DOCUMENT, SourceText, looks_binary_for};
use rayon::prelude::*;
use std::io::Read;
use std::path::Path;

/// Plain-text files larger than this are checked in segments.
pub(super) const SEGMENTED_ABOVE: u64 = 4 << 20;
/// The size a segment is cut near: a break is looked for in its second half.
pub(super) const SEGMENT: usize = 1 << 20;
/// A segment holds at most this many lines.
pub(super) const MAX_LINES: usize = 16 << 10;
/// A smaller file with more lines than this is checked in segments too.
pub(super) const SEGMENTED_LINES: usize = 4 * MAX_LINES;
/// At most this many segments of a file are in memory at once (one per thread).
const MAX_IN_FLIGHT: usize = 4;

/// A segment, checked (or fixed) on its own.
struct Checked {
    /// Its bytes in the file.
    bytes: Vec<u8>,
    /// Its text, when it was only checked (a fix's is in `fixed`).
    source: SourceText,
    /// The findings in it (after fixing, those that remain).
    diags: Vec<crate::Diagnostic>,
    fixed: Option<crate::fix::FixOutcome>,
    /// Why fixing it failed (it is then only checked).
    error: Option<String>,
}

/// A reader that hands out a file's bytes a segment at a time, each cut after a paragraph break,
/// else a line break, else a space or tab, else (no whitespace in half a segment) on a UTF-8
/// character boundary.
struct Segments<R> {
    reader: R,
    buf: Vec<u8>,
    eof: bool,
    read: u64,
}

impl<R: Read> Segments<R> {
    fn new(reader: R) -> Self {
        Self {
            reader,
            buf: Vec::with_capacity(SEGMENT + (64 << 10)),
            eof: false,
            read: 0,
        }
    }

    fn next_segment(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut chunk = [0u8; 64 << 10];
        // One byte past a segment, so a cut at its end can see the byte after it.
        while self.buf.len() <= SEGMENT && !self.eof {
            let n = match self.reader.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.read += n as u64;
            if self.read > MAX_DOCUMENT as u64 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "larger than the 1 GiB this input may be",
                ));
            }
            self.eof = n == 0;
            self.buf.extend_from_slice(&chunk[..n]);
        }
        if self.buf.is_empty() {
            return Ok(None);
        }
        // At most MAX_LINES lines a segment: a rule's memory per line (the line classifier's
        // features) stays bounded on a file of very short lines.
        let many_lines = memchr::memchr_iter(b'\n', &self.buf[..self.buf.len().min(SEGMENT)])
            .nth(MAX_LINES - 1)
            .map(|i| i + 1)
            .filter(|&cut| cut < self.buf.len());
        let cut = match many_lines {
            Some(limit) => cut_point(&self.buf, limit),
            None if self.eof && self.buf.len() <= SEGMENT => self.buf.len(),
            None => cut_point(&self.buf, SEGMENT),
        };
        let rest = self.buf.split_off(cut);
        Ok(Some(std::mem::replace(&mut self.buf, rest)))
    }
}

/// Where to end a segment of `buf` no longer than `end` (less than `buf`'s length): after the
/// last paragraph break in its second half, else the last line break, else the last space or
/// tab, else on a character boundary near `end`.
fn cut_point(buf: &[u8], end: usize) -> usize {
    let from = end / 2;
    let window = &buf[from..end];
    if let Some(i) = memchr::memmem::rfind(window, b"\n\n") {
        return from + i + 2;
    }
    if let Some(i) = memchr::memrchr(b'\n', window) {
        return from + i + 1;
    }
    if let Some(i) = memchr::memrchr2(b' ', b'\t', window) {
        return from + i + 1;
    }
    // Not inside a UTF-8 sequence, and not between the halves of a CRLF.
    let mut cut = end;
    while cut > from && (buf.get(cut).is_some_and(|b| b & 0xC0 == 0x80) || buf[cut - 1] == b'\r') {
        cut -= 1;
    }
    cut
}

/// Where a segment starts in its file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Base {
    /// Byte offset in the file.
    byte: usize,
    /// Byte offset in the decoded text of the whole file.
    text: usize,
    /// Line breaks before it.
    lines: usize,
    /// Characters before it on its first line (0 when it starts a line).
    column: usize,
}

impl Base {
    /// The base of the segment after one of `bytes` in the file decoded as `text`.
    fn after(self, bytes: usize, text: &str) -> Self {
        let b = text.as_bytes();
        let (mut lines, mut line_start) = (0, None);
        let mut i = 0;
        while let Some(k) = memchr::memchr2(b'\n', b'\r', &b[i..]) {
            let at = i + k;
            i = at
                + if b[at] == b'\r' && b.get(at + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            lines += 1;
            line_start = Some(i);
        }
        let column = match line_start {
            Some(s) => text[s..].chars().count(),
            None => self.column + text.chars().count(),
        };
        Base {
            byte: self.byte + bytes,
            text: self.text + text.len(),
            lines: self.lines + lines,
            column,
        }
    }

    /// Move a finding placed in the segment to its place in the file: line, column and byte
    /// offsets (also of its file edits).
    fn place_in_file(self, l: &mut Located) {
        let column = |line: usize, column: usize| {
            if line == 1 {
                column + self.column
            } else {
                column
            }
        };
        l.column = column(l.line, l.column);
        l.end_column = column(l.end_line, l.end_column);
        l.line += self.lines;
        l.end_line += self.lines;
        l.offset += self.byte;
        l.end_offset += self.byte;
        for e in l.file_fix.iter_mut().flatten() {
            for p in [&mut e.start, &mut e.end] {
                p.column = column(p.line, p.column);
                p.line += self.lines;
                p.offset += self.byte;
            }
        }
    }

    /// Move a finding's offsets into the decoded text to those of the whole file's text.
    fn place_in_text(self, l: &mut Located) {
        shift_text(l, self.text);
    }
}

/// Move a finding found in a piece of a document that starts at byte `by` of its decoded text to
/// the document's offsets (its span and its fix's edits).
pub(super) fn shift_text(l: &mut Located, by: usize) {
    l.start += by;
    l.end += by;
    for e in l.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
        e.span.start += by;
        e.span.end += by;
    }
}

impl Job<'_> {
    /// Check (or, with `--fix`, fix) a large plain-text file in segments. `None` when the file
    /// cannot be read so (a UTF-16 file, whose line breaks are not single bytes; a binary file;
    /// an error opening it): the caller reads it whole, and reports what it finds.
    ///
    /// `read` is the file's bytes when the caller has them (a file of many short lines), else
    /// the file is read here, a segment at a time.
    pub(super) fn segmented_file(
        &self,
        path: &Path,
        file_index: usize,
        read: Option<&[u8]>,
    ) -> Option<FileOutcome> {
        let display = self.name_of(path).display().to_string();
        let mode = match self.action {
            FixAction::Check => None,
            FixAction::Write(mode) => Some(mode),
            FixAction::Diff(_) => return None,
        };
        let input: Box<dyn Read + '_> = match read {
            Some(bytes) => Box::new(bytes),
            None => Box::new(crate::source::open_regular(path).ok()?),
        };
        let mut segments = Segments::new(input);
        let first = segments.next_segment().ok()??;
        if looks_binary_for(&first, self.forced) {
            return None;
        }
        // The file's encoding, as its first segment shows it (BOM, detection or --encoding).
        let encoding = SourceText::decode(&first, self.forced).encoding();
        if !encoding.is_ascii_compatible() {
            return None;
        }
        let selection = self.linter.selection_for(self.name_of(path));
        let once_per_file = self.linter.registry().find("legacy-encoding");
        let mut outcome = FileOutcome {
            segmented: true,
            ..Default::default()
        };
        let mut baseline = self.baseline.as_ref().map(|b| b.file(&display));
        let mut rewrite = mode.map(|_| Rewrite::plain(path));
        let mut digest = Digest::default();
        let mut base = Base::default();
        // As many segments at a time as there are threads: checked in parallel, placed in order.
        let in_flight = rayon::current_num_threads().clamp(1, MAX_IN_FLIGHT);
        let mut batch = vec![first];
        let mut k = 0usize;
        let mut read_error = None;
        loop {
            while batch.len() < in_flight && read_error.is_none() {
                match segments.next_segment() {
                    Ok(Some(s)) => batch.push(s),
                    Ok(None) => break,
                    Err(e) => read_error = Some(e),
                }
            }
            if batch.is_empty() {
                break;
            }
            let done: Vec<Checked> = std::mem::take(&mut batch)
                .into_par_iter()
                .enumerate()
                .map(|(j, bytes)| {
                    // The first segment is decoded as the file is (BOM, detection); the rest in
                    // the encoding it settled on.
                    let forced = if k + j == 0 {
                        self.forced
                    } else {
                        Some(encoding)
                    };
                    self.check_segment(bytes, forced, mode, &selection)
                })
                .collect();
            for mut c in done {
                self.progress.inc(c.bytes.len() as u64);
                digest.update(&c.bytes);
                if let Some(fixed) = &c.fixed {
                    fix_notes(self.linter, &display, fixed, &mut outcome);
                    outcome.fixed += fixed.fixed();
                }
                if let Some(e) = c.error.take() {
                    outcome.errors.push(InputError::new(
                        display.clone(),
                        e,
                        "a rule's fix keeps producing new fixes; report this with the file",
                    ));
                }
                if let Some(w) = rewrite.as_mut() {
                    match &c.fixed {
                        Some(f) if f.changed(&c.bytes) => w.write(&f.bytes),
                        _ => w.keep(&c.bytes),
                    }
                }
                if k > 0 {
                    c.diags.retain(|d| Some(d.rule) != once_per_file);
                }
                let source = c.fixed.as_ref().map_or(&c.source, |f| &f.source);
                self.place_segment(
                    &display,
                    source,
                    &c.diags,
                    base,
                    &mut baseline,
                    &mut outcome,
                );
                let new_len = c.fixed.as_ref().map_or(c.bytes.len(), |f| f.bytes.len());
                base = base.after(new_len, source.text());
                k += 1;
            }
            self.emit(file_index, &mut outcome, false);
        }
        if let Some(e) = read_error {
            outcome.errors.push(InputError::new(
                display.clone(),
                format!("cannot read after byte {}: {e}", digest.len()),
                "the findings before this point are reported; nothing was written",
            ));
            if let Some(w) = rewrite.take() {
                w.abandon();
            }
        }
        if let Some(w) = rewrite
            && let Err(message) = w.finish(outcome.fixed > 0, &digest)
        {
            outcome.fixed = 0;
            outcome.errors.push(InputError::new(
                display.clone(),
                message,
                "nothing was written to this file",
            ));
        }
        if let Some(b) = baseline {
            outcome.stale = b.stale();
        }
        Some(outcome)
    }

    /// Check (or fix) one segment on its own.
    fn check_segment(
        &self,
        bytes: Vec<u8>,
        forced: Option<&'static encoding_rs::Encoding>,
        mode: Option<crate::fix::FixMode>,
        selection: &crate::Selection,
    ) -> Checked {
        let checked = |bytes: Vec<u8>, error| {
            let source = SourceText::decode(&bytes, forced);
            let diags = self.linter.check_source(&source, selection);
            Checked {
                bytes,
                source,
                diags,
                fixed: None,
                error,
            }
        };
        let Some(mode) = mode else {
            return checked(bytes, None);
        };
        match fix_bytes(self.linter, &bytes, forced, selection, mode) {
            Ok(mut fixed) => Checked {
                bytes,
                source: SourceText::from_text(String::new()),
                diags: std::mem::take(&mut fixed.remaining),
                fixed: Some(fixed),
                error: None,
            },
            Err(e) => checked(bytes, Some(e.to_string())),
        }
    }

    /// Place one segment's findings in the file, admit them against the baseline and render them.
    fn place_segment(
        &self,
        display: &str,
        source: &SourceText,
        diags: &[crate::Diagnostic],
        base: Base,
        baseline: &mut Option<FileBaseline>,
        outcome: &mut FileOutcome,
    ) {
        if diags.is_empty() {
            return;
        }
        let lines = LineIndex::new(source.text());
        let placement = Placement {
            path: display,
            source,
            lines: &lines,
        };
        for d in diags {
            let mut l = placement.locate(self.linter.registry(), d);
            base.place_in_file(&mut l);
            if baseline.as_mut().is_some_and(|b| !b.admit(&l)) {
                continue;
            }
            if self.pretty.is_some() {
                render_short(&mut outcome.pretty, std::slice::from_ref(&l), source.text());
            }
            // The context is cut from the segment while its offsets still point into it.
            let mut l = self.with_context(l, source.text(), || self.dir_source(Path::new(display)));
            base.place_in_text(&mut l);
            outcome.located.push(l);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all_segments(bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut s = Segments::new(bytes);
        let mut out = Vec::new();
        while let Some(seg) = s.next_segment().unwrap() {
            out.push(seg);
        }
        out
    }

    #[test]
    fn segments_end_at_paragraph_breaks_then_lines_then_spaces() {
        let para = "A short paragraph of our own about the Quay Street ferry.\n";
        let text: String = (0..40_000)
            .map(|i| if i % 7 == 6 { "\n" } else { para })
            .collect();
        let segs = all_segments(text.as_bytes());
        assert!(segs.len() > 1);
        assert_eq!(segs.concat(), text.as_bytes());
        for s in &segs[..segs.len() - 1] {
            assert!(s.ends_with(b"\n\n"), "cut at a paragraph break");
            assert!(s.len() <= SEGMENT && s.len() >= SEGMENT / 2);
        }
        let one_line = "word ".repeat(600_000);
        let segs = all_segments(one_line.as_bytes());
        assert!(segs.len() > 1);
        for s in &segs[..segs.len() - 1] {
            assert!(s.ends_with(b" "), "cut after a space");
        }
    }

    #[test]
    fn a_segment_holds_at_most_max_lines_lines() {
        let text = "ab\n".repeat(5 * MAX_LINES + 7);
        let segs = all_segments(text.as_bytes());
        assert_eq!(segs.len(), 6);
        assert_eq!(segs.concat(), text.as_bytes());
        for s in &segs {
            assert!(memchr::memchr_iter(b'\n', s).count() <= MAX_LINES);
        }
    }

    #[test]
    fn text_without_whitespace_is_cut_on_character_boundaries() {
        for text in [
            "x".repeat(3 << 20),
            "\u{e9}".repeat(3 << 19),
            "\r\n".repeat(3 << 19),
        ] {
            let segs = all_segments(text.as_bytes());
            assert!(segs.len() > 1);
            assert_eq!(segs.concat(), text.as_bytes());
            let mut at = 0;
            for s in &segs {
                at += s.len();
                assert!(text.is_char_boundary(at));
                assert!(!(text[..at].ends_with('\r') && text[at..].starts_with('\n')));
            }
        }
    }

    #[test]
    fn a_segment_base_counts_lines_and_the_columns_of_an_unfinished_line() {
        let b = Base::default().after(9, "ab\r\ncd\ré");
        assert_eq!((b.byte, b.text, b.lines, b.column), (9, 9, 2, 1));
        let c = b.after(3, "xyz");
        assert_eq!((c.lines, c.column), (2, 4));
    }

    proptest! {
        /// Segments rebuild the input, and every cut (but a hard one) falls after whitespace and
        /// never inside a UTF-8 character.
        #[test]
        fn segments_rebuild_the_bytes_and_cut_on_boundaries(
            words in proptest::collection::vec("[a-zé😀]{1,12}|\n|\n\n| |\r\n", 0..2000),
            repeat in 1usize..400,
        ) {
            let text: String = words.concat().repeat(repeat);
            let segs = all_segments(text.as_bytes());
            prop_assert_eq!(segs.concat(), text.as_bytes());
            let mut at = 0;
            for s in &segs {
                at += s.len();
                prop_assert!(text.is_char_boundary(at));
                prop_assert!(!(text.as_bytes()[..at].ends_with(b"\r") && text.as_bytes()[at..].starts_with(b"\n")));
            }
        }
    }
}
