use super::attribution::{Analysis, Attribution, phrases};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Token};
use crate::rule::{FixAvailability, Lexicon, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds rhetorical questions in the article's own voice: a question outside quotation marks
    /// that opens like a rhetorical question (`Who knows`, `Who can say`, `Is it any wonder`,
    /// `Surely`, `Since when`) or closes with a question tag (`…, isn't it?`). Questions inside
    /// quotations, reported questions (`…, she asked`), headlines, subheadings and interview
    /// questions (alone on their line) are left alone, and so are open questions that a feature
    /// asks and then answers (`So how does it work?`): only the rhetorical forms are flagged.
    /// The openers and tags are the `rhetorical-openers` and `rhetorical-tags` of the lexicon.
    ///
    /// ## Why is this bad
    /// News reports what happened and who said what; a question the article poses and leaves
    /// open is the writer's comment, not news. In news copy it signals opinion presented as
    /// reporting.
    ///
    /// ## Example
    /// ```text
    /// The council delayed the vote again. Who can say when the bridge will open?
    /// ```
    /// Use instead:
    /// ```text
    /// The council delayed the vote again and gave no date for the bridge to open.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: rewriting the question is an editorial choice.
    ///
    /// Default severity `info`: read on real text, about 6 in 10 of its findings were the
    /// article's own rhetoric; the rest were questions in chats, embedded posts or testimony
    /// that carry no quotation marks.
    pub fn rhetorical_question_meta {
        code: "S104",
        name: "rhetorical-question",
        family: Sourcing,
        severity: Info,
        fix: FixAvailability::None,
    }
}

pub struct RhetoricalQuestion {
    meta: RuleMeta,
    attr: Attribution,
    openers: Vec<Vec<String>>,
    tags: Vec<Vec<String>>,
}

impl Default for RhetoricalQuestion {
    fn default() -> Self {
        Self {
            meta: rhetorical_question_meta(),
            attr: Attribution::default(),
            openers: Vec::new(),
            tags: Vec::new(),
        }
    }
}

fn word_is(text: &str, t: &Token, w: &str) -> bool {
    let tw = t.text(text);
    tw.eq_ignore_ascii_case(w)
        || (tw.len() == w.len() + 2
            && tw.contains('’')
            && tw.replace('’', "'").eq_ignore_ascii_case(w))
}

impl RhetoricalQuestion {
    fn opens_rhetorically(&self, text: &str, toks: &[Token]) -> bool {
        // Skip a leading conjunction: `But who knows …?`, `And surely …?`.
        let toks = match toks.first() {
            Some(t)
                if ["but", "and", "so", "yet", "or"]
                    .iter()
                    .any(|w| word_is(text, t, w)) =>
            {
                &toks[1..]
            }
            _ => toks,
        };
        self.openers
            .iter()
            .any(|o| o.len() <= toks.len() && o.iter().zip(toks).all(|(w, t)| word_is(text, t, w)))
    }

    /// `…, isn't it?`: a tag after a comma closes the question.
    fn tagged(&self, text: &str, toks: &[Token]) -> bool {
        self.tags.iter().any(|tag| {
            let n = tag.len();
            n < toks.len()
                && tag
                    .iter()
                    .zip(&toks[toks.len() - n..])
                    .all(|(w, t)| word_is(text, t, w))
                && text[toks[toks.len() - n - 1].span().end..toks[toks.len() - n].span().start]
                    .contains(',')
        })
    }
}

impl Rule for RhetoricalQuestion {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.attr = Attribution::from_lexicon(lexicon)?;
        self.openers = phrases(lexicon, "rhetorical-openers")?;
        self.tags = phrases(lexicon, "rhetorical-tags")?;
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        if memchr::memchr(b'?', text.as_bytes()).is_none() {
            return;
        }
        let mut an = Analysis::new(doc);
        for (s, sent) in doc.sentences().iter().enumerate() {
            let body = sent.span.slice(text);
            let trimmed = body.trim_end();
            if !trimmed.ends_with('?') {
                continue;
            }
            let q = sent.span.start + trimmed.len() - 1;
            let span = ByteSpan::new(sent.span.start, q + 1);
            let para = &doc.paragraphs()[sent.paragraph];
            let toks = doc.sentence_tokens(sent);
            // Alone on its line: a headline, a subheading, an interview question.
            if doc.alone_on_line(span).is_some() || para.sentences.len() < 2 || toks.len() < 2 {
                continue;
            }
            let opener = self.opens_rhetorically(text, toks);
            if !opener && !self.tagged(text, toks) {
                continue;
            }
            // `Q: …?` and `Name: …?` lines of an interview.
            let line = doc.lines()[doc.line_at(sent.span.start)].span.slice(text);
            if line
                .split_once(':')
                .is_some_and(|(label, _)| label.split_whitespace().count() <= 3)
            {
                continue;
            }
            if an.quotes().touches(span)
                || an.quotes().contains(q)
                || an.is_headline(s)
                || (!opener && an.sentence_attributed(&self.attr, s))
            {
                continue;
            }
            // `So I can ignore the first order, right?`, `Who needs me?`: a person asking about
            // themselves (a chat, a testimony, a letter), not the article's rhetoric.
            if toks.iter().any(|t| {
                ["i", "me", "my", "i'm", "i’m"]
                    .iter()
                    .any(|w| t.text(text).eq_ignore_ascii_case(w))
            }) {
                continue;
            }
            sink.report(span, "a rhetorical question in the article's own voice")
                .help("report what is known and who said it, or quote the person who asks");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sourcing::attribution::bundled_lexicon;

    fn flagged(text: &str) -> Vec<String> {
        let mut r = RhetoricalQuestion::default();
        r.use_lexicon(&bundled_lexicon()).unwrap();
        crate::rule::flagged_spans(&r, text)
    }

    #[test]
    fn flags_open_questions() {
        assert_eq!(
            flagged("The council delayed the vote. Who can say when the bridge will open?"),
            vec!["Who can say when the bridge will open?"]
        );
        assert_eq!(
            flagged("Is it any wonder the fans left? The club lost again."),
            vec!["Is it any wonder the fans left?"]
        );
        assert_eq!(
            flagged("The club lost again. A bold plan, isn’t it?"),
            vec!["A bold plan, isn’t it?"]
        );
        assert_eq!(
            flagged("Prices rose. Who knows how she’ll react?"),
            vec!["Who knows how she’ll react?"]
        );
    }

    #[test]
    fn leaves_quoted_reported_and_standalone_questions_alone() {
        assert!(flagged("The vote was delayed. \"Who can say when it opens?\"").is_empty());
        assert!(flagged("The vote was delayed. “Why now?” asked the mayor.").is_empty());
        assert!(flagged("What next for the port?\n\nThe council met on Monday.").is_empty());
        assert!(flagged("Q: Will the bridge open? A: Yes.").is_empty());
        assert!(
            flagged("The order came late. So I can just ignore the first one, right?").is_empty()
        );
        assert!(flagged("So why did prices rise? Analysts point to fuel costs.").is_empty());
        assert!(flagged("The mill closed. So how does the new one work?").is_empty());
        assert!(flagged("The vote was delayed. What next, she asked?").is_empty());
    }
}
