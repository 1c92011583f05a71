use super::attribution::{
    Analysis, Attribution, CarryOver, Hit, Triggers, WordSet, breaks, echoes_sourced, is_be,
    is_figure, words,
};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Token};
use crate::rule::{FixAvailability, Lexicon, Rule, RuleMeta, RuleOptions, Sink};

declare_rule! {
    /// ## What it does
    /// Finds claims hedged with an agentless passive or a hedging adverb that say nothing about
    /// who makes them: `are said to have been killed`, `is believed to`, `it is reported that`,
    /// `were reported`, `12 injuries reported`, `reportedly`, `allegedly`. A hedge in a sentence
    /// that names its source (`police said`, `according to …`, `citing …`, `… told …`), or next to
    /// one that does (see Options), is left alone, as is anything inside quotation marks
    /// and the headline.
    ///
    /// ## Why is this bad
    /// News must attribute what it cannot witness. A passive hedge hides the source: the reader
    /// cannot tell whether the claim comes from the police, a rumour or the writer, and a corpus
    /// built on such copy teaches models that claims need no source.
    ///
    /// ## Example
    /// ```text
    /// Nine miners are believed to be trapped below the Varna shaft.
    /// ```
    /// Use instead:
    /// ```text
    /// Nine miners are believed to be trapped below the Varna shaft, the mine's operator said.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only the writer knows who made the claim. The help says what is missing.
    ///
    /// ## Options
    /// `carry-over` (default `"paragraph"`): `"sentence"` counts only attribution in the claim's own
    /// sentence; `"paragraph"` also counts the sentences within `carry-over-window` (default 1:
    /// the previous and the next) of it, in its paragraph or across a line break next to a line
    /// of one sentence, never across a blank line.
    pub fn hedged_passive_meta {
        code: "S101",
        name: "hedged-passive",
        family: Sourcing,
        severity: Warning,
        fix: FixAvailability::None,
    }
}

/// The hedge vocabulary, shared with `unsourced-figure` (which leaves hedged sentences to this
/// rule).
#[derive(Debug, Clone, Default)]
pub struct Hedges {
    adverbs: WordSet,
    participles: WordSet,
    /// Source nouns: `reported to police` is not a hedge.
    not_verbs: WordSet,
}

/// Words that name the legal process an `allegedly` refers to.
const LEGAL: &[&str] = &[
    "charged",
    "charges",
    "charge",
    "accused",
    "trial",
    "court",
    "convicted",
    "guilty",
    "indicted",
    "indictment",
    "prosecuted",
    "prosecution",
    "prosecutors",
    "sued",
    "suing",
    "lawsuit",
    "suit",
    "arrested",
    "arrest",
    "jailed",
    "sentenced",
    "inquiry",
    "tribunal",
    "investigation",
    "investigated",
    "probe",
    "face",
    "faces",
    "facing",
    "fined",
    "banned",
    "suspended",
    "disciplinary",
    "complaint",
    "claim",
];

/// Words after `to` that show it opens an object (`reported to the police`), not a verb.
const NOT_VERBS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "my", "our", "your", "this", "that", "these",
    "those", "him", "them", "us", "me", "whom", "which", "what", "some", "any", "local", "state",
];

/// Adverbs that may stand between *to be* and the participle (`is widely believed`).
const MIDDLE: &[&str] = &[
    "widely",
    "also",
    "still",
    "now",
    "generally",
    "long",
    "commonly",
    "often",
    "previously",
    "earlier",
    "initially",
    "further",
    "already",
    "variously",
    "reliably",
    "locally",
    "not",
];

/// Words after a bare `reported` that end the figure phrase (`12 deaths reported in …`).
const AFTER_REPORTED: &[&str] = &[
    "in",
    "on",
    "at",
    "since",
    "so",
    "across",
    "from",
    "over",
    "during",
    "this",
    "last",
    "among",
    "with",
    "nationwide",
    "worldwide",
    "overnight",
    "yesterday",
    "today",
    "mostly",
    "including",
    "as",
    "until",
    "till",
    "through",
    "throughout",
    "near",
    "around",
];

/// One hedge found: its span and how to describe it.
pub struct Hedge {
    pub span: ByteSpan,
    pub kind: HedgeKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum HedgeKind {
    Adverb,
    SaidTo,
    ItIs,
    Reported,
    FigureReported,
}

fn lower_is(text: &str, t: Option<&Token>, words: &[&str]) -> bool {
    t.is_some_and(|t| words.iter().any(|w| t.text(text).eq_ignore_ascii_case(w)))
}

impl Hedges {
    pub fn from_lexicon(lexicon: &Lexicon) -> Result<Self, String> {
        Ok(Self {
            adverbs: words(lexicon, "hedge-adverbs")?,
            participles: words(lexicon, "hedge-participles")?,
            not_verbs: words(lexicon, "source-nouns")?,
        })
    }

    pub fn trigger_words(&self) -> impl Iterator<Item = &str> {
        self.adverbs.iter().chain(self.participles.iter())
    }

    /// The hedge at token `i` of `toks` (a sentence's tokens), if there is one.
    pub fn at(&self, text: &str, toks: &[Token], i: usize) -> Option<Hedge> {
        let t = toks[i];
        let w = t.text(text);
        if self.adverbs.has(w) {
            // `on trial for allegedly …`: the allegation is the charge the sentence names.
            if w.eq_ignore_ascii_case("allegedly")
                && toks.iter().any(|t| lower_is(text, Some(t), LEGAL))
            {
                return None;
            }
            return Some(Hedge {
                span: t.span(),
                kind: HedgeKind::Adverb,
            });
        }
        if !self.participles.has(w) {
            return None;
        }
        let next = toks.get(i + 1);
        if lower_is(text, next, &["by"]) {
            return None; // an agent is named
        }
        // *to be* right before, or with one adverb between.
        let be = if i >= 1 && is_be(toks[i - 1].text(text)) {
            Some(i - 1)
        } else if i >= 2
            && lower_is(text, Some(&toks[i - 1]), MIDDLE)
            && is_be(toks[i - 2].text(text))
        {
            Some(i - 2)
        } else {
            None
        };
        let reported = w.eq_ignore_ascii_case("reported");
        // `could be said to`, `might be thought to`: the writer's judgement, not a claim.
        if let Some(b) = be
            && b >= 1
            && lower_is(
                text,
                Some(&toks[b - 1]),
                &["could", "can", "might", "may", "would", "should", "must"],
            )
        {
            return None;
        }
        // `as has been reported`, `as was widely reported`: about the reporting, not a claim.
        if let Some(b) = be
            && toks[b.saturating_sub(3)..b]
                .iter()
                .any(|t| t.text(text).eq_ignore_ascii_case("as"))
        {
            return None;
        }
        let Some(b) = be else {
            return if reported {
                self.figure_reported(text, toks, i)
            } else {
                None
            };
        };
        // `it is believed that`, `it has been reported`.
        let mut subj = b;
        if subj >= 1 && lower_is(text, Some(&toks[subj - 1]), &["has", "had", "have"]) {
            subj -= 1;
        }
        let it = subj >= 1 && toks[subj - 1].text(text).eq_ignore_ascii_case("it");
        if lower_is(text, next, &["to"]) {
            // `reported to police`, `said to the court`: `to` opens an object, not a verb.
            let verb_after = toks.get(i + 2).is_some_and(|v| {
                let vw = v.text(text);
                !v.is_capitalised()
                    && !v.flags.has(crate::document::TokenFlags::HAS_DIGIT)
                    && !lower_is(text, Some(v), NOT_VERBS)
                    && !self.not_verbs.has(vw)
            });
            if it || !verb_after {
                return None;
            }
            // `are said to have been killed`: the chain up to the main verb.
            let mut end = i + 1;
            for _ in 0..3 {
                let Some(n) = toks.get(end + 1) else { break };
                if breaks(text, toks[end].span().end, n.span().start) {
                    break;
                }
                end += 1;
                if !lower_is(
                    text,
                    Some(n),
                    &["have", "been", "be", "still", "also", "now"],
                ) {
                    break;
                }
            }
            return Some(Hedge {
                span: ByteSpan::new(toks[b].span().start, toks[end].span().end),
                kind: HedgeKind::SaidTo,
            });
        }
        if it {
            let end = if lower_is(text, next, &["that"]) {
                i + 1
            } else {
                i
            };
            return Some(Hedge {
                span: ByteSpan::new(toks[subj - 1].span().start, toks[end].span().end),
                kind: HedgeKind::ItIs,
            });
        }
        if reported {
            // `No injuries were reported`: nothing is claimed.
            if toks[..b].iter().any(|t| {
                ["no", "none", "nothing", "neither", "nor", "without"]
                    .iter()
                    .any(|n| t.text(text).eq_ignore_ascii_case(n))
            }) {
                return None;
            }
            // `was reported widely at the time`: about the coverage.
            if lower_is(
                text,
                next,
                &[
                    "widely",
                    "extensively",
                    "elsewhere",
                    "missing",
                    "stolen",
                    "lost",
                ],
            ) {
                return None;
            }
            return Some(Hedge {
                span: ByteSpan::new(toks[b].span().start, t.span().end),
                kind: HedgeKind::Reported,
            });
        }
        None
    }

    /// `255 deaths reported,`: a figure, one to three words, and a bare `reported` that ends the
    /// phrase.
    fn figure_reported(&self, text: &str, toks: &[Token], i: usize) -> Option<Hedge> {
        let t = toks[i];
        // The phrase ends here: punctuation, the end, or a preposition.
        if let Some(n) = toks.get(i + 1)
            && !breaks(text, t.span().end, n.span().start)
            && !lower_is(text, Some(n), AFTER_REPORTED)
        {
            return None;
        }
        let lo = i.saturating_sub(4);
        for f in (lo..i).rev() {
            if breaks(text, toks[f].span().end, toks[f + 1].span().start) {
                return None;
            }
            if is_figure(text, toks[f]) {
                if f + 1 == i {
                    return None; // `12 reported`: no noun
                }
                return Some(Hedge {
                    span: ByteSpan::new(toks[f].span().start, t.span().end),
                    kind: HedgeKind::FigureReported,
                });
            }
            let w = toks[f].text(text);
            // Only plain lowercase nouns and adjectives between the figure and `reported`.
            if toks[f].is_capitalised() || is_be(w) || lower_is(text, Some(&toks[f]), MIDDLE) {
                return None;
            }
        }
        None
    }

    /// Does the sentence with tokens `toks` hold a hedge?
    pub fn in_sentence(&self, text: &str, toks: &[Token]) -> bool {
        (0..toks.len()).any(|i| self.at(text, toks, i).is_some())
    }
}

pub struct HedgedPassive {
    meta: RuleMeta,
    attr: Attribution,
    hedges: Hedges,
    triggers: Triggers,
    carry: CarryOver,
}

impl Default for HedgedPassive {
    fn default() -> Self {
        Self {
            meta: hedged_passive_meta(),
            attr: Attribution::default(),
            hedges: Hedges::default(),
            triggers: Triggers::default(),
            carry: CarryOver::default(),
        }
    }
}

impl Rule for HedgedPassive {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.attr = Attribution::from_lexicon(lexicon)?;
        self.hedges = Hedges::from_lexicon(lexicon)?;
        self.triggers = Triggers::new(self.hedges.trigger_words())?;
        Ok(())
    }

    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        self.carry.configure_all(options, &self.meta.name)
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let mut an = Analysis::new(doc);
        let mut last_sentence = usize::MAX;
        for Hit {
            sentence: s,
            toks,
            i,
        } in self.triggers.hits(doc)
        {
            if s == last_sentence {
                continue;
            }
            let Some(h) = self.hedges.at(text, toks, i) else {
                continue;
            };
            if an.quotes().touches(h.span)
                || an.is_headline(s)
                || an.attributed(&self.attr, s, self.carry)
                || echoes_sourced(&mut an, &self.attr, h.span)
            {
                continue;
            }
            last_sentence = s;
            let phrase = h.span.slice(text);
            let (message, help) = match h.kind {
                HedgeKind::Adverb => (
                    format!("`{phrase}` hedges a claim without saying who makes it"),
                    "name who reports it (`according to …`, `… said`), or state it as fact if the outlet witnessed it",
                ),
                HedgeKind::SaidTo => (
                    format!("`{phrase}`: an agentless passive hides who makes the claim"),
                    "name who said it: `according to …`, `… said`",
                ),
                HedgeKind::ItIs => (
                    format!("`{phrase}`: an impersonal hedge with no source"),
                    "name who reports or believes it: `according to …`, `… said`",
                ),
                HedgeKind::Reported | HedgeKind::FigureReported => (
                    format!("`{phrase}`: reported by whom?"),
                    "name who reported it: `… reported by …`, `according to …`",
                ),
            };
            sink.report(h.span, message).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sourcing::attribution::bundled_lexicon;

    fn rule() -> HedgedPassive {
        let mut r = HedgedPassive::default();
        r.use_lexicon(&bundled_lexicon()).unwrap();
        r
    }

    fn flagged_with(r: &HedgedPassive, text: &str) -> Vec<String> {
        crate::rule::flagged_spans(r, text)
    }

    fn flagged(text: &str) -> Vec<String> {
        flagged_with(&rule(), text)
    }

    #[test]
    fn flags_agentless_hedges() {
        assert_eq!(
            flagged("Forty villagers are said to have been buried by the slide."),
            vec!["are said to have been buried"]
        );
        assert_eq!(
            flagged("The envoy is widely believed to favour a truce."),
            vec!["is widely believed to favour"]
        );
        assert_eq!(
            flagged("It is understood that the talks have stalled."),
            vec!["It is understood that"]
        );
        assert_eq!(
            flagged("It has been reported that the dam cracked."),
            vec!["It has been reported that"]
        );
        assert_eq!(
            flagged("Two more cases were reported in the north."),
            vec!["were reported"]
        );
        assert_eq!(
            flagged("- 31 drownings reported, mostly in the delta"),
            vec!["31 drownings reported"]
        );
        assert_eq!(
            flagged("The governor reportedly fled to the coast."),
            vec!["reportedly"]
        );
        assert_eq!(flagged("He allegedly paid the guards."), vec!["allegedly"]);
    }

    #[test]
    fn leaves_attributed_and_quoted_hedges_alone() {
        assert!(flagged("The envoy is believed to favour a truce, two aides said.").is_empty());
        assert!(flagged("Two more cases were reported by the health ministry.").is_empty());
        assert!(flagged("No injuries were reported.").is_empty());
        assert!(flagged("The governor reportedly fled, according to Radio Tessaly.").is_empty());
        assert!(flagged("\"He is said to have left,\" the mayor said.").is_empty());
        assert!(flagged("She told the court: “They are said to be armed.”").is_empty());
        assert!(flagged("The agency reported 31 drownings.").is_empty());
        assert!(flagged("The talks are expected to resume on Monday.").is_empty());
        assert!(
            flagged("The ministry said on Monday. The envoy is believed to be safe.").is_empty()
        );
        assert!(flagged("The theft was reported to police on Friday.").is_empty());
        assert!(
            flagged("Governor reportedly flees coast\n\nThe governor fled, aides said.").is_empty()
        );
    }

    #[test]
    fn carry_over_sentence_option() {
        let mut r = rule();
        let mut opts = toml::Table::new();
        opts.insert("carry-over".into(), "sentence".into());
        r.configure(&opts).unwrap();
        assert_eq!(
            flagged_with(
                &r,
                "The ministry said on Monday. The envoy is believed to be safe."
            ),
            vec!["is believed to be safe"]
        );
        opts.insert("carry-over".into(), "chapter".into());
        assert!(r.configure(&opts).is_err());
    }
}
