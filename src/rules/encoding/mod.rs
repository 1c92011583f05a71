//! Encoding and Unicode damage.

pub mod legacy_encoding;
pub mod undecodable_bytes;
