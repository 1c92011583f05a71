//! The corpus-level rule shape: observe per worker, merge, finish once. Whatever way documents are
//! split among workers and merged, the findings are the same.

use newslint::document::Document;
use newslint::rule::{
    CorpusRule, CorpusState, Diagnostic, DocId, Family, FixAvailability, RuleId, RuleMeta, Severity,
};
use newslint::{ByteSpan, CorpusStates, Linter, Registry};
use proptest::prelude::*;
use std::any::Any;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A test rule: a non-blank line that also appears in an earlier document (by id) is reported.
struct RepeatedLine(RuleMeta);

#[derive(Default)]
struct RepeatedLineState {
    /// line text -> every (doc, span) it occurs at. Bounded by distinct lines in a real rule.
    seen: BTreeMap<String, Vec<(DocId, ByteSpan)>>,
}

impl CorpusRule for RepeatedLine {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }
    fn new_state(&self) -> Box<dyn CorpusState> {
        Box::<RepeatedLineState>::default()
    }
}

impl CorpusState for RepeatedLineState {
    fn observe(&mut self, id: DocId, doc: &Document<'_>) {
        for l in doc.lines().iter().filter(|l| !l.blank) {
            self.seen
                .entry(l.span.slice(doc.text()).to_string())
                .or_default()
                .push((id, l.span));
        }
    }
    fn merge(&mut self, other: Box<dyn CorpusState>) {
        let other = other
            .into_any()
            .downcast::<RepeatedLineState>()
            .expect("same rule");
        for (k, v) in other.seen {
            self.seen.entry(k).or_default().extend(v);
        }
    }
    fn finish(self: Box<Self>, rule: RuleId) -> Vec<(DocId, Diagnostic)> {
        let mut out = Vec::new();
        for (_, mut places) in self.seen {
            places.sort();
            let first = places[0].0;
            for (doc, span) in places.into_iter().filter(|(d, _)| *d != first) {
                out.push((
                    doc,
                    Diagnostic {
                        rule,
                        severity: Severity::Warning,
                        span,
                        message: "line repeated from another article".into(),
                        help: None,
                        fix: None,
                    },
                ));
            }
        }
        out
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn linter() -> Linter {
    let meta = RuleMeta {
        code: Cow::Borrowed("A999"),
        name: Cow::Borrowed("repeated-line"),
        family: Family::Artifact,
        severity: Severity::Warning,
        fix: FixAvailability::None,
        summary: Cow::Borrowed("test"),
        doc: Cow::Borrowed("test"),
        origin: Cow::Borrowed("test"),
        default_on: true,
        suppressible: true,
    };
    let reg = Registry::with_rules(Vec::new(), vec![Box::new(RepeatedLine(meta))], &[]).unwrap();
    Linter::with_registry(reg)
}

fn run(
    linter: &Linter,
    docs: &[String],
    split: &[usize],
    reverse: bool,
) -> Vec<(DocId, Diagnostic)> {
    // Give documents to workers according to `split`, then merge in one order or the other.
    let workers = split.iter().copied().max().map_or(0, |m| m + 1);
    let mut states: Vec<CorpusStates> = (0..workers.max(1))
        .map(|_| linter.corpus_states())
        .collect();
    for (i, text) in docs.iter().enumerate() {
        let doc = Document::new(text);
        states[split[i]].observe(DocId(i as u64), &doc);
    }
    if reverse {
        states.reverse();
    }
    let merged = states.into_iter().reduce(|a, b| a.merge(b)).unwrap();
    let texts: Vec<(DocId, &str)> = docs
        .iter()
        .enumerate()
        .map(|(i, t)| (DocId(i as u64), t.as_str()))
        .collect();
    linter.finish_corpus_in(merged, &texts)
}

proptest! {
    #[test]
    fn findings_do_not_depend_on_worker_split_or_merge_order(
        docs in proptest::collection::vec(
            proptest::collection::vec(prop_oneof![Just("Share"), Just("The port reopened."), Just("Rain fell."), Just("")], 0..5)
                .prop_map(|v| v.join("\n")),
            1..8,
        ),
        seed in proptest::collection::vec(0usize..3, 8),
    ) {
        let linter = linter();
        let one = run(&linter, &docs, &vec![0; docs.len()], false);
        let split: Vec<usize> = (0..docs.len()).map(|i| seed[i]).collect();
        prop_assert_eq!(&one, &run(&linter, &docs, &split, false));
        prop_assert_eq!(&one, &run(&linter, &docs, &split, true));
    }
}

#[test]
fn repeated_lines_are_reported_in_later_documents() {
    let linter = linter();
    let docs = vec![
        "Share\nThe port reopened.".to_string(),
        "Rain fell.\nShare".to_string(),
    ];
    let found = run(&linter, &docs, &[0, 1], false);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, DocId(1));
    assert_eq!(found[0].1.span.slice(&docs[1]), "Share");
}
