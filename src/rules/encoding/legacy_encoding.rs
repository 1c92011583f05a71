use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Reports a file that is not UTF-8: one whose encoding was detected (Windows-1252, EUC-KR,
    /// Shift_JIS, ...) or announced by a UTF-16 byte-order mark. The finding sits on the first
    /// character that is not ASCII, where the two encodings differ, and gives the detection's
    /// confidence: `high` when at least 32 non-ASCII characters decoded without a single malformed
    /// sequence, `medium` with less evidence, `low` when some bytes could not be decoded.
    ///
    /// ## Why is this bad
    /// A corpus in several encodings is read wrongly by every tool that assumes UTF-8, which is how
    /// mojibake is made. Detection is a guess: the finding says which encoding newslint chose so a
    /// wrong guess can be overridden with `--encoding`.
    ///
    /// ## Example
    /// A Windows-1252 file containing `café` (byte `0xE9`) is reported as decoded from windows-1252.
    ///
    /// ## Fix safety
    /// No fix yet: converting a file to UTF-8 is a decision about the whole corpus.
    pub fn legacy_encoding_meta {
        code: "E102",
        name: "legacy-encoding",
        family: Encoding,
        severity: Info,
        fix: FixAvailability::None,
    }
}

pub struct LegacyEncoding(RuleMeta);

impl Default for LegacyEncoding {
    fn default() -> Self {
        Self(legacy_encoding_meta())
    }
}

impl Rule for LegacyEncoding {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let Some(src) = doc.source() else { return };
        if src.encoding() == encoding_rs::UTF_8 {
            return;
        }
        let text = doc.text();
        let at = text.find(|c: char| !c.is_ascii()).unwrap_or(0);
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        let how = if src.was_detected() {
            let evidence = text.chars().filter(|c| !c.is_ascii()).take(32).count();
            match (src.malformed().is_empty(), evidence >= 32) {
                (false, _) => "detected, confidence low: some bytes could not be decoded",
                (true, true) => "detected, confidence high",
                (true, false) => "detected, confidence medium: few non-ASCII characters to go on",
            }
        } else if src.bom_len() > 0 {
            "byte-order mark"
        } else {
            "forced"
        };
        sink.report(
            ByteSpan::new(at, end),
            format!("file is not UTF-8: decoded as {} ({how})", src.encoding().name()),
        )
        .help("if the guess is wrong, pass `--encoding LABEL`; consider converting the corpus to UTF-8");
    }
}
