//! Findings of corpus-level rules, placed in their files after every file was checked.

use super::{FileOutcome, Job, records};
use crate::CorpusStates;
use crate::report::{Placement, render_pretty, render_short, sort_located};
use crate::source::{LineIndex, SourceText};
use std::path::PathBuf;

impl Job<'_> {
    /// Place the corpus rules' findings in their files (read again: only files with such findings)
    /// and re-render those files' reports with them in order.
    pub(super) fn add_corpus_findings(
        &self,
        files: &[PathBuf],
        outcomes: &mut [FileOutcome],
        states: CorpusStates,
    ) {
        let found = self.linter.finish_corpus(states);
        let mut k = 0;
        while k < found.len() {
            let doc = found[k].0;
            let group: Vec<_> = found[k..]
                .iter()
                .take_while(|(d, _)| *d == doc)
                .map(|(_, d)| d)
                .collect();
            k += group.len();
            let (i, record, field) = records::split_doc_id(doc);
            let display = files[i].display().to_string();
            if record > 0 {
                // A JSONL record: read that line again and place the findings in its field.
                let mut located =
                    self.corpus_findings_in_record(&files[i], &display, record, field, &group);
                let o = &mut outcomes[i];
                if self.pretty.is_some() {
                    for (text, l) in located.iter() {
                        render_short(&mut o.pretty, std::slice::from_ref(l), text);
                    }
                }
                o.located.extend(located.drain(..).map(|(_, l)| l));
                sort_located(&mut o.located);
                continue;
            }
            let Ok(bytes) = std::fs::read(&files[i]) else {
                continue;
            };
            let source = SourceText::decode_vec(bytes, self.forced);
            let lines = LineIndex::new(source.text());
            let placement = Placement {
                path: &display,
                source: &source,
                lines: &lines,
            };
            let o = &mut outcomes[i];
            o.located.extend(
                group
                    .into_iter()
                    .map(|d| placement.locate(self.linter.registry(), d)),
            );
            sort_located(&mut o.located);
            if let Some(opts) = self.pretty {
                o.pretty.clear();
                render_pretty(&mut o.pretty, &o.located, source.text(), &lines, opts);
            }
        }
    }
}
