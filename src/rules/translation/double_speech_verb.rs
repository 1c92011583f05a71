use super::util::{WordSet, gap, is_any};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Lexicon, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds two verbs of saying in a row after a named speaker: `Finance Minister Ana Duarte
    /// said described the budget as …`, `the mayor told stressed …`. A translation (or an
    /// edit) kept both the generic verb and the source's specific one.
    ///
    /// Relative clauses, where the pair is correct English (`the statement, which he said
    /// described …`, `the report she said called for …`), are left alone: the speaker before
    /// the first verb must be a name or a title and role (`Kremlin spokesman …`, `Officials`),
    /// with no `which`, `that` or `who` before it in the sentence.
    ///
    /// ## Why is this bad
    /// The sentence has two main verbs and no grammar; the reader must guess which one the
    /// speaker used.
    ///
    /// ## Example
    /// ```text
    /// Harbour master Ivo Petrić said warned of more storms.
    /// ```
    /// Use instead:
    /// ```text
    /// Harbour master Ivo Petrić warned of more storms.
    /// ```
    ///
    /// ## Fix safety
    /// Display-only: the suggestion keeps the second, more specific verb.
    ///
    /// ## Options
    /// Lexicon keys `speech-verbs` (the second verb) and `speaker-roles`.
    pub fn double_speech_verb_meta {
        code: "T108",
        name: "double-speech-verb",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::DisplayOnly),
    }
}

pub struct DoubleSpeechVerb {
    meta: RuleMeta,
    verbs: WordSet,
    roles: WordSet,
}

impl Default for DoubleSpeechVerb {
    fn default() -> Self {
        Self {
            meta: double_speech_verb_meta(),
            verbs: WordSet::from_words(["described", "said", "told", "warned", "stressed"]),
            roles: WordSet::from_words(["spokesman", "minister"]),
        }
    }
}

/// The generic first verb of the pair.
const FIRST: &[&str] = &["said", "says", "told", "tells", "stated", "added"];
const RELATIVES: &[&str] = &[
    "which", "that", "who", "whom", "whose", "what", "where", "when",
];

impl Rule for DoubleSpeechVerb {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.verbs.replace_from(lexicon, "speech-verbs")?;
        self.roles.replace_from(lexicon, "speaker-roles")?;
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        for s in doc.sentences() {
            let toks = doc.sentence_tokens(s);
            for k in 1..toks.len().saturating_sub(1) {
                let a = toks[k];
                let aw = a.text(text);
                if !(4..=6).contains(&aw.len()) || !is_any(aw, FIRST) {
                    continue;
                }
                let b = toks[k + 1];
                let bw = b.text(text);
                // The second verb in the past tense (`described`, `told`): `said states`
                // is a verb and its object.
                if !(bw.ends_with("ed") || is_any(bw, &["told", "said", "wrote"])) {
                    continue;
                }
                if gap(text, a, b) != " "
                    || !bw.as_bytes()[0].is_ascii_lowercase()
                    || !self.verbs.contains(bw)
                {
                    continue;
                }
                // The subject: from the sentence start (or the last comma) to the first verb,
                // only capitalised words and roles, ending on a capitalised word.
                let mut start = k;
                while start > 0
                    && !gap(text, toks[start - 1], toks[start])
                        .contains([',', ';', ':', '"', '“', '”'])
                {
                    start -= 1;
                }
                let subject = &toks[start..k];
                let named = subject.last().is_some_and(|t| t.is_capitalised())
                    && subject.iter().all(|t| {
                        let w = t.text(text);
                        (t.is_capitalised() && !is_any(w, RELATIVES)) || self.roles.contains(w)
                    });
                if !named || toks[..k].iter().any(|t| is_any(t.text(text), RELATIVES)) {
                    continue;
                }
                let span = ByteSpan::new(a.span().start, b.span().end);
                sink.report(span, format!("two verbs of saying in a row: `{aw} {bw}`"))
                    .help(format!("keep one verb: `{bw}`"))
                    .fix(Fix::replace(
                        Applicability::DisplayOnly,
                        "Keep one verb",
                        span,
                        bw.to_string(),
                    ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&DoubleSpeechVerb::default(), text)
    }

    #[test]
    fn flags_doubled_verbs() {
        assert_eq!(
            flagged("Finance minister Ana Duarte said described the budget as fair."),
            vec!["said described"]
        );
        assert_eq!(
            flagged("Officials told warned of floods."),
            vec!["told warned"]
        );
    }

    #[test]
    fn quiet_on_relative_clauses() {
        for t in [
            "It cited a statement which he said described the raid.",
            "the report that officials said described abuses",
            "The note he said described the raid was lost.",
            "Ana Duarte said, described by aides as tired, that she would stay.",
            "Ana Duarte said Described Works was sold.",
            "Mr Blair said states had to work together.",
        ] {
            assert!(flagged(t).is_empty(), "{t}");
        }
    }
}
