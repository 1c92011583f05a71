//! Streaming output: findings are written as soon as every earlier file is done, so memory does
//! not grow with the number of findings on a large corpus (a JSONL file is written batch by batch).
//!
//! Workers hand in rendered findings per file (and, for JSONL, per batch); the emitter writes the
//! current file's pieces directly and holds later files' pieces until their turn, so the output
//! is in file order whatever the thread count.

use super::super::Format;
use crate::report::{Located, render_concise, render_jsonl};
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
    out: std::io::BufWriter<std::io::Stdout>,
    wrote_any: bool,
    counts: Counts,
    /// Files that had at least one finding (to count each once).
    counted: std::collections::HashSet<usize>,
}

impl Emitter {
    /// The formats that can be written incrementally.
    pub fn streams(format: Format) -> bool {
        matches!(
            format,
            Format::Pretty | Format::Json | Format::Jsonl | Format::Concise
        )
    }

    pub fn new(format: Format) -> Self {
        Self {
            format,
            next: 0,
            pending: BTreeMap::new(),
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            wrote_any: false,
            counts: Counts::default(),
            counted: std::collections::HashSet::new(),
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
                    s.push_str(if self.wrote_any { ",\n" } else { "[\n" });
                    self.wrote_any = true;
                    let item = serde_json::to_string_pretty(l).expect("serialisable");
                    for (k, line) in item.lines().enumerate() {
                        if k > 0 {
                            s.push('\n');
                        }
                        s.push_str("  ");
                        s.push_str(line);
                    }
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

    /// Write (or hold until its turn) a piece of output at position `file`.
    fn place(&mut self, file: usize, located: &[Located], pretty: &str, done: bool) {
        if file == self.next {
            // JSON separators depend on what was written before: render only at write time.
            let text = self.render(located, pretty);
            let _ = self.out.write_all(text.as_bytes());
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
                let text = self.render(&located, &pretty);
                let _ = self.out.write_all(text.as_bytes());
            }
            if !done {
                // Still being checked: it writes directly from now on.
                return;
            }
            self.next += 1;
        }
    }

    /// Close the output (the JSON array) and return the counts.
    pub fn finish(mut self) -> Counts {
        if self.format == Format::Json {
            let _ = self
                .out
                .write_all(if self.wrote_any { b"\n]\n" } else { b"[]\n" });
        }
        let _ = self.out.flush();
        self.counts
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
