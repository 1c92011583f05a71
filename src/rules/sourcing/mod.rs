//! Unsourced claims: claims that say nothing about who said them.
//!
//! The rules share one attribution analysis ([`attribution`]): where the quotations are, and
//! whether a sentence or its paragraph names a source. Its word lists are the `[lexicon]` of
//! `rules/sourcing.toml`, which users extend with their own packs.

pub mod attribution;
pub mod hedged_passive;
pub mod rhetorical_question;
pub mod unattributed_reputation;
pub mod unattributed_speculation;
pub mod unnamed_source;
pub mod unsourced_figure;
pub mod weasel_words;

use crate::rule::Rule;

/// The family's per-document rules, in code order.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(hedged_passive::HedgedPassive::default()),
        Box::new(unsourced_figure::UnsourcedFigure::default()),
        Box::new(unnamed_source::UnnamedSource::default()),
        Box::new(rhetorical_question::RhetoricalQuestion::default()),
        Box::new(unattributed_speculation::UnattributedSpeculation::default()),
        Box::new(weasel_words::WeaselWords::default()),
        Box::new(unattributed_reputation::UnattributedReputation::default()),
    ]
}
