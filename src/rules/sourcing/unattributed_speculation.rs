use super::attribution::{Analysis, Attribution, CarryOver, Hit, Triggers, WordSet, breaks, words};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Token};
use crate::rule::{FixAvailability, Lexicon, Rule, RuleMeta, RuleOptions, Sink};

declare_rule! {
    /// ## What it does
    /// Finds speculation about causes in the article's own voice: `may have`, `might have` or
    /// `could have` with a verb of cause (`This shortage may have contributed to …`, `The
    /// ruling could have triggered …`, `may have been the trigger`) in a sentence that names no
    /// source, when no sentence in reach of it does either. Speculation
    /// inside quotation marks belongs to its speaker, a concession (`X may have helped, but …`)
    /// is not a claim, and counterfactuals about other things (`could have been better`) are
    /// left alone. The verbs are the `speculation-verbs` of the lexicon.
    ///
    /// ## Why is this bad
    /// A guess about what caused something is a claim like any other: if an investigator, an
    /// analyst or an official made it, the reader needs to know who; if nobody did, it is the
    /// writer's opinion in a news report.
    ///
    /// ## Example
    /// ```text
    /// The drought may have pushed the herders south.
    /// ```
    /// Use instead:
    /// ```text
    /// The drought may have pushed the herders south, said Ilse Marten of the Sahel Grazing
    /// Council.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only the writer knows whose speculation it is.
    ///
    /// ## Options
    /// `carry-over` (default `"paragraph"`) and `carry-over-window` (default 1, the previous and
    /// next sentence), as for `hedged-passive`.
    ///
    /// Default severity `info`: it fires rarely on real news, and the findings read there were
    /// forum replies and readers' comments, not the article's voice.
    pub fn unattributed_speculation_meta {
        code: "S105",
        name: "unattributed-speculation",
        family: Sourcing,
        severity: Info,
        fix: FixAvailability::None,
    }
}

pub struct UnattributedSpeculation {
    meta: RuleMeta,
    attr: Attribution,
    verbs: WordSet,
    triggers: Triggers,
    carry: CarryOver,
}

impl Default for UnattributedSpeculation {
    fn default() -> Self {
        Self {
            meta: unattributed_speculation_meta(),
            attr: Attribution::default(),
            verbs: WordSet::default(),
            triggers: Triggers::default(),
            carry: CarryOver::default(),
        }
    }
}

fn is(text: &str, t: &Token, words: &[&str]) -> bool {
    words.iter().any(|w| t.text(text).eq_ignore_ascii_case(w))
}

/// Nouns of cause after `may have been the`: `may have been the trigger`.
const CAUSES: &[&str] = &[
    "reason", "cause", "trigger", "factor", "catalyst", "spark", "motive",
];

impl Rule for UnattributedSpeculation {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.attr = Attribution::from_lexicon(lexicon)?;
        self.verbs = words(lexicon, "speculation-verbs")?;
        self.triggers = Triggers::new(["may", "might", "could"])?;
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
            i: m,
        } in self.triggers.hits(doc)
        {
            if s == last_sentence {
                continue;
            }
            // modal, optional `well`/`also`/`not`, `have`, participle.
            let mut h = m + 1;
            while h < toks.len()
                && h <= m + 2
                && is(
                    text,
                    &toks[h],
                    &["well", "also", "not", "even", "already", "easily"],
                )
            {
                h += 1;
            }
            if h + 1 >= toks.len()
                || !is(text, &toks[h], &["have"])
                || (m..h + 1).any(|k| breaks(text, toks[k].span().end, toks[k + 1].span().start))
            {
                continue;
            }
            // A verb of cause (`contributed`, `triggered`), or `been the reason`.
            let mut end = h + 1;
            if !self.verbs.has(toks[end].text(text)) {
                let cause = is(text, &toks[end], &["been"])
                    && toks.get(end + 2).is_some_and(|c| {
                        is(text, &toks[end + 1], &["the", "a", "one"]) && is(text, c, CAUSES)
                    });
                if !cause {
                    continue;
                }
                end += 2;
            }
            // `X may have helped, but …`: a concession, not a claim.
            if toks[m..]
                .iter()
                .any(|t| is(text, t, &["but", "yet", "though", "although", "however"]))
            {
                continue;
            }
            // A first-person or second-person subject speaks for itself (in a quotation, or a
            // column); `I could have …`, `you might have …`.
            if m > 0 && is(text, &toks[m - 1], &["i", "we", "you"]) {
                continue;
            }
            // The clause's subject, when short, is part of the claim: `This shortage may have`.
            let start = if m <= 5 { 0 } else { m };
            let span = ByteSpan::new(toks[start].span().start, toks[end].span().end);
            if an.quotes().touches(span)
                || an.is_headline(s)
                || an.attributed(&self.attr, s, self.carry)
            {
                continue;
            }
            last_sentence = s;
            sink.report(
                span,
                format!("`{}`: speculation with no source", span.slice(text)),
            )
            .help("name whose assessment it is (`investigators said …`, `according to …`), or leave it out");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sourcing::attribution::bundled_lexicon;

    fn flagged(text: &str) -> Vec<String> {
        let mut r = UnattributedSpeculation::default();
        r.use_lexicon(&bundled_lexicon()).unwrap();
        crate::rule::flagged_spans(&r, text)
    }

    #[test]
    fn flags_speculation() {
        assert_eq!(
            flagged("This shortage may have contributed to the riots."),
            vec!["This shortage may have contributed"]
        );
        assert_eq!(
            flagged("The harbour, once the busiest on the coast, could well have triggered it."),
            vec!["could well have triggered"]
        );
        assert_eq!(
            flagged("The frost may have been the trigger."),
            vec!["The frost may have been the trigger"]
        );
    }

    #[test]
    fn leaves_sourced_and_other_uses_alone() {
        assert!(flagged("Investigators said the wiring may have started the fire.").is_empty());
        assert!(flagged("The shortage may have to be met with imports.").is_empty());
        assert!(flagged("The mayor may have a say.").is_empty());
        assert!(flagged("\"It may have contributed,\" she said.").is_empty());
        assert!(
            flagged("The board met on Friday, the bank said. The cut may have helped.").is_empty()
        );
        assert!(flagged("I might have stayed longer.").is_empty());
        assert!(flagged("The firm may have helped, but the town still lost.").is_empty());
        assert!(flagged("It could have been better for the hosts.").is_empty());
    }
}
