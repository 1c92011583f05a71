//! A pack rule's inline examples, run: each `flag` text must be reported by the rule, each `pass`
//! text must not. One implementation for every caller: the test suite's check of the bundled
//! packs, and a command that checks a user's packs.

use crate::engine::{Linter, Registry};
use crate::pack::Examples;
use crate::rule::{Diagnostic, RuleId};
use crate::source::LineIndex;

/// What an example expects of its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A `flag` example: the rule must report at least once.
    Flagged,
    /// A `pass` example: the rule must stay silent.
    Silent,
}

/// An example on which its rule did not do what the example expects.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub expect: Expect,
    /// 1-based place among the rule's examples of that kind (`flag` example 2).
    pub number: usize,
    pub text: String,
    /// Every finding on the text, the rule's and the other rules': another rule's finding can
    /// explain a missing one (of two overlapping artifact findings only the stronger is kept).
    pub found: Vec<Diagnostic>,
}

/// The outcome of one rule's examples.
#[derive(Debug, Clone)]
pub struct RuleExamples {
    pub rule: RuleId,
    /// How many examples were run.
    pub checked: usize,
    pub failures: Vec<ExampleFailure>,
}

/// Run `examples`, the inline examples of pack rule `rule`, through `linter` (each text checked
/// as a whole document, as [`Linter::check_text`] does).
pub fn run_examples(linter: &Linter, rule: RuleId, examples: &Examples) -> RuleExamples {
    let mut failures = Vec::new();
    let kinds = [
        (Expect::Flagged, &examples.flag),
        (Expect::Silent, &examples.pass),
    ];
    for (expect, texts) in kinds {
        for (i, text) in texts.iter().enumerate() {
            let found = linter.check_text(text);
            let flagged = found.iter().any(|d| d.rule == rule);
            if flagged != (expect == Expect::Flagged) {
                failures.push(ExampleFailure {
                    expect,
                    number: i + 1,
                    text: text.clone(),
                    found,
                });
            }
        }
    }
    RuleExamples {
        rule,
        checked: examples.flag.len() + examples.pass.len(),
        failures,
    }
}

impl RuleExamples {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// `A901 printed-in`.
    pub fn title(&self, registry: &Registry) -> String {
        let m = registry.meta(self.rule);
        format!("{} {}", m.code, m.name)
    }

    /// Each failure in a few indented lines: which example, what it expects, what was found.
    pub fn describe_failures(&self, registry: &Registry) -> String {
        let mut s = String::new();
        for f in &self.failures {
            let (kind, outcome) = match f.expect {
                Expect::Flagged => ("flag", "expected to be flagged, was not"),
                Expect::Silent => ("pass", "expected to pass, was flagged"),
            };
            s.push_str(&format!(
                "    {kind} example {}: {outcome}: {:?}\n",
                f.number, f.text
            ));
            let (own, others): (Vec<_>, Vec<_>) = f.found.iter().partition(|d| d.rule == self.rule);
            let lines = LineIndex::new(&f.text);
            let describe = |d: &Diagnostic| {
                let at = lines.line_col(&f.text, d.span.start);
                let m = registry.meta(d.rule);
                format!(
                    "{}:{} {} {} {:?}: {}",
                    at.line,
                    at.column,
                    m.code,
                    m.name,
                    &f.text[d.span.start..d.span.end],
                    d.message
                )
            };
            match f.expect {
                Expect::Silent => {
                    for d in own {
                        s.push_str(&format!("      found {}\n", describe(d)));
                    }
                }
                Expect::Flagged if others.is_empty() => {
                    s.push_str("      found nothing (no rule reported on this text)\n");
                }
                Expect::Flagged => {
                    for d in others {
                        s.push_str(&format!("      found only {}\n", describe(d)));
                    }
                }
            }
        }
        s
    }
}
