use super::util::WordSet;
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{FixAvailability, Lexicon, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds lines of speech opened with a quotation dash (`– We are ready, says the coach.`),
    /// the convention of Scandinavian, Finnish, Russian, Polish and French dialogue, where
    /// English puts the words in quotation marks. A line counts when it starts with an en or em
    /// dash and a space, then a capital, holds at least four words and ends like a sentence; and
    /// the article uses the dash for speech: at least one such line carries an attribution
    /// (`…, says Ola Nordmann.`, `…, she said.`). List bullets, tweet signatures
    /// (`— Name (@handle)`) and datelines (`OSLO – …`) are not flagged.
    ///
    /// ## Why is this bad
    /// English readers take the dash for a list item or an aside: who is speaking, and where
    /// the quotation ends, are lost. Quotation-mark based tools (quote extraction, attribution)
    /// miss the speech entirely.
    ///
    /// ## Example
    /// ```text
    /// – The ice will not hold this winter, says ranger Aino Laine.
    /// ```
    /// Use instead:
    /// ```text
    /// "The ice will not hold this winter," says ranger Aino Laine.
    /// ```
    ///
    /// ## Fix safety
    /// No fix is offered: the closing quotation mark goes where the speech ends, before the
    /// attribution, which needs reading.
    pub fn quotation_dash_meta {
        code: "T110",
        name: "quotation-dash",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::None,
    }
}

pub struct QuotationDash {
    meta: RuleMeta,
    verbs: WordSet,
}

impl Default for QuotationDash {
    fn default() -> Self {
        Self {
            meta: quotation_dash_meta(),
            verbs: WordSet::from_words(["says", "said", "told", "adds", "added"]),
        }
    }
}

/// The dash and space opening a line of speech: their span, if the line has that shape.
fn speech_dash(doc: &Document<'_>, l: usize) -> Option<ByteSpan> {
    let text = doc.text();
    let line = doc.lines()[l];
    let s = line.span.slice(text);
    let lead = s.len() - s.trim_start_matches([' ', '\t']).len();
    let body = &s[lead..];
    let rest = body.strip_prefix('–').or_else(|| body.strip_prefix('—'))?;
    let after = rest
        .strip_prefix(' ')
        .or_else(|| rest.strip_prefix('\u{a0}'))?;
    if !after.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“') {
        return None;
    }
    if after.contains('@') || after.split_whitespace().count() < 4 {
        return None;
    }
    let end = after.trim_end();
    if !end.ends_with(['.', '!', '?', '…', '"', '”']) {
        return None;
    }
    let start = line.span.start + lead;
    Some(ByteSpan::new(start, start + (body.len() - after.len())))
}

impl Rule for QuotationDash {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.verbs.replace_from(lexicon, "speech-verbs")?;
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        // Cheap prefilter: no en or em dash at all.
        if memchr::memmem::find(text.as_bytes(), "\u{2013}".as_bytes()).is_none()
            && memchr::memmem::find(text.as_bytes(), "\u{2014}".as_bytes()).is_none()
        {
            return;
        }
        // Runs of dash lines (blank lines between them allowed): a run is speech when one of
        // its lines carries an attribution; a list of facts has none.
        let mut run: Vec<ByteSpan> = Vec::new();
        let mut attributed = false;
        for l in 0..=doc.lines().len() {
            if l < doc.lines().len() && doc.lines()[l].blank {
                continue;
            }
            let dash = if l < doc.lines().len() {
                speech_dash(doc, l)
            } else {
                None
            };
            let Some(span) = dash else {
                if attributed {
                    for &span in &run {
                        sink.report(span, "quotation dash opens a line of speech")
                            .help("English puts speech in quotation marks: “…,” says …");
                    }
                }
                run.clear();
                attributed = false;
                continue;
            };
            run.push(span);
            if !attributed {
                attributed = self.has_attribution(doc, span.end, doc.lines()[l].span.end);
            }
        }
    }
}

impl QuotationDash {
    /// Does the line's text after its last comma hold a verb of saying (`…, says Aino Laine.`)?
    fn has_attribution(&self, doc: &Document<'_>, from: usize, to: usize) -> bool {
        let text = doc.text();
        let Some(c) = text[from..to].rfind(',') else {
            return false;
        };
        let start = from + c;
        let toks = doc.tokens();
        toks[toks.partition_point(|t| t.span().start < start)..]
            .iter()
            .take_while(|t| t.span().end <= to)
            .take(4)
            .any(|t| {
                let w = t.text(text);
                self.verbs.contains(w) || w == "according"
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&QuotationDash::default(), text)
    }

    #[test]
    fn flags_dialogue_dashes() {
        let t = "The ferry stopped.\n– The ice will not hold, says ranger Aino Laine.\n– We wait for spring now.\n";
        assert_eq!(flagged(t), vec!["– ", "– "]);
        // The list after the heading has no attribution: only the speech is flagged.
        let t = "– We wait, says ranger Aino Laine.\nFacts:\n\n– The crossing takes an hour.\n– Two ferries serve it.\n";
        assert_eq!(flagged(t), vec!["– "]);
    }

    #[test]
    fn quiet_on_lists_and_signatures() {
        for t in [
            "Key points:\n– Rates rise by a quarter point.\n– Growth slows next year.\n",
            "— Clark Kent (@ckent) May 1, 2024\n",
            "OSLO – The ice will not hold, says ranger Aino Laine.\n",
            "– Short line.\n– ok, says X.\n",
        ] {
            assert!(flagged(t).is_empty(), "{t}");
        }
    }
}
