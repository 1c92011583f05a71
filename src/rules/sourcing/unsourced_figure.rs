use super::attribution::{
    Analysis, Attribution, CarryOver, Hit, Triggers, WordSet, breaks, echoes_sourced, is_be,
    is_figure, is_unit, quantifier_start, token_at, words,
};
use super::hedged_passive::Hedges;
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Token};
use crate::rule::{FixAvailability, Lexicon, Rule, RuleMeta, RuleOptions, Sink};

declare_rule! {
    /// ## What it does
    /// Finds figures of harm to people (killed, dead, wounded, injured, displaced, arrested,
    /// missing), with or without `at least`, `more than`, `over`, `dozens of`, in a sentence that
    /// names no source, when no sentence in reach of it does either. `Police said at least nine
    /// people died` and `…, the observatory said. At least nine people died …` are sourced, and
    /// so is a figure that restates one given earlier in a sourced sentence (the lead's `16
    /// miners died, the ministry said`, then `the 16 miners …`). Objects and buildings are not
    /// counted; figures inside quotation marks belong to their speaker; `No one was hurt` is not
    /// a figure; the headline is left alone, and so are sentences that `hedged-passive` already
    /// reports.
    ///
    /// ## Why is this bad
    /// Casualty and damage figures are the claims readers check first and the ones that differ
    /// most between sources. A figure with no source cannot be checked, compared or corrected.
    ///
    /// ## Example
    /// ```text
    /// The flooding has left more than 40 people dead across the valley.
    /// ```
    /// Use instead:
    /// ```text
    /// The flooding has left more than 40 people dead across the valley, the regional emergency
    /// service said.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only the writer knows where the figure came from. The help says what is missing.
    ///
    /// ## Options
    /// `carry-over` (default `"paragraph"`): `"sentence"` counts only attribution in the figure's
    /// own sentence; `"paragraph"` also counts the sentences within `carry-over-window` (default
    /// 1: the previous and the next) of it, in its paragraph or across a line break next to a
    /// line of one sentence, never across a blank line.
    ///
    /// Default severity `info`: read on real news, about half its findings were figures that
    /// needed no source (history, a well-known event), so it does not fail a gate by default.
    pub fn unsourced_figure_meta {
        code: "S102",
        name: "unsourced-figure",
        family: Sourcing,
        severity: Info,
        fix: FixAvailability::None,
    }
}

pub struct UnsourcedFigure {
    meta: RuleMeta,
    attr: Attribution,
    hedges: Hedges,
    harm_words: WordSet,
    harm_verbs: WordSet,
    people: WordSet,
    triggers: Triggers,
    carry: CarryOver,
}

impl Default for UnsourcedFigure {
    fn default() -> Self {
        Self {
            meta: unsourced_figure_meta(),
            attr: Attribution::default(),
            hedges: Hedges::default(),
            harm_words: WordSet::default(),
            harm_verbs: WordSet::default(),
            people: WordSet::default(),
            triggers: Triggers::default(),
            carry: CarryOver::default(),
        }
    }
}

fn is(text: &str, t: &Token, words: &[&str]) -> bool {
    words.iter().any(|w| t.text(text).eq_ignore_ascii_case(w))
}

/// Words that end a figure phrase when met between the figure and the harm word.
const STOPS: &[&str] = &[
    "plus", "other", "of", "who", "whom", "which", "that", "than", "to", "from", "after", "before",
    "when", "while", "since", "by", "and", "or", "but", "if", "as", "for", "per", "aged", "out",
];

/// Month names and abbreviations: a number after one is a date.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Figure words that take `of` (`dozens of people`, `hundreds of homes`).
const OF_FIGURES: &[&str] = &[
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "scores",
    "tens",
];

impl UnsourcedFigure {
    /// Do the words between a figure and its harm word count people (`16 miners`, `300
    /// people`, `12` alone), not things (`six boxes`, `25 dogs`)?
    fn counts_people(&self, text: &str, between: &[Token]) -> bool {
        let mut nouns = between.iter().map(|t| t.text(text)).filter(|w| {
            w.len() > 2
                && w.ends_with('s')
                && w.bytes().all(|b| b.is_ascii_lowercase())
                && !is_be(w)
        });
        let mut any = false;
        let people = nouns.any(|w| {
            any = true;
            self.people.has(w)
                || ["ers", "ians", "ists", "men", "ees", "ants", "ents"]
                    .iter()
                    .any(|e| w.ends_with(e))
        });
        people || !any
    }

    /// The figure phrase ending at the harm word `toks[h]` (`at least 16 civilians were killed`).
    fn figure_before(&self, text: &str, toks: &[Token], h: usize) -> Option<ByteSpan> {
        let lo = h.saturating_sub(7);
        let mut f = h;
        while f > lo {
            f -= 1;
            let t = toks[f];
            if breaks(text, t.span().end, toks[f + 1].span().start) {
                return None;
            }
            if is_figure(text, t) {
                // `the 12th`, `aged 30`, `No. 5`, `in 12 hours`.
                if toks.get(f + 1).is_some_and(|n| is_unit(n.text(text))) {
                    return None;
                }
                if f > 0
                    && is(
                        text,
                        &toks[f - 1],
                        &["no", "aged", "age", "number", "route"],
                    )
                {
                    return None;
                }
                // `The quake on Sept. 19 killed …`: a day of the month, not a count.
                if f > 0 && is(text, &toks[f - 1], MONTHS) {
                    return None;
                }
                // `the four missing`, `its 12 victims`: a figure the article already gave.
                if f > 0
                    && is(
                        text,
                        &toks[f - 1],
                        &[
                            "the", "these", "those", "its", "their", "his", "her", "our", "all",
                        ],
                    )
                {
                    return None;
                }
                // `one of those killed`, `no one was hurt`.
                if is(text, &t, &["one"]) {
                    return None;
                }
                // `Six boxes were missing`, `25 dogs killed`: harm to people only.
                if !self.counts_people(text, &toks[f + 1..h]) {
                    return None;
                }
                let start = quantifier_start(text, toks, f, 0);
                return Some(ByteSpan::new(toks[start].span().start, toks[h].span().end));
            }
            let w = t.text(text);
            if is(text, &t, &["of"]) && f > lo && is(text, &toks[f - 1], OF_FIGURES) {
                continue; // `dozens of`: the figure is next
            }
            if is(text, &t, STOPS) || self.attr.is_verb(w) || self.harm_words.has(w) && f + 1 != h {
                return None;
            }
        }
        None
    }

    /// The figure phrase opened by the harm verb `toks[h]` (`killing at least 12 people`).
    fn figure_after(&self, text: &str, toks: &[Token], h: usize) -> Option<ByteSpan> {
        // `was killed 10 years ago`, `were injured`: a passive takes no object.
        if h > 0 && is_be(toks[h - 1].text(text)) {
            return None;
        }
        // `police have detained 30`: the authority that acted is the source of the count.
        for p in (h.saturating_sub(3)..h).rev() {
            if breaks(text, toks[p].span().end, toks[p + 1].span().start) {
                break;
            }
            if self.attr.is_source_noun(toks[p].text(text)) {
                return None;
            }
        }
        let mut f = h + 1;
        let hi = (h + 5).min(toks.len());
        while f < hi {
            let t = toks[f];
            if breaks(text, toks[f - 1].span().end, t.span().start) {
                return None;
            }
            if is_figure(text, t) {
                break;
            }
            let q = crate::rules::sourcing::attribution::QUANTIFIERS
                .iter()
                .any(|q| q.iter().any(|w| t.text(text).eq_ignore_ascii_case(w)));
            if !q {
                return None;
            }
            f += 1;
        }
        if f >= hi {
            return None;
        }
        let fig = toks[f];
        if is(text, &fig, &["one"]) {
            return None;
        }
        // The figure counts people or things: a noun follows, not a unit.
        let noun = toks
            .get(f + 1)
            .filter(|n| !breaks(text, fig.span().end, n.span().start) && !is_unit(n.text(text)));
        let noun_ok = match noun {
            Some(n) => !is(text, n, STOPS) || is(text, n, &["of"]) && is(text, &fig, OF_FIGURES),
            None => false,
        };
        if !noun_ok {
            return None;
        }
        let mut end = f + 1;
        if is(text, &toks[end], &["of"]) && toks.get(end + 1).is_some() {
            end += 1;
        }
        Some(ByteSpan::new(toks[h].span().start, toks[end].span().end))
    }

    /// `the death toll rose to 30`.
    fn toll(&self, text: &str, toks: &[Token], h: usize) -> Option<ByteSpan> {
        if h == 0 || !is(text, &toks[h - 1], &["death", "casualty"]) {
            return None;
        }
        let hi = (h + 6).min(toks.len());
        for f in h + 1..hi {
            if breaks(text, toks[f - 1].span().end, toks[f].span().start) {
                return None;
            }
            if is_figure(text, toks[f]) {
                if toks.get(f + 1).is_some_and(|n| is_unit(n.text(text))) {
                    return None;
                }
                return Some(ByteSpan::new(toks[h - 1].span().start, toks[f].span().end));
            }
        }
        None
    }
}

impl Rule for UnsourcedFigure {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.attr = Attribution::from_lexicon(lexicon)?;
        self.hedges = Hedges::from_lexicon(lexicon)?;
        self.harm_words = words(lexicon, "harm-words")?;
        self.harm_verbs = words(lexicon, "harm-verbs")?;
        self.people = WordSet::from_words(
            lexicon
                .strings("people-nouns")?
                .into_iter()
                .chain(lexicon.strings("group-nouns")?),
        );
        let hw = lexicon.strings("harm-words")?;
        let hv = lexicon.strings("harm-verbs")?;
        self.triggers = Triggers::new(hw.into_iter().chain(hv).chain(["toll"]))?;
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
            i: h,
        } in self.triggers.hits(doc)
        {
            if s == last_sentence {
                continue;
            }
            let w = toks[h].text(text);
            // `The Walking Dead`: a capitalised harm word inside a sentence is a name.
            if h > 0 && toks[h].is_capitalised() {
                continue;
            }
            let mut span = None;
            if self.harm_words.has(w) {
                span = self.figure_before(text, toks, h);
            }
            if span.is_none() && self.harm_verbs.has(w) {
                span = self.figure_after(text, toks, h);
            }
            if span.is_none() && w.eq_ignore_ascii_case("toll") {
                span = self.toll(text, toks, h);
            }
            let Some(span) = span else { continue };
            if an.quotes().touches(span)
                || an.is_headline(s)
                || self.hedges.in_sentence(text, toks)
                || dated(text, toks)
                || an.attributed(&self.attr, s, self.carry)
                || echoes_sourced(&mut an, &self.attr, span)
                || figure_restated(&mut an, &self.attr, toks, span)
            {
                continue;
            }
            last_sentence = s;
            sink.report(
                span,
                format!("`{}`: a figure of harm with no source", span.slice(text)),
            )
            .help("name who gives the figure: `according to …`, `… said`, `citing …`");
        }
    }
}

/// Does the sentence name a year (`the 1995 bombing killed 168`, `the war, which ended in
/// 2002`)? A figure anchored to a dated event is background the article does not source again.
fn dated(text: &str, toks: &[Token]) -> bool {
    toks.iter().any(|t| {
        let w = t.text(text).trim_end_matches(['\'', '’', 's']);
        w.len() == 4
            && w.bytes().all(|b| b.is_ascii_digit())
            && (w.starts_with("19") || w.starts_with("20"))
    })
}

/// Does the figure of `span` restate one given earlier in a sentence that names its source (`16
/// miners died, the ministry said` in the lead, then `the 16 miners killed …`)?
fn figure_restated(
    an: &mut Analysis<'_, '_>,
    attr: &Attribution,
    toks: &[Token],
    span: ByteSpan,
) -> bool {
    let doc = an.doc;
    let text = doc.text();
    let Some(fig) = toks
        .iter()
        .find(|t| span.start <= t.span().start && t.span().end <= span.end && is_figure(text, **t))
    else {
        return false;
    };
    let w = fig.text(text);
    // The first attributing mention of the figure, found once per figure per document.
    an.first_attributed(attr, w)
        .is_some_and(|t| t < token_at(doc.tokens(), span.start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sourcing::attribution::bundled_lexicon;

    fn flagged(text: &str) -> Vec<String> {
        let mut r = UnsourcedFigure::default();
        r.use_lexicon(&bundled_lexicon()).unwrap();
        crate::rule::flagged_spans(&r, text)
    }

    #[test]
    fn flags_unsourced_figures() {
        assert_eq!(
            flagged("The raid on the depot left over 70 guards killed, including two officers."),
            vec!["over 70 guards killed"]
        );
        assert_eq!(
            flagged("At least 16 miners were killed and 20 wounded."),
            vec!["At least 16 miners were killed"]
        );
        assert!(flagged("Six boxes were missing from the van.").is_empty());
        assert!(flagged("The 1995 bombing of the depot killed 168 people.").is_empty());
        assert_eq!(
            flagged("At least 16 miners were killed."),
            vec!["At least 16 miners were killed"]
        );
        assert!(
            flagged("The quake on Sept. 19 killed at least 300 people.")
                .iter()
                .all(|f| !f.starts_with("19"))
        );
        assert_eq!(
            flagged("The storm has left more than 300 dead."),
            vec!["more than 300 dead"]
        );
        assert_eq!(
            flagged("Dozens of protesters were arrested on Tuesday."),
            vec!["Dozens of protesters were arrested"]
        );
        assert_eq!(
            flagged("The blast killed at least 12 people near the port."),
            vec!["killed at least 12 people"]
        );
        assert_eq!(
            flagged("The death toll rose to 31 on Sunday."),
            vec!["death toll rose to 31"]
        );
    }

    #[test]
    fn leaves_sourced_and_other_figures_alone() {
        assert!(flagged("Police said at least 16 miners were killed.").is_empty());
        assert!(flagged("The ministry said on Monday. At least 16 miners were killed.").is_empty());
        assert!(
            flagged("The storm left more than 300 dead, according to the Red Cross.").is_empty()
        );
        assert!(flagged("\"At least 16 miners were killed,\" he said.").is_empty());
        assert!(flagged("No one was hurt in the fire.").is_empty());
        assert!(flagged("One of those injured was a nurse.").is_empty());
        assert!(flagged("He was killed 10 years ago.").is_empty());
        assert!(
            flagged("The town of 4,000 people, many of whom were displaced, voted.").is_empty()
        );
        assert!(
            flagged("Storm kills 12 in valley\n\nThe storm killed 12 people, police said.")
                .is_empty()
        );
        assert!(flagged("In 2016 the city was destroyed.").is_empty());
        assert!(flagged("The search for the four missing people was halted.").is_empty());
        assert!(
            flagged("Nine people were hurt in the fall, police said.\n\nNine people were hurt in the fall. Photo: Ana")
                .is_empty()
        );
        assert!(flagged("Some 30 people are said to have been killed.").is_empty());
    }
}
