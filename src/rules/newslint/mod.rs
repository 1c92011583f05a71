//! newslint's own rules: findings about its directives in the text, not about the articles.

pub mod unused_suppression;

use crate::rule::Rule;

/// The family's rules, in code order.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![Box::new(unused_suppression::UnusedSuppression::default())]
}
