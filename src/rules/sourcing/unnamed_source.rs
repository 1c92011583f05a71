use super::attribution::{Analysis, Attribution, Hit, Triggers, WordSet, breaks, token_at, words};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Token, TokenFlags};
use crate::rule::{FixAvailability, Lexicon, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds unnamed collective sources: `analysts speculate`, `experts believe`, `observers
    /// say`, `critics argue`, `sources said`, `some say`, `many believe`, `according to experts`,
    /// and the same group made to speak through another verb (`has led analysts to speculate`).
    /// A source that is identified is left alone: a named person or body (`analyst Lena Varga`,
    /// `analysts at Kestrel Bank said`, `economists polled by …`), a count (`two sources said`),
    /// a qualifier (`sources familiar with the talks`), a group named by the next sentence
    /// (`Analysts say … Lena Varga, a researcher at …, said …`), a group mentioned again (`the
    /// sources said`), a comparison (`than analysts expected`); so is anything inside quotation
    /// marks.
    ///
    /// ## Why is this bad
    /// "Experts say" sounds like a source but names none: the reader cannot judge who the
    /// experts are, whether they exist, or how many of them agree. It is the classic way to
    /// present the writer's opinion as consensus.
    ///
    /// ## Example
    /// ```text
    /// Observers say the vote was rushed.
    /// ```
    /// Use instead:
    /// ```text
    /// Election monitors from the Civic Ballot Trust said the vote was rushed.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only the writer knows who said it. The help says what is missing.
    ///
    /// Default severity `info`: what it reports is nearly always an unnamed group, but wire copy
    /// uses `analysts say` and `critics say` by house style (about 5 in 100 Reuters articles), so
    /// it does not fail a gate by default. Raise it with `[severity]` (`unnamed-source = "warning"`).
    pub fn unnamed_source_meta {
        code: "S103",
        name: "unnamed-source",
        family: Sourcing,
        severity: Info,
        fix: FixAvailability::None,
    }
}

pub struct UnnamedSource {
    meta: RuleMeta,
    attr: Attribution,
    nouns: WordSet,
    vague: WordSet,
    verbs: WordSet,
    triggers: Triggers,
}

impl Default for UnnamedSource {
    fn default() -> Self {
        Self {
            meta: unnamed_source_meta(),
            attr: Attribution::default(),
            nouns: WordSet::default(),
            vague: WordSet::default(),
            verbs: WordSet::default(),
            triggers: Triggers::default(),
        }
    }
}

/// Words that may stand between the source and its verb (`analysts have long argued`).
const BETWEEN: &[&str] = &[
    "have",
    "has",
    "had",
    "also",
    "widely",
    "long",
    "privately",
    "now",
    "still",
    "generally",
    "often",
    "already",
    "openly",
    "increasingly",
    "even",
    "will",
    "would",
    "may",
    "might",
    "could",
    "do",
    "did",
    "does",
    "are",
    "were",
    "seem",
    "seemed",
    "tend",
];

/// Vague determiners before a collective noun (`some analysts`, `many experts`).
const DETERMINERS: &[&str] = &[
    "some",
    "many",
    "most",
    "several",
    "other",
    "certain",
    "few",
    "numerous",
    "various",
    "the",
    "these",
    "those",
    "independent",
    "outside",
    "leading",
    "top",
    "political",
    "industry",
    "market",
    "security",
    "legal",
    "health",
    "medical",
    "financial",
    "military",
    "foreign",
    "western",
    "local",
    "senior",
    "informed",
    "unnamed",
    "anonymous",
    "knowledgeable",
];

/// Words before a vague subject that open a clause (`…, but some say`, `while many believe`).
const CLAUSE_OPENERS: &[&str] = &[
    "but", "and", "while", "though", "although", "whereas", "as", "because", "yet", "so", "that",
    "still", "now", "however",
];

fn is(text: &str, t: &Token, words: &[&str]) -> bool {
    words.iter().any(|w| t.text(text).eq_ignore_ascii_case(w))
}

impl UnnamedSource {
    /// The verb index after the subject at `s`, skipping helpers (`have long argued`).
    fn verb_after(&self, text: &str, toks: &[Token], s: usize) -> Option<usize> {
        let mut v = s + 1;
        while v < toks.len() && v <= s + 3 {
            if breaks(text, toks[v - 1].span().end, toks[v].span().start) {
                return None;
            }
            let t = toks[v];
            if self.verbs.has(t.text(text)) {
                // `sources say` but not `sources say-so`; `many see` but not `many seen`.
                return Some(v);
            }
            if !is(text, &t, BETWEEN) {
                return None;
            }
            v += 1;
        }
        None
    }

    /// The unnamed source at token `i` of a sentence's tokens: its span, if it speaks.
    fn at(&self, text: &str, toks: &[Token], i: usize) -> Option<ByteSpan> {
        let t = toks[i];
        let w = t.text(text);
        let first = i == 0;
        let prev = i.checked_sub(1).map(|p| toks[p]);
        // Tokens `p` and `p + 1` belong to one phrase (the stop of `U.N. sources` is no break).
        let glued = |p: usize| {
            let gap = &text[toks[p].span().end..toks[p + 1].span().start];
            !breaks(text, toks[p].span().end, toks[p + 1].span().start)
                || gap.trim() == "." && toks[p].text(text).contains('.')
        };
        if self.vague.has(w) {
            // `some say`, `many believe`: at the start of a clause.
            let opens =
                first || prev.is_some_and(|p| is(text, &p, CLAUSE_OPENERS)) || !glued(i - 1);
            if !opens {
                return None;
            }
            let v = self.verb_after(text, toks, i)?;
            // `most expected`, `some think tanks`: a noun after the verb form is a compound.
            if toks
                .get(v + 1)
                .is_some_and(|n| glued(v) && n.text(text).eq_ignore_ascii_case("tanks"))
            {
                return None;
            }
            return Some(ByteSpan::new(t.span().start, toks[v].span().end));
        }
        if !self.nouns.has(w) || t.is_capitalised() && !first {
            return None; // `Sources` mid-sentence is a name (`Sources Bank`)
        }
        // Who the group is: a name, a count or a possessive before it identifies it.
        let mut start = i;
        while start > 0 && glued(start - 1) {
            let p = toks[start - 1];
            let pw = p.text(text);
            if p.flags.has(TokenFlags::HAS_DIGIT)
                || is(
                    text,
                    &p,
                    &[
                        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                        "dozen",
                    ],
                )
            {
                return None;
            }
            // `the sources said`, `those analysts`: a group the article already introduced;
            // `than analysts expected`, `as experts predicted`: a comparison, not a claim.
            if is(
                text,
                &p,
                &[
                    "the", "these", "those", "both", "all", "such", "our", "their", "than", "as",
                ],
            ) {
                return None;
            }
            if is(text, &p, DETERMINERS) || self.vague.has(pw) {
                start -= 1;
                continue;
            }
            if p.is_capitalised() || pw.ends_with("'s") || pw.ends_with("’s") {
                return None; // `Kestrel analysts`, `the bank's economists`
            }
            break;
        }
        // `according to experts`.
        if start >= 2
            && toks[start - 1].text(text).eq_ignore_ascii_case("to")
            && toks[start - 2].text(text).eq_ignore_ascii_case("according")
        {
            let end = toks
                .get(i + 1)
                .filter(|n| glued(i) && is(text, n, &["at", "from", "with", "in", "of", "for"]))
                .map(|_| ());
            if end.is_some() {
                return None; // `according to experts at the institute`
            }
            return Some(ByteSpan::new(toks[start - 2].span().start, t.span().end));
        }
        // `analysts say`, `experts have long argued`.
        if let Some(v) = self.verb_after(text, toks, i) {
            // `critics say` inside `the critics say-so`: the verb must end the pattern.
            return Some(ByteSpan::new(toks[start].span().start, toks[v].span().end));
        }
        // `led analysts to speculate`.
        if toks
            .get(i + 1)
            .is_some_and(|n| glued(i) && n.text(text).eq_ignore_ascii_case("to"))
            && let Some(v) = toks.get(i + 2)
            && glued(i + 1)
            && self.verbs.has(v.text(text))
        {
            return Some(ByteSpan::new(t.span().start, v.span().end));
        }
        None
    }
}

impl UnnamedSource {
    /// Was the group (`sources`, `analysts`) already mentioned in the sentences before, within
    /// the paragraph? Then this is the same group again, introduced (and flagged if need be)
    /// where it first appeared.
    fn mentioned_before(&self, doc: &Document<'_>, s: usize, tok: Token) -> bool {
        let text = doc.text();
        let w = tok.text(text);
        if !self.nouns.has(w) {
            return false;
        }
        let stem = w.trim_end_matches(['s', 'S']);
        let para = &doc.paragraphs()[doc.sentences()[s].paragraph];
        let lo = s.saturating_sub(3).max(para.sentences.start);
        let from = doc.sentences()[lo].span.start;
        let before = &doc.tokens()[..token_at(doc.tokens(), tok.span().start)];
        before[token_at(before, from)..].iter().any(|t| {
            let tw = t.text(text);
            tw.len() >= stem.len()
                && tw.len() <= stem.len() + 1
                && tw
                    .get(..stem.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(stem))
        })
    }
}

impl Rule for UnnamedSource {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.attr = Attribution::from_lexicon(lexicon)?;
        self.nouns = words(lexicon, "unnamed-sources")?;
        self.vague = words(lexicon, "vague-subjects")?;
        self.verbs = words(lexicon, "belief-verbs")?;
        self.triggers = Triggers::new(self.nouns.iter().chain(self.vague.iter()))?;
        Ok(())
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
            if self.mentioned_before(doc, s, toks[i]) {
                continue;
            }
            // `Analysts say the truce is eroding. Dr Lena Varga, a researcher at …, said …`:
            // the next sentence names who holds the view.
            if an.next_attributed(&self.attr, s) {
                continue;
            }
            if an.quotes().touches(span) || an.is_headline(s) {
                continue;
            }
            // `Analysts had expected a profit of $3bn, according to a poll of brokers`: the
            // expectation is a survey's figure, and the survey is named.
            let rest = &text[span.end..doc.sentences()[s].span.end];
            if surveyed(rest) {
                continue;
            }
            last_end = span.end;
            sink.report(span, format!("`{}`: an unnamed source", span.slice(text)))
                .help(
                    "name who said it (a person, an organisation), or say why they cannot be named",
                );
        }
    }
}

/// Does the rest of the sentence name a poll or survey as its source?
fn surveyed(rest: &str) -> bool {
    let lower = rest.to_ascii_lowercase();
    [
        "poll of ",
        "survey of ",
        "polled by ",
        "consensus forecast",
        "according to a poll",
        "according to a survey",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sourcing::attribution::bundled_lexicon;

    fn flagged(text: &str) -> Vec<String> {
        let mut r = UnnamedSource::default();
        r.use_lexicon(&bundled_lexicon()).unwrap();
        crate::rule::flagged_spans(&r, text)
    }

    #[test]
    fn a_named_poll_is_a_source() {
        assert!(
            flagged(
                "Analysts had expected a profit of $3.1bn, according to a poll of six brokers."
            )
            .is_empty()
        );
        assert_eq!(
            flagged("Analysts had expected a profit of $3.1bn."),
            vec!["Analysts had expected"]
        );
    }

    #[test]
    fn flags_unnamed_collectives() {
        assert_eq!(
            flagged("Observers say the vote was rushed."),
            vec!["Observers say"]
        );
        assert_eq!(
            flagged("The delay has led analysts to speculate about a split."),
            vec!["analysts to speculate"]
        );
        assert_eq!(
            flagged("Some experts have long argued for a levy."),
            vec!["Some experts have long argued"]
        );
        assert_eq!(
            flagged("The plan is popular, but some say it is late."),
            vec!["some say"]
        );
        assert_eq!(
            flagged("Many believe the port will close."),
            vec!["Many believe"]
        );
        assert_eq!(
            flagged("The mine is unsafe, according to experts."),
            vec!["according to experts"]
        );
        assert_eq!(
            flagged("Sources said the deal was close."),
            vec!["Sources said"]
        );
    }

    #[test]
    fn leaves_identified_sources_alone() {
        assert!(flagged("Analysts at Kestrel Bank said the deal was close.").is_empty());
        assert!(flagged("Two sources said the deal was close.").is_empty());
        assert!(flagged("Sources familiar with the talks said it was close.").is_empty());
        assert!(flagged("The move surprised analyst Lena Varga.").is_empty());
        assert!(flagged("\"Analysts say all sorts of things,\" she said.").is_empty());
        assert!(flagged("The bank's economists expect a cut.").is_empty());
        assert!(flagged("Kestrel analysts expect a cut.").is_empty());
        assert!(flagged("How many say yes is unclear.").is_empty());
        assert!(flagged("The team has many experts on staff.").is_empty());
        assert!(flagged("At some point the talks will resume.").is_empty());
        assert!(flagged("The experts from the institute say it is safe.").is_empty());
        assert!(flagged("The dust held more than scientists had expected.").is_empty());
        assert!(
            flagged("Analysts say the truce is eroding. Lena Varga, a researcher, said so.")
                .is_empty()
        );
    }
}
