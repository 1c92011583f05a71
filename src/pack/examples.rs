//! A pack rule's inline examples, run: each `flag` text must be reported by the rule, each `pass`
//! text must not. The one implementation behind `newslint pack test` and the test suite's check
//! of the bundled packs.

use crate::config::Config;
use crate::engine::{CliSelection, Linter, PackSource, Registry, SetupError};
use crate::pack::{BUNDLED, Examples};
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

/// The examples of one tested pack file.
#[derive(Debug)]
pub struct PackReport {
    /// The path it was loaded under.
    pub path: String,
    /// The bundled pack it was loaded in place of (same `[pack] name`), if any.
    pub replaces: Option<&'static str>,
    /// Its rules, in the file's order.
    pub rules: Vec<RuleExamples>,
}

/// Tested pack files and the linter that ran their examples.
pub struct PackTest {
    pub linter: Linter,
    pub packs: Vec<PackReport>,
}

/// Load `packs` as `check --pack` would, with no config (every default rule on, default
/// severities), and run the examples of each of their rules. A pack whose `[pack] name` is that
/// of a bundled pack is loaded in place of the bundled one, so a new version of
/// `rules/furniture.toml` can be tested with the binary that bundles the old.
pub fn test_packs(packs: &[PackSource]) -> Result<PackTest, SetupError> {
    let bundled: Vec<(&'static str, Option<String>)> = BUNDLED
        .iter()
        .map(|(path, text)| (*path, super::pack_name(text)))
        .collect();
    let replaces: Vec<Option<&'static str>> = packs
        .iter()
        .map(|p| {
            let name = super::pack_name(&p.text)?;
            bundled
                .iter()
                .find(|(_, b)| b.as_deref() == Some(name.as_str()))
                .map(|(path, _)| *path)
        })
        .collect();
    let replaced: Vec<&str> = replaces.iter().flatten().copied().collect();
    let registry = Registry::replacing_bundled(packs, &replaced)?;
    let linter = Linter::from_registry(registry, &Config::default(), &CliSelection::default())?;
    let reg = linter.registry();
    let reports = packs
        .iter()
        .zip(replaces)
        .map(|(p, replaces)| PackReport {
            path: p.path.clone(),
            replaces,
            rules: reg
                .pack_examples()
                .iter()
                .filter(|(id, _)| reg.meta(*id).origin == p.path)
                .map(|(id, ex)| run_examples(&linter, *id, ex))
                .collect(),
        })
        .collect();
    Ok(PackTest {
        linter,
        packs: reports,
    })
}

impl PackTest {
    /// Did every example of every tested rule hold?
    pub fn passed(&self) -> bool {
        self.packs
            .iter()
            .all(|p| p.rules.iter().all(RuleExamples::passed))
    }

    /// The report `newslint pack test` prints: per pack, per rule `ok` or `FAILED` with the
    /// failing examples, then a count.
    pub fn render(&self) -> String {
        let reg = self.linter.registry();
        let mut s = String::new();
        let (mut ok, mut failed) = (0, 0);
        for p in &self.packs {
            s.push_str(&p.path);
            if let Some(bundled) = p.replaces {
                s.push_str(&format!(" (in place of the bundled {bundled})"));
            }
            s.push_str(&format!(": {}\n", count(p.rules.len(), "rule")));
            for r in &p.rules {
                let examples = count(r.checked, "example");
                if r.passed() {
                    ok += 1;
                    s.push_str(&format!("  ok      {} ({examples})\n", r.title(reg)));
                } else {
                    failed += 1;
                    s.push_str(&format!(
                        "  FAILED  {} ({examples}, {} failed)\n",
                        r.title(reg),
                        r.failures.len()
                    ));
                    s.push_str(&r.describe_failures(reg));
                }
            }
        }
        s.push_str(&format!(
            "{}: {ok} ok, {failed} failed\n",
            count(ok + failed, "rule")
        ));
        s
    }
}

/// `1 rule`, `3 rules`.
fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}
