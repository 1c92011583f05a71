//! The commented `newslint.toml` that `newslint init` writes.
//!
//! As written it changes nothing: every setting is commented out, showing its default or an
//! example. A commented-out setting is a line that starts with `#` and no space (`#select = …`,
//! `#[severity]`); prose comments start with `# `. Uncommenting any block of settings (a run of
//! such lines) gives a valid config: the test suite does it for each block, and for all at once.

/// The text of a new `newslint.toml`.
pub fn template() -> String {
    let (_, threshold) = crate::rules::artifact::furniture_model::fitted();
    TEMPLATE.replace("{threshold}", &format!("{threshold:?}"))
}

const TEMPLATE: &str = r##"# newslint.toml: configuration for newslint, written by `newslint init`.
#
# newslint uses the first newslint.toml found walking up from the first path it checks (or the
# file given with --config; --isolated ignores every config). As written, this file changes
# nothing: every setting below is commented out and shows its default or an example. Remove the
# leading `#` of a setting to use it. Unknown keys, wrong types and selectors that name no rule
# are errors, shown at their place in this file.
#
# A rule selector is "ALL", a family ("artifact", "translation", "sourcing", "names",
# "encoding", "newslint"), a code ("A101"), a name ("glued-toggle-label") or a code prefix
# ("A2"). `newslint rules` lists every rule; `newslint rule CODE` prints one's documentation.
# Paths and globs are relative to the directory of this file.

# Which rules run. Replaced by --select. Default: every rule except the opt-in ones (those that
# `newslint rules` shows as "info (opt-in)", today T120).
#select = ["ALL"]

# Rules run in addition to `select` (or to the default set): how opt-in rules are turned on.
# Added to by --extend-select. Default: none.
#extend-select = ["machine-translated-profile"]

# Rules that do not run, whatever `select` and `extend-select` say. Added to by --ignore.
# Default: none. For example, a corpus that keeps no-break spaces on purpose:
#ignore = ["nbsp-between-words"]

# Extra rule packs (TOML files of declarative rules, see the README's "Rule packs"), loaded
# after the bundled ones. Test one with `newslint pack test FILE`. Default: none.
#packs = ["house-style.toml"]

# The files checked when walking a directory. Default: plain text (.txt, .text, .md) and JSON
# Lines (.jsonl, .ndjson, also compressed .gz and .zst). A file named on the command line is
# always checked.
#include = ["**/*.txt", "**/*.md", "**/*.jsonl"]

# Files and directories skipped when walking a directory (and, with --force-exclude, when named
# on the command line too). .gitignore and .ignore are honoured as well. Default: none.
#exclude = ["drafts/**"]

# Rules whose unsafe fixes `--fix` applies as if they were safe. Default: none.
#extend-safe-fixes = ["trailing-menu"]

# Rules whose safe fixes are applied only with --unsafe-fixes. Default: none.
#extend-unsafe-fixes = ["fullscreen-prefix"]

# The severity of the rules a selector names: "error", "warning" or "info" (info findings never
# fail a check). Default: each rule's own, as `newslint rules` lists it.
#[severity]
#follow-prompt = "error"
#sourcing = "warning"

# Rule options, one table per rule (by name or code). Each shows its default.

# glued-toggle-label (A101): the shortest shared stem that counts as the same word (1 to 20).
#[rules.glued-toggle-label]
#min-stem = 3

# trailing-menu (A102): how many menu-like lines make a block (2 to 50).
#[rules.trailing-menu]
#min-lines = 3

# blank-line-run (A103): the longest run of blank lines that is left alone (1 to 100).
#[rules.blank-line-run]
#max-blank-lines = 1

# furniture-line (A106): the probability from which the learned model reports a line (0.0 to
# 1.0; lower finds more and is wrong more often).
#[rules.furniture-line]
#threshold = {threshold}

# corpus-boilerplate (A107): a line is boilerplate when at least `min-documents` documents of
# one source, and at least `min-share` of that source's documents, hold it (2 or more; 0.0 to
# 1.0).
#[rules.corpus-boilerplate]
#min-documents = 5
#min-share = 0.2

# comment-thread (A108): how many comment signatures in a row make a thread (2 to 50).
#[rules.comment-thread]
#min-signatures = 3

# The sourcing rules hedged-passive (S101), unsourced-figure (S102), unattributed-speculation
# (S105), weasel-words (S106) and unattributed-reputation (S107) take the same two options:
# `carry-over = "sentence"` counts only attribution in the claim's own sentence; "paragraph"
# also counts the sentences within `carry-over-window` of it (1: the previous and the next), in
# its paragraph, never across a blank line.
#[rules.hedged-passive]
#carry-over = "paragraph"
#carry-over-window = 1

# Per-path changes, applied in order to the files their globs match. Each may set `select`
# (replacing the selection for those files), `ignore` and a `severity` table. Default: none.
#[[overrides]]
#files = ["wire/**"]
#ignore = ["sourcing"]
#[overrides.severity]
#A2 = "info"
"##;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn the_template_parses_and_sets_nothing() {
        let text = template();
        assert!(!text.contains("{threshold}"));
        let c = Config::parse(Path::new("newslint.toml"), text).unwrap();
        assert!(c.raw.select.is_none());
        assert!(c.raw.rules.is_empty() && c.raw.overrides.is_empty());
        assert!(c.raw.severity.is_empty() && c.raw.ignore.is_empty());
    }

    #[test]
    fn the_threshold_shown_is_the_fitted_one() {
        let (_, threshold) = crate::rules::artifact::furniture_model::fitted();
        let line = template()
            .lines()
            .find_map(|l| l.strip_prefix("#threshold = ").map(str::to_string))
            .unwrap();
        assert_eq!(line.parse::<f64>().unwrap() as f32, threshold);
    }
}
