use super::util::{WordSet, gap, is_any};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Lexicon, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds an attribution inverted after a verb that English does not use that way:
    /// `…, judges analyst Marta Ruiz`, `…, estimates the minister`, `…, underlines the
    /// report`. French, Italian and Spanish put any verb of opinion before the speaker
    /// (`estime le ministre`, `sottolinea l'analista`); English inverts only `says`/`said`
    /// (and a few like `added`, `asked`, `writes`), and uses `judge` or `estimate` for other
    /// meanings. The verb must follow a comma or a closing quote and be followed by the speaker
    /// (`the`, a capitalised name or a role such as `analyst`), and the clause must end there.
    ///
    /// ## Why is this bad
    /// `judges analyst X` reads as a headline about judges; `estimates the minister` as a noun.
    /// The sentence stops being English.
    ///
    /// ## Example
    /// ```text
    /// "The reform came too late," considers economist Petra Lindqvist.
    /// ```
    /// Use instead:
    /// ```text
    /// "The reform came too late," says economist Petra Lindqvist.
    /// ```
    ///
    /// ## Fix safety
    /// Display-only: `says` loses the nuance of the source verb; the writer may prefer
    /// `…, economist Petra Lindqvist believes`.
    ///
    /// ## Options
    /// Lexicon keys `uninvertible-speech-verbs` and `speaker-roles`.
    pub fn inverted_speech_verb_meta {
        code: "T106",
        name: "inverted-speech-verb",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::DisplayOnly),
    }
}

pub struct InvertedSpeechVerb {
    meta: RuleMeta,
    verbs: WordSet,
    roles: WordSet,
}

impl Default for InvertedSpeechVerb {
    fn default() -> Self {
        Self {
            meta: inverted_speech_verb_meta(),
            verbs: WordSet::from_words(["judges", "estimates", "considers", "underlines"]),
            roles: WordSet::from_words(["analyst", "minister", "expert", "economist"]),
        }
    }
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "this", "one",
];

/// Words that show the phrase after the verb is a clause of its own (`estimates the ministry
/// published show …`), not the speaker.
const CLAUSE_WORDS: &[&str] = &[
    "said", "says", "is", "are", "was", "were", "has", "have", "had", "show", "shows", "showed",
    "suggest", "suggests", "put", "puts", "that", "which", "who", "will", "would", "could",
    "ruled", "found", "to", "from",
];

impl Rule for InvertedSpeechVerb {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.verbs
            .replace_from(lexicon, "uninvertible-speech-verbs")?;
        self.roles.replace_from(lexicon, "speaker-roles")?;
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        for s in doc.sentences() {
            let toks = doc.sentence_tokens(s);
            for k in 1..toks.len().saturating_sub(1) {
                let v = toks[k];
                let w = v.text(text);
                if w.len() < 6 || !w.as_bytes()[0].is_ascii_lowercase() || !self.verbs.contains(w) {
                    continue;
                }
                let before = gap(text, toks[k - 1], v).trim_end();
                if !before.ends_with([',', '”', '"']) || gap(text, v, toks[k + 1]) != " " {
                    continue;
                }
                let next = toks[k + 1];
                let nw = next.text(text);
                if !(is_any(nw, DETERMINERS) || next.is_capitalised() || self.roles.contains(nw)) {
                    continue;
                }
                // The speaker phrase runs to the end of the sentence or a comma, within 8 words,
                // and has no verb of its own.
                let mut end = k + 1;
                let mut ok = false;
                while end < toks.len() && end - k <= 8 {
                    let t = toks[end].text(text);
                    if is_any(t, CLAUSE_WORDS) {
                        break;
                    }
                    // The speaker phrase holds names, determiners, roles and connectors only
                    // (`believes Williams fits the bill` is normal word order).
                    let after_of = end > k + 1 && toks[end - 1].text(text) == "of";
                    if !(toks[end].is_capitalised()
                        || after_of
                        || is_any(t, DETERMINERS)
                        || self.roles.contains(t)
                        || is_any(t, &["of", "at", "and", "for", "in"]))
                    {
                        break;
                    }
                    let after = if end + 1 < toks.len() {
                        gap(text, toks[end], toks[end + 1])
                    } else {
                        &text[toks[end].span().end..s.span.end]
                    };
                    if end + 1 == toks.len() || after.contains([',', ';', '(']) {
                        ok = true;
                        break;
                    }
                    end += 1;
                }
                if !ok {
                    continue;
                }
                let span = ByteSpan::new(v.span().start, next.span().end);
                let says = if w.ends_with('d') { "said" } else { "says" };
                let speaker = &text[next.span().start..toks[end].span().end];
                sink.report(span, format!("`{w}` does not introduce a speaker in English"))
                    .help(format!(
                        "attribute with `{says}`: `{says} {speaker}` (or `{speaker} {w}` if the opinion matters)"
                    ))
                    .fix(Fix::replace(
                        Applicability::DisplayOnly,
                        "Attribute with a verb of saying",
                        v.span(),
                        says,
                    ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&InvertedSpeechVerb::default(), text)
    }

    #[test]
    fn flags_inverted_opinion_verbs() {
        assert_eq!(
            flagged("\"The reform came late,\" considers economist Petra Lindqvist."),
            vec!["considers economist"]
        );
        assert_eq!(
            flagged("The deficit will shrink, estimates the minister."),
            vec!["estimates the"]
        );
        assert_eq!(
            flagged("It is a turning point, judges Marta Ruiz, a historian."),
            vec!["judges Marta"]
        );
    }

    #[test]
    fn quiet_on_nouns_and_normal_order() {
        for t in [
            "The case went to appeal, judges said.",
            "The case went to appeal, judges in Lyon ruled.",
            "By official count, estimates the ministry published show a drop.",
            "The minister considers the plan sound.",
            "Economist Petra Lindqvist considers it late.",
            "The panel of judges, the court said, was split.",
            "Prices rose, estimates from the IMF show.",
            "The coach, though, considers Williams fits the bill.",
            "The firms, which own the plant, underlined Mr Tan's remarks.",
        ] {
            assert!(flagged(t).is_empty(), "{t}");
        }
    }
}
