//! `newslint.toml`: rule selection, severities, rule options, per-path overrides and extra packs.
//!
//! Every key is optional; unknown keys, wrong types and unknown rule selectors are errors reported at
//! their place in the file.
//!
//! ```toml
//! select = ["artifact", "T"]          # codes, names, code prefixes, families or "ALL"
//! ignore = ["A204"]
//! packs = ["house-style.toml"]        # relative to this file
//! exclude = ["drafts/**"]             # skipped when walking (and with --force-exclude)
//! [severity]
//! follow-prompt = "error"
//! [rules.glued-toggle-label]
//! min-stem = 4
//! extend-unsafe-fixes = ["A206"]     # apply these rules' fixes only with --unsafe-fixes
//! [[overrides]]
//! files = ["wire/**"]
//! ignore = ["sourcing"]
//! ```

pub mod template;

use crate::error::SourceError;
use crate::rule::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const CONFIG_FILE: &str = "newslint.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    pub select: Option<Vec<Spanned<String>>>,
    /// Rules turned on in addition to `select` (or to the default set): opt-in rules, mostly.
    #[serde(default)]
    pub extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    #[serde(default)]
    pub packs: Vec<Spanned<String>>,
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Severity>,
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Spanned<toml::Table>>,
    #[serde(default)]
    pub overrides: Vec<RawOverride>,
    /// Files to check when walking directories (globs relative to this file); default: the text and
    /// JSON Lines extensions.
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    /// Files and directories to skip (globs relative to this file).
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Rules whose unsafe fixes are treated as safe.
    #[serde(default)]
    pub extend_safe_fixes: Vec<Spanned<String>>,
    /// Rules whose safe fixes are treated as unsafe.
    #[serde(default)]
    pub extend_unsafe_fixes: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawOverride {
    pub files: Vec<Spanned<String>>,
    pub select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Severity>,
}

/// A loaded config file, kept with its text so later checks (selectors, options) can point into it.
#[derive(Debug, Default)]
pub struct Config {
    pub raw: RawConfig,
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// The file's text (empty for the default config).
    pub source: String,
}

impl Config {
    pub fn parse(path: &Path, source: String) -> Result<Self, SourceError> {
        let name = path.display().to_string();
        let raw: RawConfig =
            toml::from_str(&source).map_err(|e| SourceError::from_toml(&name, &source, &e))?;
        Ok(Self {
            raw,
            path: Some(path.to_path_buf()),
            source,
        })
    }

    pub fn load(path: &Path) -> Result<Self, ConfigLoadError> {
        let source = crate::source::read_text_file(path)
            .map_err(|e| ConfigLoadError::Io(path.to_path_buf(), e))?;
        Self::parse(path, source).map_err(ConfigLoadError::Source)
    }

    /// Find `newslint.toml` in `start` (a file's directory or a directory) or any parent.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.is_file() {
            start.parent()?
        } else {
            start
        };
        let start = if start.as_os_str().is_empty() {
            Path::new(".")
        } else {
            start
        };
        let abs = std::path::absolute(start).ok()?;
        abs.ancestors()
            .map(|d| d.join(CONFIG_FILE))
            .find(|p| p.is_file())
    }

    /// The directory relative paths in this config are resolved against.
    pub fn base_dir(&self) -> PathBuf {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// A spanned error in this config file.
    pub fn error(
        &self,
        span: std::ops::Range<usize>,
        message: String,
        help: Option<String>,
    ) -> SourceError {
        let name = self
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<command line>".into());
        SourceError::new(&name, &self.source, span, message, help)
    }
}

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigLoadError {
    #[error("cannot read {0}: {1}")]
    #[diagnostic(code(newslint::config))]
    Io(PathBuf, std::io::Error),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(SourceError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_and_wrong_types_point_at_their_place() {
        let src = "select = [\"A\"]\ncolour = \"red\"\n";
        let e = Config::parse(Path::new("newslint.toml"), src.into()).unwrap_err();
        assert_eq!(&src[e.span.clone()], "colour");
        let src = "ignore = 3\n";
        let e = Config::parse(Path::new("newslint.toml"), src.into()).unwrap_err();
        assert_eq!(&src[e.span.clone()], "3");
        let src = "[severity]\nA101 = \"fatal\"\n";
        let e = Config::parse(Path::new("newslint.toml"), src.into()).unwrap_err();
        assert_eq!(&src[e.span.clone()], "\"fatal\"");
    }

    #[test]
    fn full_config_parses() {
        let src = r#"
select = ["ALL"]
ignore = ["A204", "sourcing"]
packs = ["house.toml"]
[severity]
follow-prompt = "error"
[rules.glued-toggle-label]
min-stem = 4
[[overrides]]
files = ["wire/**"]
ignore = ["A2"]
"#;
        let c = Config::parse(Path::new("newslint.toml"), src.into()).unwrap();
        assert_eq!(c.raw.ignore.len(), 2);
        assert_eq!(c.raw.overrides[0].files[0].get_ref(), "wire/**");
    }
}
