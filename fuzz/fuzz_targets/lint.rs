//! Linting one document with every default rule: the bytes are decoded as `check` decodes a
//! file, linted with [`Linter::new`] (every per-document rule and the bundled packs), and the
//! corpus rules observe it and finish over a corpus of that one document, second pass included.
//!
//! Invariants: no rule panics; every finding and every fix edit lies inside the decoded text on
//! char boundaries, with the edits of a fix in order and apart; the findings come sorted by span;
//! and every span maps back inside the original bytes, start before end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::rule::DocId;
use newslint::source::SourceText;
use newslint_fuzz::{LINTER, assert_findings, assert_sorted};

fuzz_target!(|data: &[u8]| {
    let linter = &*LINTER;
    let source = SourceText::decode(data, None);
    let text = source.text();
    let mut states = linter.corpus_states();
    let id = DocId(0);
    let found = linter.check_source_observed(
        &source,
        linter.base_selection(),
        id,
        "fuzz.example",
        &mut states,
    );
    assert_findings(linter, text, &found);
    assert_sorted(&found);
    for d in &found {
        let (a, b) = (
            source.original_offset(d.span.start),
            source.original_offset(d.span.end),
        );
        assert!(
            a <= b && b <= data.len(),
            "span {:?} maps to {a}..{b}",
            d.span
        );
    }
    let corpus = linter.finish_corpus_in(states, &[(id, text)]);
    assert_findings(linter, text, corpus.iter().map(|(_, d)| d));
    assert!(
        corpus.iter().all(|(doc, _)| *doc == id),
        "a finding in a document never seen"
    );
});
