//! Streaming output: findings are written as soon as every earlier file is done, so memory does
//! not grow with the number of findings on a large corpus (a JSONL file is written batch by batch).
//!
//! Workers hand in rendered findings per file (and, for JSONL, per batch); the emitter writes the
//! current file's pieces directly and holds later files' pieces until their turn, so the output
//! is in file order whatever the thread count.
//!
//! The corpus rules' findings are known only once every file is read. The human formats print
//! them last, grouped; `json` and `jsonl` stay sorted by path: while corpus rules are enabled,
//! the files' findings and then the corpus findings go to two temporary files, each finding with
//! its sort key (both files are in key order), and [`Emitter::finish`] merges the two, so the
//! output is sorted by path and position as if it had been held. Memory stays flat; the disk
//! holds the output until the end.

use super::super::Format;
use crate::report::{InputProblem, Located, json_item, render_concise, render_jsonl};
use crate::rule::Severity;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// Counts of what was written, for the summary and the exit code.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub files_with_findings: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// A file's findings waiting for their turn: `(findings, their pretty rendering)` pieces, and
/// whether the file is done.
type Held = (Vec<(Vec<Located>, String)>, bool);

pub struct Emitter {
    format: Format,
    next: usize,
    /// Findings of files after `next`, held until their turn, and whether each file is done.
    pending: BTreeMap<usize, Held>,
    out: std::io::BufWriter<Box<dyn std::io::Write + Send>>,
    wrote_any: bool,
    counts: Counts,
    /// Files that had at least one finding (to count each once).
    counted: std::collections::HashSet<usize>,
    /// Where the output waits while corpus rules may still add to earlier files.
    spill: Option<Spill>,
}

/// Output held on disk for the merge: the files' own findings and the corpus findings.
struct Spill {
    own: SpillFile,
    corpus: SpillFile,
}

/// One temporary file of rendered findings, each stored as its sort key (input file, then the
/// order of [`crate::report::sort_located`]) and its rendering, in increasing key order.
struct SpillFile {
    out: std::io::BufWriter<std::fs::File>,
}

/// The order-preserving byte key of a finding of input file `file`: comparing keys as bytes
/// orders findings by file, record, field, start, end and code.
fn sort_key(file: usize, l: &Located, key: &mut Vec<u8>) {
    key.clear();
    key.extend_from_slice(&(file as u64).to_be_bytes());
    key.extend_from_slice(&l.record.map_or(0, |r| r.saturating_add(1)).to_be_bytes());
    match &l.field {
        None => key.push(0),
        Some(f) => {
            key.push(1);
            key.extend(f.bytes().filter(|&b| b != 0));
            key.push(0);
        }
    }
    key.extend_from_slice(&(l.start as u64).to_be_bytes());
    key.extend_from_slice(&(l.end as u64).to_be_bytes());
    key.extend_from_slice(l.code.as_bytes());
}

impl SpillFile {
    fn new() -> std::io::Result<Self> {
        Ok(Self {
            out: std::io::BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
        })
    }

    /// Store one finding: its key and its rendering, each after its length.
    fn write(&mut self, key: &[u8], text: &[u8]) -> std::io::Result<()> {
        for part in [key, text] {
            self.out.write_all(&(part.len() as u64).to_le_bytes())?;
            self.out.write_all(part)?;
        }
        Ok(())
    }

    /// A reader of the stored findings, from the first.
    fn into_reader(self) -> std::io::Result<SpillReader> {
        let mut f = self.out.into_inner().map_err(|e| e.into_error())?;
        std::io::Seek::rewind(&mut f)?;
        Ok(SpillReader {
            input: std::io::BufReader::with_capacity(1 << 16, f),
            key: Vec::new(),
            text: Vec::new(),
        })
    }
}

/// Reads a [`SpillFile`] back one finding at a time.
struct SpillReader {
    input: std::io::BufReader<std::fs::File>,
    key: Vec<u8>,
    text: Vec<u8>,
}

impl SpillReader {
    /// Read the next finding into `key` and `text`; false at the end.
    fn next(&mut self) -> std::io::Result<bool> {
        match read_part(&mut self.input, &mut self.key) {
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
            Err(e) => Err(e),
            Ok(()) => read_part(&mut self.input, &mut self.text).map(|()| true),
        }
    }
}

/// One length-prefixed part written by [`SpillFile::write`], into `part`.
fn read_part(input: &mut impl std::io::Read, part: &mut Vec<u8>) -> std::io::Result<()> {
    let mut len = [0u8; 8];
    input.read_exact(&mut len)?;
    part.resize(u64::from_le_bytes(len) as usize, 0);
    input.read_exact(part)
}

impl Emitter {
    /// The formats that can be written incrementally.
    pub fn streams(format: Format) -> bool {
        matches!(
            format,
            Format::Pretty | Format::Json | Format::Jsonl | Format::Concise
        )
    }

    /// An emitter for `format` writing to `out`; `corpus_rules` when corpus rules are enabled (their findings come
    /// at the end, and `json` and `jsonl` then wait on disk to be merged in path order).
    pub fn new(format: Format, corpus_rules: bool, out: Box<dyn std::io::Write + Send>) -> Self {
        let spill = (corpus_rules && matches!(format, Format::Json | Format::Jsonl))
            .then(|| {
                Some(Spill {
                    own: SpillFile::new().ok()?,
                    corpus: SpillFile::new().ok()?,
                })
            })
            .flatten();
        Self {
            format,
            next: 0,
            pending: BTreeMap::new(),
            out: std::io::BufWriter::with_capacity(1 << 16, out),
            wrote_any: false,
            counts: Counts::default(),
            counted: std::collections::HashSet::new(),
            spill,
        }
    }

    fn render(&mut self, located: &[Located], pretty: &str) -> String {
        match self.format {
            // A piece without findings is text (grouped findings), written as is.
            Format::Concise if located.is_empty() => pretty.to_string(),
            Format::Pretty => pretty.to_string(),
            Format::Jsonl => render_jsonl(located),
            Format::Concise => render_concise(located),
            _ => {
                let mut s = String::new();
                for l in located {
                    // Spilled items all take the separator; the merge opens the array.
                    let first = !self.wrote_any && self.spill.is_none();
                    s.push_str(if first { "[\n" } else { ",\n" });
                    self.wrote_any = true;
                    json_item(&mut s, l);
                }
                s
            }
        }
    }

    /// Hand in findings of file `file` (already filtered and sorted within the file); `done` when
    /// the file has nothing more to give.
    pub fn push(&mut self, file: usize, located: &[Located], pretty: &str, done: bool) {
        self.count(file, located.iter().map(|l| l.severity.as_str()));
        self.place(file, located, pretty, done);
    }

    /// Hand in findings of input file `file` to write at output position `slot` (a position after
    /// every input file: the corpus rules' findings come last).
    pub fn push_at(&mut self, slot: usize, file: usize, located: &[Located], pretty: &str) {
        self.count(file, located.iter().map(|l| l.severity.as_str()));
        if self.spill.is_some() {
            let mut sorted = located.to_vec();
            crate::report::sort_located(&mut sorted);
            self.spill_items(file, &sorted, true);
            return;
        }
        self.place(slot, located, pretty, true);
    }

    /// Hand in text written as is at output position `slot` (grouped findings, already
    /// counted with [`Emitter::count`]).
    pub fn push_text(&mut self, slot: usize, text: &str) {
        self.place(slot, &[], text, true);
    }

    /// Does this format group the corpus rules' findings (one heading per message, the places
    /// under it)?
    pub fn groups(&self) -> bool {
        matches!(self.format, Format::Pretty | Format::Concise)
    }

    /// Count findings of input file `file` of these severities.
    pub fn count<'a>(&mut self, file: usize, severities: impl Iterator<Item = &'a str>) {
        let mut any = false;
        for s in severities {
            any = true;
            match s {
                "error" => self.counts.error += 1,
                "warning" => self.counts.warning += 1,
                _ => self.counts.info += 1,
            }
        }
        if any && self.counted.insert(file) {
            self.counts.files_with_findings += 1;
        }
    }

    /// Store findings of input file `file` in the spill (`corpus`: the corpus rules' part),
    /// one rendering per finding.
    fn spill_items(&mut self, file: usize, located: &[Located], corpus: bool) {
        let mut key = Vec::new();
        for l in located {
            let text = self.render(std::slice::from_ref(l), "");
            sort_key(file, l, &mut key);
            let Some(sp) = self.spill.as_mut() else {
                return;
            };
            let to = if corpus { &mut sp.corpus } else { &mut sp.own };
            if to.write(&key, text.as_bytes()).is_err() {
                self.spill_failed();
            }
        }
    }

    /// Write a rendered piece of the current file, or keep its findings in the spill.
    fn write_current(&mut self, located: &[Located], pretty: &str) {
        if self.spill.is_some() {
            self.spill_items(self.next, located, false);
            return;
        }
        // JSON separators depend on what was written before: render only at write time.
        let text = self.render(located, pretty);
        let _ = self.out.write_all(text.as_bytes());
    }

    /// The disk refused the spill: say so once, and stop (an output missing findings would pass
    /// a gate).
    fn spill_failed(&mut self) -> ! {
        let _ = self.out.flush();
        eprintln!(
            "newslint: cannot write the temporary file that holds the output until the corpus \
             rules finish (is the temporary directory full? set TMPDIR)"
        );
        std::process::exit(2);
    }

    /// Write (or hold until its turn) a piece of output at position `file`.
    fn place(&mut self, file: usize, located: &[Located], pretty: &str, done: bool) {
        if file == self.next {
            self.write_current(located, pretty);
            if done {
                self.advance();
            }
        } else {
            // A later file: hold its findings until its turn.
            let entry = self.pending.entry(file).or_default();
            entry.0.push((located.to_vec(), pretty.to_string()));
            entry.1 |= done;
        }
    }

    /// Move past the current file and write every held file that is now first.
    fn advance(&mut self) {
        self.next += 1;
        while let Some((held, done)) = self.pending.remove(&self.next) {
            for (located, pretty) in held {
                self.write_current(&located, &pretty);
            }
            if !done {
                // Still being checked: it writes directly from now on.
                return;
            }
            self.next += 1;
        }
    }

    /// Write the input errors after the findings (`json` and `jsonl`; the other formats print
    /// them on stderr only), close the output (the JSON array) and return the counts.
    pub fn finish(mut self, problems: &[InputProblem]) -> Counts {
        if let Some(sp) = self.spill.take()
            && self.merge(sp).is_err()
        {
            self.spill_failed();
        }
        match self.format {
            Format::Json => {
                let mut s = String::new();
                for p in problems {
                    s.push_str(if self.wrote_any { ",\n" } else { "[\n" });
                    self.wrote_any = true;
                    json_item(&mut s, p);
                }
                s.push_str(if self.wrote_any { "\n]\n" } else { "[]\n" });
                let _ = self.out.write_all(s.as_bytes());
            }
            Format::Jsonl => {
                let _ = self.out.write_all(render_jsonl(problems).as_bytes());
            }
            _ => {}
        }
        let _ = self.out.flush();
        self.counts
    }

    /// Write the spilled findings in order: the two spills, each sorted by key, merged. A JSON
    /// array opens at the first item (every spilled item starts with `,\n`).
    fn merge(&mut self, sp: Spill) -> std::io::Result<()> {
        let mut own = sp.own.into_reader()?;
        let mut corpus = sp.corpus.into_reader()?;
        let (mut has_own, mut has_corpus) = (own.next()?, corpus.next()?);
        let mut opened = false;
        while has_own || has_corpus {
            let take_own = has_own && (!has_corpus || own.key <= corpus.key);
            let from = if take_own { &mut own } else { &mut corpus };
            let mut piece = &from.text[..];
            if self.format == Format::Json && !opened {
                piece = piece.strip_prefix(b",\n").unwrap_or(piece);
                self.out.write_all(b"[\n")?;
            }
            opened = true;
            self.out.write_all(piece)?;
            if take_own {
                has_own = own.next()?;
            } else {
                has_corpus = corpus.next()?;
            }
        }
        Ok(())
    }

    pub fn failing(counts: &Counts) -> bool {
        counts.error + counts.warning > 0
    }
}

pub(super) fn counts_of(all: &[Located]) -> Counts {
    let count = |s: Severity| all.iter().filter(|d| d.severity == s.as_str()).count();
    let mut files: Vec<_> = all.iter().map(|d| &d.path).collect();
    files.dedup();
    Counts {
        error: count(Severity::Error),
        warning: count(Severity::Warning),
        info: count(Severity::Info),
        files_with_findings: files.len(),
    }
}

pub(super) fn summary(c: &Counts, checked: usize) -> String {
    let total = c.total();
    if total == 0 {
        return format!("No findings in {checked} file{}.", plural(checked));
    }
    format!(
        "Found {} finding{} in {} of {} file{} ({} error{}, {} warning{}, {} info).",
        total,
        plural(total),
        c.files_with_findings,
        checked,
        plural(checked),
        c.error,
        plural(c.error),
        c.warning,
        plural(c.warning),
        c.info,
    )
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A progress bar over the inputs' total size; hidden unless stderr is a terminal and there is
/// enough to read for it to matter.
pub(super) fn progress_bar(files: &[PathBuf]) -> indicatif::ProgressBar {
    const WORTH_SHOWING: u64 = 32 << 20;
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return indicatif::ProgressBar::hidden();
    }
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    if total < WORTH_SHOWING {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {wide_bar}",
    ) {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn located(
        record: Option<u64>,
        field: Option<&str>,
        start: usize,
        end: usize,
        code: &str,
    ) -> Located {
        Located {
            path: "a.jsonl".into(),
            record,
            field: field.map(str::to_string),
            code: code.into(),
            name: String::new(),
            family: String::new(),
            severity: "warning".into(),
            message: String::new(),
            start,
            end,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            offset: start,
            end_offset: end,
            text: String::new(),
            help: None,
            fix: None,
            id: None,
            fingerprint: String::new(),
            file_fix: None,
            context: None,
        }
    }

    proptest! {
        /// Sorting one file's findings by their spill keys is `sort_located`'s order, so the
        /// merged output is what holding and sorting would have written.
        #[test]
        fn spill_keys_order_as_sort_located(
            items in proptest::collection::vec(
                (
                    proptest::option::of(0u64..4),
                    proptest::option::of(prop_oneof![Just("text"), Just("title"), Just("t")]),
                    0usize..300,
                    0usize..300,
                    prop_oneof![Just("A101"), Just("N103"), Just("E103")],
                ),
                0..12,
            )
        ) {
            let mut v: Vec<Located> = items
                .iter()
                .map(|&(r, f, s, e, c)| located(r, f, s, e, c))
                .collect();
            let mut by_key = v.clone();
            let key = |l: &Located| {
                let mut k = Vec::new();
                sort_key(3, l, &mut k);
                k
            };
            by_key.sort_by_key(key);
            crate::report::sort_located(&mut v);
            let fields = |v: &[Located]| {
                v.iter()
                    .map(|l| (l.record, l.field.clone(), l.start, l.end, l.code.clone()))
                    .collect::<Vec<_>>()
            };
            prop_assert_eq!(fields(&by_key), fields(&v));
        }
    }

    #[test]
    fn a_later_file_sorts_after_every_finding_of_an_earlier_one() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        sort_key(
            1,
            &located(Some(900), Some("text"), 9_000, 9_001, "N103"),
            &mut a,
        );
        sort_key(2, &located(None, None, 0, 1, "A101"), &mut b);
        assert!(a < b);
    }
}
