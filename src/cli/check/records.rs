//! JSON Lines inputs: streamed in bounded batches, records checked in parallel, every finding placed
//! at its exact line and column in the raw file through JSON escapes. Fixes re-serialise only the
//! affected string field; every other byte of the file is kept.

use super::corpus_findings::CorpusWork;
use super::rewrite::{Compression, Digest, Rewrite};
use super::{FileOutcome, FixAction, InputError, Job};
use crate::corpus::jsonl::{
    FieldText, Limits, ignore_list, json_escaped, literal_pieces, parse_record,
    parse_record_deferring, replace_field_regions,
};
use crate::document::Document;
use crate::engine::Admit;
use crate::engine::suppress::RecordIgnore;
use crate::fix::{fix_bytes, unified_diff};
use crate::report::{
    Context, FilePoint, Located, Position, file_edits, last_char_start, render_short_at,
};
use crate::rule::{Diagnostic, DocId, Revisit};
use crate::source::{CharCounter, MAX_DOCUMENT, SourceText};
use crate::span::ByteSpan;
use crate::{CorpusStates, Selection};
use rayon::prelude::*;
use std::io::{BufRead, Read};
use std::path::Path;

/// A text field whose literal is longer than this is checked in pieces of about [`PIECE`],
/// never decoded whole (as a large plain-text file is checked in segments).
/// Also one with more lines than a smaller plain-text file may have before it is segmented.
const LARGE_FIELD: Limits = Limits {
    bytes: super::segmented::SEGMENTED_ABOVE as usize,
    lines: super::segmented::SEGMENTED_LINES,
};
const PIECE: Limits = Limits {
    bytes: super::segmented::SEGMENT,
    lines: super::segmented::MAX_LINES,
};

/// A batch holds at most this many bytes of records (plus the one that crosses the limit).
const BATCH_BYTES: usize = 4 << 20;
/// ...and at most this many records.
const BATCH_RECORDS: usize = 4096;

/// Is this a JSON Lines path (`.jsonl`, `.ndjson`, optionally `.gz` / `.zst`)?
pub fn is_jsonl(path: &Path) -> bool {
    let name = crate::corpus::lowercase_file_name(path);
    let name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

fn open(path: &Path) -> std::io::Result<Box<dyn BufRead>> {
    decompress(path, crate::source::open_regular(path)?)
}

/// A buffered reader of `raw`, decompressed according to `name`'s extension.
fn decompress(name: &Path, raw: impl Read + 'static) -> std::io::Result<Box<dyn BufRead>> {
    let inner = Compression::of(name).reader(raw)?;
    Ok(Box::new(std::io::BufReader::with_capacity(1 << 20, inner)))
}

/// A document id for field `field` of record `record` (1-based line) of file `file`.
pub fn record_doc_id(file: usize, record: u64, field: usize) -> DocId {
    DocId(((file as u64) << 40) | ((record & 0xFFFF_FFFF) << 8) | (field as u64 & 0xFF))
}

/// The inverse of [`record_doc_id`]: `(file, record, field)`.
pub fn split_doc_id(id: DocId) -> (usize, u64, usize) {
    (
        (id.0 >> 40) as usize,
        (id.0 >> 8) & 0xFFFF_FFFF,
        (id.0 & 0xFF) as usize,
    )
}

impl RawRecord {
    /// The record's bytes without its line terminator (`\n` or `\r\n`).
    fn content(&self) -> &[u8] {
        let b = self.bytes.strip_suffix(b"\n").unwrap_or(&self.bytes);
        b.strip_suffix(b"\r").unwrap_or(b)
    }
}

struct RawRecord {
    line_no: u64,
    offset: u64,
    bytes: Vec<u8>,
}

#[derive(Default)]
struct RecordOutcome {
    /// Findings, each with the index of the field text (in `texts`) it points into.
    located: Vec<(Located, usize)>,
    /// The texts findings point into, each with the offset in its field where it starts (a piece
    /// of a field too long to decode whole starts inside it).
    texts: Vec<(usize, String)>,
    errors: Vec<InputError>,
    fixed: usize,
    diff: String,
    /// The record line after fixing, when it changed.
    new_line: Option<String>,
    /// Whether the line was a record (a JSON object), and which requested text fields it lacks.
    parsed: bool,
    missing: Vec<usize>,
    /// The record's source, kept for `newslint report` only.
    source: Option<String>,
}

/// Which records of a file lack the requested text fields: a field that no record has (a
/// misspelt `--text-field`), and records that have none of them (nothing of theirs is checked).
#[derive(Default)]
struct MissingFields {
    records: u64,
    /// Per requested field, the records without it.
    per_field: Vec<u64>,
    /// Records with none of the fields, and the first of their line numbers.
    none: (u64, Vec<u64>),
}

/// Line numbers named in a missing-field error; the count covers the rest.
const MISSING_LINES_SHOWN: usize = 5;

impl MissingFields {
    fn add(&mut self, line_no: u64, r: &RecordOutcome, n_fields: usize) {
        if !r.parsed {
            return;
        }
        self.records += 1;
        self.per_field.resize(n_fields, 0);
        for &k in &r.missing {
            self.per_field[k] += 1;
        }
        if n_fields > 0 && r.missing.len() == n_fields {
            self.none.0 += 1;
            if self.none.1.len() < MISSING_LINES_SHOWN {
                self.none.1.push(line_no);
            }
        }
    }

    /// The errors to report, `(message, help)`: one per field that no record has, and one for
    /// the records that have none of the fields (when some field was found at all).
    fn messages(&self, fields: &[String]) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        if self.records == 0 || self.none.0 == 0 && !self.per_field.contains(&self.records) {
            return out;
        }
        let (n, lines) = &self.none;
        let mut shown: Vec<String> = lines.iter().map(u64::to_string).collect();
        if *n > lines.len() as u64 {
            shown.push("…".into());
        }
        let at = format!(
            "{} {}",
            if shown.len() > 1 { "lines" } else { "line" },
            shown.join(", ")
        );
        let absent: Vec<&String> = fields
            .iter()
            .zip(&self.per_field)
            .filter(|(_, m)| **m == self.records)
            .map(|(f, _)| f)
            .collect();
        for name in &absent {
            out.push((
                format!("no record has the text field `{name}`"),
                "check the spelling of --text-field (a dotted path such as `article.body`); pass \
                 --allow-missing-field if records may lack it",
            ));
        }
        if *n > 0 && absent.len() < fields.len() {
            let what = match fields {
                [one] => format!("lack the text field `{one}`"),
                _ => format!(
                    "have none of the text fields {}",
                    fields
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out.push((
                format!("{n} of {} records {what} ({at})", self.records),
                "those records were not checked; pass --allow-missing-field if records may lack \
                 their text",
            ));
        }
        out
    }
}

impl Job<'_> {
    /// Check (and fix) a JSON Lines file, streaming it in batches.
    pub(super) fn jsonl_file(
        &self,
        path: &Path,
        file_index: usize,
        states: &mut CorpusStates,
    ) -> FileOutcome {
        let is_stdin = path == Path::new("-");
        let display = self.name_of(path).display().to_string();
        let mut outcome = FileOutcome::default();
        let fail = |outcome: &mut FileOutcome, message: String, help: &str| {
            outcome
                .errors
                .push(InputError::new(display.clone(), message, help));
            outcome.unread = true;
        };
        let writing = matches!(self.action, FixAction::Write(_));
        let opened = if is_stdin {
            self.read(path)
                .and_then(|b| decompress(self.name_of(path), std::io::Cursor::new(b)))
        } else {
            open(path)
        };
        let mut reader = match opened {
            Ok(r) => r,
            Err(e) => {
                fail(
                    &mut outcome,
                    format!("cannot read: {e}"),
                    "check the file's permissions",
                );
                return outcome;
            }
        };
        let selection = self.linter.selection_for(self.name_of(path));
        // With --fix, the new file is streamed to a temporary file beside the original (or, for
        // standard input, collected and printed).
        let mut rewrite = writing.then(|| {
            if is_stdin {
                Rewrite::stdout(Compression::of(self.name_of(path)))
            } else {
                Rewrite::new(path)
            }
        });
        let mut line_no = 0u64;
        let mut offset = 0u64;
        let mut digest = Digest::default();
        let mut baseline = self.baseline.as_ref().map(|b| b.file(&display));
        let dir = self.dir_source(path);
        let mut missing = MissingFields::default();
        let mut read_error: Option<String> = None;
        loop {
            let mut batch: Vec<RawRecord> = Vec::new();
            let mut size = 0;
            while size < BATCH_BYTES && batch.len() < BATCH_RECORDS {
                let mut buf = Vec::new();
                match read_line_capped(&mut reader, &mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        line_no += 1;
                        digest.update(&buf);
                        size += n;
                        // A UTF-8 byte order mark before record 1 is kept for the rewrite, not
                        // parsed as part of the record; offsets still count it.
                        let bom = strip_bom(line_no, &mut buf);
                        if bom > 0
                            && let Some(w) = rewrite.as_mut()
                        {
                            w.keep(UTF8_BOM);
                        }
                        batch.push(RawRecord {
                            line_no,
                            offset: offset + bom as u64,
                            bytes: buf,
                        });
                        offset += n as u64;
                    }
                    Err(e) => {
                        // The records read so far are still checked and reported; the error
                        // comes after them.
                        read_error = Some(format!("cannot read after line {line_no}: {e}"));
                        break;
                    }
                }
            }
            if batch.is_empty() {
                break;
            }
            if Compression::of(self.name_of(path)) == Compression::None {
                self.progress.inc(size as u64);
            }
            let (results, batch_states) = batch
                .par_iter()
                .fold(
                    || (Vec::new(), self.linter.corpus_states()),
                    |(mut acc, mut st), r| {
                        acc.push((
                            r.line_no,
                            self.record(&display, file_index, r, &selection, &dir, &mut st),
                        ));
                        (acc, st)
                    },
                )
                .reduce(
                    || (Vec::new(), self.linter.corpus_states()),
                    |(mut a, sa), (b, sb)| {
                        a.extend(b);
                        (a, sa.merge(sb))
                    },
                );
            let mut results = results;
            results.sort_by_key(|(n, _)| *n);
            let merged = std::mem::replace(states, self.linter.corpus_states());
            *states = merged.merge(batch_states);
            for ((_, mut r), raw) in results.into_iter().zip(&batch) {
                missing.add(raw.line_no, &r, self.text_fields.len());
                if let Some(w) = rewrite.as_mut() {
                    match &r.new_line {
                        Some(new) => {
                            let ending = line_ending(&raw.bytes);
                            w.write(new.as_bytes());
                            w.write(ending);
                        }
                        None => w.keep(&raw.bytes),
                    }
                }
                if let Some(source) = r.source.take() {
                    for (l, t) in &mut r.located {
                        let (base, text) = &r.texts[*t];
                        let at = |b: usize| b.saturating_sub(*base);
                        l.context = Some(Box::new(Context {
                            source: source.clone(),
                            ..Context::around(text, at(l.start), at(l.end))
                        }));
                    }
                    *outcome.articles.entry(source).or_default() += 1;
                }
                // Admitted against the baseline in record order, then rendered.
                for (l, t) in r.located.drain(..) {
                    if baseline.as_mut().is_none_or(|b| b.admit(&l)) {
                        if self.pretty.is_some() {
                            let (base, text) = &r.texts[t];
                            render_short_at(
                                &mut outcome.pretty,
                                std::slice::from_ref(&l),
                                text,
                                *base,
                            );
                        }
                        outcome.located.push(l);
                    }
                }
                outcome.errors.append(&mut r.errors);
                outcome.fixed += r.fixed;
                outcome.diff.push_str(&r.diff);
            }
            // Write this batch's findings now (streaming output): memory stays flat.
            self.emit(file_index, &mut outcome, false);
            if read_error.is_some() {
                break;
            }
        }
        if let Some(message) = read_error {
            fail(
                &mut outcome,
                message,
                "the file may be truncated or corrupt",
            );
            outcome.unread = false;
            if let Some(r) = rewrite.take() {
                r.abandon();
            }
            return outcome;
        }
        if let Some(b) = baseline {
            outcome.stale = b.stale();
        }
        // A misspelt --text-field would otherwise pass a gate with nothing checked.
        if !self.allow_missing_field {
            for (message, help) in missing.messages(&self.text_fields) {
                outcome
                    .errors
                    .push(InputError::new(display.clone(), message, help));
            }
        }
        if let Some(w) = rewrite
            && let Err(message) = w.finish(outcome.fixed > 0, &digest)
        {
            outcome.fixed = 0;
            fail(&mut outcome, message, "nothing was written to this file");
        }
        outcome
    }

    /// Check (and fix) one record line.
    fn record(
        &self,
        display: &str,
        file_index: usize,
        raw: &RawRecord,
        selection: &Selection,
        dir: &str,
        states: &mut CorpusStates,
    ) -> RecordOutcome {
        let mut out = RecordOutcome::default();
        let bytes = raw.content();
        let error_with = |message: String, at: usize, line: &str, help: &str| {
            InputError::at(display, raw.line_no, message, help, line, at)
        };
        let error = |message: String, at: usize, line: &str| {
            let help = "the record is skipped; the rest of the file is still checked";
            error_with(message, at, line, help)
        };
        let line = match std::str::from_utf8(bytes) {
            Ok(l) => l,
            Err(e) => {
                let lossy = String::from_utf8_lossy(bytes).into_owned();
                out.errors.push(error(
                    format!(
                        "record is not valid UTF-8 (byte {} of the line)",
                        e.valid_up_to() + 1
                    ),
                    e.valid_up_to(),
                    &lossy,
                ));
                return out;
            }
        };
        if line.trim().is_empty() {
            return out;
        }
        // A check reads a field too long to decode whole in pieces; a fix needs it whole.
        let defer_above = match self.action {
            FixAction::Check => LARGE_FIELD,
            _ => Limits {
                bytes: usize::MAX,
                lines: usize::MAX,
            },
        };
        let record = match parse_record_deferring(
            line,
            &self.text_fields,
            self.id_field.as_deref(),
            self.source_field.as_deref(),
            defer_above,
        ) {
            Ok(r) => r,
            Err(e) => {
                out.errors.push(error(e.message, e.at, line));
                return out;
            }
        };
        out.parsed = true;
        out.missing.clone_from(&record.missing);
        let mut ignore = self.record_ignore(line, |e| {
            let help = "the record is checked without its ignore list";
            out.errors.push(error_with(e.message, e.at, line, help));
        });
        let fix_selection = self.linter.selection_without(&ignore, selection);
        let origin = record.source.as_deref().unwrap_or(dir);
        if self.report.is_some() {
            out.source = Some(origin.to_string());
        }
        let mut new_line: Option<String> = None;
        // (field index, the text the findings point into, the findings)
        let mut found: Vec<(usize, String, Vec<Diagnostic>)> = Vec::new();
        let mut record_line = None;
        for (k, field) in record.fields.iter().enumerate() {
            let id = record_doc_id(file_index, raw.line_no, k);
            if field.deferred {
                self.deferred_field(
                    display,
                    raw,
                    line,
                    field,
                    record.id.as_deref(),
                    selection,
                    &mut ignore,
                    &mut record_line,
                    &mut out,
                );
                continue;
            }
            let mode = match self.action {
                FixAction::Check => {
                    let source = SourceText::from_text(field.text.as_str());
                    let doc = Document::with_source(&source);
                    states.observe_from(id, &doc, origin);
                    let mut diags = self.linter.check_document(&doc, selection);
                    self.linter.apply_record_ignore(&mut ignore, &mut diags);
                    found.push((k, field.text.clone(), diags));
                    continue;
                }
                FixAction::Write(mode) | FixAction::Diff(mode) => mode,
            };
            let fixed = match fix_bytes(
                self.linter,
                field.text.as_bytes(),
                Some(encoding_rs::UTF_8),
                &fix_selection,
                mode,
            ) {
                Ok(f) => f,
                Err(e) => {
                    out.errors
                        .push(error(e.to_string(), field.literal.start, line));
                    continue;
                }
            };
            states.observe_from(id, &Document::with_source(&fixed.source), origin);
            out.fixed += fixed.fixed();
            let fixed_text = fixed.source.text().to_string();
            if fixed_text != field.text {
                if matches!(self.action, FixAction::Diff(_)) {
                    out.diff.push_str(&unified_diff(
                        &format!("{display}#{}:{}", raw.line_no, field.name),
                        &field.text,
                        &fixed_text,
                    ));
                } else {
                    let base = new_line.take().unwrap_or_else(|| line.to_string());
                    new_line = Some(replace_in(
                        &base,
                        line,
                        field,
                        &fixed_text,
                        fixed.changes.regions(),
                    ));
                }
            }
            found.push((k, fixed_text, fixed.remaining));
        }
        // Place the findings in the final line (after every field of it was rewritten).
        let final_fields: Option<Vec<FieldText>> = new_line.as_deref().map(|l| {
            let names: Vec<String> = record.fields.iter().map(|f| f.name.clone()).collect();
            parse_record(l, &names, None)
                .map(|r| r.fields)
                .unwrap_or_default()
        });
        let final_line = new_line.as_deref().unwrap_or(line);
        if new_line.is_some() {
            record_line = None;
        }
        for (k, text, diags) in found {
            let field = match &final_fields {
                Some(fs) => fs
                    .iter()
                    .find(|f| f.name == record.fields[k].name)
                    .unwrap_or(&record.fields[k]),
                None => &record.fields[k],
            };
            let ascii_only = !diags.is_empty() && field.ascii_only(final_line);
            let located: Vec<Located> = diags
                .iter()
                .map(|d| {
                    let record_line =
                        &*record_line.get_or_insert_with(|| RecordLine::new(final_line));
                    locate_field(
                        self,
                        display,
                        raw,
                        record_line,
                        ascii_only,
                        field,
                        &text,
                        record.id.as_deref(),
                        d,
                    )
                })
                .collect();
            let t = out.texts.len();
            out.texts.push((0, text));
            out.located.extend(located.into_iter().map(|l| (l, t)));
        }
        // What the ignore list left unused (known only in a check: a fix runs without its rules).
        if self.action == FixAction::Check {
            for (span, message) in self.linter.record_ignore_problems(&ignore, selection) {
                let record_line = &*record_line.get_or_insert_with(|| RecordLine::new(final_line));
                let l = self.locate_in_line(
                    display,
                    raw,
                    record_line,
                    record.id.as_deref(),
                    span,
                    message,
                );
                let t = out.texts.len();
                out.texts.push((0, final_line.to_string()));
                out.located.push((l, t));
            }
        }
        // The report order of `sort_located`: field, then position, then code.
        out.located.sort_by(|(a, _), (b, _)| {
            (&a.field, a.start, a.end, &a.code).cmp(&(&b.field, b.start, b.end, &b.code))
        });
        out.new_line = new_line;
        out
    }
}

impl Job<'_> {
    /// Check a field too long to decode whole, a piece at a time (see [`literal_pieces`]): each
    /// piece's findings are placed at once, capped per rule across the whole field as a field
    /// checked whole is, and the piece's text is dropped (kept only for the pretty excerpts).
    #[allow(clippy::too_many_arguments)]
    fn deferred_field<'l>(
        &self,
        display: &str,
        raw: &RawRecord,
        line: &'l str,
        field: &FieldText,
        id: Option<&str>,
        selection: &Selection,
        ignore: &mut RecordIgnore,
        record_line: &mut Option<RecordLine<'l>>,
        out: &mut RecordOutcome,
    ) {
        let record_line = &*record_line.get_or_insert_with(|| RecordLine::new(line));
        let ascii_only = field.ascii_only(line);
        let mut cap = self.linter.piece_cap();
        let mut summaries: Vec<(crate::rule::RuleId, usize)> = Vec::new();
        let mut at = 0;
        for piece in literal_pieces(line, field, PIECE) {
            let source = SourceText::from_text(piece.text.as_str());
            let (mut diags, uncounted) = self
                .linter
                .check_piece(&Document::with_source(&source), selection);
            drop(source);
            self.linter.apply_record_ignore(ignore, &mut diags);
            let t = out.texts.len();
            let place = |d: &Diagnostic, out: &mut RecordOutcome| {
                let mut l = locate_field(
                    self,
                    display,
                    raw,
                    record_line,
                    ascii_only,
                    &piece,
                    &piece.text,
                    id,
                    d,
                );
                super::segmented::shift_text(&mut l, at);
                out.located.push((l, t));
            };
            for d in &diags {
                match cap.admit(d.rule) {
                    Admit::Keep => place(d, out),
                    Admit::Summary => {
                        summaries.push((d.rule, out.located.len()));
                        place(d, out);
                    }
                    Admit::Drop => {}
                }
            }
            for (rule, n, span) in uncounted {
                if cap.uncounted(rule, n) {
                    summaries.push((rule, out.located.len()));
                    let d = Diagnostic {
                        rule,
                        severity: selection.severity(rule),
                        span,
                        message: String::new(),
                        help: None,
                        fix: None,
                    };
                    place(&d, out);
                }
            }
            if out.texts.len() == t && out.located.last().is_some_and(|(_, i)| *i == t) {
                let keep = if self.pretty.is_some() {
                    piece.text.clone()
                } else {
                    String::new()
                };
                out.texts.push((at, keep));
            }
            at += piece.text.len();
        }
        // The summaries count every finding left out, known only now.
        for (rule, more) in cap.summaries() {
            let code = self.linter.registry().meta(rule).code.to_string();
            let (message, help) = cap.summary_text(&code, more);
            if let Some(&(_, i)) = summaries.iter().find(|(r, _)| *r == rule) {
                let l = &mut out.located[i].0;
                l.message = message;
                l.help = Some(help);
                l.fix = None;
                l.file_fix = None;
            }
        }
    }
}

impl Job<'_> {
    /// Place corpus findings in the records of JSONL file `file`, reading it once, in batches
    /// whose records are placed in parallel. Returns each finding with the text it points into,
    /// in record, then field, then span order.
    pub(super) fn corpus_findings_in_records(
        &self,
        path: &Path,
        display: &str,
        file: usize,
        work: &CorpusWork<'_>,
    ) -> Vec<(std::sync::Arc<str>, Located)> {
        let mut out = Vec::new();
        let opened = if path == Path::new("-") {
            self.read(path)
                .and_then(|b| decompress(self.name_of(path), std::io::Cursor::new(b)))
        } else {
            open(path)
        };
        let Ok(mut reader) = opened else {
            return out;
        };
        // The lines to read: those with findings, and those the second pass asks for.
        let all = matches!(work.revisit, Some(Revisit::All));
        let mut wanted: Vec<u64> = work.found.iter().map(|(d, _)| split_doc_id(*d).1).collect();
        if let Some(Revisit::Docs(docs)) = work.revisit {
            let lo = docs.partition_point(|d| *d < record_doc_id(file, 0, 0));
            wanted.extend(
                docs[lo..]
                    .iter()
                    .map(|d| split_doc_id(*d))
                    .take_while(|(f, _, _)| *f == file)
                    .map(|(_, r, _)| r),
            );
        }
        wanted.sort_unstable();
        wanted.dedup();
        let (mut offset, mut line_no, mut next) = (0u64, 0u64, 0usize);
        loop {
            let mut batch: Vec<RawRecord> = Vec::new();
            let mut size = 0;
            while size < BATCH_BYTES && batch.len() < BATCH_RECORDS && (all || next < wanted.len())
            {
                let mut buf = Vec::new();
                match read_line_capped(&mut reader, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        line_no += 1;
                        let at = offset + strip_bom(line_no, &mut buf) as u64;
                        offset += n as u64;
                        while next < wanted.len() && wanted[next] < line_no {
                            next += 1;
                        }
                        if all || wanted.get(next) == Some(&line_no) {
                            size += n;
                            batch.push(RawRecord {
                                line_no,
                                offset: at,
                                bytes: buf,
                            });
                        }
                    }
                }
            }
            if batch.is_empty() {
                break;
            }
            let placed: Vec<Vec<(std::sync::Arc<str>, Located)>> = batch
                .par_iter()
                .map(|raw| self.corpus_record(display, file, raw, work))
                .collect();
            out.extend(placed.into_iter().flatten());
        }
        out
    }

    /// The corpus findings of one record line.
    fn corpus_record(
        &self,
        display: &str,
        file: usize,
        raw: &RawRecord,
        work: &CorpusWork<'_>,
    ) -> Vec<(std::sync::Arc<str>, Located)> {
        let mut out = Vec::new();
        let Some((line, rec)) = std::str::from_utf8(raw.content()).ok().and_then(|line| {
            // A field too long to decode whole was not seen by the corpus rules.
            parse_record_deferring(
                line,
                &self.text_fields,
                self.id_field.as_deref(),
                // Only the report shows a corpus finding's source.
                self.report.as_ref().and(self.source_field.as_deref()),
                LARGE_FIELD,
            )
            .ok()
            .map(|rec| (line, rec))
        }) else {
            return out;
        };
        let mut ignore = self.record_ignore(line, |_| {});
        let mut record_line = None;
        for (k, f) in rec.fields.iter().enumerate() {
            if f.deferred {
                continue;
            }
            let id = record_doc_id(file, raw.line_no, k);
            // The document as pass 1 built it from this field.
            let mut diags = work.findings(id, || {
                let source = SourceText::from_text(f.text.as_str());
                let doc = Document::with_source(&source);
                Some(work.second.revisit(id, &doc))
            });
            self.linter.suppress_in(&f.text, &mut diags);
            self.linter.apply_record_ignore(&mut ignore, &mut diags);
            if diags.is_empty() {
                continue;
            }
            let shared: std::sync::Arc<str> = f.text.as_str().into();
            let ascii_only = f.ascii_only(line);
            let record_line = record_line.get_or_insert_with(|| RecordLine::new(line));
            for d in &diags {
                let l = locate_field(
                    self,
                    display,
                    raw,
                    record_line,
                    ascii_only,
                    f,
                    &f.text,
                    rec.id.as_deref(),
                    d,
                );
                let l = self.with_context(l, &f.text, || {
                    rec.source
                        .clone()
                        .unwrap_or_else(|| self.dir_source(Path::new(display)))
                });
                out.push((shared.clone(), l));
            }
        }
        out
    }
}

impl Job<'_> {
    /// For `newslint report`: the finding with the text around it in `text` (the text its offsets
    /// point into) and its article's source.
    pub(super) fn with_context(
        &self,
        mut l: Located,
        text: &str,
        source: impl FnOnce() -> String,
    ) -> Located {
        if self.report.is_some() {
            l.context = Some(Box::new(Context {
                source: source(),
                ..Context::around(text, l.start, l.end)
            }));
        }
        l
    }
}

impl Job<'_> {
    /// The ignore list of record `line` (`--ignore-field`); a malformed one goes to `error` and
    /// silences nothing.
    fn record_ignore(
        &self,
        line: &str,
        error: impl FnOnce(crate::corpus::jsonl::RecordError),
    ) -> RecordIgnore {
        match ignore_list(line, &self.ignore_field) {
            Ok(list) => self.linter.record_ignore(
                list.iter()
                    .map(|(r, s)| (ByteSpan::new(r.start, r.end), s.as_str())),
            ),
            Err(e) => {
                error(e);
                RecordIgnore::default()
            }
        }
    }

    /// A finding of `unused-suppression` at `span` of the record line itself (its ignore list).
    fn locate_in_line(
        &self,
        display: &str,
        raw: &RawRecord,
        record_line: &RecordLine<'_>,
        id: Option<&str>,
        span: ByteSpan,
        message: String,
    ) -> Located {
        let line = record_line.text;
        let registry = self.linter.registry();
        let rule = self
            .linter
            .unused_suppression_rule()
            .expect("only reported when the rule is on");
        let d = Diagnostic {
            rule,
            severity: self.linter.base_selection().severity(rule),
            span,
            message,
            help: Some("delete it from the record's ignore list".into()),
            fix: None,
        };
        let col = |byte: usize| record_line.column(byte);
        let at = Position {
            line: raw.line_no as usize,
            column: col(span.start),
            end_line: raw.line_no as usize,
            end_column: col(last_char_start(line, span)),
            offset: raw.offset as usize + span.start,
            end_offset: raw.offset as usize + span.end,
        };
        Located {
            record: Some(raw.line_no),
            field: Some(self.ignore_field.clone()),
            id: id.map(str::to_string),
            ..Located::new(registry, display, line, &d, at)
        }
    }
}

/// `line` with `field` (found in `original`) changed to `new_text` where `regions` say; `line`
/// may already have other fields replaced, so the field is looked up again in it by name.
fn replace_in(
    line: &str,
    original: &str,
    field: &FieldText,
    new_text: &str,
    regions: &[(std::ops::Range<usize>, std::ops::Range<usize>)],
) -> String {
    if line == original {
        return replace_field_regions(line, field, new_text, regions);
    }
    match parse_record(line, std::slice::from_ref(&field.name), None) {
        Ok(r) => match r.fields.first() {
            Some(f) => replace_field_regions(line, f, new_text, regions),
            None => line.to_string(),
        },
        Err(_) => line.to_string(),
    }
}

/// A record's line with what placing its findings needs, counted once for all of them: columns
/// in chars without recounting the line from its start for each finding (a record can be a
/// whole flattened article).
struct RecordLine<'a> {
    text: &'a str,
    chars: CharCounter,
}

impl<'a> RecordLine<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            chars: CharCounter::new(text),
        }
    }

    /// 1-based column, in chars, of byte `byte` of the line (clamped to the line).
    fn column(&self, byte: usize) -> usize {
        let mut b = byte.min(self.text.len());
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        self.chars.chars_before(self.text, b) + 1
    }
}

#[allow(clippy::too_many_arguments)]
fn locate_field(
    job: &Job<'_>,
    display: &str,
    raw: &RawRecord,
    record_line: &RecordLine<'_>,
    ascii_only: bool,
    field: &FieldText,
    text: &str,
    id: Option<&str>,
    d: &Diagnostic,
) -> Located {
    let (a, b, z) = (
        field.line_offset(d.span.start),
        field.line_offset(last_char_start(text, d.span)),
        field.line_offset(d.span.end),
    );
    let col = |byte: usize| record_line.column(byte);
    // The inclusive end column is that of the last raw character of the span: the end of the
    // last character's escape (`\n`, `\u00e9`), not its start, so the columns and the byte
    // offsets describe the same region.
    let end_column = if z > b { col(z) - 1 } else { col(b) };
    let at = Position {
        line: raw.line_no as usize,
        column: col(a),
        end_line: raw.line_no as usize,
        end_column,
        offset: (raw.offset as usize) + a,
        end_offset: (raw.offset as usize) + z,
    };
    // A fix is a replacement of the file's bytes (JSON-escaped as the field is): not in a
    // compressed file, whose bytes are not the records'.
    let uncompressed = Compression::of(Path::new(display)) == Compression::None;
    let file_fix = d.fix.as_ref().filter(|_| uncompressed).and_then(|fix| {
        file_edits(
            fix,
            text,
            |o| {
                let r = field.line_offset(o);
                FilePoint {
                    line: raw.line_no as usize,
                    column: col(r),
                    offset: raw.offset as usize + r,
                }
            },
            |r| Some(json_escaped(r, ascii_only)),
        )
    });
    Located {
        record: Some(raw.line_no),
        field: Some(field.name.clone()),
        id: id.map(str::to_string),
        file_fix,
        ..Located::new(job.linter.registry(), display, text, d, at)
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Drop a UTF-8 byte order mark from the start of line 1 of a file; returns its length (0 or 3).
fn strip_bom(line_no: u64, buf: &mut Vec<u8>) -> usize {
    if line_no == 1 && buf.starts_with(UTF8_BOM) {
        buf.drain(..UTF8_BOM.len());
        UTF8_BOM.len()
    } else {
        0
    }
}

fn line_ending(raw: &[u8]) -> &'static [u8] {
    if raw.ends_with(b"\r\n") {
        b"\r\n"
    } else if raw.ends_with(b"\n") {
        b"\n"
    } else {
        b""
    }
}

/// Read one line, refusing lines longer than a document may be (without reading them whole).
fn read_line_capped(reader: &mut Box<dyn BufRead>, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let n = reader
        .by_ref()
        .take(MAX_DOCUMENT as u64 + 1)
        .read_until(b'\n', buf)?;
    if n > MAX_DOCUMENT {
        return Err(std::io::Error::other("a record is longer than 1 GiB"));
    }
    Ok(n)
}
