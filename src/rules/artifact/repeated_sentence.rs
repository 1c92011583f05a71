use crate::declare_rule;
use crate::document::{Document, Token};
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

declare_rule! {
    /// ## What it does
    /// Finds a sentence that repeats an earlier sentence of the same article, word for word (case
    /// and punctuation aside), or that repeats its beginning: a photo caption echoing the body, a
    /// pull quote, a paragraph the scraper kept twice. Only sentences of at least eight words count,
    /// and a later sentence that extends an earlier one is left alone.
    ///
    /// ## Why is this bad
    /// Repeated text inflates word counts, skews deduplication and teaches models that news repeats
    /// itself. A caption that echoes the body is also a sign that the caption itself was scraped.
    ///
    /// ## Example
    /// ```text
    /// At least nine people were hurt when the footbridge over the canal gave way on Sunday.
    /// At least nine people were hurt when the footbridge gave way. Photo: Ilka Bremer / NTB
    /// ```
    /// The second line is flagged: it repeats the beginning of the first.
    ///
    /// ## Fix safety
    /// No fix: which copy to keep is an editorial choice.
    pub fn repeated_sentence_meta {
        code: "A105",
        name: "repeated-sentence",
        family: Artifact,
        severity: Warning,
        fix: FixAvailability::None,
    }
}

pub struct RepeatedSentence(RuleMeta);

impl Default for RepeatedSentence {
    fn default() -> Self {
        Self(repeated_sentence_meta())
    }
}

/// The keys are already hashes: pass them through.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Sentences shorter than this are too common to call repeated.
const MIN_WORDS: usize = 8;

fn same_word(text: &str, a: &Token, b: &Token) -> bool {
    let (x, y) = (a.text(text), b.text(text));
    x.len() == y.len() && (x == y || x.to_lowercase() == y.to_lowercase())
}

/// A hash of the first `MIN_WORDS` words, case folded for ASCII, without allocating.
fn key(text: &str, tokens: &[Token]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for t in &tokens[..MIN_WORDS] {
        for b in t.text(text).bytes() {
            h ^= b.to_ascii_lowercase() as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xFF;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Rule for RepeatedSentence {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        // First-words key -> the first sentence with that beginning (a second, different sentence
        // with the same eight first words is rare enough to compare against the first only).
        let mut seen: HashMap<u64, usize, BuildHasherDefault<PassThrough>> = HashMap::default();
        for (i, s) in doc.sentences().iter().enumerate() {
            let toks = doc.sentence_tokens(s);
            if toks.len() < MIN_WORDS {
                continue;
            }
            let k = key(text, toks);
            let j = *seen.entry(k).or_insert(i);
            // This sentence repeats an earlier one whole, or its beginning (a caption after the
            // body). A later sentence that extends an earlier, shorter one is the writer's choice.
            let echo = (j != i).then_some(j).filter(|&j| {
                let other = doc.sentence_tokens(&doc.sentences()[j]);
                toks.len() <= other.len()
                    && toks.iter().zip(other).all(|(a, b)| same_word(text, a, b))
            });
            if let Some(j) = echo {
                let first = &doc.sentences()[j];
                // A headline or standfirst that the page printed twice at its top (the title and
                // the heading) is the article's own head, not furniture.
                // Non-blank lines before `at`, counted only as far as the test needs (no scan of
                // a long document per repeat).
                let head_line = |at: usize| {
                    let l = doc.line_at(at);
                    doc.lines()[..l].iter().filter(|x| !x.blank).take(6).count()
                };
                let headline = !first
                    .span
                    .slice(text)
                    .trim_end()
                    .ends_with(['.', '!', '?', '"', '”']);
                if headline && head_line(first.span.start) < 3 && head_line(s.span.start) < 6 {
                    continue;
                }
                let line = doc.line_at(first.span.start) + 1;
                sink.report(
                    s.span,
                    format!("repeats a sentence of line {line} of this document"),
                )
                .help("a caption, pull quote or duplicated paragraph: keep one copy");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&RepeatedSentence::default(), text)
    }

    #[test]
    fn flags_caption_echo_and_duplicates() {
        let text = "At least nine people were hurt when the footbridge over the canal gave way on Sunday.\nRescuers worked through the night.\nAt least nine people were hurt when the footbridge gave way.";
        assert_eq!(
            flagged(text),
            Vec::<String>::new(),
            "different after word seven"
        );
        let text = "At least nine people were hurt when the footbridge over the canal gave way on Sunday.\nRescuers worked through the night.\nAt least nine people were hurt when the footbridge over the canal gave way.";
        assert_eq!(
            flagged(text),
            vec!["At least nine people were hurt when the footbridge over the canal gave way."]
        );
        let para = "The museum will close for repairs from May until the end of the year.";
        assert_eq!(
            flagged(&format!("{para}\nOther news here today.\n{para}")),
            vec![para]
        );
    }

    #[test]
    fn a_headline_printed_twice_at_the_top_is_not_flagged() {
        let head = "Harbour ferry terminal will open two years later than planned";
        let body = "The harbour authority said on Tuesday that the terminal would open in spring.";
        assert!(flagged(&format!("{head}\n{head}\n{body}")).is_empty());
        let late = format!("{body}\nOne.\nTwo.\nThree.\nFour.\nFive.\n{head}\n{head}");
        assert_eq!(
            flagged(&late),
            vec![head],
            "a repeat further down is still reported"
        );
    }

    #[test]
    fn short_and_different_sentences_pass() {
        assert!(flagged("He said no.\nHe said no.").is_empty());
        let short = "Job growth was the main worry of the city council last year.";
        let long = "Job growth was the main worry of the city council last year, and it dominated the debate.";
        assert!(
            flagged(&format!("{short}\n{long}")).is_empty(),
            "extending is writing, not repeating"
        );
        assert!(flagged("The council said it would vote on the budget in May.\nThe council said it would vote on the tram plan in June.").is_empty());
    }
}
