use super::attribution::{
    Analysis, Attribution, CarryOver, Hit, Triggers, WordSet, breaks, is_be, is_figure, words,
};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Token};
use crate::rule::{FixAvailability, Lexicon, Rule, RuleMeta, RuleOptions, Sink};

declare_rule! {
    /// ## What it does
    /// Finds weasel constructions: claims that lean on a vague or absent source. Five shapes,
    /// read from the token stream with the word lists of the lexicon:
    /// - a vague quantifier before a group of people (`some critics`, `many scholars`, `a few
    ///   residents`), a vague pronoun holding a view (`many regard it as`, `while others
    ///   prefer`), a vague agent (`considered by many`, `according to some`), and `there are
    ///   those who`;
    /// - an agentless passive of judgement (`is considered the best`, `is widely regarded as`,
    ///   `has been described as`, `was seen as`), and an impersonal one (`it has been suggested
    ///   that`, `it is assumed`, `it is possible that`);
    /// - a hedging adverb in the writer's voice (`probably`, `arguably`, `presumably`);
    /// - a vague quantity as the subject or scope of a claim (`Some schools ban phones`, `in
    ///   some quarters`, `in many cases`).
    ///
    /// A group that is identified (`critics such as Mara Lind`, `scholars at Vell University`), a
    /// group the next sentence names, and anything inside quotation marks or in the headline are
    /// left alone. The passives, hedges and vague quantities are also left alone when the
    /// sentence names a source, or a sentence within `carry-over-window` sentences of it does
    /// (across line breaks, not across a blank line). `unnamed-source` (S103) reports a vague
    /// group that speaks (`some experts say`); this rule does not report it again.
    ///
    /// ## Why is this bad
    /// "Some say", "it is believed", "is widely regarded as" present an opinion as if many held
    /// it, without saying who. The reader cannot check the claim, and a corpus built on such text
    /// teaches that a claim needs no source. Wikipedia calls these weasel words; news style
    /// guides ask for the source by name.
    ///
    /// ## Example
    /// ```text
    /// The bridge is widely regarded as the finest in the valley, and some engineers doubt it
    /// will last.
    /// ```
    /// Use instead:
    /// ```text
    /// The Orvane Heritage Trust ranks the bridge the finest in the valley; two engineers who
    /// surveyed it, Ida Fenn and Colm Rask, doubt it will last.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only the writer knows who holds the view. The help says what source is missing.
    ///
    /// ## Options
    /// `carry-over` (default `"paragraph"`) and `carry-over-window` (default 1, the previous and
    /// next sentence), as for `hedged-passive`.
    pub fn weasel_words_meta {
        code: "S106",
        name: "weasel-words",
        family: Sourcing,
        severity: Info,
        fix: FixAvailability::None,
    }
}

/// What kind of weasel was found: it decides the message, the help, and whether a source in
/// reach excuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeaselKind {
    /// `some critics`, `many scholars`: the vague group is itself the source.
    VagueGroup,
    /// `by many`, `according to some`.
    VagueAgent,
    /// `is considered the best`, `is widely regarded as`.
    Judgement,
    /// `it has been suggested that`, `it is possible that`.
    Impersonal,
    /// `probably`, `arguably`.
    Speculation,
    /// `Some schools ban phones`, `in some quarters`.
    VagueQuantity,
}

impl WeaselKind {
    /// A vague source is the defect itself: naming another source nearby does not cure it.
    fn excused_by_source(self) -> bool {
        !matches!(self, WeaselKind::VagueGroup | WeaselKind::VagueAgent)
    }

    fn message(self, phrase: &str) -> String {
        match self {
            WeaselKind::VagueGroup => format!("`{phrase}`: a vague group stands in for a source"),
            WeaselKind::VagueAgent => format!("`{phrase}`: a vague agent stands in for a source"),
            WeaselKind::Judgement => {
                format!("`{phrase}`: a judgement presented as consensus, with no one holding it")
            }
            WeaselKind::Impersonal => format!("`{phrase}`: an impersonal claim with no source"),
            WeaselKind::Speculation => format!("`{phrase}`: the writer's guess, with no source"),
            WeaselKind::VagueQuantity => {
                format!("`{phrase}`: a vague quantity, with no source for it")
            }
        }
    }

    fn help(self) -> &'static str {
        match self {
            WeaselKind::VagueGroup | WeaselKind::VagueAgent => {
                "say who they are: name the people or the organisation, or how many and which"
            }
            WeaselKind::Judgement => {
                "say who considers it so (`… said`, `according to …`), or give the evidence"
            }
            WeaselKind::Impersonal => "name who suggests or assumes it: `according to …`, `… said`",
            WeaselKind::Speculation => {
                "attribute the estimate to someone who made it, or state what is known"
            }
            WeaselKind::VagueQuantity => {
                "give the number or the source of the observation (`a survey by …`, `… said`)"
            }
        }
    }
}

/// Words that may stand between *to be* and a participle (`is widely regarded`).
const MIDDLE: &[&str] = &[
    "widely",
    "generally",
    "commonly",
    "often",
    "popularly",
    "universally",
    "frequently",
    "long",
    "also",
    "still",
    "now",
    "sometimes",
    "largely",
    "traditionally",
    "usually",
    "increasingly",
    "variously",
];

/// Adverbs that make a bare participle a judgement without *to be* (`widely regarded as`).
const CONSENSUS: &[&str] = &[
    "widely",
    "generally",
    "commonly",
    "popularly",
    "universally",
    "often",
    "long",
    "frequently",
    "traditionally",
];

/// Participles that only make a judgement before `as` (`was seen as`, not `was seen in`).
const AS_ONLY: &[&str] = &[
    "seen",
    "viewed",
    "described",
    "perceived",
    "labelled",
    "labeled",
    "dubbed",
    "touted",
    "hailed",
    "branded",
    "billed",
    "acknowledged",
    "recognised",
    "recognized",
    "accepted",
    "cited",
    "praised",
    "criticised",
    "criticized",
];

/// Words after a judgement participle that end the judgement (`was considered for the post`).
const NOT_COMPLEMENT: &[&str] = &[
    "for", "in", "on", "at", "under", "with", "during", "after", "before", "when", "and", "but",
    "or", "from", "into", "until", "by", "of", "over", "against", "without", "if", "because",
    "unless", "while", "since", "through", "whether", "here", "there", "then", "later", "again",
];

/// Modals that make a passive the writer's hypothesis rather than a claimed consensus.
const MODALS: &[&str] = &[
    "could", "can", "might", "may", "would", "should", "must", "cannot", "shall", "will",
];

/// Words after `by` + a quantifier that make a measure, not an agent (`by some margin`).
const NOT_AGENT: &[&str] = &[
    "margin",
    "distance",
    "way",
    "means",
    "measure",
    "measures",
    "accounts",
    "estimates",
    "percent",
    "times",
    "point",
    "points",
    "degree",
    "extent",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "miles",
    "metres",
    "meters",
    "kilometres",
    "votes",
    "seats",
    "goals",
    "runs",
    "lengths",
    "strokes",
    "counts",
    "standards",
    "kind",
    "sort",
    "form",
    "type",
];

/// Words after `Some` that do not make a vague subject (`Some time later`, `Some of them`).
const NOT_SUBJECT: &[&str] = &[
    "of", "time", "times", "point", "extent", "degree", "way", "ways", "years", "months", "weeks",
    "days", "hours", "minutes", "decades", "day", "night", "more", "other", "others", "kind",
    "sort", "form", "such", "say", "said", "believe", "think", "argue", "claim", "fear",
];

/// Helpers that may stand between a group and its verb (`critics have long argued`).
const HELPERS: &[&str] = &[
    "have",
    "has",
    "had",
    "also",
    "widely",
    "long",
    "now",
    "still",
    "generally",
    "often",
    "will",
    "would",
    "may",
    "might",
    "could",
    "do",
    "did",
    "does",
    "openly",
    "privately",
    "even",
];

/// Quantifiers that stand alone as a vague subject (`many regard`, `others prefer`).
const VAGUE_PRONOUNS: &[&str] = &["some", "many", "most", "others"];

/// Connectives after which a word opens a clause.
const CLAUSE_OPENERS: &[&str] = &[
    "but", "and", "while", "though", "although", "whereas", "as", "because", "yet", "so", "that",
    "however", "whilst", "since", "if", "when", "where",
];

/// Possessives and determiners that make a group one the article already knows (`his many
/// critics`, `the several scholars`).
const KNOWN_GROUP: &[&str] = &[
    "the", "these", "those", "his", "her", "their", "its", "our", "my", "your", "whose", "how",
    "so", "too", "as",
];

/// Words after a group that introduce who it is (`critics such as …`, `scholars at …`).
const IDENTIFIERS: &[&str] = &[
    "at",
    "from",
    "with",
    "including",
    "like",
    "such",
    "led",
    "in",
    "of",
    "of",
    "named",
    "called",
];

/// A plural noun, by its ending (`schools`, `quarters`, not `yeast`, `glass`).
fn plural(w: &str) -> bool {
    w.len() > 3
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
}

/// Adjectives that may make a judgement's complement (`is considered safe`): the common suffixes
/// of English adjectives.
fn adjective_like(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    w.len() > 4
        && [
            "est", "ive", "ous", "ful", "ant", "ent", "ic", "able", "ible", "ary", "al", "less",
        ]
        .iter()
        .any(|s| w.ends_with(s))
}

fn is(text: &str, t: Option<&Token>, list: &[&str]) -> bool {
    t.is_some_and(|t| list.iter().any(|w| t.text(text).eq_ignore_ascii_case(w)))
}

/// The lexicon the rule reads.
#[derive(Debug, Clone, Default)]
struct Words {
    quantifiers: WordSet,
    groups: WordSet,
    group_suffixes: Vec<String>,
    judgements: WordSet,
    hedge_participles: WordSet,
    adverbs: WordSet,
    unnamed: WordSet,
    belief: WordSet,
    impersonal_adjectives: WordSet,
    subject_quantifiers: WordSet,
    scopes: WordSet,
    view: WordSet,
    opinion_groups: WordSet,
    consensus_participles: WordSet,
}

pub struct WeaselWords {
    meta: RuleMeta,
    attr: Attribution,
    words: Words,
    triggers: Triggers,
    carry: CarryOver,
}

impl Default for WeaselWords {
    fn default() -> Self {
        Self {
            meta: weasel_words_meta(),
            attr: Attribution::default(),
            words: Words::default(),
            triggers: Triggers::default(),
            carry: CarryOver::default(),
        }
    }
}

/// A weasel found at a token: its span and kind.
struct Found {
    span: ByteSpan,
    kind: WeaselKind,
}

impl WeaselWords {
    /// Is `t` a noun of people (`critics`, `villagers`, or a word ending like `-ists`)?
    fn group(&self, text: &str, t: &Token) -> bool {
        let w = t.text(text);
        self.words.groups.has(w)
            || (!t.is_capitalised() || t.is_all_caps())
                && w.len() > 6
                && self
                    .words
                    .group_suffixes
                    .iter()
                    .any(|s| w.to_ascii_lowercase().ends_with(s.as_str()))
    }

    /// After the group at `k`: is it identified (`critics such as Mara Lind`, `scholars at Vell
    /// University`)?
    fn identified(text: &str, toks: &[Token], k: usize) -> bool {
        let glued = |p: usize| !breaks(text, toks[p].span().end, toks[p + 1].span().start);
        if let Some(n) = toks.get(k + 1)
            && IDENTIFIERS
                .iter()
                .any(|w| n.text(text).eq_ignore_ascii_case(w))
        {
            return toks[k + 2..toks.len().min(k + 5)]
                .iter()
                .any(|t| t.is_capitalised());
        }
        // `Some critics, including Mara Lind, …` and `some critics (Mara Lind among them)`.
        if let Some(n) = toks.get(k + 1)
            && !glued(k)
            && (is(
                text,
                Some(n),
                &["including", "such", "like", "notably", "among"],
            ) || n.is_capitalised() && toks.get(k + 2).is_some_and(|m| m.is_capitalised()))
        {
            return true;
        }
        false
    }

    /// Is the group at `k` the subject of a verb of `verbs` (`some experts say`, `many
    /// residents fear`), helpers (`have long`, `would`) between?
    fn verb_follows(
        &self,
        text: &str,
        toks: &[Token],
        k: usize,
        verbs: &[&WordSet],
    ) -> Option<usize> {
        let mut v = k + 1;
        while v < toks.len() && v <= k + 3 {
            if breaks(text, toks[v - 1].span().end, toks[v].span().start) {
                return None;
            }
            if verbs.iter().any(|set| set.has(toks[v].text(text))) {
                return Some(v);
            }
            if !is(text, Some(&toks[v]), HELPERS) {
                return None;
            }
            v += 1;
        }
        None
    }

    /// Would `unnamed-source` report the group at `k` (it speaks: `some experts say`)?
    fn speaks(&self, text: &str, toks: &[Token], k: usize) -> bool {
        self.words.unnamed.has(toks[k].text(text))
            && self
                .verb_follows(text, toks, k, &[&self.words.belief])
                .is_some()
    }

    /// Does the group at `k` hold or voice a view (`some activists fear`, `many residents
    /// complained`)? A group that only acts or suffers (`several were killed`) is reporting.
    fn holds_view(&self, text: &str, toks: &[Token], k: usize) -> bool {
        self.verb_follows(text, toks, k, &[&self.words.belief, &self.words.view])
            .is_some()
    }

    /// The weasel at token `i` of a sentence's tokens, if there is one.
    fn at(&self, text: &str, toks: &[Token], i: usize) -> Option<Found> {
        let t = toks[i];
        let w = t.text(text);
        let prev = i.checked_sub(1).map(|p| &toks[p]);
        let next = toks.get(i + 1);
        let glued = |p: usize| !breaks(text, toks[p].span().end, toks[p + 1].span().start);
        let span = |a: usize, b: usize| ByteSpan::new(toks[a].span().start, toks[b].span().end);
        let opens = i == 0 || is(text, prev, CLAUSE_OPENERS) || !glued(i - 1);

        if self.words.adverbs.has(w) {
            // `could not possibly`, `most probably` stays (the hedge is the same).
            if is(text, prev, &["not", "cannot", "never"]) {
                return None;
            }
            // `you probably know`, `I will probably stay`: a speaker's own guess, addressed to
            // someone (a comment, a chat, a letter), not a claim in the article's voice.
            if toks.iter().any(|t| {
                is(
                    text,
                    Some(t),
                    &["i", "you", "we", "my", "your", "me", "i'm", "you're"],
                )
            }) {
                return None;
            }
            return Some(Found {
                span: t.span(),
                kind: WeaselKind::Speculation,
            });
        }

        // `by many`, `by some critics`, `according to some`.
        if (w.eq_ignore_ascii_case("by")
            || w.eq_ignore_ascii_case("according") && is(text, next, &["to"]))
            && next.is_some()
        {
            let q = if w.eq_ignore_ascii_case("by") {
                i + 1
            } else {
                i + 2
            };
            let qt = toks.get(q)?;
            // `regarded by critics as`: an opinion group with no name is a vague agent too.
            let vague = self.words.quantifiers.has(qt.text(text))
                || is(text, Some(qt), &["others"])
                || self.words.opinion_groups.has(qt.text(text))
                    && !qt.is_capitalised()
                    && prev.is_some_and(|p| self.words.judgements.has(p.text(text)));
            if !glued(q - 1) || !vague {
                return None;
            }
            if let Some(n) = toks.get(q + 1)
                && glued(q)
                && (is_figure(text, *n) || is(text, Some(n), NOT_AGENT))
            {
                return None;
            }
            // Extend over a group noun (`by some critics`).
            let mut end = q;
            for k in q + 1..toks.len().min(q + 4) {
                if !glued(k - 1) {
                    break;
                }
                if self.group(text, &toks[k]) {
                    if Self::identified(text, toks, k) {
                        return None;
                    }
                    end = k;
                    break;
                }
            }
            // `by many of the game's names, including Mara Lind`: the group is named after all.
            let named_later = toks[end + 1..toks.len().min(end + 9)].windows(2).any(|p| {
                is(text, Some(&p[0]), &["citing"])
                    || is(text, Some(&p[0]), &["including", "like", "notably"])
                        && p[1].is_capitalised()
            });
            if named_later {
                return None;
            }
            // `by many` is a vague source only after a verb of judgement or opinion
            // (`considered by many`, `criticised by some`), not after an act (`committed by
            // some`); the participle belongs to the phrase.
            let by = w.eq_ignore_ascii_case("by");
            let judged = prev.is_some_and(|p| {
                let pw = p.text(text);
                self.words.judgements.has(pw) || self.words.view.has(pw)
            });
            // A bare `by many` (`condemned by many already`) is an opinion whatever the verb.
            let bare = end == q
                && toks.get(q + 1).is_none_or(|n| {
                    !glued(q)
                        || is(
                            text,
                            Some(n),
                            &[
                                "as", "to", "of", "for", "because", "who", "that", "and", "but",
                                "already", "also", "in", "at", "since", "over", "before",
                            ],
                        )
                });
            // A bare agent still needs a passive before it (`condemned by many`, not `put in
            // place by some`).
            let passive = prev.is_some_and(|p| {
                let pw = p.text(text);
                pw.len() > 3 && (pw.ends_with("ed") || pw.ends_with("en"))
            });
            let act = !passive || is(text, prev, &["committed", "accused", "killed", "used"]);
            if by && !judged && (!bare || act) {
                return None;
            }
            let start = if by { i - 1 } else { i };
            return Some(Found {
                span: span(start, end),
                kind: WeaselKind::VagueAgent,
            });
        }

        // `there are those who`, `there are some who`.
        if w.eq_ignore_ascii_case("there")
            && is(text, next, &["are", "were", "is"])
            && is(text, toks.get(i + 2), &["those", "some", "many", "others"])
            && is(text, toks.get(i + 3), &["who"])
        {
            return Some(Found {
                span: span(i, i + 3),
                kind: WeaselKind::VagueGroup,
            });
        }

        // `it is possible that`, `it is likely that`.
        if w.eq_ignore_ascii_case("it") {
            let mut j = i + 1;
            if is(text, toks.get(j), &["has", "had", "have"]) {
                j += 1;
            }
            if !toks.get(j).is_some_and(|b| is_be(b.text(text))) {
                return None;
            }
            j += 1;
            if is(text, toks.get(j), MIDDLE) {
                j += 1;
            }
            if toks
                .get(j)
                .is_some_and(|a| self.words.impersonal_adjectives.has(a.text(text)))
                && is(text, toks.get(j + 1), &["that"])
                && (i..=j).all(|k| k == j || glued(k))
            {
                return Some(Found {
                    span: span(i, j + 1),
                    kind: WeaselKind::Impersonal,
                });
            }
            return None;
        }

        if self.words.judgements.has(w) {
            return self.judgement(text, toks, i);
        }
        // `was widely expected to`, `has been widely reported as`: a consensus adverb makes a
        // forecast or a report everyone's.
        if self.words.consensus_participles.has(w)
            && i >= 1
            && is(
                text,
                prev,
                &["widely", "generally", "commonly", "universally"],
            )
            && glued(i - 1)
            && is(text, next, &["as", "to", "that"])
        {
            return Some(Found {
                span: span(i - 1, i + 1),
                kind: WeaselKind::Judgement,
            });
        }
        // `Many regard the bridge as …`, `while others prefer …`: a vague pronoun opening its
        // clause as the subject of a verb of opinion. With a verb of saying or believing
        // (`some say`) it is an unnamed source, which `unnamed-source` reports.
        if is(text, Some(&t), VAGUE_PRONOUNS)
            && opens
            && !is(text, prev, KNOWN_GROUP)
            && !is(text, prev, &["a", "only"])
            && let Some(v) = self.verb_follows(text, toks, i, &[&self.words.view])
            && !self.words.belief.has(toks[v].text(text))
            // `most described by Lind`: a passive with its agent.
            && !is(text, toks.get(v + 1), &["by"])
        {
            return Some(Found {
                span: span(i, v),
                kind: WeaselKind::VagueGroup,
            });
        }
        // `Critics of the plan claim …`, `Historians argue …`: an opinion group with no
        // quantifier, opening its clause, that voices a view (S103 reports `critics say`).
        if self.words.opinion_groups.has(w)
            && opens
            && (i == 0 || !is(text, prev, KNOWN_GROUP))
            && (!t.is_capitalised() || i == 0)
            && !self.speaks(text, toks, i)
        {
            let views = [&self.words.belief, &self.words.view];
            // Skip the object of the criticism (`critics of the levy`): up to five words.
            let mut verb = self.verb_follows(text, toks, i, &views);
            if verb.is_none() && is(text, next, &["of"]) {
                let mut j = i + 1;
                while verb.is_none() && j < toks.len() && j <= i + 6 && glued(j - 1) {
                    verb = self.verb_follows(text, toks, j, &views);
                    j += 1;
                }
            }
            let v = verb?;
            return Some(Found {
                span: span(i, v),
                kind: WeaselKind::VagueGroup,
            });
        }

        if !self.words.quantifiers.has(w) {
            return None;
        }
        // `some 200 people`, `many more`: a figure, not a group.
        if next.is_some_and(|n| is_figure(text, *n) || n.is_numeric()) {
            return None;
        }
        // `in some quarters`, `in many cases`.
        if is(text, prev, &["in"])
            && is(text, Some(&t), &["some", "many"])
            && let Some(n) = next
            && glued(i)
            && glued(i - 1)
            && self.words.scopes.has(n.text(text))
        {
            return Some(Found {
                span: span(i - 1, i + 1),
                kind: WeaselKind::VagueQuantity,
            });
        }
        if is(text, prev, KNOWN_GROUP) {
            return None;
        }
        // A vague group: the quantifier, up to two modifiers, a noun of people.
        let mut k = i + 1;
        while k < toks.len() && k <= i + 3 && glued(k - 1) {
            let tk = &toks[k];
            if self.group(text, tk) {
                if Self::identified(text, toks, k) || self.speaks(text, toks, k) {
                    return None;
                }
                // The group holds or voices a view (`some historians doubt`), as a subject, not
                // as an object (`popular with most voters`) or in a report of events
                // (`several were killed`, `many people use …`).
                let opinion = self.words.opinion_groups.has(tk.text(text));
                if is(text, prev, &["a", "only"])
                    || !opinion && (!opens || !self.holds_view(text, toks, k))
                {
                    return None;
                }
                return Some(Found {
                    span: span(i, k),
                    kind: WeaselKind::VagueGroup,
                });
            }
            let kw = tk.text(text);
            // `many of those supporters`, `some of his critics`: a group the article has named.
            if is(text, toks.get(k.wrapping_sub(1)), &["of"])
                && is(
                    text,
                    Some(tk),
                    &[
                        "those", "these", "his", "her", "their", "its", "our", "them", "whom",
                    ],
                )
            {
                return None;
            }
            let modifier = (!tk.is_capitalised() || is(text, Some(tk), &["of"]))
                && !self.words.belief.has(kw)
                && !self.words.judgements.has(kw)
                && !is_be(kw)
                && kw.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-');
            // `some of the critics`, `many local residents`; a name qualifies the group
            // (`some Vell scholars`) and so identifies it.
            if !modifier {
                break;
            }
            k += 1;
        }
        // `Some schools ban phones`: `some` as the vague subject of a claim.
        if self.words.subject_quantifiers.has(w)
            && opens
            && !is(
                text,
                prev,
                &["and", "that", "as", "so", "if", "when", "where", "since"],
            )
            && let Some(n) = next
            && plural(n.text(text))
            && glued(i)
            && !n.is_capitalised()
            && n.text(text).bytes().all(|b| b.is_ascii_alphabetic())
            && !is(text, Some(n), NOT_SUBJECT)
            && !self.words.belief.has(n.text(text))
        {
            return Some(Found {
                span: span(i, i + 1),
                kind: WeaselKind::VagueQuantity,
            });
        }
        None
    }

    /// `is considered the best`, `is widely regarded as`, `has been described as`, `it has
    /// been suggested that`, `widely regarded as`.
    fn judgement(&self, text: &str, toks: &[Token], i: usize) -> Option<Found> {
        let t = toks[i];
        let w = t.text(text);
        let next = toks.get(i + 1);
        let glued = |p: usize| !breaks(text, toks[p].span().end, toks[p + 1].span().start);
        if next.is_some() && !glued(i) {
            return None;
        }
        // An agent is named (`regarded by historians as`); `by many` is a vague agent, found at
        // `by`.
        if is(text, next, &["by"]) {
            return None;
        }
        // `was described as “…” by the panel`: the agent comes after the complement.
        let agent_later = toks[i + 1..].windows(2).any(|p| {
            is(text, Some(&p[0]), &["by"])
                && !self.words.quantifiers.has(p[1].text(text))
                && !is(text, Some(&p[1]), &["others"])
        });
        if agent_later {
            return None;
        }
        let hedge = self.words.hedge_participles.has(w);
        let be = if i >= 1 && is_be(toks[i - 1].text(text)) && glued(i - 1) {
            Some(i - 1)
        } else if i >= 2
            && is(text, Some(&toks[i - 1]), MIDDLE)
            && is_be(toks[i - 2].text(text))
            && glued(i - 2)
            && glued(i - 1)
        {
            Some(i - 2)
        } else if i >= 3
            && is(text, Some(&toks[i - 1]), MIDDLE)
            && is(text, Some(&toks[i - 2]), MIDDLE)
            && is_be(toks[i - 3].text(text))
            && (i - 3..i).all(glued)
        {
            Some(i - 3) // `is also widely accepted`
        } else {
            None
        };
        let Some(b) = be else {
            // `widely regarded as`, without *to be*.
            if i >= 1
                && is(text, Some(&toks[i - 1]), CONSENSUS)
                && glued(i - 1)
                && (i < 2 || !is_be(toks[i - 2].text(text)))
                && is(text, next, &["as", "to", "the", "one", "among"])
                && !hedge
            {
                return Some(Found {
                    span: ByteSpan::new(toks[i - 1].span().start, next?.span().end),
                    kind: WeaselKind::Judgement,
                });
            }
            // `Vell, then considered the capital of the craft,`: a reduced passive after a
            // break or a time adverb (an active verb has its subject right before it).
            let reduced = i == 0
                || !glued(i - 1)
                || is(
                    text,
                    Some(&toks[i - 1]),
                    &["then", "now", "once", "still", "long"],
                );
            if reduced
                && is(
                    text,
                    Some(&t),
                    &["considered", "regarded", "deemed", "reputed"],
                )
                && is(text, next, &["as", "to", "the", "one", "among"])
            {
                let from = if i >= 1 && glued(i - 1) { i - 1 } else { i };
                return Some(Found {
                    span: ByteSpan::new(toks[from].span().start, next?.span().end),
                    kind: WeaselKind::Judgement,
                });
            }
            return None;
        };
        if b >= 1 && is(text, Some(&toks[b - 1]), MODALS) {
            return None;
        }
        // The subject: `it has been suggested`.
        let mut subj = b;
        if subj >= 1 && is(text, Some(&toks[subj - 1]), &["has", "had", "have"]) {
            subj -= 1;
        }
        let it = subj >= 1 && toks[subj - 1].text(text).eq_ignore_ascii_case("it");
        if it {
            // `hedged-passive` (S101) reports its own participles (`it is believed that`).
            if hedge {
                return None;
            }
            let end = if is(text, next, &["that"]) { i + 1 } else { i };
            return Some(Found {
                span: ByteSpan::new(toks[subj - 1].span().start, toks[end].span().end),
                kind: WeaselKind::Impersonal,
            });
        }
        // `are said to have`: hedged-passive's.
        if hedge && is(text, next, &["to", "that"]) {
            return None;
        }
        let n = next?;
        let nw = n.text(text);
        // `is recognised as 30 hours`: a count, not a judgement.
        if toks
            .get(i + 2)
            .is_some_and(|c| c.is_numeric() || is_figure(text, *c))
        {
            return None;
        }
        let complement = if AS_ONLY.iter().any(|a| w.eq_ignore_ascii_case(a)) {
            nw.eq_ignore_ascii_case("as")
        } else if w.eq_ignore_ascii_case("credited") {
            is(text, Some(n), &["with", "as"])
        } else {
            is(
                text,
                Some(n),
                &[
                    "as", "to", "the", "a", "an", "one", "among", "most", "more", "best", "worst",
                    "likely", "unlikely",
                ],
            ) || (!n.is_capitalised() && adjective_like(nw) && !is(text, Some(n), NOT_COMPLEMENT))
        };
        if !complement {
            return None;
        }
        Some(Found {
            span: ByteSpan::new(toks[b].span().start, n.span().end),
            kind: WeaselKind::Judgement,
        })
    }
}

impl Rule for WeaselWords {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.attr = Attribution::from_lexicon(lexicon)?;
        self.words = Words {
            quantifiers: words(lexicon, "vague-quantifiers")?,
            groups: words(lexicon, "group-nouns")?,
            group_suffixes: lexicon
                .strings("group-noun-endings")?
                .into_iter()
                .map(|s| s.to_ascii_lowercase())
                .collect(),
            judgements: words(lexicon, "judgement-participles")?,
            hedge_participles: words(lexicon, "hedge-participles")?,
            adverbs: words(lexicon, "speculation-adverbs")?,
            unnamed: words(lexicon, "unnamed-sources")?,
            belief: words(lexicon, "belief-verbs")?,
            impersonal_adjectives: words(lexicon, "impersonal-adjectives")?,
            subject_quantifiers: words(lexicon, "vague-subject-quantifiers")?,
            scopes: words(lexicon, "vague-scopes")?,
            view: words(lexicon, "view-verbs")?,
            opinion_groups: words(lexicon, "opinion-groups")?,
            consensus_participles: words(lexicon, "consensus-participles")?,
        };
        let w = &self.words;
        self.triggers = Triggers::new(
            w.quantifiers
                .iter()
                .chain(w.opinion_groups.iter())
                .chain(w.consensus_participles.iter())
                .chain(w.judgements.iter())
                .chain(w.adverbs.iter())
                .chain(["by", "according", "there", "it"])
                .chain(VAGUE_PRONOUNS.iter().copied()),
        )?;
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
            let Some(f) = self.at(text, toks, i) else {
                continue;
            };
            if an.quotes().touches(f.span) || an.is_headline(s) {
                continue;
            }
            if f.kind.excused_by_source() && an.attributed(&self.attr, s, self.carry) {
                continue;
            }
            // `Some critics doubt it. Mara Lind, a historian, said …`: the next sentence names
            // who holds the view.
            if !f.kind.excused_by_source() && an.next_attributed(&self.attr, s) {
                continue;
            }
            // `A survey shows … Most people believe …`: a vague share of people measured by a
            // poll in reach is the poll's finding.
            if f.kind == WeaselKind::VagueGroup && polled(an.reach_span(s, 1).slice(text)) {
                continue;
            }
            last_end = f.span.end;
            sink.report(f.span, f.kind.message(f.span.slice(text)))
                .help(f.kind.help());
        }
    }
}

/// Does `text` name a poll, a survey or a study?
fn polled(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["survey", "poll ", "polls ", "polled", "study ", "studies "]
        .iter()
        .any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sourcing::attribution::bundled_lexicon;

    fn flagged(text: &str) -> Vec<String> {
        let mut r = WeaselWords::default();
        r.use_lexicon(&bundled_lexicon()).unwrap();
        crate::rule::flagged_spans(&r, text)
    }

    #[test]
    fn flags_vague_groups_and_agents() {
        assert_eq!(
            flagged("Some local historians doubt the date."),
            vec!["Some local historians"]
        );
        assert_eq!(
            flagged("The mural is admired by many visitors."),
            vec!["admired by many visitors"]
        );
        assert_eq!(
            flagged("The song is considered by many to be his best."),
            vec!["considered by many"]
        );
        assert_eq!(
            flagged("The levy was unfair, according to some."),
            vec!["according to some"]
        );
        assert_eq!(
            flagged("There are those who call the dam a folly."),
            vec!["There are those who"]
        );
    }

    #[test]
    fn a_vague_pronoun_holding_a_view_is_a_vague_group() {
        assert_eq!(
            flagged("Many regard the Orvane ferry as the town's heart."),
            vec!["Many regard"]
        );
        assert_eq!(
            flagged("The guild kept the old rates, while others preferred a flat fee."),
            vec!["others preferred"]
        );
        // Saying and believing is `unnamed-source`'s (`some say`); acts are reporting; a
        // passive with its agent, and a group the article named, are sourced.
        assert!(flagged("Some say the ferry is late.").is_empty());
        assert!(flagged("Many fled the flooded quay.").is_empty());
        assert!(flagged("There are 80 murals, most described by Ada Lind.").is_empty());
        assert!(flagged("The quay had its critics; the many welcomed the plan.").is_empty());
    }

    #[test]
    fn flags_judgements_and_impersonal_claims() {
        assert_eq!(
            flagged("The Orvane bridge is widely regarded as a marvel."),
            vec!["is widely regarded as"]
        );
        assert_eq!(
            flagged("Tamsin Holt is considered the finest potter of the coast."),
            vec!["is considered the"]
        );
        assert_eq!(
            flagged("The ferry has been described as unsafe."),
            vec!["been described as"]
        );
        assert_eq!(
            flagged("Critics of the levy claim it hurts farmers."),
            vec!["Critics of the levy claim"]
        );
        assert_eq!(
            flagged("The mayor was regarded by critics as reckless."),
            vec!["regarded by critics"]
        );
        assert_eq!(
            flagged("The inquiry was widely expected to clear him."),
            vec!["widely expected to"]
        );
        assert_eq!(
            flagged("It is also widely accepted that the dyke failed."),
            vec!["It is also widely accepted that"]
        );
        assert_eq!(
            flagged("He moved to Vell, then considered the capital of the craft."),
            vec!["then considered the"]
        );
        assert_eq!(
            flagged("It has been suggested that the dyke was built twice."),
            vec!["It has been suggested that"]
        );
        assert_eq!(
            flagged("It is possible that the vault was looted."),
            vec!["It is possible that"]
        );
        assert_eq!(
            flagged("The fire probably started in the kitchen."),
            vec!["probably"]
        );
        assert_eq!(
            flagged("The plan is resented in some quarters."),
            vec!["in some quarters"]
        );
    }

    #[test]
    fn leaves_sourced_and_measured_claims_alone() {
        for text in [
            "Some critics, including Mara Lind, doubt the date.",
            "Some scholars at Vell University doubt the date.",
            "The plan was backed by many of the town's elders, including Ada Voss.",
            "Such faults shall be viewed as unresolved.",
            "Each course is recognised as 30 hours of study.",
            "Her tart was described as “flawless” by the judging panel.",
            "The critics of the plan met on Monday.",
            "Historians at Vell University argue for a later date.",
            "The drug is widely used as a sedative.",
            "Many of those supporters wore red caps.",
            "The crash was caused by some kind of fault.",
            "You probably know the way.",
            "A survey of 900 voters shows a split. Most people believe the levy is fair.",
            "Defences were put in place by some of the firms.",
            "He is known by many soldiers by his nickname.",
            "The bridge is regarded by the Orvane Trust as a marvel.",
            "Tamsin Holt is considered the finest potter, the guild said.",
            "\"It is probably the kitchen,\" the fire chief said.",
            "The motion passed by some 40 votes.",
            "Some 200 people gathered in the square.",
            "Some time later the ferry docked.",
            "Some of the boats sank.",
            "Her many critics were silent.",
            "The bridge was seen in the fog.",
            "The rule could be considered harsh.",
            "The board considered the offer on Monday.",
            "After a week, he considered the offer.",
            "The candidate was considered for the post.",
            "The vote passed by some margin.",
            "It is said to be cold.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }

    #[test]
    fn vague_subjects_are_an_opt_in_for_encyclopedic_text() {
        assert!(flagged("Some schools ban phones outright.").is_empty());
        let mut lex = bundled_lexicon();
        crate::pack::parse_pack_into(
            "encyclopedic.toml",
            "[pack]\nname = \"encyclopedic\"\n\n[lexicon]\nvague-subject-quantifiers = [\"some\"]\n",
            &mut std::collections::HashSet::new(),
            &mut lex,
        )
        .unwrap();
        let mut r = WeaselWords::default();
        r.use_lexicon(&lex).unwrap();
        assert_eq!(
            crate::rule::flagged_spans(&r, "Some schools ban phones outright."),
            vec!["Some schools"]
        );
        assert!(crate::rule::flagged_spans(&r, "Some 200 schools ban phones.").is_empty());
    }

    #[test]
    fn a_source_in_reach_excuses_hedges_but_not_vague_groups() {
        assert!(
            flagged("The fire probably started in the kitchen.\nThe fire chief said so on Monday.")
                .is_empty()
        );
        assert_eq!(
            flagged("Some local historians doubt the date, the museum said."),
            vec!["Some local historians"]
        );
    }
}
