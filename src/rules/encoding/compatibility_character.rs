use super::strangeness::ideograph;
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, Sink};
use unicode_normalization::UnicodeNormalization;

declare_rule! {
    /// ## What it does
    /// Finds compatibility characters in running text: Latin ligatures (`ﬁ`, `ﬂ`, U+FB00–U+FB06)
    /// and fullwidth Latin letters, digits and punctuation (`ＡＢＣ`, U+FF01–U+FF5E), and suggests
    /// their plain form (NFKC). Fullwidth forms among Chinese, Japanese or Korean text (the nearest
    /// letter before or after them is CJK, or most letters of the line are) are how those languages are typeset (`，`, `（`, `？`,
    /// `１２月`) and are not reported.
    ///
    /// ## Why is this bad
    /// They come from PDFs and East Asian input methods. `ﬁnal` does not match `final` in search or
    /// in a vocabulary, and fullwidth letters tokenise as different words.
    ///
    /// ## Example
    /// `the ﬁnal vote` → `the final vote`.
    ///
    /// ## Fix safety
    /// Unsafe: compatibility mapping can change meaning in some contexts (fullwidth forms in CJK
    /// text are deliberate), so it is applied only with `--unsafe-fixes`.
    pub fn compatibility_character_meta {
        code: "E107",
        name: "compatibility-character",
        family: Encoding,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Unsafe),
    }
}

pub struct CompatibilityCharacter(RuleMeta);

impl Default for CompatibilityCharacter {
    fn default() -> Self {
        Self(compatibility_character_meta())
    }
}

fn is_compat(c: char) -> bool {
    matches!(c as u32, 0xFB00..=0xFB06 | 0xFF01..=0xFF5E)
}

fn is_fullwidth(c: char) -> bool {
    matches!(c as u32, 0xFF01..=0xFF5E)
}

/// Is the run `span` written among CJK text: is the nearest letter before it or after it CJK, or
/// are most letters of its line?
fn cjk_context(text: &str, span: ByteSpan) -> bool {
    let before = text[..span.start].chars().rev().find(|c| c.is_alphabetic());
    let after = text[span.end..].chars().find(|c| c.is_alphabetic());
    if before.is_some_and(ideograph) || after.is_some_and(ideograph) {
        return true;
    }
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let (mut cjk, mut all) = (0usize, 0usize);
    for c in text[start..end].chars().filter(|c| c.is_alphabetic()) {
        all += 1;
        cjk += usize::from(ideograph(c));
    }
    cjk * 2 >= all && all > 0
}

impl Rule for CompatibilityCharacter {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        // Both ranges are encoded with the lead byte EF.
        if memchr::memchr(0xEF, text.as_bytes()).is_none() {
            return;
        }
        let mut run: Option<usize> = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (is_compat(c), run) {
                (true, None) => run = Some(i),
                (false, Some(s)) => {
                    run = None;
                    let span = ByteSpan::new(s, i);
                    let found = span.slice(text);
                    if found.chars().all(is_fullwidth) && cjk_context(text, span) {
                        continue;
                    }
                    let plain: String = found.nfkc().collect();
                    sink.report(
                        span,
                        format!("compatibility characters `{found}`: plain form is `{plain}`"),
                    )
                    .help("write the plain letters")
                    .fix(Fix::replace(
                        Applicability::Unsafe,
                        format!("Replace with `{plain}`"),
                        span,
                        plain,
                    ));
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
    fn suggests_plain_forms() {
        let text = "the ﬁnal vote at ＡＢＣ Holdings, 東京";
        let doc = Document::new(text);
        let mut out = Vec::new();
        CompatibilityCharacter::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        let reps: Vec<&str> = out
            .iter()
            .map(|d| d.fix.as_ref().unwrap().edits[0].replacement.as_str())
            .collect();
        assert_eq!(reps, vec!["fi", "ABC"]);
    }

    #[test]
    fn fullwidth_forms_in_cjk_text_are_how_it_is_written() {
        let text = "東京（ＡＢＣ）で１２月に会議？\nthe ＡＢＣ vote";
        let doc = Document::new(text);
        let mut out = Vec::new();
        CompatibilityCharacter::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        let spans: Vec<&str> = out.iter().map(|d| d.span.slice(text)).collect();
        assert_eq!(spans, vec!["ＡＢＣ"]);
        assert!(out[0].span.start > text.find('\n').unwrap());
    }
}
