//! Unsourced claims: claims that say nothing about who said them.
//!
//! The rules share one attribution analysis ([`attribution`]): where the quotations are, and
//! whether a sentence or its paragraph names a source. Its word lists are the `[lexicon]` of
//! `rules/sourcing.toml`, which users extend with their own packs.

pub mod attribution;
pub mod hedged_passive;

use crate::rule::Rule;

/// The family's per-document rules, in code order.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![Box::new(hedged_passive::HedgedPassive::default())]
}
