use super::util::{WordSet, gap, is_any, tok};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Lexicon, Rule, RuleMeta, Sink};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Finds `the` before the name of a country that takes no article in English (`in the north
    /// of the Syria`, `the France has`), a calque of French, Italian, Spanish, German or Arabic,
    /// which put an article before country names. Only a name used as a noun is flagged: the
    /// word after it must be punctuation, a preposition, a conjunction, a verb or a time word,
    /// so `the Syria talks`, `the France coach`, `the Syria-Turkey border`, `the Iran of the
    /// 1970s` and `the Syria that emerged` stay silent, and so do countries that take the
    /// article (`the Netherlands`, `the Gambia`, `the Congo`).
    ///
    /// ## Why is this bad
    /// It marks the text as a translation and reads as an error to any English reader.
    ///
    /// ## Example
    /// ```text
    /// Protests spread across the Tunisia on Friday.
    /// ```
    /// Use instead:
    /// ```text
    /// Protests spread across Tunisia on Friday.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: removing `the` is right in nearly every flagged case, but it rewrites the text.
    ///
    /// ## Options
    /// Lexicon keys `countries-without-article` (names, several words allowed) and
    /// `countries-with-article` (never flagged).
    pub fn article_before_country_meta {
        code: "T105",
        name: "article-before-country",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Unsafe),
    }
}

pub struct ArticleBeforeCountry {
    meta: RuleMeta,
    /// First word (lowercase) → the remaining words of each name starting with it.
    names: HashMap<String, Vec<Vec<String>>>,
    first_words: WordSet,
}

impl Default for ArticleBeforeCountry {
    fn default() -> Self {
        let mut rule = Self {
            meta: article_before_country_meta(),
            names: HashMap::new(),
            first_words: WordSet::default(),
        };
        for n in [
            "Syria",
            "France",
            "Germany",
            "Italy",
            "Spain",
            "Iran",
            "Iraq",
            "South Korea",
        ] {
            rule.add(n);
        }
        rule
    }
}

/// Words that may follow a country used as a plain noun (not as a modifier of a noun).
const NOUN_FOLLOWERS: &[&str] = &[
    "this",
    "these",
    "last",
    "next",
    "on",
    "in",
    "at",
    "to",
    "from",
    "with",
    "by",
    "for",
    "since",
    "after",
    "before",
    "during",
    "near",
    "under",
    "over",
    "through",
    "between",
    "among",
    "and",
    "or",
    "but",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "will",
    "would",
    "said",
    "says",
    "announced",
    "today",
    "yesterday",
    "tomorrow",
    "until",
    "into",
    "towards",
    "toward",
    "where",
    "while",
    "because",
    "as",
];

impl ArticleBeforeCountry {
    fn add(&mut self, name: &str) {
        let mut words = name.split_whitespace().map(str::to_lowercase);
        let Some(first) = words.next() else { return };
        self.first_words.insert(&first);
        self.names.entry(first).or_default().push(words.collect());
    }
}

impl Rule for ArticleBeforeCountry {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        let with = lexicon.strings("countries-with-article")?;
        let without = lexicon.strings("countries-without-article")?;
        if without.is_empty() {
            return Ok(());
        }
        self.names.clear();
        self.first_words = WordSet::default();
        for n in without {
            if !with.iter().any(|w| w.eq_ignore_ascii_case(n)) {
                self.add(n);
            }
        }
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let toks = doc.tokens();
        for i in 0..toks.len().saturating_sub(1) {
            let t = toks[i];
            if t.span().len() != 3 || !t.text(text).eq_ignore_ascii_case("the") {
                continue;
            }
            let n = toks[i + 1];
            if !n.is_capitalised() || n.is_all_caps() || gap(text, t, n) != " " {
                continue;
            }
            let first = n.text(text);
            if !self.first_words.contains(first) {
                continue;
            }
            let Some(rests) = self.names.get(&first.to_lowercase()) else {
                continue;
            };
            // The longest name that matches here.
            let mut best: Option<usize> = None;
            for rest in rests {
                let ok = rest.iter().enumerate().all(|(k, w)| {
                    let j = i + 2 + k;
                    j < toks.len()
                        && toks[j].text(text).eq_ignore_ascii_case(w)
                        && gap(text, toks[j - 1], toks[j]) == " "
                });
                if ok && best.is_none_or(|b| rest.len() > b) {
                    best = Some(rest.len());
                }
            }
            let Some(extra) = best else { continue };
            let last = i + 1 + extra;
            // What follows decides whether the name is a noun (flag) or a modifier (silent).
            let after = &text[toks[last].span().end..];
            let next_tok = tok(text, toks, last + 1);
            let direct = after.starts_with(' ')
                && toks
                    .get(last + 1)
                    .is_some_and(|nt| gap(text, toks[last], *nt) == " ");
            let comma_list =
                after.starts_with(", ") && after[2..].starts_with(|c: char| c.is_uppercase());
            let noun = if comma_list {
                // `the Russia, Iran, N. Korea sanctions bill`: a list of modifiers.
                false
            } else if after.is_empty()
                || after.starts_with(['.', ',', ';', ':', '!', '?', ')', '\n', '\r'])
            {
                // `the Syria.` — but not `the U.S.`-like abbreviations or a list heading.
                true
            } else if direct {
                // `and`/`or` only with a noun phrase after it (`the Syria and the Lebanon`),
                // not coordinated modifiers (`the Iran and Iraq wars`, `the Russia and
                // obstruction inquiries`).
                if is_any(next_tok, &["and", "or"]) {
                    is_any(tok(text, toks, last + 2), &["the", "its", "their"])
                } else {
                    is_any(next_tok, NOUN_FOLLOWERS)
                }
            } else {
                false
            };
            if !noun {
                continue;
            }
            let name = &text[n.span().start..toks[last].span().end];
            let span = ByteSpan::new(t.span().start, toks[last].span().end);
            let del = ByteSpan::new(t.span().start, n.span().start);
            let capital_the = t.text(text).starts_with('T');
            let fix = if capital_the {
                Fix::replace(
                    Applicability::Unsafe,
                    "Remove the article",
                    span,
                    name.to_string(),
                )
            } else {
                Fix::delete(Applicability::Unsafe, "Remove the article", del)
            };
            sink.report(span, format!("`{name}` takes no article in English"))
                .help(format!("write `{name}`"))
                .fix(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&ArticleBeforeCountry::default(), text)
    }

    #[test]
    fn flags_article_before_country() {
        assert_eq!(
            flagged("in the east of the Syria this week"),
            vec!["the Syria"]
        );
        assert_eq!(flagged("The France has voted."), vec!["The France"]);
        assert_eq!(
            flagged("exports to the South Korea."),
            vec!["the South Korea"]
        );
        assert_eq!(
            flagged("troops entered the Iraq on Monday"),
            vec!["the Iraq"]
        );
    }

    #[test]
    fn quiet_on_modifiers_and_article_countries() {
        for t in [
            "the Syria talks resumed",
            "the France coach said",
            "the Syria-Turkey border",
            "the Syria of the 1990s",
            "the Syria that emerged",
            "the Syria's",
            "the Netherlands and the Gambia",
            "the Iran and Iraq wars",
            "the Spain international scored",
            "the South Korean won",
            "the Germany 2006 World Cup",
            "THE SYRIA FILES",
            "the Russia, Iran, N. Korea sanctions bill",
            "the Russia and obstruction of justice inquiries",
        ] {
            assert!(flagged(t).is_empty(), "{t}");
        }
    }
}
