//! Name spellings: one spelling per person, place and organisation, in an article and a corpus.

use crate::rule::{CorpusRule, Rule};

/// The family's per-document rules, in code order.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![]
}

/// The family's corpus-level rules.
pub fn corpus() -> Vec<Box<dyn CorpusRule>> {
    vec![]
}
