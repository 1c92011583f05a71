//! The cap on findings of one rule in one document: past it, one summary finding stands for
//! the rest, so no single document (a megabyte of damaged text, a hostile record) can take the
//! memory budget or flood a report.

use crate::rule::{Diagnostic, RuleId};

/// Findings of one rule in one document reported one by one, by default (`0` lifts the cap).
pub const DEFAULT_MAX_FINDINGS_PER_RULE: usize = 1000;

/// While a check runs, a rule's sink stores this many times the cap and only counts the rest:
/// enough that duplicates, suppressions and the one-finding-per-place rule, which run after,
/// rarely bring a rule under the cap with findings left uncounted, and few enough that memory
/// stays bounded whatever the document.
pub(super) const SINK_ROOM_FACTOR: usize = 2;

/// Findings a sink counted without storing them: the rule, how many, the first one's span.
pub(super) type Uncounted = (RuleId, usize, crate::ByteSpan);

/// Keep the first `max` findings of each rule in `out` (sorted by span) and replace the rest of
/// that rule's by one finding at the first one left out, which says how many there were
/// (`uncounted` adds what the sinks did not store). The result is sorted as `out` was.
/// `code_of` names a rule in the summary's message.
pub(super) fn cap_per_rule(
    out: &mut Vec<Diagnostic>,
    max: usize,
    rules: usize,
    uncounted: &[Uncounted],
    code_of: impl Fn(RuleId) -> String,
) {
    if max == 0 || (out.len() <= max && uncounted.is_empty()) {
        return;
    }
    let mut seen = vec![0usize; rules];
    // The summary of each rule over its cap: (position in `out` of its first finding left out).
    let mut first_dropped: Vec<Option<usize>> = vec![None; rules];
    for (i, d) in out.iter().enumerate() {
        let r = usize::from(d.rule.0);
        seen[r] += 1;
        if seen[r] == max + 1 {
            first_dropped[r] = Some(i);
        }
    }
    // A rule whose stored findings fell under the cap still stands for those not stored: its
    // summary goes where the first of them was.
    let mut late = Vec::new();
    for &(rule, n, span) in uncounted {
        let r = usize::from(rule.0);
        if first_dropped[r].is_none() {
            seen[r] = seen[r].max(max) + n;
            late.push(Diagnostic {
                rule,
                severity: crate::rule::Severity::Warning,
                span,
                message: String::new(),
                help: None,
                fix: None,
            });
            first_dropped[r] = Some(usize::MAX);
        } else {
            seen[r] += n;
        }
    }
    if first_dropped.iter().all(Option::is_none) {
        return;
    }
    let mut kept = vec![0usize; rules];
    let mut i = 0;
    out.retain_mut(|d| {
        let r = usize::from(d.rule.0);
        let at = i;
        i += 1;
        if first_dropped[r] == Some(at) {
            summarise(d, seen[r] - max, max, &code_of);
            return true;
        }
        kept[r] += 1;
        kept[r] <= max
    });
    if !late.is_empty() {
        for d in &mut late {
            let r = usize::from(d.rule.0);
            d.severity = out
                .iter()
                .find(|x| x.rule == d.rule)
                .map_or(d.severity, |x| x.severity);
            summarise(d, seen[r] - max, max, &code_of);
        }
        out.extend(late);
        out.sort_by_key(|d| (d.span.start, d.span.end));
    }
}

/// What to do with a finding of a document checked piece by piece (see [`PieceCap`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admit {
    /// Within its rule's cap: report it.
    Keep,
    /// The first of its rule's findings over the cap: report it, as the summary of the rest
    /// (its message is set by [`PieceCap::summaries`] once every piece is checked).
    Summary,
    /// Over the cap: only counted.
    Drop,
}

/// The cap on findings per rule across the pieces of one document (a field too long to decode
/// whole), so that checking it piece by piece reports what checking it whole would: the first
/// `max` findings of each rule, then one summary that counts the rest. Pieces come in order,
/// and each piece's findings sorted, so the first ones are decided as they come.
#[derive(Debug)]
pub struct PieceCap {
    max: usize,
    seen: Vec<usize>,
    /// Per rule, whether its summary was handed out.
    summarised: Vec<bool>,
}

impl PieceCap {
    pub(super) fn new(max: usize, rules: usize) -> Self {
        Self {
            max,
            seen: vec![0; rules],
            summarised: vec![false; rules],
        }
    }

    /// Decide on the next finding of `rule`.
    pub fn admit(&mut self, rule: RuleId) -> Admit {
        let r = usize::from(rule.0);
        self.seen[r] += 1;
        if self.max == 0 || self.seen[r] <= self.max {
            Admit::Keep
        } else if !self.summarised[r] {
            self.summarised[r] = true;
            Admit::Summary
        } else {
            Admit::Drop
        }
    }

    /// Count `n` findings of `rule` a piece's sink did not store. `true` when the rule has no
    /// summary yet: the caller reports one (at the first of them) and it becomes the summary.
    pub fn uncounted(&mut self, rule: RuleId, n: usize) -> bool {
        let r = usize::from(rule.0);
        self.seen[r] = self.seen[r].max(self.max) + n;
        !std::mem::replace(&mut self.summarised[r], true)
    }

    /// Each rule with a summary, and how many of its findings were left out.
    pub fn summaries(&self) -> impl Iterator<Item = (RuleId, usize)> + '_ {
        (0..self.seen.len())
            .filter(|&r| self.summarised[r])
            .map(|r| (RuleId(r as u16), self.seen[r].saturating_sub(self.max)))
    }

    /// The message and help of the summary of `more` findings of a rule (named `code`).
    pub fn summary_text(&self, code: &str, more: usize) -> (String, String) {
        summary_text(code, more, self.max)
    }
}

/// Make `d` the summary of `more` findings of its rule left out.
fn summarise(d: &mut Diagnostic, more: usize, max: usize, code_of: &impl Fn(RuleId) -> String) {
    let (message, help) = summary_text(&code_of(d.rule), more, max);
    d.message = message;
    d.help = Some(help);
    d.fix = None;
}

/// The message and help of the summary of `more` findings of the rule `code` left out.
fn summary_text(code: &str, more: usize, max: usize) -> (String, String) {
    (
        format!(
            "{more} more {code} findings in this document are not reported one by one (at most {max} per rule; `--max-findings-per-rule` changes it)"
        ),
        "fix the first findings and check again, or look at the document as a whole".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ByteSpan;
    use crate::rule::Severity;

    fn d(rule: u16, at: usize) -> Diagnostic {
        Diagnostic {
            rule: RuleId(rule),
            severity: Severity::Warning,
            span: ByteSpan::new(at, at + 1),
            message: format!("finding {at}"),
            help: None,
            fix: None,
        }
    }

    #[test]
    fn a_rule_over_the_cap_keeps_its_first_findings_and_one_summary() {
        // Rule 0 five times, rule 1 twice, interleaved.
        let mut out: Vec<Diagnostic> = (0..7).map(|i| d(u16::from(i % 3 == 2), i)).collect();
        cap_per_rule(&mut out, 2, 2, &[], |r| format!("X{}", r.0));
        let rule0: Vec<&Diagnostic> = out.iter().filter(|x| x.rule == RuleId(0)).collect();
        assert_eq!(rule0.len(), 3, "two findings and the summary");
        assert_eq!(rule0[0].span.start, 0);
        assert_eq!(rule0[1].span.start, 1);
        assert_eq!(
            rule0[2].span.start, 3,
            "the summary stands at the first one left out"
        );
        assert!(
            rule0[2].message.starts_with("3 more X0 findings"),
            "{}",
            rule0[2].message
        );
        assert_eq!(out.iter().filter(|x| x.rule == RuleId(1)).count(), 2);
        assert!(out.windows(2).all(|w| w[0].span.start <= w[1].span.start));
    }

    #[test]
    fn zero_lifts_the_cap_and_a_rule_at_the_cap_is_untouched() {
        let all: Vec<Diagnostic> = (0..5).map(|i| d(0, i)).collect();
        let mut out = all.clone();
        cap_per_rule(&mut out, 0, 1, &[], |_| String::new());
        assert_eq!(out, all);
        cap_per_rule(&mut out, 5, 1, &[], |_| String::new());
        assert_eq!(out, all);
    }

    #[test]
    fn findings_a_sink_only_counted_are_in_the_summary() {
        // Rule 0 stored 3 and counted 4 more; rule 1 stored 1 (its others were suppressed) and
        // counted 2 more.
        let mut out: Vec<Diagnostic> = vec![d(0, 0), d(1, 1), d(0, 2), d(0, 3)];
        let uncounted = [
            (RuleId(0), 4, ByteSpan::new(9, 10)),
            (RuleId(1), 2, ByteSpan::new(8, 9)),
        ];
        cap_per_rule(&mut out, 2, 2, &uncounted, |r| format!("X{}", r.0));
        let msgs: Vec<(u16, usize, &str)> = out
            .iter()
            .map(|x| (x.rule.0, x.span.start, x.message.as_str()))
            .collect();
        assert_eq!(msgs.len(), 5, "{msgs:?}");
        assert!(msgs[3].2.starts_with("5 more X0"), "{msgs:?}");
        assert_eq!((msgs[4].0, msgs[4].1), (1, 8), "{msgs:?}");
        assert!(msgs[4].2.starts_with("2 more X1"), "{msgs:?}");
    }
}
