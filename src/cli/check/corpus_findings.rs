//! Findings of corpus-level rules, placed in their files after every file was checked.
//!
//! Pass 1 (the check itself) let the corpus rules observe every document. Then each file with
//! corpus findings, or with documents a rule's second pass asked for (see
//! [`crate::rule::CorpusState::plan`]), is read once more (a JSONL file in one sequential pass,
//! its records in parallel batches), files in parallel chunks so memory stays bounded. The
//! findings go through the baseline like any other; with streaming output they are written after
//! every file's own findings, file by file, else they join their file's report.

use super::{FileOutcome, Job, records};
use crate::report::{
    Group, Located, Placement, render_group_concise, render_group_pretty, render_pretty,
    sort_located,
};
use crate::rule::{Diagnostic, DocId, Revisit};
use crate::source::{LineIndex, SourceText};
use crate::{CorpusStates, SecondPass};
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::ops::Range;
use std::path::PathBuf;

/// How many files are read again at once (their findings are held until the chunk is done).
const CHUNK: usize = 64;

/// What one file holds for the corpus rules: findings known after pass 1 and the second pass's.
pub(super) struct CorpusWork<'a> {
    /// The findings known after pass 1 in this file's documents, sorted by document.
    pub found: &'a [(DocId, Diagnostic)],
    /// The documents the second pass reads again (of any file).
    pub revisit: Option<&'a Revisit>,
    pub second: &'a SecondPass,
}

impl CorpusWork<'_> {
    /// All findings in document `id` (decoded as `doc` builds it, only when the second pass
    /// wants it), sorted by span, then rule.
    pub fn findings(
        &self,
        id: DocId,
        doc: impl FnOnce() -> Option<Vec<Diagnostic>>,
    ) -> Vec<Diagnostic> {
        let lo = self.found.partition_point(|(d, _)| *d < id);
        let mut out: Vec<Diagnostic> = self.found[lo..]
            .iter()
            .take_while(|(d, _)| *d == id)
            .map(|(_, d)| d.clone())
            .collect();
        if self.revisit.is_some_and(|r| r.contains(id))
            && let Some(more) = doc()
        {
            out.extend(more);
            out.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
        }
        out
    }

    /// Does the second pass read any document of `file`?
    fn revisits_file(&self, file: usize) -> bool {
        match self.revisit {
            None => false,
            Some(Revisit::All) => true,
            Some(Revisit::Docs(d)) => {
                let lo = records::record_doc_id(file, 0, 0);
                let i = d.partition_point(|x| *x < lo);
                d.get(i)
                    .is_some_and(|x| records::split_doc_id(*x).0 == file)
            }
        }
    }
}

/// One file's corpus findings, admitted by the baseline and rendered.
struct CorpusFile {
    file: usize,
    located: Vec<Located>,
    /// The pretty rendering: of these findings alone when streaming or for records, else of
    /// all the file's findings.
    pretty: String,
    /// Baseline entries of corpus rules that no longer occur in this file.
    stale: Option<Vec<crate::baseline::Entry>>,
    is_record: bool,
}

impl Job<'_> {
    /// Place the corpus rules' findings in their files and report them.
    pub(super) fn add_corpus_findings(
        &self,
        files: &[PathBuf],
        outcomes: &mut [FileOutcome],
        states: CorpusStates,
    ) {
        let (found, second) = self.linter.finish_corpus(states);
        let corpus_codes: Vec<&str> = self
            .linter
            .registry()
            .corpus()
            .iter()
            .map(|(id, _)| self.linter.registry().meta(*id).code.as_ref())
            .collect();
        // The files to read again, each with its range of `found`.
        let mut plans: Vec<(usize, Range<usize>)> = Vec::new();
        let mut k = 0;
        for (file, outcome) in outcomes.iter().enumerate() {
            let start = k;
            while k < found.len() && records::split_doc_id(found[k].0).0 == file {
                k += 1;
            }
            let work = CorpusWork {
                found: &found[start..k],
                revisit: second.revisits(),
                second: &second,
            };
            if !outcome.segmented && (k > start || (!outcome.unread && work.revisits_file(file))) {
                plans.push((file, start..k));
            }
        }
        let mut streamed = 0;
        // Pretty and concise output show the findings that share a rule and a message once, with
        // their places (every mention of one variant); other formats keep one per place.
        let grouping = self
            .emitter
            .as_ref()
            .is_some_and(|em| em.lock().expect("not poisoned").groups());
        let mut groups: Vec<Group> = Vec::new();
        let mut group_of: HashMap<(String, String), usize> = HashMap::new();
        for chunk in plans.chunks(CHUNK) {
            let done: Vec<CorpusFile> = {
                let outcomes: &[FileOutcome] = outcomes;
                chunk
                    .par_iter()
                    .map(|(file, range)| {
                        let work = CorpusWork {
                            found: &found[range.clone()],
                            revisit: second.revisits(),
                            second: &second,
                        };
                        self.corpus_file(files, *file, &work, &outcomes[*file], &corpus_codes)
                    })
                    .collect()
            };
            for c in done {
                let o = &mut outcomes[c.file];
                if let Some(stale) = c.stale {
                    o.stale.retain(|e| !corpus_codes.contains(&e.code.as_str()));
                    o.stale.extend(stale);
                }
                // The report folds them in as they are placed, one chunk of files at a time.
                if let Some(report) = &self.report {
                    report.lock().expect("not poisoned").add(
                        c.located
                            .iter()
                            .map(|l| (l, l.context.as_deref().map(|x| x.source.as_str()))),
                    );
                    continue;
                }
                if let Some(em) = &self.emitter {
                    let mut em = em.lock().expect("not poisoned");
                    if grouping {
                        em.count(c.file, c.located.iter().map(|l| l.severity.as_str()));
                        for l in c.located {
                            let key = (l.code.clone(), l.message.clone());
                            match group_of.get(&key) {
                                Some(&g) => groups[g].add(&l),
                                None => {
                                    group_of.insert(key, groups.len());
                                    groups.push(Group::new(l));
                                }
                            }
                        }
                    } else {
                        em.push_at(files.len() + streamed, c.file, &c.located, &c.pretty);
                        streamed += 1;
                    }
                    continue;
                }
                if self.pretty.is_some() {
                    if c.is_record {
                        // Records render one finding at a time: these come after the file's own.
                        o.pretty.push_str(&c.pretty);
                    } else {
                        o.pretty = c.pretty;
                    }
                }
                o.located.extend(c.located);
                sort_located(&mut o.located);
            }
        }
        if let Some(em) = &self.emitter
            && !groups.is_empty()
        {
            let mut text = String::new();
            for g in &groups {
                match self.pretty {
                    Some(opts) => render_group_pretty(&mut text, g, opts),
                    None => render_group_concise(&mut text, g),
                }
            }
            em.lock()
                .expect("not poisoned")
                .push_text(files.len() + streamed, &text);
        }
    }

    /// Read one file again and place its corpus findings.
    fn corpus_file(
        &self,
        files: &[PathBuf],
        file: usize,
        work: &CorpusWork<'_>,
        own: &FileOutcome,
        corpus_codes: &[&str],
    ) -> CorpusFile {
        let path = &files[file];
        let display = self.name_of(path).display().to_string();
        let is_record = records::is_jsonl(self.name_of(path));
        let mut baseline = self.baseline.as_ref().map(|b| b.file(&display));
        let mut admit = |l: &Located| baseline.as_mut().is_none_or(|b| b.admit(l));
        let mut located = Vec::new();
        let mut pretty = String::new();
        if is_record {
            for (text, l) in self.corpus_findings_in_records(path, &display, file, work) {
                if admit(&l) {
                    if self.pretty.is_some() {
                        crate::report::render_short(&mut pretty, std::slice::from_ref(&l), &text);
                    }
                    located.push(l);
                }
            }
        } else if let Ok(bytes) = self.read(path) {
            let source = SourceText::decode_vec(bytes, self.forced);
            let id = records::record_doc_id(file, 0, 0);
            let mut diags = work.findings(id, || {
                let doc = crate::document::Document::with_source(&source);
                Some(work.second.revisit(id, &doc))
            });
            self.linter.suppress_in(source.text(), &mut diags);
            if !diags.is_empty() {
                let lines = LineIndex::new(source.text());
                let placement = Placement {
                    path: &display,
                    source: &source,
                    lines: &lines,
                };
                located = diags
                    .iter()
                    .map(|d| placement.locate(self.linter.registry(), d))
                    .filter(|l| admit(l))
                    .map(|l| self.with_context(l, source.text(), || self.dir_source(path)))
                    .collect();
                if let Some(opts) = self.pretty
                    && !located.is_empty()
                {
                    if self.emitter.is_some() {
                        render_pretty(&mut pretty, &located, source.text(), &lines, opts);
                    } else {
                        let mut all = own.located.clone();
                        all.extend(located.iter().cloned());
                        sort_located(&mut all);
                        render_pretty(&mut pretty, &all, source.text(), &lines, opts);
                    }
                }
            }
        }
        // With nothing admitted and no streaming, the file's own rendering stands.
        if pretty.is_empty() && self.emitter.is_none() && !is_record {
            pretty = own.pretty.clone();
        }
        // What corpus findings match in the baseline is not stale.
        let stale = baseline.map(|b| {
            b.stale()
                .into_iter()
                .filter(|e| corpus_codes.contains(&e.code.as_str()))
                .collect()
        });
        CorpusFile {
            file,
            located,
            pretty,
            stale,
            is_record,
        }
    }
}
