//! Built-in rules, one file per rule, grouped by family.

pub mod artifact;
pub mod encoding;

use crate::rule::Rule;

/// Every built-in per-document rule, in code order.
pub fn builtin() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(artifact::glued_toggle_label::GluedToggleLabel::default()),
        Box::new(artifact::trailing_menu::TrailingMenu::default()),
        Box::new(artifact::blank_line_run::BlankLineRun::default()),
        Box::new(artifact::contact_details::ContactDetails::default()),
        Box::new(artifact::repeated_sentence::RepeatedSentence::default()),
        Box::new(encoding::undecodable_bytes::UndecodableBytes::default()),
        Box::new(encoding::legacy_encoding::LegacyEncoding::default()),
    ]
}
