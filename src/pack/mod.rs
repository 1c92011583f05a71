//! Declarative rule packs: TOML files of `existence` and `substitution` rules, with inline examples.
//!
//! A pack is parsed with spans kept, so every problem (bad TOML, unknown key, bad regex, duplicate
//! code, an invalid code or name) is reported by miette at the exact place in the pack file.

pub mod examples;
mod matcher;

pub use matcher::PhraseEngine;

use crate::error::SourceError;
use crate::rule::{
    Applicability, Family, FixAvailability, Lexicon, RuleMeta, Severity, valid_code, valid_name,
};
use serde::Deserialize;
use std::borrow::Cow;
use toml::Spanned;

/// The packs shipped inside the binary (the files in the repository's `rules/` folder).
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "rules/furniture.toml",
        include_str!("../../rules/furniture.toml"),
    ),
    (
        "rules/metadata.toml",
        include_str!("../../rules/metadata.toml"),
    ),
    (
        "rules/translation.toml",
        include_str!("../../rules/translation.toml"),
    ),
    (
        "rules/sourcing.toml",
        include_str!("../../rules/sourcing.toml"),
    ),
    ("rules/names.toml", include_str!("../../rules/names.toml")),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    pack: Option<PackHeader>,
    #[serde(default)]
    rule: Vec<RuleDef>,
    /// Word lists and tables that built-in rules read (attribution verbs, outlets, gazetteer
    /// entries): each key holds an array, and the arrays of every pack are appended.
    #[serde(default)]
    lexicon: std::collections::BTreeMap<String, Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read for validation and documentation
struct PackHeader {
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Existence,
    Substitution,
}

/// Where a match must sit to count.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Anywhere, on word boundaries.
    #[default]
    Anywhere,
    /// The match is the whole line (surrounding whitespace and a trailing `:` aside).
    Line,
    /// The match starts a line.
    LineStart,
    /// Anywhere except at the start of a line: furniture glued to the text before it.
    Inline,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FixAction {
    /// Delete the whole line the match is on, terminator included.
    DeleteLine,
    /// Delete the match itself (and the spaces after it when it opens the line).
    Delete,
    /// Replace with the substitution's right-hand side (substitution rules).
    Replace,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleDef {
    code: Spanned<String>,
    name: Spanned<String>,
    family: Family,
    kind: Kind,
    #[serde(default = "default_severity")]
    severity: Severity,
    message: String,
    help: Option<String>,
    description: Spanned<String>,
    why: String,
    #[serde(default)]
    scope: Scope,
    #[serde(default = "yes")]
    ignore_case: bool,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    regex: Vec<Spanned<String>>,
    #[serde(default)]
    swap: Vec<Spanned<(String, String)>>,
    fix: Option<FixAction>,
    fix_applicability: Option<Applicability>,
    examples: Spanned<Examples>,
}

#[derive(Debug, Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts on which the rule must report at least once.
    #[serde(default)]
    pub flag: Vec<String>,
    /// Texts on which the rule must stay silent.
    #[serde(default)]
    pub pass: Vec<String>,
}

fn default_severity() -> Severity {
    Severity::Warning
}
fn yes() -> bool {
    true
}

/// One compiled pack rule.
#[derive(Debug, Clone)]
pub struct PackRule {
    pub meta: RuleMeta,
    pub kind: Kind,
    pub scope: Scope,
    pub message: String,
    pub help: Option<String>,
    pub ignore_case: bool,
    pub phrases: Vec<String>,
    /// Compiled once at load, all of the rule's regexes in one alternation: multi-line for
    /// `anywhere` and `inline` rules; anchored at the start of the line's text for `line` and
    /// `line-start` rules, which run on one line at a time.
    pub regexes: Vec<regex::Regex>,
    pub swaps: Vec<(String, String)>,
    pub fix: Option<(FixAction, Applicability)>,
    pub examples: Examples,
}

/// Parse a pack file. `path` is used for messages and the rule's origin.
///
/// `taken` holds the codes and names already registered (built-in rules and earlier packs); a rule
/// that reuses one is an error at its `code` or `name`, and its own are added on success.
pub fn parse_pack(
    path: &str,
    src: &str,
    taken: &mut std::collections::HashSet<String>,
) -> Result<Vec<PackRule>, SourceError> {
    parse_pack_into(path, src, taken, &mut Lexicon::default())
}

/// [`parse_pack`], also appending the pack's `[lexicon]` arrays to `lexicon`.
pub fn parse_pack_into(
    path: &str,
    src: &str,
    taken: &mut std::collections::HashSet<String>,
    lexicon: &mut Lexicon,
) -> Result<Vec<PackRule>, SourceError> {
    let file: PackFile = toml::from_str(src).map_err(|e| SourceError::from_toml(path, src, &e))?;
    let err = |span: std::ops::Range<usize>, msg: String, help: Option<String>| {
        SourceError::new(path, src, span, msg, help)
    };
    let _ = file.pack;
    for (key, value) in file.lexicon {
        let span = value.span();
        match value.into_inner() {
            toml::Value::Array(items) => lexicon.append(&key, items),
            _ => {
                return Err(err(
                    span,
                    format!("lexicon entry `{key}` is not an array"),
                    Some("write `key = [\"word\", ...]` or `[[lexicon.key]]` tables".into()),
                ));
            }
        }
    }
    let mut out = Vec::with_capacity(file.rule.len());
    for def in file.rule {
        if !valid_code(def.code.get_ref(), def.family) {
            return Err(err(
                def.code.span(),
                format!(
                    "invalid code `{}` for family `{}`",
                    def.code.get_ref(),
                    def.family
                ),
                Some(format!(
                    "codes are the family letter `{}` followed by three or four digits",
                    def.family.letter()
                )),
            ));
        }
        if !valid_name(def.name.get_ref()) {
            return Err(err(
                def.name.span(),
                format!("invalid rule name `{}`", def.name.get_ref()),
                Some("names are kebab-case: lowercase words joined by hyphens".into()),
            ));
        }
        for key in [&def.code, &def.name] {
            if !taken.insert(key.get_ref().clone()) {
                return Err(err(
                    key.span(),
                    format!("duplicate rule code or name `{}`", key.get_ref()),
                    Some("every rule needs its own code and name; pick unused ones (`newslint rules` lists them)".into()),
                ));
            }
        }
        if def.description.get_ref().trim().is_empty() {
            return Err(err(
                def.description.span(),
                "empty description".into(),
                None,
            ));
        }
        match def.kind {
            Kind::Existence if def.phrases.is_empty() && def.regex.is_empty() => {
                return Err(err(
                    def.code.span(),
                    format!(
                        "existence rule `{}` has no `phrases` and no `regex`",
                        def.name.get_ref()
                    ),
                    None,
                ));
            }
            Kind::Substitution if def.swap.is_empty() => {
                return Err(err(
                    def.code.span(),
                    format!(
                        "substitution rule `{}` has no `swap` pairs",
                        def.name.get_ref()
                    ),
                    Some("write `swap = [[\"wrong\", \"right\"]]`".into()),
                ));
            }
            _ => {}
        }
        for p in &def.phrases {
            if p.get_ref().trim().is_empty() {
                return Err(err(p.span(), "empty phrase".into(), None));
            }
        }
        for s in &def.swap {
            if s.get_ref().0.trim().is_empty() {
                return Err(err(s.span(), "empty left-hand side in `swap`".into(), None));
            }
        }
        // Each regex is checked on its own (cheap: parse only) so an error points at it; then a
        // rule's regexes are compiled into one alternation, one pass over the text per rule.
        for r in &def.regex {
            if let Err(e) = regex_syntax::ParserBuilder::new()
                .build()
                .parse(r.get_ref())
            {
                let why = e.to_string();
                let why = why.lines().last().unwrap_or_default().trim().to_string();
                return Err(err(
                    r.span(),
                    "invalid regular expression".into(),
                    Some(why),
                ));
            }
        }
        let regexes: Vec<regex::Regex> = if def.regex.is_empty() {
            Vec::new()
        } else {
            let joined = def
                .regex
                .iter()
                .map(|r| format!("(?:{})", r.get_ref()))
                .collect::<Vec<_>>()
                .join("|");
            match compile_regex(&joined, def.ignore_case, def.scope) {
                Ok(re) => vec![re],
                Err(e) => {
                    let why = e.to_string();
                    let why = why.lines().last().unwrap_or_default().trim().to_string();
                    return Err(err(
                        def.regex[0].span(),
                        "invalid regular expression".into(),
                        Some(why),
                    ));
                }
            }
        };
        if let Some(FixAction::Replace) = def.fix
            && def.kind != Kind::Substitution
        {
            return Err(err(
                def.code.span(),
                "`fix = \"replace\"` needs a substitution rule".into(),
                None,
            ));
        }
        let applicability = def.fix.map(|action| {
            def.fix_applicability.unwrap_or(match action {
                FixAction::DeleteLine => Applicability::Safe,
                FixAction::Delete | FixAction::Replace => Applicability::Unsafe,
            })
        });
        let fix = def.fix.zip(applicability);
        let examples = def.examples.get_ref().clone();
        if examples.flag.is_empty() {
            return Err(err(
                def.examples.span(),
                format!(
                    "rule `{}` needs at least one `flag` example",
                    def.name.get_ref()
                ),
                None,
            ));
        }
        let swaps: Vec<(String, String)> = def.swap.iter().map(|s| s.get_ref().clone()).collect();
        let doc = render_doc(&def, &examples, fix);
        out.push(PackRule {
            meta: RuleMeta {
                code: Cow::Owned(def.code.get_ref().clone()),
                name: Cow::Owned(def.name.get_ref().clone()),
                family: def.family,
                severity: def.severity,
                fix: match fix {
                    None => FixAvailability::None,
                    Some((FixAction::Replace, a)) => FixAvailability::Sometimes(a),
                    Some((_, a)) => FixAvailability::Always(a),
                },
                summary: Cow::Owned(
                    def.description
                        .get_ref()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                doc: Cow::Owned(doc),
                origin: Cow::Owned(path.to_string()),
                default_on: true,
                suppressible: true,
            },
            kind: def.kind,
            scope: def.scope,
            message: def.message,
            help: def.help,
            ignore_case: def.ignore_case,
            phrases: def.phrases.into_iter().map(Spanned::into_inner).collect(),
            regexes,
            swaps,
            fix,
            examples,
        });
    }
    Ok(out)
}

/// The `[pack] name` of a pack's text, if it parses as TOML and has one (the full check of the
/// pack is [`parse_pack`]'s).
pub fn pack_name(src: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(src).ok()?;
    Some(table.get("pack")?.get("name")?.as_str()?.to_string())
}

/// Compile a pack regex with the rule's case setting and scope applied.
fn compile_regex(
    pattern: &str,
    ignore_case: bool,
    scope: Scope,
) -> Result<regex::Regex, regex::Error> {
    let case = if ignore_case { "i" } else { "-i" };
    let full = match scope {
        Scope::Anywhere | Scope::Inline => format!("(?mR)(?{case}:{pattern})"),
        Scope::Line | Scope::LineStart => format!(r"\A(?{case}:{pattern})"),
    };
    regex::RegexBuilder::new(&full).size_limit(1 << 22).build()
}

/// Documentation for a pack rule, with the same sections as a built-in rule's.
fn render_doc(def: &RuleDef, ex: &Examples, fix: Option<(FixAction, Applicability)>) -> String {
    let mut doc = format!(
        "## What it does\n{}\n\n## Why is this bad\n{}\n\n## Example\n",
        def.description.get_ref().trim(),
        def.why.trim()
    );
    for f in &ex.flag {
        doc.push_str(&format!("```text\n{f}\n```\n"));
    }
    if !ex.pass.is_empty() {
        doc.push_str("Not flagged:\n");
        for p in &ex.pass {
            doc.push_str(&format!("```text\n{p}\n```\n"));
        }
    }
    doc.push_str("\n## Fix safety\n");
    doc.push_str(&match fix {
        None => "No fix is offered.".to_string(),
        Some((FixAction::DeleteLine, a)) => format!(
            "The line the match is on is deleted ({}): the rule only matches where the line holds nothing of the article.",
            a.as_str()
        ),
        Some((FixAction::Delete, a)) => format!(
            "The match is deleted, with the spaces after it when it opens the line ({}).",
            a.as_str()
        ),
        Some((FixAction::Replace, a)) => {
            format!("The match is replaced by its right spelling ({}).", a.as_str())
        }
    });
    doc.push_str(&format!(
        "\n\n## Pack\nKind `{}`, scope `{}`.",
        match def.kind {
            Kind::Existence => "existence",
            Kind::Substitution => "substitution",
        },
        match def.scope {
            Scope::Anywhere => "anywhere",
            Scope::Line => "line",
            Scope::LineStart => "line-start",
            Scope::Inline => "inline",
        }
    ));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[pack]
name = "t"

[[rule]]
code = "A901"
name = "demo"
family = "artifact"
kind = "existence"
message = "demo"
description = "Finds demo."
why = "Because."
phrases = ["click here"]
examples = { flag = ["Please click here."], pass = ["Click on the map."] }
"#;

    #[test]
    fn parses_a_pack() {
        let rules = parse_pack("t.toml", GOOD, &mut Default::default()).unwrap();
        assert_eq!(rules[0].meta.code, "A901");
        assert!(rules[0].meta.doc.contains("## Fix safety"));
    }

    #[test]
    fn pack_name_reads_the_header_only() {
        assert_eq!(pack_name(GOOD).as_deref(), Some("t"));
        assert_eq!(pack_name("[[rule]]\ncode = \"A901\"\n"), None);
        assert_eq!(pack_name("[pack\n"), None);
    }

    #[test]
    fn errors_point_into_the_pack() {
        let bad = GOOD.replace("phrases = [\"click here\"]", "regex = ['(unclosed']");
        let e = parse_pack("t.toml", &bad, &mut Default::default()).unwrap_err();
        assert_eq!(&bad[e.span.clone()], "'(unclosed'");

        let bad = GOOD.replace("kind = \"existence\"", "kind = \"existence\"\ncolour = 1");
        let e = parse_pack("t.toml", &bad, &mut Default::default()).unwrap_err();
        assert!(e.message.contains("colour"), "{}", e.message);
        assert_eq!(&bad[e.span.clone()], "colour");

        let bad = GOOD.replace("\"A901\"", "\"T901\"");
        let e = parse_pack("t.toml", &bad, &mut Default::default()).unwrap_err();
        assert_eq!(&bad[e.span.clone()], "\"T901\"");

        let mut taken = std::collections::HashSet::from(["A901".to_string()]);
        let e = parse_pack("t.toml", GOOD, &mut taken).unwrap_err();
        assert!(e.message.contains("duplicate"));
        assert_eq!(&GOOD[e.span.clone()], "\"A901\"");
    }
}
