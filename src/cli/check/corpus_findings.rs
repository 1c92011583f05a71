//! Findings of corpus-level rules, placed in their files after every file was checked.
//!
//! Each file with such findings is read once more (a JSONL file in one sequential pass). The
//! findings go through the baseline like any other; with streaming output they are written after
//! every file's own findings, file by file, else they join their file's report.

use super::{FileOutcome, Job, records};
use crate::CorpusStates;
use crate::report::{Located, Placement, render_pretty, render_short, sort_located};
use crate::source::{LineIndex, SourceText};
use std::path::PathBuf;

/// Renders a file's findings in the pretty format.
type Render<'a> = Box<dyn Fn(&[Located]) -> String + 'a>;

impl Job<'_> {
    /// Place the corpus rules' findings in their files and report them.
    pub(super) fn add_corpus_findings(
        &self,
        files: &[PathBuf],
        outcomes: &mut [FileOutcome],
        states: CorpusStates,
    ) {
        let found = self.linter.finish_corpus(states);
        let corpus_codes: Vec<&str> = self
            .linter
            .registry()
            .corpus()
            .iter()
            .map(|(id, _)| self.linter.registry().meta(*id).code.as_ref())
            .collect();
        let mut k = 0;
        let mut streamed = 0;
        while k < found.len() {
            let file = records::split_doc_id(found[k].0).0;
            let n = found[k..]
                .iter()
                .take_while(|(d, _)| records::split_doc_id(*d).0 == file)
                .count();
            let group = &found[k..k + n];
            k += n;
            let display = self.name_of(&files[file]).display().to_string();
            let is_record = records::split_doc_id(group[0].0).1 > 0;
            let (mut located, pretty) =
                self.place_corpus_group(&files[file], &display, group, is_record);
            // The baseline admits corpus findings like any other; what they match is not stale.
            if let Some(b) = &self.baseline {
                let mut fb = b.file(&display);
                located.retain(|l| fb.admit(l));
                let o = &mut outcomes[file];
                o.stale.retain(|e| !corpus_codes.contains(&e.code.as_str()));
                o.stale.extend(
                    fb.stale()
                        .into_iter()
                        .filter(|e| corpus_codes.contains(&e.code.as_str())),
                );
            }
            if let Some(em) = &self.emitter {
                let pretty = if located.is_empty() || self.pretty.is_none() {
                    String::new()
                } else {
                    pretty(&located)
                };
                em.lock().expect("not poisoned").push(
                    files.len() + streamed,
                    &located,
                    &pretty,
                    true,
                );
                streamed += 1;
                continue;
            }
            let o = &mut outcomes[file];
            if self.pretty.is_some() && is_record {
                // Records render one finding at a time: add these after the file's own.
                o.pretty.push_str(&pretty(&located));
            }
            o.located.extend(located);
            sort_located(&mut o.located);
            if self.pretty.is_some() && !is_record {
                o.pretty = pretty(&o.located);
            }
        }
    }

    /// Locate one file's corpus findings; also returns how to render findings of that file.
    fn place_corpus_group(
        &self,
        path: &std::path::Path,
        display: &str,
        group: &[(crate::rule::DocId, crate::Diagnostic)],
        is_record: bool,
    ) -> (Vec<Located>, Render<'_>) {
        if is_record {
            // JSONL: one pass over the file for all its records.
            let mut wanted: Vec<(u64, usize, Vec<&crate::Diagnostic>)> = Vec::new();
            for (doc, d) in group {
                let (_, record, field) = records::split_doc_id(*doc);
                match wanted.last_mut() {
                    Some((r, f, v)) if *r == record && *f == field => v.push(d),
                    _ => wanted.push((record, field, vec![d])),
                }
            }
            let texts = self.corpus_findings_in_records(path, display, &wanted);
            let located: Vec<Located> = texts.iter().map(|(_, l)| l.clone()).collect();
            // `ls` is `located` or an ordered subset of it (the baseline admits some): walk both
            // in step to find each finding's text.
            let render = move |ls: &[Located]| {
                let mut s = String::new();
                let mut j = 0;
                for l in ls {
                    while j < texts.len() && texts[j].1 != *l {
                        j += 1;
                    }
                    if let Some((text, _)) = texts.get(j) {
                        render_short(&mut s, std::slice::from_ref(l), text);
                    }
                }
                s
            };
            return (located, Box::new(render));
        }
        let Ok(bytes) = self.read(path) else {
            return (Vec::new(), Box::new(|_: &[Located]| String::new()));
        };
        let source = SourceText::decode_vec(bytes, self.forced);
        let lines = LineIndex::new(source.text());
        let placement = Placement {
            path: display,
            source: &source,
            lines: &lines,
        };
        let located: Vec<Located> = group
            .iter()
            .map(|(_, d)| placement.locate(self.linter.registry(), d))
            .collect();
        let opts = self.pretty;
        let render = move |ls: &[Located]| {
            let mut s = String::new();
            if let Some(opts) = opts {
                render_pretty(&mut s, ls, source.text(), &lines, opts);
            }
            s
        };
        (located, Box::new(render))
    }
}
