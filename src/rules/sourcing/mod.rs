//! Unsourced claims: claims that say nothing about who said them.

use crate::rule::Rule;

/// The family's per-document rules, in code order.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![]
}
