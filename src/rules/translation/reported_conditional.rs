use super::util::{WordSet, gap, is_any, is_condition_word, tok};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Lexicon, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds the journalistic conditional of French, Italian, Spanish and Portuguese news
    /// (`serait tombée`, `sarebbe stato ucciso`, `habría muerto`: "reportedly") rendered word for
    /// word as an English counterfactual, `would have` + participle, in a sentence that states a
    /// reported fact: nothing conditional in it or the sentence before (`if`, `unless`,
    /// `without`, `had`, `otherwise`, modals, `than`, `wish` …), no quotation or reported speech
    /// before it, and an attribution after it (`…, the observatory warned`, `according to …`).
    ///
    /// ## Why is this bad
    /// In English, `would have fallen` says the city did *not* fall. The source said it
    /// *reportedly* fell. The sentence now means the opposite of the report.
    ///
    /// ## Example
    /// ```text
    /// The dam would have collapsed overnight, the regional agency said.
    /// ```
    /// Use instead:
    /// ```text
    /// The dam has reportedly collapsed overnight, the regional agency said.
    /// ```
    ///
    /// ## Fix safety
    /// Display-only: `has` or `have` depends on the subject, and only the source tells a
    /// reported fact from a real counterfactual.
    pub fn reported_conditional_meta {
        code: "T102",
        name: "reported-conditional",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::DisplayOnly),
    }
}

pub struct ReportedConditional {
    meta: RuleMeta,
    verbs: WordSet,
    finder: memchr::memmem::Finder<'static>,
}

impl Default for ReportedConditional {
    fn default() -> Self {
        Self {
            meta: reported_conditional_meta(),
            verbs: WordSet::from_words(["said", "says", "reported", "warned", "indicated"]),
            finder: memchr::memmem::Finder::new("ould have "),
        }
    }
}

/// Irregular past participles common in news (regular ones end in `-ed`).
const IRREGULAR: &[&str] = &[
    "fallen",
    "taken",
    "seen",
    "made",
    "left",
    "fled",
    "held",
    "lost",
    "won",
    "hit",
    "shot",
    "sent",
    "built",
    "bought",
    "caught",
    "fought",
    "brought",
    "led",
    "met",
    "paid",
    "sold",
    "struck",
    "begun",
    "run",
    "come",
    "become",
    "flown",
    "drawn",
    "known",
    "shown",
    "thrown",
    "grown",
    "driven",
    "given",
    "written",
    "risen",
    "spoken",
    "broken",
    "chosen",
    "stolen",
    "frozen",
    "hidden",
    "beaten",
    "kept",
    "spent",
    "found",
    "stood",
    "put",
    "set",
    "cut",
    "let",
    "shut",
    "spread",
    "sunk",
    "hung",
    "dug",
    "sought",
    "gone",
    "done",
    "slain",
    "overrun",
    "withdrawn",
    "undertaken",
    "overtaken",
    "arisen",
    "fed",
    "bled",
    "sworn",
    "torn",
    "worn",
];

/// Subjects for which `would have` is the speaker's own hypothetical, not a report.
const HYPOTHETICAL_SUBJECTS: &[&str] = &[
    "i", "we", "you", "it", "that", "this", "there", "which", "who", "what", "nobody", "no-one",
    "everyone", "anyone", "one", "i'd", "we'd",
];

/// Plural nouns that a reported toll or movement is about (`40 civilians would have died`).
const CASUALTY_NOUNS: &[&str] = &[
    "people",
    "civilians",
    "soldiers",
    "fighters",
    "troops",
    "militants",
    "rebels",
    "children",
    "migrants",
    "residents",
    "others",
    "persons",
    "victims",
    "hostages",
    "prisoners",
    "police",
    "policemen",
    "officers",
    "members",
    "jihadists",
    "insurgents",
    "protesters",
    "demonstrators",
];

fn is_participle(w: &str) -> bool {
    let lw = w.len();
    (lw > 4
        && w.as_bytes()[lw - 2..].eq_ignore_ascii_case(b"ed")
        && !is_any(w, &["need", "seed", "indeed"]))
        || is_any(w, IRREGULAR)
}

impl Rule for ReportedConditional {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        let mut verbs = WordSet::from_lexicon(lexicon, "speech-verbs")?;
        for w in lexicon.strings("report-verbs")? {
            verbs.insert(w);
        }
        if !verbs.is_empty() {
            self.verbs = verbs;
        }
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        for hit in self.finder.find_iter(text.as_bytes()) {
            let Some(si) = doc.sentence_at(hit) else {
                continue;
            };
            let s = &doc.sentences()[si];
            let toks = doc.sentence_tokens(s);
            let Some(w) = toks.iter().position(|t| t.span().end == hit + 4) else {
                continue;
            };
            if !tok(text, toks, w).eq_ignore_ascii_case("would")
                || !tok(text, toks, w + 1).eq_ignore_ascii_case("have")
            {
                continue;
            }
            // `would have been killed` (passive) or `would have fallen`.
            let mut p = w + 2;
            if tok(text, toks, p).eq_ignore_ascii_case("been")
                && is_participle(tok(text, toks, p + 1))
            {
                p += 1;
            }
            let part = tok(text, toks, p);
            if !is_participle(part)
                || !tok(text, toks, w + 2)
                    .chars()
                    .all(|c| c.is_ascii_lowercase())
            {
                continue;
            }
            // The words in between must be plain spaces (`would have, if …` is not this).
            if (w..p).any(|i| gap(text, toks[i], toks[i + 1]) != " ") {
                continue;
            }
            // A subject that makes it the writer's or a speaker's hypothetical.
            if w == 0 || is_any(tok(text, toks, w - 1), HYPOTHETICAL_SUBJECTS) {
                continue;
            }
            // The reporting conditional states what happened to a named place or group, or to a
            // number of people (`Aleppo would have fallen`, `40 people would have been
            // killed`); a common-noun subject (`the provision would have chilled …`) is far
            // more often a real counterfactual.
            let subj = toks[w - 1];
            let named = subj.is_capitalised() && !is_any(subj.text(text), &["The", "This", "That"]);
            let counted = w >= 2 && toks[w - 2].is_numeric();
            if !(named || counted || subj.is_numeric() || is_any(subj.text(text), CASUALTY_NOUNS)) {
                continue;
            }
            // Anything conditional in the sentence or the one before.
            if toks.iter().any(|t| is_condition_word(t.text(text))) {
                continue;
            }
            if si > 0 {
                let prev = &doc.sentences()[si - 1];
                if prev.paragraph == s.paragraph
                    && doc.sentence_tokens(prev).iter().any(|t| {
                        is_any(
                            t.text(text),
                            &["if", "unless", "without", "had", "otherwise"],
                        )
                    })
                {
                    continue;
                }
            }
            // Quoted or reported speech before it: the speaker's own conditional.
            let before = &text[s.span.start..toks[w].span().start];
            if before.contains(['"', '“', '”', '«', '„'])
                || toks[..w].iter().any(|t| {
                    let x = t.text(text);
                    self.verbs.contains(x) || x.eq_ignore_ascii_case("that")
                })
            {
                continue;
            }
            // An attribution after it: `, the agency warned` or `according to`.
            let tail = &toks[p + 1..];
            let attributed = tail.windows(2).any(|pair| {
                pair[0].text(text).eq_ignore_ascii_case("according")
                    && pair[1].text(text).eq_ignore_ascii_case("to")
            }) || tail.iter().enumerate().any(|(k, t)| {
                self.verbs.contains(t.text(text))
                    && text[toks[p].span().end..t.span().start].contains(',')
                    && k + 1 + p + 1 >= toks.len().saturating_sub(6)
            });
            if !attributed {
                continue;
            }
            let span = ByteSpan::new(toks[w].span().start, toks[p].span().end);
            let rest = &text[toks[w + 2].span().start..toks[p].span().end];
            let suggestion = format!("has reportedly {rest}");
            sink.report(
                span,
                format!("`{}` reads as a counterfactual, but the sentence reports a fact", span.slice(text)),
            )
            .help(format!(
                "the source's reporting conditional means \"reportedly\": write `{suggestion}` (or `have reportedly {rest}`)"
            ))
            .fix(Fix::replace(
                Applicability::DisplayOnly,
                "Report the fact",
                span,
                suggestion,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&ReportedConditional::default(), text)
    }

    #[test]
    fn flags_reported_facts() {
        assert_eq!(
            flagged(
                "Mosul would have fallen to the militia overnight, the monitor warned on Friday."
            ),
            vec!["would have fallen"]
        );
        assert_eq!(
            flagged(
                "At least 40 people would have been killed in the raid, according to local medics."
            ),
            vec!["would have been killed"]
        );
    }

    #[test]
    fn quiet_on_real_conditionals() {
        for t in [
            "If the levee had failed, the town would have flooded, engineers said.",
            "Without the loan, the club would have collapsed, its chairman said.",
            "\"The dam would have collapsed,\" the engineer said.",
            "The minister said the deal would have cut costs, the paper reported.",
            "It would have helped, officials said.",
            "The team would have won but for a late goal, the coach said.",
            "The port would have reopened on Monday.",
            "Analysts said prices would have risen faster otherwise.",
            "The club would have liked more time, its chairman said.",
            "Prices would have to rise, the bank warned.",
            "This provision would have chilled investment, industry experts said.",
            "In all, the eviction would have hit 5,000 people, he said.",
        ] {
            assert!(flagged(t).is_empty(), "{t}");
        }
    }
}
