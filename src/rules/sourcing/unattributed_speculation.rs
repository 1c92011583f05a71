use super::attribution::{Analysis, Attribution, CarryOver, Triggers, breaks, token_at};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Token};
use crate::rule::{FixAvailability, Lexicon, Rule, RuleMeta, RuleOptions, Sink};

declare_rule! {
    /// ## What it does
    /// Finds speculation about causes and past events in the article's own voice: `may have`,
    /// `might have` or `could have` with a past participle (`This shortage may have contributed
    /// to …`, `The fire could have started in …`) in a sentence that names no source, when no
    /// sentence of its paragraph within a few sentences does either. Speculation inside
    /// quotation marks belongs to its speaker; `may have to` (obligation) and `may have a`
    /// (possession) are not speculation.
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
    /// `carry-over` (default `"paragraph"`) and `carry-over-window` (default 3), as for
    /// `unsourced-figure`.
    pub fn unattributed_speculation_meta {
        code: "S105",
        name: "unattributed-speculation",
        family: Sourcing,
        severity: Warning,
        fix: FixAvailability::None,
    }
}

pub struct UnattributedSpeculation {
    meta: RuleMeta,
    attr: Attribution,
    triggers: Triggers,
    carry: CarryOver,
}

impl Default for UnattributedSpeculation {
    fn default() -> Self {
        Self {
            meta: unattributed_speculation_meta(),
            attr: Attribution::default(),
            triggers: Triggers::default(),
            carry: CarryOver::default(),
        }
    }
}

/// Irregular past participles (regular ones end in `-ed`).
const PARTICIPLES: &[&str] = &[
    "been", "led", "made", "done", "taken", "given", "driven", "brought", "caught", "come", "gone",
    "seen", "known", "sent", "spent", "lost", "won", "found", "put", "set", "hit", "cut", "let",
    "fallen", "begun", "grown", "shown", "thrown", "kept", "left", "felt", "fed", "held", "paid",
    "sold", "told", "thought", "bought", "fought", "built", "dealt", "meant", "heard", "run",
    "struck", "spread", "split", "broken", "chosen", "frozen", "stolen", "spoken", "written",
    "ridden", "risen", "hidden", "become", "got", "gotten", "played", "helped",
];

/// Words after `have` that show it is not an auxiliary (`may have to`, `may have a say`).
const NOT_PARTICIPLES: &[&str] = &[
    "need", "speed", "seed", "bed", "red", "shed", "greed", "creed",
];

fn is(text: &str, t: &Token, words: &[&str]) -> bool {
    words.iter().any(|w| t.text(text).eq_ignore_ascii_case(w))
}

fn participle(text: &str, t: &Token) -> bool {
    let w = t.text(text);
    !t.is_capitalised()
        && !is(text, t, NOT_PARTICIPLES)
        && (is(text, t, PARTICIPLES) || w.len() > 4 && w.ends_with("ed"))
}

impl Rule for UnattributedSpeculation {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.attr = Attribution::from_lexicon(lexicon)?;
        self.triggers = Triggers::new(["may", "might", "could"])?;
        Ok(())
    }

    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        for (k, v) in options {
            match self.carry.configure(k, v) {
                Some(r) => r?,
                None => return Err(format!("rule `{}` has no option `{k}`", self.meta.name)),
            }
        }
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let mut an = Analysis::new(doc);
        let mut last_sentence = usize::MAX;
        for ti in self.triggers.tokens(doc) {
            let at = doc.tokens()[ti].span().start;
            let Some(s) = doc.sentence_at(at) else {
                continue;
            };
            if s == last_sentence {
                continue;
            }
            let toks = doc.sentence_tokens(&doc.sentences()[s]);
            let m = token_at(toks, at);
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
                || !participle(text, &toks[h + 1])
                || (m..h + 1).any(|k| breaks(text, toks[k].span().end, toks[k + 1].span().start))
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
            let span = ByteSpan::new(toks[start].span().start, toks[h + 1].span().end);
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
    use crate::rule::RuleId;
    use crate::rules::sourcing::attribution::bundled_lexicon;

    fn flagged(text: &str) -> Vec<String> {
        let mut r = UnattributedSpeculation::default();
        r.use_lexicon(&bundled_lexicon()).unwrap();
        let doc = Document::new(text);
        let mut out = Vec::new();
        r.check(&doc, &mut Sink::new(RuleId(0), &mut out));
        out.iter().map(|d| d.span.slice(text).to_string()).collect()
    }

    #[test]
    fn flags_speculation() {
        assert_eq!(
            flagged("This shortage may have contributed to the riots."),
            vec!["This shortage may have contributed"]
        );
        assert_eq!(
            flagged("The harbour, once the busiest on the coast, could well have been saved."),
            vec!["could well have been"]
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
    }
}
