//! Rule metadata: the one table every code, name, family and document comes from.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// The five defect families, and newslint's own (its suppression comments). Every rule belongs to
/// exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Artifact,
    Translation,
    Sourcing,
    Names,
    Encoding,
    /// Findings about newslint's own directives in the text (an unused suppression), as ruff's
    /// `RUF` rules are about ruff's.
    Newslint,
}

impl Family {
    pub const ALL: [Family; 6] = [
        Family::Artifact,
        Family::Translation,
        Family::Sourcing,
        Family::Names,
        Family::Encoding,
        Family::Newslint,
    ];

    /// The letter that starts every code of this family.
    pub fn letter(self) -> char {
        match self {
            Family::Artifact => 'A',
            Family::Translation => 'T',
            Family::Sourcing => 'S',
            Family::Names => 'N',
            Family::Encoding => 'E',
            Family::Newslint => 'X',
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Artifact => "artifact",
            Family::Translation => "translation",
            Family::Sourcing => "sourcing",
            Family::Names => "names",
            Family::Encoding => "encoding",
            Family::Newslint => "newslint",
        }
    }

    pub fn parse(s: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is. `info` findings are reported but never fail a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a fix may be applied, ordered from least to most trusted (as in ruff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown as a suggestion, never applied.
    DisplayOnly,
    /// Applied only with `--unsafe-fixes`: it may change meaning.
    Unsafe,
    /// Applied by `--fix`: it cannot change the article's meaning.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// What fixes a rule can offer, declared up front and checked by the test harness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixAvailability {
    None,
    /// Sometimes offers a fix of at most this applicability.
    Sometimes(Applicability),
    /// Always offers a fix of this applicability.
    Always(Applicability),
}

impl FixAvailability {
    pub fn max_applicability(self) -> Option<Applicability> {
        match self {
            FixAvailability::None => None,
            FixAvailability::Sometimes(a) | FixAvailability::Always(a) => Some(a),
        }
    }

    pub fn describe(self) -> String {
        match self {
            FixAvailability::None => "none".into(),
            FixAvailability::Sometimes(a) => format!("sometimes ({})", a.as_str()),
            FixAvailability::Always(a) => format!("always ({})", a.as_str()),
        }
    }
}

/// Everything the registry, the CLI and the documentation know about a rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleMeta {
    /// Stable code: family letter + digits, e.g. `A101`.
    pub code: Cow<'static, str>,
    /// Kebab-case name, e.g. `glued-toggle-label`.
    pub name: Cow<'static, str>,
    pub family: Family,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// One-line summary (the first line of *What it does*).
    pub summary: Cow<'static, str>,
    /// Markdown documentation with *What it does / Why is this bad / Example / Fix safety*.
    pub doc: Cow<'static, str>,
    /// Where the rule comes from: `built-in` or the pack file's path.
    pub origin: Cow<'static, str>,
    /// On unless ignored (most rules), or opt-in: on only when a `select` or `extend-select`
    /// names it (by code, name, prefix, family or `ALL`).
    pub default_on: bool,
    /// Can a suppression comment or a record's ignore list silence it? Not for a finding that must
    /// never pass unseen (bidirectional controls) nor for newslint's own.
    pub suppressible: bool,
}

impl RuleMeta {
    /// The severity as listings show it, with `opt-in` for a rule that is off by default.
    pub fn severity_label(&self) -> String {
        if self.default_on {
            self.severity.as_str().to_string()
        } else {
            format!("{} (opt-in)", self.severity.as_str())
        }
    }
}

/// The sections every rule's documentation must have, in order.
pub const DOC_SECTIONS: [&str; 4] = [
    "## What it does",
    "## Why is this bad",
    "## Example",
    "## Fix safety",
];

/// Is `code` a well-formed code for `family` (its letter followed by three or four digits)?
pub fn valid_code(code: &str, family: Family) -> bool {
    let mut chars = code.chars();
    chars.next() == Some(family.letter())
        && (4..=5).contains(&code.len())
        && chars.all(|c| c.is_ascii_digit())
}

/// Is `name` kebab-case (lowercase ASCII words joined by single hyphens)?
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The first paragraph under `## What it does`, on one line.
pub fn summary_of(doc: &str) -> String {
    let after = doc
        .split_once("## What it does")
        .map(|(_, rest)| rest)
        .unwrap_or(doc);
    after
        .trim_start()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        assert!(valid_code("A101", Family::Artifact));
        assert!(!valid_code("T101", Family::Artifact));
        assert!(!valid_code("A1", Family::Artifact));
        assert!(valid_name("glued-toggle-label"));
        assert!(!valid_name("Glued_toggle"));
        assert!(!valid_name("a--b"));
    }

    #[test]
    fn summary() {
        assert_eq!(
            summary_of("## What it does\nFinds\nthings.\n\n## Why"),
            "Finds things."
        );
    }
}
