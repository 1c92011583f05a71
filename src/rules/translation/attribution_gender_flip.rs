use super::util::{Gender, WordSet, gap, is_any, tok};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Token};
use crate::rule::{Applicability, Fix, FixAvailability, Lexicon, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds one speaker given attribution tags of both genders:
    /// - two tags in a row with different pronouns (`…, he said. she noted.`), which machine
    ///   translation leaves when a French, Italian or Spanish sentence carries two verbs of saying
    ///   and the model guesses each pronoun separately;
    /// - a speaker named with a title or a given name of known gender (`Mrs Okafor said …`,
    ///   `… said Lucía Ferrer.`) whose next attribution, in the following sentence and with no
    ///   other person named in between, uses the other pronoun (`He added …`).
    ///
    /// ## Why is this bad
    /// The reader cannot tell who is speaking, and a doubled tag is not English. Gender-neutral
    /// source verbs (`a-t-elle indiqué`, `ha detto`, `sagte`) and pro-drop languages make the model
    /// guess the pronoun.
    ///
    /// ## Example
    /// ```text
    /// "The port will reopen within a week," he said. she indicated.
    /// ```
    /// Use instead:
    /// ```text
    /// "The port will reopen within a week," she said.
    /// ```
    ///
    /// ## Fix safety
    /// Display-only: which pronoun is right needs the source or the speaker's name. The
    /// suggestion keeps the first tag.
    ///
    /// ## Options
    /// The lexicon keys `speech-verbs`, `female-given-names` and `male-given-names` of the
    /// `translation` pack are read; extend them in your own pack.
    pub fn attribution_gender_flip_meta {
        code: "T101",
        name: "attribution-gender-flip",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Sometimes(Applicability::DisplayOnly),
    }
}

pub struct AttributionGenderFlip {
    meta: RuleMeta,
    verbs: WordSet,
    female: WordSet,
    male: WordSet,
}

impl Default for AttributionGenderFlip {
    fn default() -> Self {
        Self {
            meta: attribution_gender_flip_meta(),
            verbs: WordSet::from_words(["said", "says", "added", "indicated", "told", "noted"]),
            female: WordSet::default(),
            male: WordSet::default(),
        }
    }
}

const FEMALE_TITLES: &[&str] = &[
    "mrs", "ms", "miss", "madame", "mme", "madam", "señora", "signora", "frau", "dame", "lady",
    "queen", "princess", "sister",
];
const MALE_TITLES: &[&str] = &[
    "mr", "monsieur", "señor", "signor", "herr", "sir", "lord", "king", "prince", "brother",
];

impl AttributionGenderFlip {
    fn is_verb(&self, w: &str) -> bool {
        self.verbs.contains(w)
    }

    /// The gender a name token implies: a title (`Mrs`) or a given name from the lexicon.
    fn name_gender(&self, w: &str) -> Option<Gender> {
        if is_any(w, FEMALE_TITLES) || self.female.contains(w) {
            Some(Gender::Female)
        } else if is_any(w, MALE_TITLES) || self.male.contains(w) {
            Some(Gender::Male)
        } else {
            None
        }
    }

    /// Two pronoun tags in a row with different genders: `he said. she indicated.`
    fn doubled_tags(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let toks = doc.tokens();
        for i in 0..toks.len().saturating_sub(3) {
            let Some(g1) = Gender::of_pronoun(toks[i].text(text)) else {
                continue;
            };
            let Some(g2) = Gender::of_pronoun(toks[i + 2].text(text)) else {
                continue;
            };
            if g1 == g2
                || !self.is_verb(tok(text, toks, i + 1))
                || !self.is_verb(tok(text, toks, i + 3))
            {
                continue;
            }
            if !matches!(gap(text, toks[i], toks[i + 1]), " ")
                || !matches!(gap(text, toks[i + 2], toks[i + 3]), " ")
                || !matches!(gap(text, toks[i + 1], toks[i + 2]).trim(), "." | "," | ";")
            {
                continue;
            }
            // The second tag must close its clause: `she indicated.` not `she indicated that …`.
            let after = text[toks[i + 3].span().end..].trim_start_matches(' ');
            let closes = after.is_empty() || after.starts_with(['.', ',', ';', '\n', '\r']);
            if !closes {
                continue;
            }
            let mut end = toks[i + 3].span().end;
            if after.starts_with('.') && text[end..].starts_with('.') {
                end += 1;
            }
            let span = ByteSpan::new(toks[i].span().start, end);
            let first = ByteSpan::new(toks[i].span().start, toks[i + 1].span().end);
            let first_tag = first.slice(text);
            sink.report(
                span,
                format!(
                    "one speaker given two attribution tags with different pronouns (`{}` and `{}`)",
                    g1.pronoun(),
                    g2.pronoun()
                ),
            )
            .help(format!(
                "keep one tag with the speaker's right pronoun, e.g. `{first_tag}.`"
            ))
            .fix(Fix::replace(
                Applicability::DisplayOnly,
                "Keep one attribution tag",
                span,
                format!("{first_tag}."),
            ));
        }
    }

    /// `Mrs Okafor said … . He added …`: a named speaker, then the other pronoun.
    fn named_then_flipped(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let sentences = doc.sentences();
        for si in 1..sentences.len() {
            let s = &sentences[si];
            let prev = &sentences[si - 1];
            // Same paragraph, or the first sentence of the next one.
            if s.paragraph != prev.paragraph && s.paragraph != prev.paragraph + 1 {
                continue;
            }
            let toks = doc.sentence_tokens(s);
            // The tag opens the sentence (`He added that …`), after a sentence with no
            // quotation: the speaker cannot be someone the quotation mentions.
            let Some(p) = pronoun_tag(text, toks, |w| self.is_verb(w)) else {
                continue;
            };
            if p != 0 || prev.span.slice(text).contains(['"', '“', '”']) {
                continue;
            }
            let Some(pg) = Gender::of_pronoun(toks[p].text(text)) else {
                continue;
            };
            // A tag inside a quotation is someone else's report (`"She told us …"`).
            let lead = &text[s.span.start..toks[p].span().start];
            let straight = lead.matches('"').count();
            if straight % 2 == 1 || lead.matches('“').count() > lead.matches('”').count() {
                continue;
            }
            // No one else named in this sentence before the tag.
            if toks[..p]
                .iter()
                .any(|t| self.name_gender(t.text(text)).is_some())
            {
                continue;
            }
            let ptoks = doc.sentence_tokens(prev);
            let Some(ng) = self.speaker_gender(text, ptoks) else {
                continue;
            };
            if ng == pg {
                continue;
            }
            let span = ByteSpan::new(toks[p].span().start, toks[p + 1].span().end);
            sink.report(
                span,
                format!(
                    "the speaker named in the previous sentence is referred to as `{}` here",
                    pg.pronoun()
                ),
            )
            .help(format!(
                "use the speaker's pronoun: `{}`",
                match ng {
                    Gender::Male => "he",
                    Gender::Female => "she",
                }
            ));
        }
    }

    /// The gender of the one speaker a sentence attributes to by name, when it is unambiguous:
    /// exactly one gendered name or title, next to a speech verb within three tokens.
    fn speaker_gender(&self, text: &str, toks: &[Token]) -> Option<Gender> {
        let mut found: Option<(usize, Gender)> = None;
        for (i, t) in toks.iter().enumerate() {
            if !t.is_capitalised() {
                continue;
            }
            if let Some(g) = self.name_gender(t.text(text)) {
                if found.is_some_and(|(_, fg)| fg != g) {
                    return None;
                }
                if found.is_none() {
                    found = Some((i, g));
                }
            }
        }
        let (i, g) = found?;
        // Any pronoun in the sentence may point at someone else: stay silent.
        if toks
            .iter()
            .any(|t| Gender::of_pronoun(t.text(text)).is_some())
        {
            return None;
        }
        // The name is the speaker: `said Mrs Okafor`, `Mrs Okafor said`, `Lucía de Ferrer said`.
        let verb_at = |j: usize| j < toks.len() && self.is_verb(toks[j].text(text));
        let before = i > 0 && verb_at(i - 1);
        let after = (verb_at(i + 2) && toks[i + 1].is_capitalised())
            || (verb_at(i + 3) && toks[i + 2].is_capitalised());
        (before || after).then_some(g)
    }
}

/// Index of a pronoun followed by a speech verb, in tag position: opening the sentence
/// (`He added …`) or after a comma or closing quote (`…,” she said`).
fn pronoun_tag(text: &str, toks: &[Token], is_verb: impl Fn(&str) -> bool) -> Option<usize> {
    for p in 0..toks.len().saturating_sub(1) {
        if Gender::of_pronoun(toks[p].text(text)).is_none() || !is_verb(toks[p + 1].text(text)) {
            continue;
        }
        if gap(text, toks[p], toks[p + 1]) != " " {
            continue;
        }
        if p == 0 {
            return Some(p);
        }
        let before = gap(text, toks[p - 1], toks[p]).trim_end();
        if before.ends_with([',', '”', '"', '’']) {
            return Some(p);
        }
    }
    None
}

impl Rule for AttributionGenderFlip {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.verbs.replace_from(lexicon, "speech-verbs")?;
        self.female = WordSet::from_lexicon(lexicon, "female-given-names")?;
        self.male = WordSet::from_lexicon(lexicon, "male-given-names")?;
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        self.doubled_tags(doc, sink);
        self.named_then_flipped(doc, sink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    fn flagged(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        let rule = AttributionGenderFlip {
            female: WordSet::from_words(["Lucía", "Ingrid"]),
            male: WordSet::from_words(["Tomasz", "Kenji"]),
            ..Default::default()
        };
        rule.check(&doc, &mut Sink::new(RuleId(0), &mut out));
        out.iter().map(|d| d.span.slice(text).to_string()).collect()
    }

    #[test]
    fn flags_doubled_tags() {
        assert_eq!(
            flagged("\"The bridge is safe,\" he said. she indicated. Traffic resumed."),
            vec!["he said. she indicated."]
        );
        assert_eq!(
            flagged("The harvest failed, she said, he added."),
            vec!["she said, he added."]
        );
    }

    #[test]
    fn flags_named_speaker_then_other_pronoun() {
        assert_eq!(
            flagged("Lucía Ferrer said the dam would hold. He added that repairs were due."),
            vec!["He added"]
        );
        assert_eq!(
            flagged("Mrs Okafor said the town would rebuild. He said it would take time."),
            vec!["He said"]
        );
    }

    #[test]
    fn quiet_on_consistent_or_ambiguous_tags() {
        assert!(flagged("\"It is over,\" he said. She said nothing.").is_empty());
        assert!(flagged("he said. he added.").is_empty());
        assert!(flagged("He said she indicated the route.").is_empty());
        // Another person is named between the two: the pronoun may be theirs.
        assert!(
            flagged("Lucía Ferrer said the dam would hold. Mr Tan disagreed, he said.").is_empty()
        );
        // Two speakers in the first sentence.
        assert!(
            flagged("Ingrid Berg and Tomasz Nowak said talks failed. He added more.").is_empty()
        );
        assert!(flagged("Kenji Sato said the vote was fair. He added it was close.").is_empty());
        // Inside a quotation, and a gendered name that is not the speaker.
        assert!(flagged("Mr Adams said a punter bet. \"She told us more,\" he said.").is_empty());
        assert!(
            flagged("Director Jim Cole said it about Ingrid's server. He said more.").is_empty()
        );
    }
}
