//! Applying fixes: rounds of non-overlapping edits spliced into the original bytes, linting again
//! after each round until nothing changes.
//!
//! The engine works on **bytes**, not on re-encoded text: each edit's decoded span is mapped to the
//! original bytes and only those bytes are replaced (the replacement encoded in the file's own
//! encoding). Every other byte, including a BOM, CRLF line endings and bytes that could not be
//! decoded, stays exactly as it was. I/O-free: bytes in, bytes out.

use crate::rule::{Applicability, Diagnostic, Fix, RuleId};
use crate::source::SourceText;
use crate::{ByteSpan, Linter, Selection};
use encoding_rs::Encoding;

mod changes;
pub use changes::Changes;

/// The most rounds of fixing before giving up: fixes that keep producing new fixes do not converge.
pub const MAX_ROUNDS: usize = 16;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FixMode {
    /// Also apply fixes marked `unsafe`.
    pub unsafe_fixes: bool,
}

impl FixMode {
    pub fn allows(self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::DisplayOnly => false,
        }
    }
}

/// A fix that was not applied because its replacement cannot be written in the file's encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unencodable {
    pub rule: RuleId,
    pub replacement: String,
    pub encoding: &'static str,
}

/// The result of fixing one input.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed bytes (equal to the input when nothing was applied).
    pub bytes: Vec<u8>,
    /// Fixes applied, per rule, in the order of the first application.
    pub applied: Vec<(RuleId, usize)>,
    /// The fixed input, decoded, and the findings that remain in it.
    pub source: SourceText,
    pub remaining: Vec<Diagnostic>,
    pub unencodable: Vec<Unencodable>,
    /// Set when fixes were withheld because detection would read the fixed bytes in another
    /// encoding (`(detected before, detected after)`): pass `--encoding` to fix such a file.
    pub unstable_encoding: Option<(&'static str, &'static str)>,
    /// Where the fixed bytes differ from the input, composed over every round.
    pub changes: Changes,
}

impl FixOutcome {
    pub fn fixed(&self) -> usize {
        self.applied.iter().map(|(_, n)| n).sum()
    }
    pub fn changed(&self, original: &[u8]) -> bool {
        self.bytes != original
    }
}

/// Fixes kept producing new fixes for [`MAX_ROUNDS`] rounds.
#[derive(Debug, Clone, thiserror::Error)]
#[error("fixes did not converge after {MAX_ROUNDS} rounds (rules still fixing: {})", rules.join(", "))]
pub struct NotConverged {
    pub rules: Vec<String>,
}

/// The line ending to give inserted line breaks: CRLF when the text mostly uses it.
pub fn dominant_line_ending(text: &str) -> &'static str {
    let crlf = memchr::memmem::find_iter(text.as_bytes(), b"\r\n").count();
    let lf = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    if crlf * 2 > lf { "\r\n" } else { "\n" }
}

/// An edit's replacement as it is written into a text whose line ending is `newline` (from
/// [`dominant_line_ending`]): its line breaks in that style.
pub fn with_line_ending<'a>(replacement: &'a str, newline: &str) -> std::borrow::Cow<'a, str> {
    if newline == "\r\n" && replacement.contains('\n') {
        replacement
            .replace("\r\n", "\n")
            .replace('\n', "\r\n")
            .into()
    } else {
        replacement.into()
    }
}

/// `s` in the encoding `enc`; `None` when some char cannot be written in it.
pub fn encode_in(enc: &'static Encoding, s: &str) -> Option<Vec<u8>> {
    match enc.name() {
        "UTF-8" => Some(s.as_bytes().to_vec()),
        "UTF-16LE" => Some(s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()),
        "UTF-16BE" => Some(s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()),
        _ => {
            let (b, _, unmappable) = enc.encode(s);
            (!unmappable).then(|| b.into_owned())
        }
    }
}

/// The spans a round of fixes has edited, as disjoint ranges (touching ones merged) by start, so
/// that asking whether an edit touches any of them costs a lookup, not a scan: a document with
/// a hundred thousand fixes stays linear.
#[derive(Debug, Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    /// Does `span` overlap or touch (share an end with) a taken span?
    fn touches(&self, span: ByteSpan) -> bool {
        // The ranges are disjoint and apart, so only the last one starting at or before `span`
        // and the first one starting after it can reach it.
        let before = self.0.range(..=span.start).next_back();
        let after = self.0.range(span.start + 1..).next();
        before.is_some_and(|(_, &end)| end >= span.start)
            || after.is_some_and(|(&start, _)| start <= span.end)
    }

    fn insert(&mut self, span: ByteSpan) {
        let (mut start, mut end) = (span.start, span.end);
        while let Some((&s, &e)) = self.0.range(..=end).next_back() {
            if e < start {
                break;
            }
            self.0.remove(&s);
            start = start.min(s);
            end = end.max(e);
        }
        self.0.insert(start, end);
    }
}

/// Fix `bytes` (decoded as `forced` or detected, as `check` does) until no allowed fix applies.
pub fn fix_bytes(
    linter: &Linter,
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    selection: &Selection,
    mode: FixMode,
) -> Result<FixOutcome, NotConverged> {
    let original = bytes;
    let mut source = SourceText::decode(bytes, forced);
    // Later rounds decode the fixed bytes with the encoding the first round settled on.
    let encoding = source.encoding();
    let detected = source.was_detected();
    let mut bytes = bytes.to_vec();
    let mut applied: Vec<(RuleId, usize)> = Vec::new();
    let mut unencodable: Vec<Unencodable> = Vec::new();
    let mut changes = Changes::default();
    for round in 0..=MAX_ROUNDS {
        let mut diags = linter.check_source_uncapped(&source, selection);
        let newline = dominant_line_ending(source.text());
        let mut taken = Taken::default();
        let mut splices: Vec<(usize, usize, Vec<u8>)> = Vec::new();
        let mut round_rules: Vec<RuleId> = Vec::new();
        let mut candidates: Vec<(&Diagnostic, &Fix)> = diags
            .iter()
            .filter_map(|d| d.fix.as_ref().map(|f| (d, f)))
            .filter(|(_, f)| mode.allows(f.applicability) && !f.edits.is_empty())
            .collect();
        candidates.sort_by_key(|(d, f)| (f.edits[0].span.start, f.edits[0].span.end, d.rule));
        'fixes: for (d, fix) in candidates {
            // Skip a fix that overlaps or touches one applied in this round: next round.
            if fix.edits.iter().any(|e| taken.touches(e.span)) {
                continue;
            }
            let mut encoded = Vec::with_capacity(fix.edits.len());
            for e in &fix.edits {
                let replacement = with_line_ending(&e.replacement, newline).into_owned();
                match encode_in(encoding, &replacement) {
                    Some(b) => encoded.push((e.span, b)),
                    None => {
                        let u = Unencodable {
                            rule: d.rule,
                            replacement,
                            encoding: encoding.name(),
                        };
                        if !unencodable.contains(&u) {
                            unencodable.push(u);
                        }
                        continue 'fixes;
                    }
                }
            }
            for (span, b) in encoded {
                taken.insert(span);
                splices.push((
                    source.original_offset(span.start),
                    source.original_offset(span.end),
                    b,
                ));
            }
            round_rules.push(d.rule);
        }
        if splices.is_empty() {
            // A guessed encoding must survive the fixes, or the next run would read the file
            // differently (and fixing twice would change it again): then withhold them.
            if detected && !applied.is_empty() {
                let again = SourceText::decode(&bytes, None).encoding();
                if again != encoding {
                    let source = SourceText::decode(original, forced);
                    let remaining = linter.check_source(&source, selection);
                    return Ok(FixOutcome {
                        bytes: original.to_vec(),
                        applied: Vec::new(),
                        source,
                        remaining,
                        unencodable,
                        unstable_encoding: Some((encoding.name(), again.name())),
                        changes: Changes::default(),
                    });
                }
            }
            linter.cap_findings(&mut diags);
            return Ok(FixOutcome {
                bytes,
                applied,
                source,
                remaining: diags,
                unencodable,
                unstable_encoding: None,
                changes,
            });
        }
        if round == MAX_ROUNDS {
            let mut rules: Vec<String> = round_rules
                .iter()
                .map(|r| linter.registry().meta(*r).code.to_string())
                .collect();
            rules.sort();
            rules.dedup();
            return Err(NotConverged { rules });
        }
        for r in round_rules {
            match applied.iter_mut().find(|(id, _)| *id == r) {
                Some((_, n)) => *n += 1,
                None => applied.push((r, 1)),
            }
        }
        splices.sort_by_key(|e| (e.0, e.1));
        changes.compose(&splices);
        bytes = splice(&bytes, splices);
        source = SourceText::decode(&bytes, Some(encoding));
    }
    unreachable!("the loop returns by round MAX_ROUNDS")
}

/// Replace byte ranges (sorted or not, never overlapping) of `bytes`.
fn splice(bytes: &[u8], mut edits: Vec<(usize, usize, Vec<u8>)>) -> Vec<u8> {
    edits.sort_by_key(|e| (e.0, e.1));
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for (s, e, rep) in edits {
        out.extend_from_slice(&bytes[at..s]);
        out.extend_from_slice(&rep);
        at = e;
    }
    out.extend_from_slice(&bytes[at..]);
    out
}

/// A unified diff of what fixing changed, in decoded text.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("a/{}", path.trim_start_matches('/')),
            &format!("b/{}", path.trim_start_matches('/')),
        )
        .to_string()
}

#[cfg(test)]
mod tests {

    proptest::proptest! {
        /// The range set answers `touches` as a scan over every span taken would.
        #[test]
        fn taken_spans_answer_as_a_scan_would(
            spans in proptest::collection::vec((0usize..60, 0usize..6), 0..20),
            probe in (0usize..66, 0usize..6),
        ) {
            let mut taken = Taken::default();
            let mut all: Vec<ByteSpan> = Vec::new();
            for (s, l) in spans {
                let span = ByteSpan::new(s, s + l);
                if !taken.touches(span) {
                    proptest::prop_assert!(!all.iter().any(|t| t.touches(span)));
                    taken.insert(span);
                    all.push(span);
                } else {
                    proptest::prop_assert!(all.iter().any(|t| t.touches(span)));
                }
            }
            let p = ByteSpan::new(probe.0, probe.0 + probe.1);
            proptest::prop_assert_eq!(taken.touches(p), all.iter().any(|t| t.touches(p)));
            // Inserting regardless (edits of one fix may touch each other) keeps the answers.
            taken.insert(p);
            all.push(p);
            for q in 0..66 {
                let q = ByteSpan::new(q, q);
                proptest::prop_assert_eq!(taken.touches(q), all.iter().any(|t| t.touches(q)));
            }
        }
    }
    use super::*;

    fn fix(text: &str, mode: FixMode) -> FixOutcome {
        let linter = Linter::new();
        fix_bytes(
            &linter,
            text.as_bytes(),
            None,
            linter.base_selection(),
            mode,
        )
        .unwrap()
    }

    #[test]
    fn removes_furniture_lines_and_nothing_else() {
        let text =
            "Tram fares frozen\nshareShared\nThe council froze fares on Monday.\nRelated Stories\n";
        let out = fix(text, FixMode::default());
        assert_eq!(
            String::from_utf8(out.bytes.clone()).unwrap(),
            "Tram fares frozen\nThe council froze fares on Monday.\n"
        );
        assert_eq!(out.fixed(), 2);
        assert!(out.remaining.is_empty());
    }

    #[test]
    fn adjacent_fixes_converge_over_rounds() {
        let text = "Share\nPrint\nCopy link\nThe port reopened.\n";
        let out = fix(text, FixMode::default());
        assert_eq!(
            String::from_utf8(out.bytes.clone()).unwrap(),
            "The port reopened.\n"
        );
        assert_eq!(out.fixed(), 3);
    }

    #[test]
    fn unsafe_fixes_need_the_flag() {
        let text = "The vote passed.likeLiked\n";
        assert_eq!(fix(text, FixMode::default()).fixed(), 0);
        let out = fix(text, FixMode { unsafe_fixes: true });
        assert_eq!(String::from_utf8(out.bytes).unwrap(), "The vote passed.\n");
    }

    #[test]
    fn crlf_bom_and_legacy_bytes_are_kept() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(b"Caf\xC3\xA9 opens\r\nShare\r\nBad \xFF byte kept.\r\n");
        let linter = Linter::new();
        let out = fix_bytes(
            &linter,
            &bytes,
            None,
            linter.base_selection(),
            FixMode::default(),
        )
        .unwrap();
        let mut want = vec![0xEF, 0xBB, 0xBF];
        want.extend_from_slice(b"Caf\xC3\xA9 opens\r\nBad \xFF byte kept.\r\n");
        assert_eq!(out.bytes, want);

        let (w1252, _, _) =
            encoding_rs::WINDOWS_1252.encode("Le café ouvre\r\nCopy link\r\nFin – ok\r\n");
        let out = fix_bytes(
            &linter,
            &w1252,
            None,
            linter.base_selection(),
            FixMode::default(),
        )
        .unwrap();
        let (want, _, _) = encoding_rs::WINDOWS_1252.encode("Le café ouvre\r\nFin – ok\r\n");
        assert_eq!(out.bytes, want.into_owned());
    }

    #[test]
    fn fixes_that_never_settle_are_an_error_naming_the_rule() {
        let pack = r#"
[[rule]]
code = "T901"
name = "flip-flop"
family = "translation"
kind = "substitution"
message = "`{match}` -> `{replacement}`"
description = "Flips two spellings forever."
why = "A test of non-convergence."
swap = [["colour", "color"], ["color", "colour"]]
fix = "replace"
fix-applicability = "safe"
examples = { flag = ["colour"] }
"#;
        let reg = crate::Registry::new(&[crate::engine::PackSource {
            path: "flip.toml".into(),
            text: pack.into(),
        }])
        .unwrap();
        let linter = Linter::with_registry(reg);
        let err = fix_bytes(
            &linter,
            b"The colour red.",
            None,
            linter.base_selection(),
            FixMode::default(),
        )
        .unwrap_err();
        assert_eq!(err.rules, vec!["T901".to_string()]);
        assert!(err.to_string().contains("T901"));
    }

    #[test]
    fn diff_shows_removed_lines() {
        let d = unified_diff("a.txt", "x\nShare\ny\n", "x\ny\n");
        assert!(d.contains("-Share"), "{d}");
        assert!(d.contains("--- a/a.txt"));
    }
}
