use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, Sink};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

declare_rule! {
    /// ## What it does
    /// Finds words that are not in Unicode Normalization Form C: letters written as a base letter
    /// plus a combining mark (`e` + U+0301) where a precomposed letter (`é`) exists.
    ///
    /// ## Why is this bad
    /// The two forms look the same but compare, search and deduplicate differently: `José` in NFD
    /// does not match `José` in NFC. Corpora should be in one form, and NFC is the web's.
    ///
    /// ## Example
    /// `Jose` followed by U+0301 (combining acute) is reported; the fix writes `José`.
    ///
    /// ## Fix safety
    /// Safe: canonical normalisation does not change what the text says, and the fix is limited to
    /// the affected word.
    pub fn not_nfc_meta {
        code: "E106",
        name: "not-nfc",
        family: Encoding,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Safe),
    }
}

pub struct NotNfc(RuleMeta);

impl Default for NotNfc {
    fn default() -> Self {
        Self(not_nfc_meta())
    }
}

/// Can the text fail NFC at all? Characters below U+0300 (ASCII, Latin-1, Latin Extended),
/// General Punctuation (typographic quotes and dashes), super- and subscripts and currency signs
/// (U+2000–U+20CF) are always NFC with no combining class; only a text with some other character
/// needs the quick check.
fn may_be_denormalised(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&x| x >= 0xCC) {
        let at = i + k;
        // A lead byte (continuation bytes are below 0xC0, so `at` starts a char).
        let c = text[at..].chars().next().map_or(0, |c| c as u32);
        if !(0x2000..=0x20CF).contains(&c) {
            return true;
        }
        i = at + 3;
    }
    false
}

impl Rule for NotNfc {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        if !may_be_denormalised(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return;
        }
        // Check word by word (runs between whitespace), so the fix touches only what changes.
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    let word = &text[s..i];
                    if !word.is_ascii() && is_nfc_quick(word.chars()) != IsNormalized::Yes {
                        let nfc: String = word.nfc().collect();
                        if nfc != word {
                            let span = ByteSpan::new(s, i);
                            sink.report(span, format!("`{word}` is not in Unicode NFC"))
                                .help("normalise it to NFC: the same letters, precomposed")
                                .fix(Fix::replace(
                                    Applicability::Safe,
                                    format!("Normalise to `{nfc}`"),
                                    span,
                                    nfc,
                                ));
                        }
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    #[test]
    fn prefilter_never_hides_a_denormalised_text() {
        for t in [
            "Jose\u{301}",
            "“quoted” — fine",
            "Größe",
            "가\u{1161}",
            "Ω\u{301}",
            "ﬁ",
        ] {
            if is_nfc_quick(t.chars()) != IsNormalized::Yes {
                assert!(may_be_denormalised(t), "{t:?}");
            }
        }
        assert!(!may_be_denormalised("plain “quoted” text – with é"));
    }

    #[test]
    fn finds_decomposed_words_only() {
        let text = "Jose\u{301} met Mu\u{308}ller in São Paulo.";
        let doc = Document::new(text);
        let mut out = Vec::new();
        NotNfc::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        let fixed: Vec<&str> = out
            .iter()
            .map(|d| d.fix.as_ref().unwrap().edits[0].replacement.as_str())
            .collect();
        assert_eq!(fixed, vec!["José", "Müller"]);
    }
}
