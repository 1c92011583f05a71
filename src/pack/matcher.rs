//! All pack rules compiled into one scan: every phrase of every rule goes into one Aho-Corasick
//! automaton (one for case-insensitive phrases, one for case-sensitive), and every regex into one
//! `RegexSet` prefilter, so adding rules does not add passes over the text.

use super::{FixAction, Kind, PackRule, Scope};
use crate::ByteSpan;
use crate::document::Document;
use crate::rule::{Diagnostic, Fix, RuleId, Sink};
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind,
    automaton::OverlappingState,
};
use regex::Regex;

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
    /// Phrases of `anywhere` rules: scanned over the whole text.
    anywhere_phrases: PhraseGroup,
    /// Phrases of `line` and `line-start` rules: matched anchored at each line's start.
    line_phrases: PhraseGroup,
    /// Regexes of `anywhere` rules, run over the whole text.
    anywhere: RegexGroup,
    /// Regexes of `line` and `line-start` rules, run only on each line's first [`LINE_WINDOW`] bytes.
    lines: RegexGroup,
}

/// Page furniture is short: line-scoped regexes only look at this many bytes of each line, so a
/// corpus of one-article-per-line records costs one short match per line, not a scan of the text.
pub const LINE_WINDOW: usize = 256;

/// Regexes with the rule they belong to.
#[derive(Debug)]
struct RegexGroup {
    regexes: Vec<(usize, Regex)>,
    /// Identifies this group's clones in each worker thread.
    id: usize,
    /// Dropped with the group: a thread's clones of a group that is gone are freed the next time
    /// that thread clones a group (a process that builds many linters does not keep them all).
    alive: std::sync::Arc<()>,
}

/// One thread's clones of a group's regexes, with a handle that tells whether the group lives.
type LocalClones = (std::sync::Weak<()>, std::rc::Rc<Vec<Regex>>);

static GROUP_IDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

thread_local! {
    /// Each worker's own clones of the regexes: a `Regex` keeps a pool of search caches with a
    /// fast path for one thread only, so sharing one across workers serialises them on a lock
    /// (2 threads were only 1.35x faster than 1). A clone gets a fresh pool.
    static LOCAL_REGEXES: std::cell::RefCell<std::collections::HashMap<usize, LocalClones>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

impl Default for RegexGroup {
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl RegexGroup {
    fn new(regexes: Vec<(usize, Regex)>) -> Self {
        Self {
            regexes,
            id: GROUP_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            alive: std::sync::Arc::new(()),
        }
    }

    fn is_empty(&self) -> bool {
        self.regexes.is_empty()
    }

    /// This thread's clones of the group's regexes, in order.
    fn local(&self) -> std::rc::Rc<Vec<Regex>> {
        if self.regexes.is_empty() {
            return std::rc::Rc::new(Vec::new());
        }
        LOCAL_REGEXES.with(|m| {
            let mut m = m.borrow_mut();
            if let Some((_, clones)) = m.get(&self.id) {
                return clones.clone();
            }
            // A new group on this thread: first free the clones of groups that are gone.
            m.retain(|_, (alive, _)| alive.strong_count() > 0);
            let clones = std::rc::Rc::new(self.regexes.iter().map(|(_, r)| r.clone()).collect());
            m.insert(self.id, (std::sync::Arc::downgrade(&self.alive), clones));
            m.get(&self.id).expect("just inserted").1.clone()
        })
    }

    /// How many groups this thread holds clones of (for the test that they are freed).
    #[cfg(test)]
    fn clones_held() -> usize {
        LOCAL_REGEXES.with(|m| m.borrow().len())
    }

    /// Matches in `hay` (which starts at byte `base` of the text) of rules where `enabled(rule)`,
    /// using `local` (this thread's clones, from [`RegexGroup::local`]).
    fn find(
        &self,
        local: &[Regex],
        hay: &str,
        base: usize,
        enabled: &dyn Fn(usize) -> bool,
        hits: &mut Vec<(usize, usize, usize, Option<usize>)>,
    ) {
        for ((rule, _), re) in self.regexes.iter().zip(local) {
            if !enabled(*rule) {
                continue;
            }
            for m in re.find_iter(hay) {
                if !m.is_empty() {
                    hits.push((*rule, base + m.start(), base + m.end(), None));
                }
            }
        }
    }
}

/// Phrases in two automata: ASCII-case-insensitive and exact.
#[derive(Debug, Default)]
struct PhraseGroup {
    ci: Option<(AhoCorasick, Vec<PatRef>)>,
    cs: Option<(AhoCorasick, Vec<PatRef>)>,
}

type Patterns = (Vec<String>, Vec<PatRef>);

impl PhraseGroup {
    fn new(ci: Patterns, cs: Patterns, anchored: bool) -> Self {
        let build = |(pats, refs): Patterns, ignore_case: bool| {
            (!pats.is_empty()).then(|| {
                let ac = AhoCorasickBuilder::new()
                    .ascii_case_insensitive(ignore_case)
                    .match_kind(MatchKind::Standard)
                    .start_kind(if anchored {
                        StartKind::Anchored
                    } else {
                        StartKind::Unanchored
                    })
                    .build(&pats)
                    .expect("phrases compile");
                (ac, refs)
            })
        };
        Self {
            ci: build(ci, true),
            cs: build(cs, false),
        }
    }

    /// Every phrase occurrence in `text[range]` (anchored at `range.start` for an anchored group).
    fn find(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        anchored: bool,
        mut each: impl FnMut(PatRef, usize, usize),
    ) {
        for (ac, refs) in [&self.ci, &self.cs].into_iter().flatten() {
            let input = Input::new(text).range(range.clone()).anchored(if anchored {
                Anchored::Yes
            } else {
                Anchored::No
            });
            let mut state = OverlappingState::start();
            loop {
                ac.find_overlapping(input.clone(), &mut state);
                let Some(m) = state.get_match() else { break };
                each(refs[m.pattern().as_usize()], m.start(), m.end());
            }
        }
    }
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
        // [anywhere, line-anchored] × [case-insensitive, exact]
        let mut pats: [[Patterns; 2]; 2] = Default::default();
        let mut anywhere = Vec::new();
        let mut lines = Vec::new();
        let mut compiled = Vec::with_capacity(rules.len());
        for (idx, (id, rule)) in rules.into_iter().enumerate() {
            let anchored = matches!(rule.scope, Scope::Line | Scope::LineStart);
            let target = &mut pats[anchored as usize][!rule.ignore_case as usize];
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
            for re in &rule.regexes {
                match rule.scope {
                    Scope::Anywhere | Scope::Inline => anywhere.push((idx, re.clone())),
                    Scope::Line | Scope::LineStart => lines.push((idx, re.clone())),
                }
            }
            compiled.push(Compiled { id, rule });
        }
        let [[ci_any, cs_any], [ci_line, cs_line]] = pats;
        Self {
            rules: compiled,
            anywhere_phrases: PhraseGroup::new(ci_any, cs_any, false),
            line_phrases: PhraseGroup::new(ci_line, cs_line, true),
            anywhere: RegexGroup::new(anywhere),
            lines: RegexGroup::new(lines),
        }
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
        let mut phrase_hit = |r: PatRef, s: usize, e: usize| {
            if !enabled(self.rules[r.rule].id)
                || !text.is_char_boundary(s)
                || !text.is_char_boundary(e)
            {
                return;
            }
            // Word boundaries: a phrase that starts (ends) with a word char must not continue one.
            if (is_word_char_at(text, s, false) && is_word_char_at(text, s, true))
                || (is_word_char_at(text, e, true) && is_word_char_at(text, e, false))
            {
                return;
            }
            hits.push((r.rule, s, e, r.swap));
        };
        self.anywhere_phrases
            .find(text, 0..text.len(), false, &mut phrase_hit);
        if self.line_phrases.ci.is_some() || self.line_phrases.cs.is_some() {
            for line in doc.lines().iter().filter(|l| !l.blank) {
                let content = line.span.slice(text);
                let start = line.span.start + (content.len() - content.trim_start().len());
                self.line_phrases
                    .find(text, start..line.span.end, true, &mut phrase_hit);
            }
        }
        let rule_on = |r: usize| enabled(self.rules[r].id);
        let local_any = self.anywhere.local();
        self.anywhere.find(&local_any, text, 0, &rule_on, &mut hits);
        let local_lines = self.lines.local();
        if !self.lines.is_empty() {
            for line in doc.lines().iter().filter(|l| !l.blank) {
                let content = line.span.slice(text);
                let body = content.trim();
                let start = line.span.start + (content.len() - body.len());
                let mut end = body.len().min(LINE_WINDOW);
                while !body.is_char_boundary(end) {
                    end -= 1;
                }
                self.lines
                    .find(&local_lines, &body[..end], start, &rule_on, &mut hits);
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
            Scope::Inline => span.start != body_start,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threads_clones_of_dropped_groups_are_freed() {
        let group = || RegexGroup::new(vec![(0, Regex::new("harbou?r").unwrap())]);
        let first = group();
        assert_eq!(first.local().len(), 1);
        assert_eq!(RegexGroup::clones_held(), 1);
        drop(first);
        // Linters come and go in a long-lived process (a fuzzer, a Python worker): each new
        // group frees the clones of those gone, so they do not pile up.
        for _ in 0..10 {
            let g = group();
            assert_eq!(g.local().len(), 1);
            assert_eq!(RegexGroup::clones_held(), 1);
        }
        let empty = RegexGroup::new(Vec::new());
        assert!(empty.local().is_empty());
    }
}
