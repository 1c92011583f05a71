use super::util::{acronym_start, gap, initials, is_name_connector, name_ending_at};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Token};
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds an organisation coordinated with its own acronym, as if they were two bodies:
    /// `the Kurdistan Regional Government and KRG, which …`. The acronym must fit the initials of
    /// the name it is joined to with `and` or `or`, and close the phrase (a comma, a full stop
    /// or the end of the sentence follows), so `the United Nations and UN agencies` is left
    /// alone.
    ///
    /// ## Why is this bad
    /// Korean, Japanese and Chinese copy writes the acronym in parentheses after the name,
    /// `…(KRG)`; machine translation that drops the parentheses turns one group into two.
    ///
    /// ## Example
    /// ```text
    /// Fighters of the Democratic Forces Alliance and DFA, the largest rebel coalition, advanced.
    /// ```
    /// Use instead:
    /// ```text
    /// Fighters of the Democratic Forces Alliance (DFA), the largest rebel coalition, advanced.
    /// ```
    ///
    /// ## Fix safety
    /// Display-only: the suggestion puts the acronym in parentheses, which is what the source
    /// meant in nearly every case, but a reader should confirm it.
    pub fn name_and_own_acronym_meta {
        code: "T104",
        name: "name-and-own-acronym",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::DisplayOnly),
    }
}

pub struct NameAndOwnAcronym(RuleMeta);

impl Default for NameAndOwnAcronym {
    fn default() -> Self {
        Self(name_and_own_acronym_meta())
    }
}

fn is_acronym(t: Token, text: &str) -> bool {
    let w = t.text(text);
    (2..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_conj(w: &str) -> bool {
    w == "and" || w == "or"
}

/// Does the phrase end right after byte `end` (punctuation or the end of the text)?
fn closes(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    rest.is_empty() || rest.starts_with([',', '.', ';', ':', ')', '\n', '\r', '!', '?'])
}

impl Rule for NameAndOwnAcronym {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let toks = doc.tokens();
        let mut words: Vec<&str> = Vec::new();
        for k in 2..toks.len() {
            if !is_acronym(toks[k], text) {
                continue;
            }
            let acronym = toks[k].text(text);
            // `Name and ACR,`
            let conj = toks[k - 1].text(text);
            if is_conj(conj)
                && gap(text, toks[k - 1], toks[k]) == " "
                && gap(text, toks[k - 2], toks[k - 1]) == " "
                && closes(text, toks[k].span().end)
                && let Some(first) = name_ending_at(text, toks, k - 2)
            {
                words.clear();
                words.extend(toks[first..k - 1].iter().map(|t| t.text(text)));
                if let Some(skip) = acronym_start(&words, acronym)
                    && initials(&words[skip..]).len() >= 2
                    && !words
                        .iter()
                        .any(|w| w.bytes().all(|b| b.is_ascii_uppercase()))
                {
                    let first = first + skip;
                    let name = &text[toks[first].span().start..toks[k - 2].span().end];
                    let span = ByteSpan::new(toks[first].span().start, toks[k].span().end);
                    report(sink, span, name, acronym, conj);
                    continue;
                }
            }
            // `ACR and Name,`
            if k + 3 < toks.len()
                && is_conj(toks[k + 1].text(text))
                && gap(text, toks[k], toks[k + 1]) == " "
                && gap(text, toks[k + 1], toks[k + 2]) == " "
                && toks[k + 2].is_capitalised()
            {
                let mut last = k + 2;
                while last + 1 < toks.len()
                    && last - k < 12
                    && gap(text, toks[last], toks[last + 1]) == " "
                    && (toks[last + 1].is_capitalised()
                        || is_name_connector(toks[last + 1].text(text)))
                {
                    last += 1;
                }
                while last > k + 2 && is_name_connector(toks[last].text(text)) {
                    last -= 1;
                }
                if !closes(text, toks[last].span().end) {
                    continue;
                }
                words.clear();
                words.extend(toks[k + 2..=last].iter().map(|t| t.text(text)));
                if initials(&words).len() >= 2
                    && !words
                        .iter()
                        .any(|w| w.bytes().all(|b| b.is_ascii_uppercase()))
                    && words.len()
                        == initials(&words).len()
                            + words.iter().filter(|w| is_name_connector(w)).count()
                    // From the name's first word: `EU and OnNet Europe` fits only by
                    // skipping `OnNet`, and is two bodies.
                    && acronym_start(&words, acronym) == Some(0)
                    && acronym.len() == initials(&words).len()
                {
                    let name = &text[toks[k + 2].span().start..toks[last].span().end];
                    let span = ByteSpan::new(toks[k].span().start, toks[last].span().end);
                    let conj = toks[k + 1].text(text);
                    report(sink, span, name, acronym, conj);
                }
            }
        }
    }
}

fn report(sink: &mut Sink<'_>, span: ByteSpan, name: &str, acronym: &str, conj: &str) {
    let suggestion = format!("{name} ({acronym})");
    sink.report(
        span,
        format!("`{name}` and its own acronym `{acronym}` are joined with `{conj}` as if they were two bodies"),
    )
    .help(format!("one organisation: write `{suggestion}`"))
    .fix(Fix::replace(
        Applicability::DisplayOnly,
        "Put the acronym in parentheses",
        span,
        suggestion,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&NameAndOwnAcronym::default(), text)
    }

    #[test]
    fn flags_name_with_own_acronym() {
        assert_eq!(
            flagged("Troops of the Democratic Forces Alliance and DFA, the largest group, moved."),
            vec!["Democratic Forces Alliance and DFA"]
        );
        assert_eq!(
            flagged("It met the KRG and Kurdistan Regional Government."),
            vec!["KRG and Kurdistan Regional Government"]
        );
    }

    #[test]
    fn quiet_on_real_coordination() {
        for t in [
            "the United Nations and UN agencies",
            "the European Union and NATO, which both",
            "the Kurdistan Regional Government (KRG) and Baghdad,",
            "Democratic Forces Alliance and NATO.",
            "the WHO and World Bank.",
            "the National Health Service and NHS England,",
            "units of ArcelorMittal SA and SSAB AB.",
            "a grant from the EU and Northwind Europe.",
        ] {
            assert!(flagged(t).is_empty(), "{t}");
        }
    }
}
