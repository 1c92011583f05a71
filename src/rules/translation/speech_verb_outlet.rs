use super::util::{Gender, PhraseSet, gap, is_any};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Lexicon, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds a news outlet attached to a verb of saying with the wrong construction:
    /// - `he says NHK.` / `she said Der Spiegel.`: the outlet as a bare object of `say`
    ///   (Norwegian and Swedish `sier han til NRK`, German `sagte er der Zeitung`);
    /// - `told to Reuters` / `said to Reuters`: `tell` takes the outlet directly.
    ///
    /// The outlet must close the clause (punctuation follows), so `said NHK would air it` and
    /// `…, said CNN.` (the outlet speaking) stay silent. Outlets come from the pack's `outlet-names`
    /// lexicon.
    ///
    /// ## Why is this bad
    /// `He says CNN` means he pronounced the word "CNN"; the reader has to guess that he spoke
    /// to the channel.
    ///
    /// ## Example
    /// ```text
    /// The talks have stalled, she says to Yonhap.
    /// ```
    /// Use instead:
    /// ```text
    /// The talks have stalled, she tells Yonhap.
    /// ```
    ///
    /// ## Fix safety
    /// Display-only: `tells`/`told` keeps the tense, but the writer may prefer `said in an
    /// interview with …`.
    ///
    /// ## Options
    /// Lexicon key `outlet-names`.
    pub fn speech_verb_outlet_meta {
        code: "T107",
        name: "speech-verb-outlet",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::DisplayOnly),
    }
}

pub struct SpeechVerbOutlet {
    meta: RuleMeta,
    outlets: PhraseSet,
}

impl Default for SpeechVerbOutlet {
    fn default() -> Self {
        Self {
            meta: speech_verb_outlet_meta(),
            outlets: PhraseSet::from_words(["CNN", "BBC", "Reuters", "NRK", "Der Spiegel"]),
        }
    }
}

const SAY: &[&str] = &["says", "said", "say"];
const TELL: &[&str] = &["told", "tells", "tell", "says", "said", "say"];
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];

fn tell_form(verb: &str) -> &'static str {
    match verb.to_ascii_lowercase().as_str() {
        "says" | "tells" => "tells",
        "say" | "tell" => "tell",
        _ => "told",
    }
}

impl Rule for SpeechVerbOutlet {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        let o = lexicon.strings("outlet-names")?;
        if !o.is_empty() {
            self.outlets = PhraseSet::from_words(o);
        }
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        for s in doc.sentences() {
            let toks = doc.sentence_tokens(s);
            for k in 1..toks.len().saturating_sub(1) {
                let v = toks[k];
                let w = v.text(text);
                if !(3..=5).contains(&w.len()) || !is_any(w, TELL) {
                    continue;
                }
                let mut o = k + 1;
                let with_to = toks[o].text(text) == "to";
                if with_to {
                    o += 1;
                }
                if !(k + 1..=o).all(|j| j < toks.len() && gap(text, toks[j - 1], toks[j]) == " ") {
                    continue;
                }
                let Some(last) = self.outlets.match_at(text, toks, o) else {
                    continue;
                };
                // The outlet closes the clause.
                let rest = &text[toks[last].span().end..s.span.end];
                // With `to`, a `that` clause may follow (`told to Reuters that …`).
                if !(rest.is_empty()
                    || rest.starts_with(['.', ',', ';', '!', '?', ':'])
                    || (with_to && rest.starts_with(" that ")))
                {
                    continue;
                }
                let outlet = &text[toks[o].span().start..toks[last].span().end];
                let told = tell_form(w);
                if !with_to {
                    // Bare object of `say`: the subject must come first (`he says CNN`), not the
                    // outlet speaking (`…, said CNN.`).
                    if !is_any(w, SAY) {
                        continue;
                    }
                    let subj = toks[k - 1];
                    let is_subject = (Gender::of_pronoun(subj.text(text)).is_some()
                        || is_any(subj.text(text), SUBJECT_PRONOUNS)
                        || subj.is_capitalised())
                        && gap(text, subj, v) == " ";
                    if !is_subject {
                        continue;
                    }
                }
                let span = ByteSpan::new(v.span().start, toks[last].span().end);
                let suggestion = format!("{told} {outlet}");
                sink.report(
                    span,
                    if with_to {
                        format!("`{}` does not take `to` before the outlet", w)
                    } else {
                        format!("`{w} {outlet}`: the outlet is not the object of `{w}`")
                    },
                )
                .help(format!("write `{suggestion}`"))
                .fix(Fix::replace(
                    Applicability::DisplayOnly,
                    "Tell the outlet",
                    span,
                    suggestion,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&SpeechVerbOutlet::default(), text)
    }

    #[test]
    fn flags_wrong_outlet_constructions() {
        assert_eq!(flagged("The ice is thin, he says NRK."), vec!["says NRK"]);
        assert_eq!(
            flagged("It will pass, she told to Reuters."),
            vec!["told to Reuters"]
        );
        assert_eq!(
            flagged("We are ready, Olsen said to Der Spiegel, adding more."),
            vec!["said to Der Spiegel"]
        );
    }

    #[test]
    fn quiet_on_english_constructions() {
        for t in [
            "The ice is thin, he told NRK.",
            "The plant will close, said CNN.",
            "He said CNN would air the interview.",
            "She told Reuters on Monday.",
            "He was said to Reuters to be ill.",
            "A spokesman said BBC Two would run it.",
        ] {
            assert!(flagged(t).is_empty(), "{t}");
        }
    }
}
