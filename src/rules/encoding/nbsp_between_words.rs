use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds no-break spaces (U+00A0) between two ordinary words, where a normal space belongs.
    /// No-break spaces before or after a digit (`10 km`, `£ 5`), before French punctuation, around
    /// non-letters and after a one-letter word (Czech, Slovak and Polish tie `s`, `v`, `z`, `w` to
    /// the next word by rule) are left alone.
    ///
    /// ## Why is this bad
    /// Scraped HTML turns `&nbsp;` into U+00A0, which many tokenisers and search engines do not treat
    /// as a space: `the council` becomes one token. It is invisible on screen.
    ///
    /// ## Example
    /// `the council` with U+00A0 between the words → `the council`.
    ///
    /// ## Fix safety
    /// Safe: replacing the no-break space with a space changes only line breaking.
    ///
    /// ## Options
    /// Ignore this rule (`ignore = ["nbsp-between-words"]`) for corpora that keep no-break spaces on
    /// purpose.
    pub fn nbsp_between_words_meta {
        code: "E111",
        name: "nbsp-between-words",
        family: Encoding,
        severity: Info,
        fix: FixAvailability::Always(Applicability::Safe),
    }
}

pub struct NbspBetweenWords(RuleMeta);

impl Default for NbspBetweenWords {
    fn default() -> Self {
        Self(nbsp_between_words_meta())
    }
}

impl Rule for NbspBetweenWords {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        // U+00A0 is C2 A0 in UTF-8.
        for i in memchr::memmem::find_iter(text.as_bytes(), "\u{a0}") {
            let before = text[..i].chars().next_back();
            let after = text[i + 2..].chars().next();
            // Czech, Slovak and Polish typesetting ties a one-letter preposition or conjunction
            // to the next word by rule (`s\u{a0}výhradou`, `w\u{a0}domu`).
            let one_letter = {
                let mut back = text[..i].chars().rev();
                back.next().is_some_and(char::is_alphabetic)
                    && back.next().is_none_or(|c| !c.is_alphanumeric())
            };
            if !one_letter
                && before.is_some_and(char::is_alphabetic)
                && after.is_some_and(char::is_alphabetic)
            {
                let span = ByteSpan::new(i, i + 2);
                sink.report(span, "no-break space between two words")
                    .help("write a normal space")
                    .fix(Fix::replace(
                        Applicability::Safe,
                        "Replace with a space",
                        span,
                        " ",
                    ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    #[test]
    fn only_between_words() {
        let text = "the\u{a0}council met 10\u{a0}km away, £\u{a0}5";
        let doc = Document::new(text);
        let mut out = Vec::new();
        NbspBetweenWords::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn one_letter_words_are_tied_by_rule() {
        let text = "smlouva s\u{a0}výhradou a\u{a0}dalšími, w\u{a0}domu, but the\u{a0}end";
        let doc = Document::new(text);
        let mut out = Vec::new();
        NbspBetweenWords::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        let at: Vec<usize> = out.iter().map(|d| d.span.start).collect();
        assert_eq!(at, vec![text.rfind('\u{a0}').unwrap()]);
    }
}
