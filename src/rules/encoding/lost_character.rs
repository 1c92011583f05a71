use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Reports characters that were lost before the text reached newslint: replacement characters
    /// (U+FFFD, `�`) already in the decoded text, and question marks standing in for a character
    /// inside a word (`Mevl?t`, `Z?rich`), which is what a conversion to a code page without that
    /// letter writes. A `?` after a space at the end of a sentence (`the company ?`, where an emoji
    /// was) counts too once the document shows lost letters inside words; question marks alone,
    /// in URLs (`page.php?id=3`) or in French questions (`Pourquoi ?`) are not evidence. One finding
    /// per document, on the first lost character, with the count in the message.
    ///
    /// ## Why is this bad
    /// The damage happened upstream (a scraper, a database, a `latin1` column) and nothing in the
    /// text can restore it: names and words are broken for search and for models, and the
    /// document should be fetched again from its source.
    ///
    /// ## Example
    /// ```text
    /// Mevl?t Ko? met the mayor of �stanbul.
    /// ```
    /// Re-fetch the article, or repair the pipeline step that wrote `?`.
    ///
    /// ## Fix safety
    /// No fix: the lost characters cannot be known. (Undecodable bytes newslint itself met while
    /// decoding a file are E101's.)
    pub fn lost_character_meta {
        code: "E112",
        name: "lost-character",
        family: Encoding,
        severity: Warning,
        fix: FixAvailability::None,
    }
}

pub struct LostCharacter(RuleMeta);

impl Default for LostCharacter {
    fn default() -> Self {
        Self(lost_character_meta())
    }
}

/// What was lost where, in one document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Lost {
    /// U+FFFD already in the text (not made by newslint's decoding).
    pub replacement: Vec<ByteSpan>,
    /// `?` between letters.
    pub in_word: Vec<ByteSpan>,
    /// `?` after a space before the end of a sentence or line.
    pub after_space: Vec<ByteSpan>,
}

/// Is the whitespace-delimited token around `at` a URL, a path or an address, where `?` is syntax?
fn url_like(text: &str, at: usize) -> bool {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    text[start..end].contains(['/', '=', '&', '@', '.', ':'])
}

/// Find the lost characters of `text`; `decoded` are the U+FFFD newslint's decoder put in.
pub fn find(text: &str, decoded: &[usize]) -> Lost {
    let mut lost = Lost::default();
    let bytes = text.as_bytes();
    for i in memchr::memmem::find_iter(bytes, "\u{FFFD}") {
        if decoded.binary_search(&i).is_err() {
            lost.replacement.push(ByteSpan::new(i, i + 3));
        }
    }
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'?', &bytes[i..]) {
        let start = i + k;
        let mut end = start;
        while end < bytes.len() && bytes[end] == b'?' {
            end += 1;
        }
        i = end;
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
        if letter(before) && letter(after) {
            if !url_like(text, start) {
                lost.in_word.push(ByteSpan::new(start, end));
            }
        } else if before == Some(' ')
            && after.is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '”' | ')'))
        {
            lost.after_space.push(ByteSpan::new(start, end));
        }
    }
    lost
}

impl Lost {
    /// How many characters are evidently lost: every U+FFFD; `?` inside words when there are at
    /// least two of them; and then also the `?` after spaces.
    pub fn count(&self) -> usize {
        let q = if self.in_word.len() >= 2 {
            self.in_word.len() + self.after_space.len()
        } else {
            0
        };
        self.replacement.len() + q
    }

    /// The first evidently lost character.
    pub fn first(&self) -> Option<ByteSpan> {
        let q = (self.in_word.len() >= 2)
            .then(|| {
                self.in_word
                    .iter()
                    .chain(&self.after_space)
                    .min_by_key(|s| s.start)
            })
            .flatten();
        self.replacement
            .iter()
            .chain(q)
            .min_by_key(|s| s.start)
            .copied()
    }
}

impl Rule for LostCharacter {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        if memchr::memchr(b'?', text.as_bytes()).is_none() && !text.contains('\u{FFFD}') {
            return;
        }
        let decoded: Vec<usize> = doc
            .source()
            .map(|s| s.malformed().iter().map(|m| m.decoded).collect())
            .unwrap_or_default();
        let lost = find(text, &decoded);
        let Some(first) = lost.first() else {
            return;
        };
        let n = lost.count();
        let mut parts = Vec::new();
        if !lost.replacement.is_empty() {
            let r = lost.replacement.len();
            parts.push(format!(
                "{r} replacement character{} (U+FFFD)",
                if r == 1 { "" } else { "s" }
            ));
        }
        if n > lost.replacement.len() {
            let q = n - lost.replacement.len();
            parts.push(format!(
                "{q} question mark{} standing in for letters or symbols",
                if q == 1 { "" } else { "s" }
            ));
        }
        sink.report(
            first,
            format!(
                "{n} character{} lost before this text was written: {}",
                if n == 1 { "" } else { "s" },
                parts.join(" and ")
            ),
        )
        .help("nothing in the text can restore them: re-fetch the article from its source, or fix the step that wrote them");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    fn messages(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        LostCharacter::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        out.iter()
            .map(|d| (d.span.slice(text).to_string(), d.message.clone()))
            .collect()
    }

    #[test]
    fn question_marks_inside_words_repeated_are_lost_letters() {
        let m = messages("Ay?e Y?lmaz met the team. Was it fun ? Yes.");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].0, "?");
        assert!(m[0].1.starts_with("3 characters lost"), "{}", m[0].1);
    }

    #[test]
    fn one_question_mark_urls_and_french_questions_are_not_evidence() {
        assert!(messages("Is it Ay?e? Maybe.").is_empty());
        assert!(messages("See page.php?id=3&x=y and index.asp?q=a now.").is_empty());
        assert!(messages("Pourquoi ? Parce que. Vraiment ?").is_empty());
        assert!(messages("Who? What? Where?").is_empty());
    }

    #[test]
    fn any_whitespace_bounds_a_token() {
        assert_eq!(messages("x\u{3000}a?b a?b\u{a0}c").len(), 1);
    }

    #[test]
    fn replacement_characters_are_lost_even_alone() {
        let m = messages("The mayor of \u{FFFD}stanbul spoke.");
        assert_eq!(m.len(), 1);
        assert!(m[0].1.contains("1 replacement character"), "{}", m[0].1);
    }

    #[test]
    fn replacement_characters_newslint_decoded_are_left_to_e101() {
        let text = "a \u{FFFD} b";
        assert_eq!(find(text, &[2]).count(), 0);
        assert_eq!(find(text, &[]).count(), 1);
    }
}
