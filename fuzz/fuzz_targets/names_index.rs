//! The names index reader: any bytes as a corpus index file (what `newslint index` writes and
//! `check --names-index` reads), merged with [`Linter::merge_corpus_index`] into the corpus
//! states of a small corpus (the `fixtures/names-corpus` articles, one of them "being checked",
//! so its part of the index is skipped), then the corpus rules finished over that corpus.
//!
//! Invariants: a damaged or hostile index is an error or is read, never a panic, in the reader
//! or later when the corpus rules finish with what it held (out-of-range ids, counts that
//! overflow); and the findings lie inside the documents they name.
//!
//! [`Linter::merge_corpus_index`]: newslint::Linter::merge_corpus_index
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::document::Document;
use newslint::rule::DocId;
use newslint_fuzz::{LINTER, assert_findings};

const DOCS: &[(&str, &str)] = &[
    (
        "fixtures/names-corpus/01-envoy-arrives.txt",
        include_str!("../../fixtures/names-corpus/01-envoy-arrives.txt"),
    ),
    (
        "fixtures/names-corpus/02-lists-exchanged.txt",
        include_str!("../../fixtures/names-corpus/02-lists-exchanged.txt"),
    ),
    (
        "fixtures/names-corpus/03-border-crossing.txt",
        include_str!("../../fixtures/names-corpus/03-border-crossing.txt"),
    ),
];

/// The file "being checked": what the index holds of it is left out.
const CHECKED: &str = "fixtures/names-corpus/02-lists-exchanged.txt";

fuzz_target!(|data: &[u8]| {
    let linter = &*LINTER;
    let mut states = linter.corpus_states();
    let docs: Vec<(DocId, &str)> = DOCS
        .iter()
        .enumerate()
        .map(|(i, (_, text))| (DocId(i as u64), *text))
        .collect();
    for &(id, text) in &docs {
        states.observe_from(id, &Document::new(text), "fixtures");
    }
    if linter
        .merge_corpus_index(&mut states, data, &|p| p == CHECKED)
        .is_err()
    {
        return;
    }
    for (doc, d) in linter.finish_corpus_in(states, &docs) {
        let text = docs
            .iter()
            .find(|(id, _)| *id == doc)
            .map(|(_, t)| *t)
            .expect("findings name documents of the corpus");
        assert_findings(linter, text, [&d]);
    }
});
