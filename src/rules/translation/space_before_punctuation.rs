use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Edit, Fix, FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds a space (ordinary, no-break, narrow no-break or thin) before `:`, `;`, `?` or `!`
    /// after a word: `Key points :`, `Why now ?`. French typography puts a space there; English
    /// does not. Emoticons (` :)`), times and scores (`10 : 30`), URLs and a punctuation mark not
    /// followed by a space, a closing quote or the end of the line are left alone.
    ///
    /// French typography is systematic, a stray ` ?` in English copy is not: the rule reports
    /// only in a document that spaces these marks at least as often as it sets them tight
    /// (`Why? … now: …` counts against ` ?`). Reader comments and chat, which space a mark now
    /// and then, stay quiet.
    ///
    /// ## Why is this bad
    /// It marks text translated from French (or written by a French desk) and splits the mark
    /// from its word: tokenisers then see a stray `:` token, and a no-break space is invisible
    /// on screen.
    ///
    /// ## Example
    /// ```text
    /// Three questions remain : who pays, who builds and when ?
    /// ```
    /// Use instead:
    /// ```text
    /// Three questions remain: who pays, who builds and when?
    /// ```
    ///
    /// ## Fix safety
    /// Safe: removing the space changes only typography.
    pub fn space_before_punctuation_meta {
        code: "T109",
        name: "space-before-punctuation",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Safe),
    }
}

pub struct SpaceBeforePunctuation(RuleMeta);

impl Default for SpaceBeforePunctuation {
    fn default() -> Self {
        Self(space_before_punctuation_meta())
    }
}

/// Length in bytes of the space character ending at byte `end` of `text`, if it is one.
fn space_before(text: &str, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    if end >= 1 && b[end - 1] == b' ' {
        return Some(1);
    }
    let s = &text[..end];
    for sp in ["\u{a0}", "\u{202f}", "\u{2009}"] {
        if s.ends_with(sp) {
            return Some(sp.len());
        }
    }
    None
}

impl Rule for SpaceBeforePunctuation {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let b = text.as_bytes();
        let mut last_end = 0;
        // Spaced marks found, and marks set tight the English way; the spaced ones are reported
        // only if they are at least as many.
        let mut found: Vec<(ByteSpan, usize)> = Vec::new();
        let mut tight = 0usize;
        for i in memchr::memchr3_iter(b':', b';', b'?', b)
            .chain(memchr::memchr_iter(b'!', b))
            .collect::<SortedHits>()
            .0
        {
            if i == 0 || i < last_end {
                continue;
            }
            // The run of spaces before the mark, within the line.
            let mut start = i;
            while let Some(n) = space_before(text, start) {
                start -= n;
                if i - start > 16 {
                    break;
                }
            }
            if start == 0 {
                continue;
            }
            if start == i {
                tight += usize::from(is_tight_mark(text, i));
                continue;
            }
            let prev = text[..start].chars().next_back().expect("start > 0");
            if !(prev.is_alphanumeric() || matches!(prev, '"' | '”' | '’' | ')' | '»' | '.')) {
                continue;
            }
            // What follows the mark: a space, a closing quote, or the end of the line.
            let after = &text[i + 1..];
            let next = after.chars().next();
            let ends_well = match next {
                None | Some('\n' | '\r' | ' ' | '"' | '”' | '’' | '»' | '\u{a0}') => true,
                Some(c) => {
                    // `?!`, `!!`: a run of marks, then the same test.
                    matches!(c, '?' | '!')
                }
            };
            if !ends_well {
                continue;
            }
            // Scores and times: `3 : 1`, `10 : 30`.
            let next_word = after.trim_start_matches([' ', '\u{a0}']);
            if prev.is_ascii_digit() && next_word.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            // Emoticons: ` :)`, ` ;-)`.
            if after.starts_with([')', '(', '-', 'D', 'P']) {
                continue;
            }
            // A handle or hashtag before the mark is a feed template (`@handle : - …`).
            let word_start = text[..start]
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(0, |(p, c)| p + c.len_utf8());
            if text[word_start..start].starts_with(['@', '#']) {
                continue;
            }
            // `??` after a space is a lost emoji (an encoding defect), and ` ? (@handle)` a
            // display name that held one.
            let next_word = text[i + 1..].trim_start();
            if b[i] == b'?'
                && (b.get(i + 1) == Some(&b'?')
                    || prev == '.'
                    || next_word.starts_with("(@")
                    || next_word.starts_with("pic.")
                    || next_word.starts_with("http")
                    || next_word.starts_with('#'))
            {
                continue;
            }
            // Extend over a run of marks (`?!`).
            let mut end = i + 1;
            while end < b.len() && matches!(b[end], b'?' | b'!') {
                end += 1;
            }
            last_end = end;
            found.push((ByteSpan::new(start, end), i));
        }
        if found.len() < tight {
            return;
        }
        for (span, i) in found {
            let start = span.start;
            let mark = b[i] as char;
            sink.report(span, format!("space before `{mark}`"))
                .help(format!(
                    "English puts no space before `{mark}` (French typography does): remove it"
                ))
                .fix(Fix::new(
                    Applicability::Safe,
                    "Remove the space",
                    vec![Edit {
                        span: ByteSpan::new(start, i),
                        replacement: String::new(),
                    }],
                ));
        }
    }
}

/// Is the mark at `i` (with no space before it) set the English way: right after a word or a
/// closing quote, and followed by a space, a closing quote or the end of the line? Times
/// (`10:30`), URLs and emoticons do not count.
fn is_tight_mark(text: &str, i: usize) -> bool {
    let Some(prev) = text[..i].chars().next_back() else {
        return false;
    };
    if !(prev.is_alphanumeric() || matches!(prev, '"' | '”' | '’' | ')')) {
        return false;
    }
    matches!(
        text[i + 1..].chars().next(),
        None | Some('\n' | '\r' | ' ' | '"' | '”' | '’' | '?' | '!')
    )
}

/// Hit offsets from several scans, sorted.
struct SortedHits(Vec<usize>);

impl FromIterator<usize> for SortedHits {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut v: Vec<usize> = iter.into_iter().collect();
        v.sort_unstable();
        SortedHits(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&SpaceBeforePunctuation::default(), text)
    }

    #[test]
    fn flags_french_spacing() {
        assert_eq!(flagged("See also :\nThe vote."), vec![" :"]);
        assert_eq!(flagged("Why now ? Nobody knows !"), vec![" ?", " !"]);
        assert_eq!(flagged("Note\u{202f}: rates rose"), vec!["\u{202f}:"]);
        assert_eq!(flagged("« Non ! »"), vec![" !"]);
        assert_eq!(flagged("\u{202f}\u{202f}!"), Vec::<String>::new());
        assert_eq!(flagged("ok\u{202f}x\u{202f}!"), vec!["\u{202f}!"]);
    }

    #[test]
    fn quiet_on_english_and_lookalikes() {
        for t in [
            "Key points: rates rose; prices fell. Why? Nobody knows!",
            "Great news :) see you",
            "The score was 3 : 1 at half-time.",
            "at 10 : 30 GMT",
            "http ://",
            ": leading",
            "Wink ;-)",
            "@newsdesk : - the feed",
            "Great news ?? (@reader) May 1",
            "Jo Bloggs ? (@jbloggs) May 1",
            "Look at this. ? pic.twitter.com/x",
            // One spaced mark among English ones: a slip, not French typography.
            "Why now ? Who knows? It rose: prices fell.",
        ] {
            assert!(flagged(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn reports_when_spaced_marks_are_at_least_as_many_as_tight_ones() {
        assert_eq!(
            flagged("Why now ? Who knows ! It rose: prices fell."),
            vec![" ?", " !"]
        );
        assert_eq!(
            flagged("It rose : prices fell. At 10:30 GMT :) "),
            vec![" :"]
        );
    }

    #[test]
    fn fix_removes_only_the_space() {
        let text = "Related :";
        let doc = Document::new(text);
        let mut out = Vec::new();
        SpaceBeforePunctuation::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        let e = &out[0].fix.as_ref().unwrap().edits[0];
        assert_eq!(e.span.slice(text), " ");
    }
}
