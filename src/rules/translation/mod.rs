//! Mis-translations: residue machine translation leaves in English news.

pub mod article_before_country;
pub mod attribution_gender_flip;
pub mod double_speech_verb;
pub mod inverted_speech_verb;
pub mod mt_profile;
#[rustfmt::skip]
mod mt_profile_weights;
pub mod name_and_own_acronym;
pub mod number_format_residue;
pub mod quotation_dash;
pub mod reported_conditional;
pub mod source_language_acronym;
pub mod source_script_word;
pub mod space_before_punctuation;
pub mod spaced_hyphen_compound;
pub mod speech_verb_outlet;
pub mod untranslated_fragment;
mod util;

use crate::rule::Rule;

/// The family's per-document rules, in code order.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(attribution_gender_flip::AttributionGenderFlip::default()),
        Box::new(reported_conditional::ReportedConditional::default()),
        Box::new(source_language_acronym::SourceLanguageAcronym::default()),
        Box::new(name_and_own_acronym::NameAndOwnAcronym::default()),
        Box::new(article_before_country::ArticleBeforeCountry::default()),
        Box::new(inverted_speech_verb::InvertedSpeechVerb::default()),
        Box::new(speech_verb_outlet::SpeechVerbOutlet::default()),
        Box::new(double_speech_verb::DoubleSpeechVerb::default()),
        Box::new(space_before_punctuation::SpaceBeforePunctuation::default()),
        Box::new(quotation_dash::QuotationDash::default()),
        Box::new(untranslated_fragment::UntranslatedFragment::default()),
        Box::new(spaced_hyphen_compound::SpacedHyphenCompound::default()),
        Box::new(number_format_residue::NumberFormatResidue::default()),
        Box::new(source_script_word::SourceScriptWord::default()),
        Box::new(mt_profile::MtProfile::default()),
    ]
}
