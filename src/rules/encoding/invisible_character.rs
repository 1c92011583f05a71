use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds invisible characters inside the text: zero-width spaces (U+200B), word joiners
    /// (U+2060), soft hyphens (U+00AD), byte-order marks in the middle of a text (U+FEFF), C0
    /// control characters other than tab and line breaks, C1 controls (U+0080–U+009F), and
    /// zero-width joiners or non-joiners between letters of scripts that do not use them. Joiners
    /// in emoji sequences and in scripts that need them (Arabic, Persian, Indic) are fine.
    ///
    /// ## Why is this bad
    /// Invisible characters split words for search, tokenisers and deduplication (`trans\u{200b}port`
    /// is not `transport`) while looking fine on screen. C1 controls are usually Windows-1252
    /// punctuation read as Latin-1.
    ///
    /// ## Example
    /// ```text
    /// The trans​port minister (with a zero-width space in `transport`)
    /// ```
    ///
    /// ## Fix safety
    /// Deleting zero-width spaces, word joiners, soft hyphens, stray BOMs and misplaced joiners is
    /// safe. Control characters are deleted (C0) or replaced by the Windows-1252 character they
    /// stand for (C1, e.g. U+0096 → `–`) as unsafe fixes: a control can carry meaning the text lost.
    pub fn invisible_character_meta {
        code: "E104",
        name: "invisible-character",
        family: Encoding,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Safe),
    }
}

pub struct InvisibleCharacter(RuleMeta);

impl Default for InvisibleCharacter {
    fn default() -> Self {
        Self(invisible_character_meta())
    }
}

/// Scripts whose words use ZWJ/ZWNJ: Arabic, Syriac, Thaana, N'Ko, Indic, Sinhala, Myanmar,
/// Khmer, Mongolian and their extensions.
fn joiner_script(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x08FF | 0x0900..=0x0DFF | 0x1000..=0x109F | 0x1780..=0x18AF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Emoji and the variation selectors and modifiers of emoji sequences.
fn emoji_like(c: char) -> bool {
    matches!(c as u32, 0x2190..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE0F | 0xE0020..=0xE007F)
}

/// Is there a control byte other than tab and line breaks? Eight bytes at a time: a word with no
/// byte below 0x20 and no 0x7F is skipped without looking at its bytes.
fn has_control(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let del = (x ^ (ONES * 0x7F)).wrapping_sub(ONES) & !(x ^ (ONES * 0x7F)) & HIGHS;
        if (below_space | del) != 0 && c.iter().any(|&b| is_control(b)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| is_control(b))
}

impl Rule for InvisibleCharacter {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        // Everything this rule looks for is a control byte or starts with C2, E2 or EF.
        let bytes = text.as_bytes();
        let suspect = memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).any(|i| {
            let n = bytes.get(i + 1).copied().unwrap_or(0);
            let m = bytes.get(i + 2).copied().unwrap_or(0);
            match bytes[i] {
                0xC2 => n <= 0x9F || n == 0xAD,
                0xE2 => (n == 0x80 && (0x8B..=0x8D).contains(&m)) || (n == 0x81 && m == 0xA0),
                _ => n == 0xBB && m == 0xBF,
            }
        });
        if !suspect && !has_control(bytes) {
            return;
        }
        let mut prev: Option<char> = None;
        // Whether the last character other than a soft hyphen was a letter.
        let mut prev_letter = false;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            let span = ByteSpan::new(i, i + c.len_utf8());
            let u = c as u32;
            let found: Option<(&str, Option<String>, Applicability)> = match u {
                0x200B => Some(("zero-width space", None, Applicability::Safe)),
                0x2060 => Some(("word joiner", None, Applicability::Safe)),
                // Between two letters a soft hyphen is a hyphenation point typesetters put in
                // long words (`Vize\u{AD}direktorin`): legitimate text.
                0x00AD
                    if prev_letter
                        && text[i..]
                            .chars()
                            .find(|&n| n != '\u{AD}')
                            .is_some_and(char::is_alphabetic) =>
                {
                    None
                }
                0x00AD => Some(("soft hyphen", None, Applicability::Safe)),
                0xFEFF => Some(("byte-order mark inside the text", None, Applicability::Safe)),
                0x200C | 0x200D => {
                    let needed = prev.is_some_and(|p| joiner_script(p) || emoji_like(p))
                        || next.is_some_and(|n| joiner_script(n) || emoji_like(n));
                    (!needed).then_some((
                        "zero-width joiner or non-joiner outside a script that uses it",
                        None,
                        Applicability::Safe,
                    ))
                }
                0x00..=0x1F if !matches!(c, '\t' | '\n' | '\r') => {
                    Some(("control character", None, Applicability::Unsafe))
                }
                0x7F => Some(("control character (DEL)", None, Applicability::Unsafe)),
                0x80..=0x9F => {
                    let byte = [u as u8];
                    let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                    let rep = s
                        .chars()
                        .next()
                        .filter(|r| !r.is_control())
                        .map(String::from);
                    Some(("C1 control character", rep, Applicability::Unsafe))
                }
                _ => None,
            };
            prev = Some(c);
            if c != '\u{AD}' {
                prev_letter = c.is_alphabetic();
            }
            let Some((what, replacement, applicability)) = found else {
                continue;
            };
            let d = sink.report(span, format!("invisible {what} (U+{u:04X})"));
            match replacement {
                Some(r) => {
                    d.help(format!(
                        "it is probably the Windows-1252 character `{r}` read as Latin-1"
                    ))
                    .fix(Fix::replace(
                        applicability,
                        format!("Replace with `{r}`"),
                        span,
                        r,
                    ));
                }
                None => {
                    d.help("delete it: it splits the word for search and tokenisers")
                        .fix(Fix::delete(applicability, "Delete it", span));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    fn found(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        InvisibleCharacter::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        out.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn flags_invisible_characters() {
        assert_eq!(found("trans\u{200b}port").len(), 1);
        assert_eq!(
            found("co-\u{ad}operate and \u{feff}x and bell\u{7}").len(),
            3
        );
        // A hyphenation point inside a word is legitimate.
        assert!(found("Vize\u{ad}direktorin and ab\u{ad}\u{ad}cd").is_empty());
        assert!(found("en\u{96}dash")[0].contains("C1"));
        assert_eq!(found("Latin\u{200d}word").len(), 1);
    }

    #[test]
    fn control_scan_agrees_with_a_plain_scan() {
        for s in [
            "",
            "abc",
            "a\tb\nc\r\n",
            "1234567\u{7}",
            "12345678\u{7f}",
            "x\u{1b}y",
            "tab\tonly here and there\n",
        ] {
            let plain = s
                .bytes()
                .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F);
            assert_eq!(has_control(s.as_bytes()), plain, "{s:?}");
        }
    }

    #[test]
    fn joiners_where_scripts_need_them_are_fine() {
        assert!(found("\u{1F469}\u{200D}\u{2695}\u{FE0F} doctor").is_empty());
        assert!(found("می\u{200c}خواهم").is_empty());
        assert!(found("plain text\twith tabs\r\n").is_empty());
    }
}
