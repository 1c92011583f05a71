use super::analysis::{analysed, confidence};
use super::gazetteer::Gazetteer;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Lexicon, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds a name spelled two ways in one article (`Rafiq al-Hariri` and `Rafiq Al Hariri`,
    /// `Kyiv` and `Kýiv`) and flags each mention of the less usual spelling, naming the line of
    /// the spelling the article uses most (or the gazetteer's canonical one).
    ///
    /// Spellings are grouped by variant keys: case, accents, hyphens, spaces, apostrophes and the
    /// forms of the Arabic article are ignored (high confidence); names of two or more words are
    /// also grouped across transliteration variants such as doubled letters, `ee`/`i`, `ou`/`u`
    /// and an `h` after a consonant (medium confidence). Single words are grouped on transliteration
    /// only through the gazetteer (`rules/names.toml`), so `Mohammed` and `Mohamed` stay apart.
    /// A word that opens a sentence is not a name by itself, and a particle capitalised because it
    /// opens the sentence (`Al-Shabaab denied …`) does not count as a spelling.
    ///
    /// ## Why is this bad
    /// One entity spelled two ways in one article reads as two entities: search, entity linking
    /// and counts split, and readers wonder whether two people are meant.
    ///
    /// ## Example
    /// ```text
    /// Rafiq al-Hariri returned to Beirut. Aides to Rafiq Al Hariri said he would speak.
    /// ```
    /// Use instead:
    /// ```text
    /// Rafiq al-Hariri returned to Beirut. Aides to Rafiq al-Hariri said he would speak.
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the mention to the article's usual spelling and keeps a possessive. It is
    /// unsafe: two similar spellings can still name two people.
    pub fn article_variant_meta {
        code: "N101",
        name: "name-variant-in-article",
        family: Names,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Unsafe),
    }
}

pub struct ArticleVariant {
    meta: RuleMeta,
    gaz: Gazetteer,
}

impl Default for ArticleVariant {
    fn default() -> Self {
        Self {
            meta: article_variant_meta(),
            gaz: Gazetteer::default(),
        }
    }
}

impl Rule for ArticleVariant {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.gaz = Gazetteer::from_lexicon(lexicon)?;
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let named = analysed(doc, &self.gaz);
        // How many voting mentions each spelling (identity) has, counted once per document
        // rather than once per finding.
        let mut counts: Option<foldhash::HashMap<u64, usize>> = None;
        for n in named.iter() {
            let Some(best) = n.differs_in_article else {
                continue;
            };
            let b = &named[best];
            let (spelling, usual) = (n.spelling(text), b.spelling(text));
            if self.gaz.keep_apart(spelling, usual) {
                continue;
            }
            let counts = counts.get_or_insert_with(|| {
                crate::testing::add_work(named.len());
                let mut c: foldhash::HashMap<u64, usize> = Default::default();
                for m in named.iter().filter(|m| m.vote) {
                    *c.entry(m.ident).or_default() += 1;
                }
                c
            });
            crate::testing::add_work(1);
            let count = counts.get(&b.ident).copied().unwrap_or(0);
            let line = doc.line_at(b.span.start) + 1;
            sink.report(
                n.span,
                format!("`{spelling}` is spelled `{usual}` elsewhere in this article (line {line})"),
            )
            .help(format!(
                "use one spelling: `{usual}` ({count} mention{}; {} confidence that both name the same)",
                if count == 1 { "" } else { "s" },
                confidence(n, b).as_str()
            ))
            .fix(Fix::replace(
                Applicability::Unsafe,
                format!("Spell it `{usual}`"),
                n.span,
                usual,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&ArticleVariant::default(), text)
    }

    #[test]
    fn flags_the_minority_spelling() {
        assert_eq!(
            flagged(
                "Nawaf al-Salam met envoys. Nawaf al-Salam's office said more. \
                 Nawaf Al Salam left."
            ),
            vec!["Nawaf Al Salam"]
        );
        // Transliteration variants of multi-word names.
        assert_eq!(
            flagged("Khan Younis was shelled. Residents fled Khan Yunis. Khan Younis burned."),
            vec!["Khan Yunis"]
        );
    }

    #[test]
    fn leaves_consistent_and_distinct_names_alone() {
        assert!(flagged("Nawaf al-Salam met Nawaf al-Salam's aides.").is_empty());
        assert!(flagged("Hama is a city. Hamas is a movement. Iran and Iraq.").is_empty());
        assert!(flagged("Ali Hassan met Ali Hussein and Mohammed met Mohamed.").is_empty());
    }
}
