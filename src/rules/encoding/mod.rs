//! Encoding and Unicode damage.

pub mod bidi_control;
pub mod code_pages;
pub mod compatibility_character;
pub mod invisible_character;
pub mod legacy_encoding;
pub mod letter_prior;
pub mod lost_character;
pub mod mixed_line_endings;
pub mod mixed_quotes;
pub mod mixed_script_word;
pub mod mojibake;
pub mod nbsp_between_words;
pub mod not_nfc;
pub mod strangeness;
pub mod undecodable_bytes;
