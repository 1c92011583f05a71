use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Reports byte sequences that are not valid in the file's encoding. Each one was replaced by
    /// U+FFFD (�) when the file was decoded; the finding points at it and gives the original byte
    /// offset.
    ///
    /// ## Why is this bad
    /// Undecodable bytes mean part of the article is lost or was cut in the middle of a character
    /// (a truncated download, two encodings concatenated). Tokenisers and search see a replacement
    /// character instead of the word.
    ///
    /// ## Example
    /// The bytes `caf` `0xC3` ` ` (a UTF-8 lead byte with no continuation) decode to `caf� `.
    ///
    /// ## Fix safety
    /// No fix: the lost character cannot be known. Re-fetch the article or decode it with the
    /// right encoding (`--encoding`).
    pub fn undecodable_bytes_meta {
        code: "E101",
        name: "undecodable-bytes",
        family: Encoding,
        severity: Error,
        fix: FixAvailability::None,
    }
}

pub struct UndecodableBytes(RuleMeta);

impl Default for UndecodableBytes {
    fn default() -> Self {
        Self(undecodable_bytes_meta())
    }
}

impl Rule for UndecodableBytes {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let Some(src) = doc.source() else { return };
        for m in src.malformed() {
            let span = ByteSpan::new(m.decoded, m.decoded + '\u{FFFD}'.len_utf8());
            let (a, b) = m.original;
            sink.report(
                span,
                format!(
                    "{} byte{} at offset {a} cannot be decoded as {}",
                    b - a,
                    if b - a == 1 { "" } else { "s" },
                    src.encoding().name()
                ),
            )
            .help("the original character is lost; re-fetch the article or pass the right `--encoding`");
        }
    }
}
