use super::attribution::{
    Analysis, Attribution, CarryOver, Hit, Triggers, WordSet, breaks, is_figure, words,
};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Token};
use crate::rule::{FixAvailability, Lexicon, Rule, RuleMeta, RuleOptions, Sink};

declare_rule! {
    /// ## What it does
    /// Finds reputation claimed in the writer's voice: superlatives of standing (`one of the
    /// most influential`, `one of the finest`, `the most celebrated`), words of standing (`the
    /// finest`, `foremost`, `world-famous`), and `best known`, `highly regarded`, `widely respected`,
    /// in a sentence that names no source when no sentence in reach of it does either
    /// (`carry-over-window` sentences, across line breaks but not a blank line). Quotations and
    /// the headline are left alone. The words are the `reputation-*` lists of the lexicon; stock
    /// epithets (`iconic`, `legendary`, `influential` before a noun) are not in them by default.
    ///
    /// ## Why is this bad
    /// "One of the most respected judges in the country" is a judgement: somebody holds it, or
    /// nobody does and the writer is promoting. Wikipedia calls these peacock terms. In news they
    /// need a source (a ranking, an award, a named admirer); in a corpus they teach a model to
    /// praise without evidence.
    ///
    /// ## Example
    /// ```text
    /// Ilse Varga is one of the most influential architects of the coast.
    /// ```
    /// Use instead:
    /// ```text
    /// Ilse Varga won the Orvane Prize twice; the Coastal Builders' Guild calls her its most
    /// influential member.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only the writer knows who holds the judgement.
    ///
    /// ## Options
    /// `carry-over` (default `"paragraph"`) and `carry-over-window` (default 1, the previous and
    /// next sentence), as for `hedged-passive`.
    pub fn unattributed_reputation_meta {
        code: "S107",
        name: "unattributed-reputation",
        family: Sourcing,
        severity: Info,
        fix: FixAvailability::None,
    }
}

pub struct UnattributedReputation {
    meta: RuleMeta,
    attr: Attribution,
    words: WordSet,
    superlatives: WordSet,
    adjectives: WordSet,
    triggers: Triggers,
    carry: CarryOver,
}

impl Default for UnattributedReputation {
    fn default() -> Self {
        Self {
            meta: unattributed_reputation_meta(),
            attr: Attribution::default(),
            words: WordSet::default(),
            superlatives: WordSet::default(),
            adjectives: WordSet::default(),
            triggers: Triggers::default(),
            carry: CarryOver::default(),
        }
    }
}

/// Words before an `-ed` word that make it an adjective (`the celebrated`, `widely acclaimed`).
const ADJECTIVE_BEFORE: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "this",
    "that",
    "most",
    "much",
    "widely",
    "highly",
    "internationally",
    "justly",
    "rightly",
    "once",
    "now",
    "still",
];

fn is(text: &str, t: Option<&Token>, list: &[&str]) -> bool {
    t.is_some_and(|t| list.iter().any(|w| t.text(text).eq_ignore_ascii_case(w)))
}

impl UnattributedReputation {
    /// The reputation claim at token `i` of a sentence's tokens.
    fn at(&self, text: &str, toks: &[Token], i: usize) -> Option<ByteSpan> {
        let t = toks[i];
        let w = t.text(text);
        let glued = |p: usize| {
            p + 1 < toks.len() && !breaks(text, toks[p].span().end, toks[p + 1].span().start)
        };
        let span = |a: usize, b: usize| ByteSpan::new(toks[a].span().start, toks[b].span().end);
        let prev = i.checked_sub(1).map(|p| &toks[p]);
        // `one of the most influential`, `one of the finest`.
        if w.eq_ignore_ascii_case("one")
            && is(text, toks.get(i + 1), &["of"])
            && is(text, toks.get(i + 2), &["the"])
            && (i..i + 3).all(glued)
        {
            let h = toks.get(i + 3)?;
            if self.words.has(h.text(text)) {
                return Some(span(i, i + 3));
            }
            if !self.superlatives.has(h.text(text)) {
                return None;
            }
            // `one of the top ten banks`: a measured rank.
            if toks
                .get(i + 4)
                .is_some_and(|n| n.is_numeric() || is_figure(text, *n))
            {
                return None;
            }
            if is(text, Some(h), &["most"]) {
                let a = toks.get(i + 4)?;
                return (glued(i + 3) && self.adjectives.has(a.text(text))).then(|| span(i, i + 4));
            }
            return Some(span(i, i + 3));
        }
        // `the most celebrated`.
        if w.eq_ignore_ascii_case("most") && is(text, prev, &["the", "its", "his", "her", "their"])
        {
            let a = toks.get(i + 1)?;
            return (glued(i) && self.adjectives.has(a.text(text))).then(|| span(i, i + 1));
        }
        // `best known`, `highly regarded`, `widely respected`.
        if is(
            text,
            Some(&t),
            &["best", "well", "highly", "widely", "much", "critically"],
        ) {
            let n = toks.get(i + 1)?;
            let ok = glued(i)
                && match w.to_ascii_lowercase().as_str() {
                    "best" => is(text, Some(n), &["known"]),
                    "critically" => is(text, Some(n), &["acclaimed"]),
                    // `widely regarded as` is a judgement passive (weasel-words reports it).
                    "widely" => is(
                        text,
                        Some(n),
                        &["respected", "acclaimed", "admired", "praised"],
                    ),
                    _ => is(
                        text,
                        Some(n),
                        &["regarded", "respected", "acclaimed", "admired", "praised"],
                    ),
                };
            // `as well known as`: a comparison.
            return (ok && !is(text, prev, &["as", "less", "more"])).then(|| span(i, i + 1));
        }
        if self.words.has(w) {
            // `Foremost, the plan …`, `first and foremost, we must …`: a sentence adverb.
            if (i == 0 || is(text, prev, &["and"])) && !glued(i) {
                return None;
            }
            // `He celebrated his jubilee`: a word in `-ed` is a reputation only as an adjective.
            if w.ends_with("ed") && !is(text, prev, ADJECTIVE_BEFORE) {
                return None;
            }
            return Some(t.span());
        }
        None
    }
}

impl Rule for UnattributedReputation {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.attr = Attribution::from_lexicon(lexicon)?;
        self.words = words(lexicon, "reputation-words")?;
        self.superlatives = words(lexicon, "reputation-superlatives")?;
        self.adjectives = words(lexicon, "reputation-adjectives")?;
        self.triggers = Triggers::new(self.words.iter().chain([
            "one",
            "most",
            "best",
            "highly",
            "widely",
            "much",
            "critically",
        ]))?;
        Ok(())
    }

    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        self.carry.configure_all(options, &self.meta.name)
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let mut an = Analysis::new(doc);
        let mut last_end = 0;
        for hit in self.triggers.hits(doc) {
            if hit.at() < last_end {
                continue;
            }
            let Hit {
                sentence: s,
                toks,
                i,
            } = hit;
            let Some(span) = self.at(text, toks, i) else {
                continue;
            };
            if an.quotes().touches(span)
                || an.is_headline(s)
                || an.attributed(&self.attr, s, self.carry)
            {
                continue;
            }
            last_end = span.end;
            sink.report(
                span,
                format!("`{}`: reputation claimed with no one holding it", span.slice(text)),
            )
            .help("say who ranks it so (a named critic, an award, a survey), or give the facts behind it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sourcing::attribution::bundled_lexicon;

    fn flagged(text: &str) -> Vec<String> {
        let mut r = UnattributedReputation::default();
        r.use_lexicon(&bundled_lexicon()).unwrap();
        crate::rule::flagged_spans(&r, text)
    }

    #[test]
    fn flags_reputation_in_the_writers_voice() {
        assert_eq!(
            flagged("Ilse Varga is one of the most influential architects of the coast."),
            vec!["one of the most influential"]
        );
        assert_eq!(
            flagged("The Orvane choir is one of the finest in the north."),
            vec!["one of the finest"]
        );
        assert_eq!(
            flagged("The world-famous ferry still sails."),
            vec!["world-famous"]
        );
        assert_eq!(
            flagged("He is best known for his bridges."),
            vec!["best known"]
        );
        assert_eq!(
            flagged("She was the most celebrated potter of her day."),
            vec!["most celebrated"]
        );
    }

    #[test]
    fn leaves_attributed_measured_and_quoted_rankings_alone() {
        for text in [
            "Ilse Varga is one of the most influential architects, the guild said.",
            "\"She is world-famous,\" the mayor said.",
            "The legendary ferry still sails.",
            "The flood was one of the worst on record.",
            "It is one of the largest ports in the region.",
            "The greatest number of votes went to Holt.",
            "She is as well known as her brother.",
            "It was the most expensive bridge ever built.",
            "He made it one of the top ten banks in the world.",
            "Foremost, the plan failed.",
            "First and foremost, the plan failed.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }
}
