//! T112 `spaced-hyphen-compound`: a hyphenated compound whose hyphen got spaces (`in - depth`).

use super::util::{WordSet, is_english_function_word};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Edit, Fix, FixAvailability, Lexicon, Rule, RuleMeta, Sink};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Finds a hyphenated compound written with a space on each side of its hyphen:
    /// `in - depth review`, `state - owned firms`, `a 40 - year - old driver`. The parts are
    /// judged by the words the translation pack lists (`compound-prefixes`,
    /// `compound-first-words`, `compound-last-words`, `compound-pairs`): a bound prefix (`anti`,
    /// `non`, `multi`) makes a compound whatever follows; a first word such as `high` or
    /// `long`, or a last word such as `owned` or `year`, does so only when a lowercase word
    /// that is not a function word follows the pair (`high - risk groups`), and a chain of three
    /// or more short parts (`year - on - year`) when it starts with a number or such a word, or
    /// is joined by `to`, `on`, `by`, `in`, `and` or `of`. A spaced hyphen used as a dash
    /// (`the plan - which passed - is law`, `prices rose - partly because …`) is left alone:
    /// after it comes a function word or a clause, not the rest of a compound.
    ///
    /// ## Why is this bad
    /// Machine translation that tokenises its output and detokenises it badly leaves these
    /// spaces: it is one of the most frequent marks of MT output, and human copy does not make
    /// it. Tokenisers and search then see three tokens where there is one word.
    ///
    /// ## Example
    /// ```text
    /// The ministry ordered an in - depth audit of state - owned lenders.
    /// ```
    /// Use instead:
    /// ```text
    /// The ministry ordered an in-depth audit of state-owned lenders.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: closing the spaces is right for a compound, but a dash between two words that
    /// happen to look like one would be joined.
    pub fn spaced_hyphen_compound_meta {
        code: "T112",
        name: "spaced-hyphen-compound",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Unsafe),
    }
}

/// Middle parts that join a chain of three or more (`face - to - face`).
const CONNECTORS: [&str; 7] = ["to", "on", "by", "in", "and", "of", "for"];

/// Words that open a clause after a dash and so end a pair before them (`- partly because`,
/// `- despite`), beyond the common function words.
const CLAUSE_OPENERS: &[&str] = &[
    "despite",
    "partly",
    "mainly",
    "mostly",
    "largely",
    "because",
    "although",
    "though",
    "while",
    "before",
    "including",
    "especially",
    "particularly",
    "perhaps",
    "probably",
    "possibly",
    "instead",
    "indeed",
    "however",
    "whether",
    "until",
    "since",
    "unless",
    "against",
    "within",
    "without",
    "around",
    "between",
    "among",
    "through",
    "during",
    "under",
    "even",
    "just",
    "only",
    "still",
    "then",
    "these",
    "those",
    "some",
    "very",
    "much",
    "too",
    "quite",
    "rather",
    "almost",
    "nearly",
    "often",
    "never",
    "always",
    "now",
    "here",
    "must",
    "may",
    "might",
    "could",
    "should",
    "shall",
    "like",
    "unlike",
    "both",
    "either",
    "neither",
    "each",
    "every",
];

pub struct SpacedHyphenCompound {
    meta: RuleMeta,
    prefixes: WordSet,
    first: WordSet,
    last: WordSet,
    /// Whole compounds, lowercase, joined by hyphens.
    pairs: HashSet<String>,
}

impl Default for SpacedHyphenCompound {
    fn default() -> Self {
        Self {
            meta: spaced_hyphen_compound_meta(),
            prefixes: WordSet::default(),
            first: WordSet::default(),
            last: WordSet::default(),
            pairs: HashSet::new(),
        }
    }
}

/// Is `w` a word that cannot continue a compound after its hyphen?
fn opens_clause(w: &str) -> bool {
    (is_english_function_word(w) && !matches!(w, "one" | "two" | "all" | "new" | "up" | "out"))
        || CLAUSE_OPENERS.iter().any(|o| o.eq_ignore_ascii_case(w))
}

/// Is `b` part of a word (ASCII letter or digit, or a non-ASCII byte)?
fn wordish(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The ASCII word ending at `end`, if it is one: letters or digits only, not glued to a hyphen,
/// apostrophe or other word character before it.
fn word_before(text: &str, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut s = end;
    while s > 0 && b[s - 1].is_ascii_alphanumeric() {
        s -= 1;
    }
    if s == end || (s > 0 && (wordish(b[s - 1]) || matches!(b[s - 1], b'-' | b'\'' | b'.'))) {
        return None;
    }
    Some(s)
}

/// The ASCII word of letters starting at `start`: its end, if it is one.
fn word_after(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut e = start;
    while e < b.len() && b[e].is_ascii_alphabetic() {
        e += 1;
    }
    if e == start || (e < b.len() && (wordish(b[e]) || b[e] == b'\'')) {
        return None;
    }
    Some(e)
}

fn is_number(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit())
}

fn is_lower(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_lowercase())
}

/// Does a lowercase word other than a function word follow `end` (after one space)?
fn noun_follows(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let n = rest.bytes().take_while(|b| b.is_ascii_lowercase()).count();
    let w = &rest[..n];
    n > 0
        && !rest[n..].starts_with(|c: char| c.is_alphanumeric())
        && !opens_clause(w)
        && !is_english_function_word(w)
}

impl SpacedHyphenCompound {
    /// Do the parts (at least two; their text) make a compound, with `end` the byte after them?
    fn is_compound(&self, text: &str, parts: &[&str], start: usize, end: usize) -> bool {
        let x = parts[0];
        let rest = &parts[1..];
        let title = x.as_bytes()[0].is_ascii_uppercase();
        // A title-case first part only as a prefix (`Anti - Corruption Bureau`).
        if title && !(x[1..].bytes().all(|b| b.is_ascii_lowercase()) && self.prefixes.contains(x)) {
            return false;
        }
        if !(is_lower(x) || is_number(x) || title) {
            return false;
        }
        let lower_rest = rest.iter().all(|w| is_lower(w));
        let title_rest = title
            && rest.iter().all(|w| {
                w.as_bytes()[0].is_ascii_uppercase()
                    && w[1..].bytes().all(|b| b.is_ascii_lowercase())
            });
        if !(lower_rest || title_rest) {
            return false;
        }
        let y = rest[0];
        if self.prefixes.contains(x) {
            return !opens_clause(y);
        }
        if self.is_pair(parts) {
            return true;
        }
        // `as well - things`: `well` is an adverb there.
        if x.eq_ignore_ascii_case("well") && text[..start].ends_with("as ") {
            return false;
        }
        if parts.len() >= 3 {
            let short = rest.iter().all(|w| w.len() <= 5);
            let led = is_number(x) || self.first.contains(x);
            let joined = rest[..rest.len() - 1]
                .iter()
                .any(|w| CONNECTORS.contains(w));
            return short && (led || joined);
        }
        let candidate = if is_number(x) {
            self.last.contains(y)
        } else {
            (self.first.contains(x) && !opens_clause(y))
                || (self.last.contains(y) && !opens_clause(x))
        };
        candidate && noun_follows(text, end)
    }

    fn is_pair(&self, parts: &[&str]) -> bool {
        if self.pairs.is_empty() {
            return false;
        }
        let mut key = [0u8; 48];
        let mut n = 0;
        for (k, p) in parts.iter().enumerate() {
            let extra = usize::from(k > 0);
            if n + extra + p.len() > key.len() {
                return false;
            }
            if k > 0 {
                key[n] = b'-';
                n += 1;
            }
            key[n..n + p.len()].copy_from_slice(p.as_bytes());
            n += p.len();
        }
        key[..n].make_ascii_lowercase();
        std::str::from_utf8(&key[..n]).is_ok_and(|k| self.pairs.contains(k))
    }
}

impl Rule for SpacedHyphenCompound {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.prefixes = WordSet::from_lexicon(lexicon, "compound-prefixes")?;
        self.first = WordSet::from_lexicon(lexicon, "compound-first-words")?;
        self.last = WordSet::from_lexicon(lexicon, "compound-last-words")?;
        self.pairs = lexicon
            .strings("compound-pairs")?
            .into_iter()
            .map(|p| p.trim().to_ascii_lowercase())
            .filter(|p| !p.is_empty())
            .collect();
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let b = text.as_bytes();
        let mut from = 0;
        // The parts of one chain: (start, end) of each word.
        let mut parts: Vec<(usize, usize)> = Vec::new();
        for p in memchr::memmem::find_iter(b, b" - ") {
            if p < from {
                continue;
            }
            let Some(s) = word_before(text, p) else {
                continue;
            };
            parts.clear();
            parts.push((s, p));
            let mut at = p;
            while b[at..].starts_with(b" - ") {
                let Some(e) = word_after(text, at + 3) else {
                    break;
                };
                parts.push((at + 3, e));
                at = e;
                if parts.len() == 8 {
                    break;
                }
            }
            from = at;
            if parts.len() < 2 {
                continue;
            }
            let mut words = [""; 8];
            for (k, &(ws, we)) in parts.iter().enumerate() {
                words[k] = &text[ws..we];
            }
            let words = &words[..parts.len()];
            if !self.is_compound(text, words, s, at) {
                continue;
            }
            let joined = words.join("-");
            sink.report(
                ByteSpan::new(s, at),
                format!("`{}`: a compound split by spaced hyphens", &text[s..at]),
            )
            .help(format!("write `{joined}`"))
            .fix(Fix::new(
                Applicability::Unsafe,
                "Close the spaces around the hyphens",
                vec![Edit {
                    span: ByteSpan::new(s, at),
                    replacement: joined,
                }],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::parse_pack_into;

    fn rule() -> SpacedHyphenCompound {
        let mut lex = Lexicon::default();
        parse_pack_into(
            "rules/translation.toml",
            include_str!("../../../rules/translation.toml"),
            &mut HashSet::new(),
            &mut lex,
        )
        .expect("bundled translation pack parses");
        let mut r = SpacedHyphenCompound::default();
        r.use_lexicon(&lex).unwrap();
        r
    }

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&rule(), text)
    }

    #[test]
    fn flags_split_compounds() {
        assert_eq!(
            flagged("They promised an in - depth review of state - owned ports."),
            vec!["in - depth", "state - owned"]
        );
        assert_eq!(
            flagged("A 34 - year - old pilot and a non - profit group."),
            vec!["34 - year - old", "non - profit"]
        );
        assert_eq!(
            flagged("Exports grew year - on - year."),
            vec!["year - on - year"]
        );
        assert_eq!(
            flagged("The Anti - Fraud Office opened."),
            vec!["Anti - Fraud"]
        );
        assert_eq!(flagged("for high - risk patients"), vec!["high - risk"]);
    }

    #[test]
    fn quiet_on_dashes() {
        for t in [
            "The plan - which passed - is law.",
            "Prices rose - partly because of fuel.",
            "It was high - and rising.",
            "They came as well - things changed.",
            "in 2019 - prices rose",
            "The car - made in Ohio - sold well.",
            "He won 3 - 1 at home.",
            "Paris - Berlin trains",
            "the long - term.",
            "well-known - long story",
            "a week - based on data",
            "a council - made up of elders - met",
            "hit hard - very hard - again",
            "a second - much faster",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
    }

    #[test]
    fn fix_closes_the_spaces() {
        let text = "an all - party panel";
        let doc = Document::new(text);
        let mut out = Vec::new();
        rule().check(&doc, &mut Sink::new(crate::rule::RuleId(0), &mut out));
        assert_eq!(out.len(), 1);
        let e = &out[0].fix.as_ref().unwrap().edits[0];
        assert_eq!(e.span.slice(text), "all - party");
        assert_eq!(e.replacement, "all-party");
    }
}
