//! Mis-translations: residue machine translation leaves in English news.

use crate::rule::Rule;

/// The family's per-document rules, in code order.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![]
}
