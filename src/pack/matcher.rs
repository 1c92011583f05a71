//! All pack rules compiled into one scan: every phrase of every rule goes into one Aho-Corasick
//! automaton (one for case-insensitive phrases, one for case-sensitive), and every regex into one
//! `RegexSet` prefilter, so adding rules does not add passes over the text.

use super::{FixAction, Kind, PackRule, Scope, case_pattern};
use crate::ByteSpan;
use crate::document::Document;
use crate::rule::{Diagnostic, Fix, RuleId, Sink};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexSet};

#[derive(Debug, Clone, Copy)]
struct PatRef {
    rule: usize,
    /// Index into the rule's swaps, for substitution rules.
    swap: Option<usize>,
}

#[derive(Debug)]
struct Compiled {
    id: RuleId,
    rule: PackRule,
}

/// The compiled form of every enabled pack rule.
#[derive(Debug, Default)]
pub struct PhraseEngine {
    rules: Vec<Compiled>,
    ci: Option<(AhoCorasick, Vec<PatRef>)>,
    cs: Option<(AhoCorasick, Vec<PatRef>)>,
    set: Option<RegexSet>,
    regexes: Vec<(usize, Regex)>,
}

fn build_ac(patterns: &[String], ignore_case: bool) -> Option<AhoCorasick> {
    (!patterns.is_empty()).then(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(ignore_case)
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .expect("phrases compile")
    })
}

#[inline]
fn is_word_char_at(text: &str, i: usize, before: bool) -> bool {
    let c = if before {
        text[..i].chars().next_back()
    } else {
        text[i..].chars().next()
    };
    c.is_some_and(char::is_alphanumeric)
}

/// Keep `s`'s letter case pattern on `replacement` (`Wrong` → `Right`, `WRONG` → `RIGHT`).
fn match_case(found: &str, replacement: &str) -> String {
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if found.chars().next().is_some_and(char::is_uppercase) {
        let mut c = replacement.chars();
        if let Some(f) = c.next() {
            return f.to_uppercase().chain(c).collect();
        }
    }
    replacement.to_string()
}

impl PhraseEngine {
    pub fn new(rules: Vec<(RuleId, PackRule)>) -> Self {
        let mut ci_pats = (Vec::new(), Vec::new());
        let mut cs_pats = (Vec::new(), Vec::new());
        let mut set_pats = Vec::new();
        let mut regexes = Vec::new();
        let mut compiled = Vec::with_capacity(rules.len());
        for (idx, (id, rule)) in rules.into_iter().enumerate() {
            let target = if rule.ignore_case {
                &mut ci_pats
            } else {
                &mut cs_pats
            };
            for p in &rule.phrases {
                target.0.push(p.clone());
                target.1.push(PatRef {
                    rule: idx,
                    swap: None,
                });
            }
            for (k, (wrong, _)) in rule.swaps.iter().enumerate() {
                target.0.push(wrong.clone());
                target.1.push(PatRef {
                    rule: idx,
                    swap: Some(k),
                });
            }
            for r in &rule.regexes {
                let p = case_pattern(r, rule.ignore_case);
                let p = format!("(?mR){p}");
                regexes.push((idx, Regex::new(&p).expect("validated at load")));
                set_pats.push(p);
            }
            compiled.push(Compiled { id, rule });
        }
        Self {
            rules: compiled,
            ci: build_ac(&ci_pats.0, true).map(|a| (a, ci_pats.1)),
            cs: build_ac(&cs_pats.0, false).map(|a| (a, cs_pats.1)),
            set: (!set_pats.is_empty())
                .then(|| RegexSet::new(&set_pats).expect("validated at load")),
            regexes,
        }
    }

    pub fn rule_ids(&self) -> impl Iterator<Item = RuleId> + '_ {
        self.rules.iter().map(|c| c.id)
    }

    /// Scan once; report for rules where `enabled(id)` holds.
    pub fn check(
        &self,
        doc: &Document<'_>,
        enabled: &dyn Fn(RuleId) -> bool,
        out: &mut Vec<Diagnostic>,
    ) {
        let text = doc.text();
        // (rule index, start, end, swap)
        let mut hits: Vec<(usize, usize, usize, Option<usize>)> = Vec::new();
        for (ac, refs) in [&self.ci, &self.cs].into_iter().flatten() {
            for m in ac.find_overlapping_iter(text) {
                let r = refs[m.pattern().as_usize()];
                if !enabled(self.rules[r.rule].id) {
                    continue;
                }
                let (s, e) = (m.start(), m.end());
                if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                    continue;
                }
                // Word boundaries: a phrase that starts (ends) with a word char must not continue one.
                if (is_word_char_at(text, s, false) && is_word_char_at(text, s, true))
                    || (is_word_char_at(text, e, true) && is_word_char_at(text, e, false))
                {
                    continue;
                }
                hits.push((r.rule, s, e, r.swap));
            }
        }
        if let Some(set) = &self.set {
            for i in set.matches(text).iter() {
                let (rule, re) = &self.regexes[i];
                if !enabled(self.rules[*rule].id) {
                    continue;
                }
                for m in re.find_iter(text) {
                    if !m.is_empty() {
                        hits.push((*rule, m.start(), m.end(), None));
                    }
                }
            }
        }
        // Longest match first at each start; drop a rule's matches that overlap its earlier ones.
        hits.sort_by_key(|&(r, s, e, _)| (r, s, std::cmp::Reverse(e)));
        let mut last: Option<(usize, usize)> = None; // (rule, end)
        for (r, s, e, swap) in hits {
            if let Some((lr, le)) = last
                && lr == r
                && s < le
            {
                continue;
            }
            if self.emit(doc, r, ByteSpan::new(s, e), swap, out) {
                last = Some((r, e));
            }
        }
    }

    /// Check the rule's scope and report one match. Returns whether it was reported.
    fn emit(
        &self,
        doc: &Document<'_>,
        r: usize,
        span: ByteSpan,
        swap: Option<usize>,
        out: &mut Vec<Diagnostic>,
    ) -> bool {
        let Compiled { id, rule } = &self.rules[r];
        let text = doc.text();
        let line_idx = doc.line_at(span.start);
        let line = doc.lines()[line_idx].span;
        let content = line.slice(text);
        let lead = content.len() - content.trim_start().len();
        let body_start = line.start + lead;
        let body_end = line.start
            + content
                .trim_end()
                .trim_end_matches([':', '.', '|', '»', '›', '>'])
                .trim_end()
                .len();
        let whole_line = span.start == body_start && span.end >= body_end && span.end <= line.end;
        let ok = match rule.scope {
            Scope::Anywhere => true,
            Scope::Line => whole_line,
            Scope::LineStart => span.start == body_start,
        };
        if !ok {
            return false;
        }
        let found = span.slice(text);
        let replacement = swap.map(|k| match_case(found, &rule.swaps[k].1));
        let mut message = rule.message.replace("{match}", found);
        if let Some(rep) = &replacement {
            message = message.replace("{replacement}", rep);
        }
        let mut sink = Sink::new(*id, out);
        let d = sink.report(span, message);
        if let Some(h) = &rule.help {
            let mut h = h.replace("{match}", found);
            if let Some(rep) = &replacement {
                h = h.replace("{replacement}", rep);
            }
            d.help(h);
        }
        if let Some((action, applicability)) = rule.fix {
            let fix = match action {
                FixAction::DeleteLine => Some(Fix::delete(
                    applicability,
                    "Delete the line",
                    doc.line_deletion(line_idx),
                )),
                FixAction::Delete => {
                    // At a line start, take the spaces after the match too: `full screen Caption`.
                    let mut end = span.end;
                    if span.start == body_start {
                        let rest = &text[span.end..line.end];
                        end += rest.len() - rest.trim_start().len();
                    }
                    Some(Fix::delete(
                        applicability,
                        "Delete it",
                        ByteSpan::new(span.start, end),
                    ))
                }
                FixAction::Replace => replacement.as_ref().map(|rep| {
                    Fix::replace(
                        applicability,
                        format!("Replace with `{rep}`"),
                        span,
                        rep.clone(),
                    )
                }),
            };
            if let Some(f) = fix {
                d.fix(f);
            }
        }
        debug_assert!(rule.kind == Kind::Substitution || swap.is_none());
        true
    }
}
