//! Name spellings: one spelling per person, place and organisation, in an article and a corpus.

mod analysis;
pub mod article_variant;
pub mod corpus_variant;
mod gazetteer;
pub mod gazetteer_variant;
mod index;
mod key;
mod loose;
mod mention;

use crate::rule::{CorpusRule, Rule};

/// The family's per-document rules, in code order.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(article_variant::ArticleVariant::default()),
        Box::new(gazetteer_variant::GazetteerVariant::default()),
    ]
}

/// The family's corpus-level rules.
pub fn corpus() -> Vec<Box<dyn CorpusRule>> {
    vec![Box::new(corpus_variant::CorpusVariant::default())]
}
