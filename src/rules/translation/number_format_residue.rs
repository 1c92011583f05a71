//! T113 `number-format-residue`: numbers set the source language's way, or split by MT tokens.

use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Edit, Fix, FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds numbers written the way the source language writes them, or split by the machine
    /// translation's tokens:
    /// - a space before the per cent sign (`40 %`), as French, German, Czech or Russian set it;
    /// - a decimal comma before an amount word (`2,5 million`, `105,8 mln`); a group of one or
    ///   two digits after the comma cannot be thousands;
    /// - a clock time with an `H` (`08H00`, `14h30`);
    /// - an ordinal suffix cut from its number (`the 300 th game`).
    ///
    /// ## Why is this bad
    /// Each is a source-locale convention or a tokeniser's trace that an English editor does not
    /// leave. A decimal comma is worse than style: `2,5 million` reads as a typo or as 25 million.
    ///
    /// ## Example
    /// ```text
    /// Turnover rose 12 % to 2,5 million euros; the office opens at 08H00 for the 100 th time.
    /// ```
    /// Use instead:
    /// ```text
    /// Turnover rose 12% to 2.5 million euros; the office opens at 08:00 for the 100th time.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the rewrite is the English convention, but the house style (`12 per cent`,
    /// `8am`) may want another one.
    pub fn number_format_residue_meta {
        code: "T113",
        name: "number-format-residue",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Unsafe),
    }
}

pub struct NumberFormatResidue(RuleMeta);

impl Default for NumberFormatResidue {
    fn default() -> Self {
        Self(number_format_residue_meta())
    }
}

/// Amount words after which `2,5` is a decimal.
const AMOUNTS: [&str; 9] = [
    "million", "billion", "thousand", "trillion", "percent", "per", "mln", "bln", "bn",
];

/// Length of the space (ordinary, no-break, narrow no-break or thin) at the start of `s`.
fn space_len(s: &str) -> usize {
    if s.starts_with(' ') {
        1
    } else if s.starts_with('\u{a0}') {
        2
    } else if s.starts_with('\u{202f}') || s.starts_with('\u{2009}') {
        3
    } else {
        0
    }
}

/// Is the byte at `i` (if any) part of a word or number?
fn word_at(b: &[u8], i: usize) -> bool {
    b.get(i)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || c >= 0x80)
}

/// What a finding rewrites its span to, and the message.
struct Residue {
    span: ByteSpan,
    replacement: String,
    message: &'static str,
}

/// The residue a digit run `[s, e)` starts, if any.
fn residue_at(text: &str, s: usize, e: usize) -> Option<Residue> {
    let b = text.as_bytes();
    let digits = &text[s..e];
    let rest = &text[e..];
    // `40 %`
    let sp = space_len(rest);
    if sp > 0 && rest[sp..].starts_with('%') {
        return Some(Residue {
            span: ByteSpan::new(s, e + sp + 1),
            replacement: format!("{digits}%"),
            message: "a space before the per cent sign",
        });
    }
    // Left context: not inside a longer number (`1,000,5`, `v2.3`).
    if s > 0 && (word_at(b, s - 1) || matches!(b[s - 1], b',' | b'.')) {
        return None;
    }
    // `2,5 million`
    if digits.len() <= 3 && rest.starts_with(',') {
        let frac = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
        let after = e + 1 + frac;
        if (1..=2).contains(&frac) && text[after..].starts_with(' ') {
            let w = &text[after + 1..];
            let n = w.bytes().take_while(u8::is_ascii_alphabetic).count();
            let word = &w[..n];
            let amount = (n > 0
                && !word_at(b, after + 1 + n)
                && AMOUNTS.iter().any(|a| a.eq_ignore_ascii_case(word)))
                || w.starts_with('%');
            if amount {
                return Some(Residue {
                    span: ByteSpan::new(s, after),
                    replacement: format!("{digits}.{}", &text[e + 1..after]),
                    message: "a decimal comma",
                });
            }
        }
        return None;
    }
    // `08H00`, `14h30`
    if digits.len() <= 2 && rest.starts_with(['H', 'h']) {
        let m = &rest[1..];
        let n = m.bytes().take_while(u8::is_ascii_digit).count();
        if n == 2 && !word_at(b, e + 3) {
            let hour: u32 = digits.parse().unwrap_or(99);
            let min: u32 = m[..2].parse().unwrap_or(99);
            if hour <= 24 && min <= 59 {
                return Some(Residue {
                    span: ByteSpan::new(s, e + 3),
                    replacement: format!("{digits}:{}", &m[..2]),
                    message: "a clock time written with `H`",
                });
            }
        }
        return None;
    }
    // `300 th`
    if let Some(r) = rest.strip_prefix(' ') {
        for suffix in ["st", "nd", "rd", "th"] {
            if r.starts_with(suffix) && !word_at(b, e + 3) {
                return Some(Residue {
                    span: ByteSpan::new(s, e + 3),
                    replacement: format!("{digits}{suffix}"),
                    message: "an ordinal suffix cut from its number",
                });
            }
        }
    }
    None
}

impl Rule for NumberFormatResidue {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let Some(r) = residue_at(text, s, i) else {
                continue;
            };
            i = r.span.end;
            sink.report(r.span, format!("`{}`: {}", r.span.slice(text), r.message))
                .help(format!("English writes `{}`", r.replacement))
                .fix(Fix::new(
                    Applicability::Unsafe,
                    "Write the number the English way",
                    vec![Edit {
                        span: r.span,
                        replacement: r.replacement,
                    }],
                ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&NumberFormatResidue::default(), text)
    }

    #[test]
    fn flags_source_locale_numbers() {
        assert_eq!(flagged("Sales rose 12 % in May."), vec!["12 %"]);
        assert_eq!(flagged("up 7\u{a0}%"), vec!["7\u{a0}%"]);
        assert_eq!(flagged("a loss of 2,5 million euros"), vec!["2,5"]);
        assert_eq!(flagged("worth 105,75 bn"), vec!["105,75"]);
        assert_eq!(flagged("from 08H00 to 17h30"), vec!["08H00", "17h30"]);
        assert_eq!(flagged("for the 300 th time"), vec!["300 th"]);
    }

    #[test]
    fn quiet_on_english_numbers() {
        for t in [
            "Sales rose 12% in May.",
            "a loss of 2,500 million euros",
            "1,000,5 million",
            "It cost 2.5 million.",
            "Flight AB12h34x left.",
            "the 300th time",
            "99h99",
            "in 3 steps",
            "at 4 the",
            "scores of 3,4 and 5",
        ] {
            let f = flagged(t);
            assert!(f.is_empty(), "{t}: {f:?}");
        }
    }

    #[test]
    fn fix_writes_the_english_form() {
        let text = "rose 2,5 percent";
        let doc = Document::new(text);
        let mut out = Vec::new();
        NumberFormatResidue::default()
            .check(&doc, &mut Sink::new(crate::rule::RuleId(0), &mut out));
        assert_eq!(out[0].fix.as_ref().unwrap().edits[0].replacement, "2.5");
    }
}
