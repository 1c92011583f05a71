//! Built-in rules, one file per rule, grouped by family.

pub mod artifact;
pub mod encoding;
pub mod names;
pub mod newslint;
pub mod sourcing;
pub mod translation;

use crate::rule::{CorpusRule, Rule};

/// Every built-in per-document rule, in code order.
pub fn builtin() -> Vec<Box<dyn Rule>> {
    let mut rules: Vec<Box<dyn Rule>> = vec![
        Box::new(artifact::glued_toggle_label::GluedToggleLabel::default()),
        Box::new(artifact::trailing_menu::TrailingMenu::default()),
        Box::new(artifact::blank_line_run::BlankLineRun::default()),
        Box::new(artifact::contact_details::ContactDetails::default()),
        Box::new(artifact::repeated_sentence::RepeatedSentence::default()),
        Box::new(artifact::furniture_line::FurnitureLine::default()),
        Box::new(artifact::comment_thread::CommentThread::default()),
        Box::new(encoding::undecodable_bytes::UndecodableBytes::default()),
        Box::new(encoding::legacy_encoding::LegacyEncoding::default()),
        Box::new(encoding::mojibake::Mojibake::default()),
        Box::new(encoding::invisible_character::InvisibleCharacter::default()),
        Box::new(encoding::bidi_control::BidiControl::default()),
        Box::new(encoding::not_nfc::NotNfc::default()),
        Box::new(encoding::compatibility_character::CompatibilityCharacter::default()),
        Box::new(encoding::mixed_script_word::MixedScriptWord::default()),
        Box::new(encoding::mixed_quotes::MixedQuotes::default()),
        Box::new(encoding::mixed_line_endings::MixedLineEndings::default()),
        Box::new(encoding::nbsp_between_words::NbspBetweenWords::default()),
        Box::new(encoding::lost_character::LostCharacter::default()),
    ];
    rules.extend(translation::rules());
    rules.extend(sourcing::rules());
    rules.extend(names::rules());
    rules.extend(newslint::rules());
    rules
}

/// Every built-in corpus-level rule.
pub fn corpus() -> Vec<Box<dyn CorpusRule>> {
    let mut rules: Vec<Box<dyn CorpusRule>> = vec![Box::new(
        artifact::corpus_boilerplate::CorpusBoilerplate::default(),
    )];
    rules.extend(names::corpus());
    rules
}
