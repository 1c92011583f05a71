//! T114 `source-script-word`: a word of the source language's script left in an English line.

use super::util::is_latin;
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds a word of a cased script (Cyrillic, Greek) that the translation left in a line of
    /// English: a lowercase word (`but кожна every family`) or a name initial
    /// (`В. K. Arsenyev`). The line must be English by its letters (at least four Latin words,
    /// and at least 70% of its letters Latin), so a caption in the other language is T111's.
    /// Left alone: a capitalised word, which a writer shows on purpose (`the sign read Москва`),
    /// a letter glued to Latin letters or digits (a homoglyph such as `WНO` or `145х190` is an
    /// encoding matter), a gloss in brackets, web addresses, and single Greek letters
    /// (`β-blockers`). Scripts without case (Chinese, Korean, Arabic) are not judged word by
    /// word: a name shown in its own script looks the same as one the system failed to render.
    ///
    /// ## Why is this bad
    /// The translation skipped a word: usually one the system did not know, or a name initial it
    /// did not transliterate. English readers cannot read it, and models learn a mixed-script
    /// token that exists in neither language.
    ///
    /// ## Example
    /// ```text
    /// The museum, opened by В. Petrov in 1990, reopens in May.
    /// ```
    /// Use instead:
    /// ```text
    /// The museum, opened by V. Petrov in 1990, reopens in May.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: it needs a translation or a transliteration.
    pub fn source_script_word_meta {
        code: "T114",
        name: "source-script-word",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::None,
    }
}

pub struct SourceScriptWord(RuleMeta);

impl Default for SourceScriptWord {
    fn default() -> Self {
        Self(source_script_word_meta())
    }
}

/// The cased script of a letter outside the Latin script, if it is one this rule judges.
fn script(c: char) -> Option<&'static str> {
    match c as u32 {
        0x0370..=0x03FF => Some("Greek"),
        0x0400..=0x052F => Some("Cyrillic"),
        _ => None,
    }
}

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && is_latin(c)
}

/// Is the line English by its letters: four Latin words or more, 70% of its letters Latin?
fn english_line(line: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in line.chars() {
        if is_latin_letter(c) {
            latin += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    let words = line
        .split_whitespace()
        .filter(|w| w.chars().filter(|&c| is_latin_letter(c)).count() >= 2)
        .take(4)
        .count();
    words >= 4 && latin * 10 >= (latin + other) * 7
}

impl Rule for SourceScriptWord {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        if text.is_ascii() {
            return;
        }
        for line in doc.lines() {
            let l = line.span.slice(text);
            // Greek and Cyrillic letters (U+0370–U+052F) start with bytes 0xCD–0xD4 in UTF-8.
            if !l.bytes().any(|b| (0xCD..=0xD4).contains(&b)) || !english_line(l) {
                continue;
            }
            let mut chars = l.char_indices().peekable();
            let mut prev: Option<char> = None;
            while let Some((i, c)) = chars.next() {
                let Some(name) = script(c).filter(|_| c.is_alphabetic()) else {
                    prev = Some(c);
                    continue;
                };
                // The run of letters of that script (and combining marks).
                let mut end = i + c.len_utf8();
                let mut letters = 1;
                while let Some(&(j, d)) = chars.peek() {
                    if script(d) == Some(name) && d.is_alphabetic() {
                        letters += 1;
                    } else if !matches!(d as u32, 0x0300..=0x036F | 0x0483..=0x0489) {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                let before = prev;
                let after = l[end..].chars().next();
                prev = l[..end].chars().next_back();
                let glued = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric());
                if glued(before) || glued(after) {
                    continue;
                }
                if name == "Greek" && letters == 1 {
                    continue;
                }
                // A lowercase word, or an initial (`В. Petrov`).
                let initial = letters == 1
                    && c.is_uppercase()
                    && l[end..].starts_with(". ")
                    && l[end + 2..].starts_with(|x: char| x.is_ascii_uppercase());
                if c.is_uppercase() && !initial {
                    continue;
                }
                // A gloss in brackets: `the Dai (傣) people`.
                if before == Some('(') && after == Some(')') {
                    continue;
                }
                // A web address or a file name: the whitespace-delimited token.
                // Whitespace is not always one byte (`\u{2000}`): step over the whole character.
                let tok_start = l[..i]
                    .char_indices()
                    .rfind(|&(_, x)| x.is_whitespace())
                    .map_or(0, |(p, x)| p + x.len_utf8());
                let tok_end = l[end..]
                    .find(char::is_whitespace)
                    .map_or(l.len(), |p| end + p);
                let token = &l[tok_start..tok_end];
                if token.contains("://") || token.contains("www") || token.contains('@') {
                    continue;
                }
                // A domain: a dot between letters in the token (`премия.рф`).
                let domain = token.char_indices().any(|(k, x)| {
                    x == '.'
                        && token[..k]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphabetic)
                        && token[k + 1..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphabetic)
                });
                if domain {
                    continue;
                }
                let start = line.span.start + i;
                sink.report(
                    ByteSpan::new(start, line.span.start + end),
                    format!("`{}`: a {name} word in an English line", &l[i..end]),
                )
                .help("translate or transliterate it");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&SourceScriptWord::default(), text)
    }

    #[test]
    fn a_word_after_wide_whitespace_is_sliced_on_char_boundaries() {
        assert_eq!(
            flagged("The ferry sailed at dawn\u{2000}кожна day, they said."),
            vec!["кожна"]
        );
    }

    #[test]
    fn flags_words_of_another_script() {
        assert_eq!(
            flagged("Every town lost something, but кожна family still hopes."),
            vec!["кожна"]
        );
        assert_eq!(
            flagged("The museum, opened by В. Petrov in 1990, reopens in May."),
            vec!["В"]
        );
        assert_eq!(
            flagged("The note said δεν in the middle of it all."),
            vec!["δεν"]
        );
    }

    #[test]
    fn quiet_on_homoglyphs_glosses_and_foreign_lines() {
        for t in [
            "The mattress measures 145х190 and ships in May.",
            "According to WНO data, cases rose again this week.",
            "Many groups, including the Dai (傣) people, came to town.",
            "The prize site is at премия.рф for all the entrants.",
            "Patients on β-blockers should ask their doctor first.",
            "Сегодня в Москве прошёл большой митинг против закона.",
            "Короче",
            "Plain English text with no other script at all.",
            "Visitors saw signs for Москва and Αθήνα on the old platform.",
            "Many groups, including the \"傣\" who farm the valley, came.",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
    }
}
