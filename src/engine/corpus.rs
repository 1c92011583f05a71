//! The corpus rules' side of the linter: per-worker states, their merge, a corpus index, and
//! the findings (and second pass) once every document is seen.

use super::{Linter, Registry};
use crate::document::Document;
use crate::rule::{CorpusRule, CorpusState, Diagnostic, DocId, Revisit, RuleId, Severity};

impl Linter {
    /// The corpus rules enabled by the base selection.
    fn enabled_corpus(&self) -> impl Iterator<Item = &(RuleId, Box<dyn CorpusRule>)> {
        self.registry
            .corpus()
            .iter()
            .filter(|(id, _)| self.scope.base.is_enabled(*id))
    }

    /// Is any corpus rule enabled (its findings come only once every document is seen)?
    pub fn has_corpus_rules(&self) -> bool {
        self.enabled_corpus().next().is_some()
    }

    /// Fresh partial states for every enabled corpus rule (one set per worker).
    pub fn corpus_states(&self) -> CorpusStates {
        CorpusStates(
            self.enabled_corpus()
                .map(|(id, r)| {
                    let mut st = r.new_state();
                    if self.exporting {
                        st.keep_for_export();
                    }
                    (*id, st)
                })
                .collect(),
        )
    }

    /// Make the corpus states of this linter keep what a corpus index needs (`newslint index`).
    pub fn set_exporting(&mut self, exporting: bool) {
        self.exporting = exporting;
    }

    /// Merge a corpus index written by [`CorpusStates::export`] into a run's merged states, so
    /// that the files checked are judged against the indexed corpus. What the files for which
    /// `skip` is true contributed to the index is left out (they are checked again). A rule the
    /// index does not cover is left as it is.
    pub fn merge_corpus_index(
        &self,
        states: &mut CorpusStates,
        index: &[u8],
        skip: &dyn Fn(&str) -> bool,
    ) -> Result<(), String> {
        let parts = read_index_parts(index)?;
        for (id, st) in &mut states.0 {
            let code = &self.registry.meta(*id).code;
            let Some((_, payload)) = parts.iter().find(|(c, _)| c == code) else {
                continue;
            };
            let Some((_, rule)) = self.registry.corpus().iter().find(|(i, _)| i == id) else {
                continue;
            };
            rule.import(payload, skip, st.as_mut())
                .map_err(|e| format!("{code}: {e}"))?;
        }
        Ok(())
    }

    /// Finish merged corpus states: the findings known now (sorted by document, then span, then
    /// rule), and the second pass of the rules that report in one (see [`CorpusState::plan`]).
    pub fn finish_corpus(&self, states: CorpusStates) -> (Vec<(DocId, Diagnostic)>, SecondPass) {
        let mut second = SecondPass {
            states: Vec::new(),
            severities: Vec::new(),
            revisit: None,
            min_severity: self.min_severity,
        };
        let mut out: Vec<(DocId, Diagnostic)> = Vec::new();
        for (id, mut st) in states.0 {
            match st.plan() {
                Some(r) => {
                    second.revisit = Some(match second.revisit.take() {
                        None => r,
                        Some(prev) => prev.union(r),
                    });
                    second.severities.push((id, self.scope.base.severity(id)));
                    second.states.push((id, st));
                }
                None => out.extend(st.finish(id)),
            }
        }
        for (_, d) in &mut out {
            self.corpus_severity(d);
        }
        out.retain(|(_, d)| d.severity >= self.min_severity);
        out.sort_by_key(|(doc, d)| (*doc, d.span.start, d.span.end, d.rule));
        (out, second)
    }

    /// Finish merged corpus states over a corpus held in memory: `docs` are every document the
    /// states observed, which the second pass reads again. Findings sorted as by
    /// [`finish_corpus`](Linter::finish_corpus).
    pub fn finish_corpus_in(
        &self,
        states: CorpusStates,
        docs: &[(DocId, &str)],
    ) -> Vec<(DocId, Diagnostic)> {
        let (mut out, second) = self.finish_corpus(states);
        if let Some(r) = second.revisits() {
            for &(id, text) in docs {
                if r.contains(id) {
                    let doc = Document::new(text);
                    out.extend(second.revisit(id, &doc).into_iter().map(|d| (id, d)));
                }
            }
        }
        out.sort_by_key(|(doc, d)| (*doc, d.span.start, d.span.end, d.rule));
        out
    }

    /// A finding its rule marks as information (a tie N103 names) stays information; others take
    /// the rule's configured severity.
    fn corpus_severity(&self, d: &mut Diagnostic) {
        if d.severity != Severity::Info {
            d.severity = self.scope.base.severity(d.rule);
        }
    }
}

/// The corpus rules that report in a second pass over the documents (see
/// [`CorpusState::plan`]), and which documents they read again.
pub struct SecondPass {
    states: Vec<(RuleId, Box<dyn CorpusState>)>,
    severities: Vec<(RuleId, Severity)>,
    revisit: Option<Revisit>,
    min_severity: Severity,
}

impl SecondPass {
    /// The documents to read again, or `None` when no rule asked for a second pass.
    pub fn revisits(&self) -> Option<&Revisit> {
        self.revisit.as_ref()
    }

    /// The second pass's findings in document `id` (decoded as in pass 1), sorted by span, then
    /// rule.
    pub fn revisit(&self, id: DocId, doc: &Document<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (rule, st) in &self.states {
            st.revisit(*rule, id, doc, &mut out);
        }
        for d in &mut out {
            if d.severity != Severity::Info
                && let Some((_, s)) = self.severities.iter().find(|(r, _)| *r == d.rule)
            {
                d.severity = *s;
            }
        }
        out.retain(|d| d.severity >= self.min_severity);
        out.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
        out
    }
}

/// The first bytes of a corpus index file.
const INDEX_MAGIC: &[u8] = b"newslint corpus index\n";

/// The `(rule code, payload)` parts of a corpus index.
fn read_index_parts(index: &[u8]) -> Result<Vec<(String, &[u8])>, String> {
    let bad = || "not a newslint corpus index (write one with `newslint index`)".to_string();
    let mut rest = index.strip_prefix(INDEX_MAGIC).ok_or_else(bad)?;
    let mut take = |n: usize| -> Result<&[u8], String> {
        if rest.len() < n {
            return Err(bad());
        }
        let (a, b) = rest.split_at(n);
        rest = b;
        Ok(a)
    };
    let n = u32::from_le_bytes(take(4)?.try_into().expect("4 bytes"));
    let mut parts = Vec::new();
    for _ in 0..n {
        let len = u16::from_le_bytes(take(2)?.try_into().expect("2 bytes")) as usize;
        let code = String::from_utf8(take(len)?.to_vec()).map_err(|_| bad())?;
        let len = u64::from_le_bytes(take(8)?.try_into().expect("8 bytes"));
        let payload = take(usize::try_from(len).map_err(|_| bad())?)?;
        parts.push((code, payload));
    }
    Ok(parts)
}

/// The partial states of every enabled corpus rule held by one worker.
pub struct CorpusStates(Vec<(RuleId, Box<dyn CorpusState>)>);

impl CorpusStates {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Let every state observe a document whose source is unknown.
    pub fn observe(&mut self, id: DocId, doc: &Document<'_>) {
        for (_, st) in &mut self.0 {
            st.observe(id, doc);
        }
    }

    /// Let every state observe a document of `source` (see [`CorpusState::observe_from`]).
    pub fn observe_from(&mut self, id: DocId, doc: &Document<'_>, source: &str) {
        for (_, st) in &mut self.0 {
            st.observe_from(id, doc, source);
        }
    }

    /// [`CorpusStates::observe_from`] timed by rule (see [`Linter::time_stages`]).
    pub(crate) fn time_observe(
        &mut self,
        id: DocId,
        doc: &Document<'_>,
        registry: &Registry,
        add: &mut dyn FnMut(&str, std::time::Instant),
    ) {
        for (rule, st) in &mut self.0 {
            let t = std::time::Instant::now();
            st.observe_from(id, doc, "");
            add(&format!("{} (observe)", registry.meta(*rule).code), t);
        }
    }

    /// The corpus index of these states: `{ "<code>": <state summary>, ... }` for every rule that
    /// keeps one (`newslint index`). `path_of` names the file each document came from.
    pub fn export(&self, registry: &Registry, path_of: &dyn Fn(DocId) -> String) -> Vec<u8> {
        let parts: Vec<(String, Vec<u8>)> = self
            .0
            .iter()
            .filter_map(|(id, st)| Some((registry.meta(*id).code.to_string(), st.export(path_of)?)))
            .collect();
        let mut out = INDEX_MAGIC.to_vec();
        out.extend((parts.len() as u32).to_le_bytes());
        for (code, payload) in parts {
            out.extend((code.len() as u16).to_le_bytes());
            out.extend(code.as_bytes());
            out.extend((payload.len() as u64).to_le_bytes());
            out.extend(payload);
        }
        out
    }

    /// Fold another worker's states into these (same linter, so the same rules in the same order).
    pub fn merge(mut self, other: CorpusStates) -> CorpusStates {
        for ((a_id, a), (b_id, b)) in self.0.iter_mut().zip(other.0) {
            debug_assert_eq!(*a_id, b_id);
            a.merge(b);
        }
        self
    }
}
