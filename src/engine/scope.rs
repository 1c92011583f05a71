//! Which rules run where: the selection a config sets, its per-path overrides, and the nearest
//! config's settings for each file (nested configs, as ruff and typos find them).

use super::{CliSelection, Linter, Registry, SetupError};
use crate::config::Config;
use crate::rule::{Applicability, RuleId, Severity};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Which rules are on and at what severity, for one set of files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub(super) enabled: Vec<bool>,
    pub(super) severity: Vec<Severity>,
    /// Per rule: `Some(a)` moves its safe/unsafe fixes to `a` (`extend-safe-fixes`,
    /// `extend-unsafe-fixes`).
    pub(super) fix: Vec<Option<Applicability>>,
}

impl Selection {
    pub fn is_enabled(&self, id: RuleId) -> bool {
        self.enabled[id.0 as usize]
    }
    pub fn severity(&self, id: RuleId) -> Severity {
        self.severity[id.0 as usize]
    }
    /// The applicability a rule's safe and unsafe fixes are moved to, if the config moves them.
    pub fn fix_applicability(&self, id: RuleId) -> Option<Applicability> {
        self.fix[id.0 as usize]
    }
}

#[derive(Debug)]
pub(super) struct Override {
    pub(super) globs: GlobSet,
    pub(super) select: Option<Vec<RuleId>>,
    pub(super) ignore: Vec<RuleId>,
    pub(super) severity: Vec<(Vec<RuleId>, Severity)>,
}

/// What one config sets: the selection, fix changes and per-path overrides (globs relative to
/// `root`, the config's directory).
#[derive(Debug)]
pub(super) struct Scope {
    pub(super) base: Selection,
    pub(super) overrides: Vec<Override>,
    pub(super) root: PathBuf,
}

impl Linter {
    /// The selection, fix changes and per-path overrides that `config` (with `cli` on top) sets,
    /// against `registry`.
    pub(super) fn scope_from(
        registry: &Registry,
        config: &Config,
        cli: &CliSelection,
    ) -> Result<Scope, SetupError> {
        let resolve = |sels: &[Spanned<String>]| -> Result<Vec<RuleId>, SetupError> {
            let mut out = Vec::new();
            for s in sels {
                match registry.select(s.get_ref()) {
                    Some(ids) => out.extend(ids),
                    None => {
                        return Err(config
                            .error(
                                s.span(),
                                format!("`{}` selects no rule", s.get_ref()),
                                Some(SELECTOR_HELP.into()),
                            )
                            .into());
                    }
                }
            }
            Ok(out)
        };
        let resolve_cli = |sels: &[String]| -> Result<Vec<RuleId>, SetupError> {
            let mut out = Vec::new();
            for s in sels
                .iter()
                .flat_map(|s| s.split(','))
                .filter(|s| !s.trim().is_empty())
            {
                out.extend(registry.select(s).ok_or_else(|| {
                    SetupError::Usage(format!("`{s}` selects no rule; {SELECTOR_HELP}"))
                })?);
            }
            Ok(out)
        };

        let n = registry.len();
        let mut enabled = vec![false; n];
        let selected = match (&cli.select, &config.raw.select) {
            (Some(cli_sel), _) => resolve_cli(cli_sel)?,
            (None, Some(sel)) => resolve(sel)?,
            (None, None) => registry
                .metas()
                .filter(|(_, m)| m.default_on)
                .map(|(id, _)| id)
                .collect(),
        };
        for id in selected
            .into_iter()
            .chain(resolve(&config.raw.extend_select)?)
            .chain(resolve_cli(&cli.extend_select)?)
        {
            enabled[id.0 as usize] = true;
        }
        for id in resolve(&config.raw.ignore)?
            .into_iter()
            .chain(resolve_cli(&cli.ignore)?)
        {
            enabled[id.0 as usize] = false;
        }
        let mut severity: Vec<Severity> = registry.metas().map(|(_, m)| m.severity).collect();
        for (sel, sev) in &config.raw.severity {
            for id in resolve(std::slice::from_ref(sel))? {
                severity[id.0 as usize] = *sev;
            }
        }

        let mut fix_applicability = vec![None; n];
        for id in resolve(&config.raw.extend_safe_fixes)? {
            fix_applicability[id.0 as usize] = Some(Applicability::Safe);
        }
        for id in resolve(&config.raw.extend_unsafe_fixes)? {
            fix_applicability[id.0 as usize] = Some(Applicability::Unsafe);
        }

        let mut overrides = Vec::new();
        for o in &config.raw.overrides {
            let mut b = GlobSetBuilder::new();
            for g in &o.files {
                let glob = Glob::new(g.get_ref())
                    .map_err(|e| config.error(g.span(), format!("invalid glob: {e}"), None))?;
                b.add(glob);
            }
            let globs = b.build().map_err(|e| SetupError::Usage(e.to_string()))?;
            let mut sev = Vec::new();
            for (sel, s) in &o.severity {
                sev.push((resolve(std::slice::from_ref(sel))?, *s));
            }
            overrides.push(Override {
                globs,
                select: o.select.as_deref().map(resolve).transpose()?,
                ignore: resolve(&o.ignore)?,
                severity: sev,
            });
        }
        Ok(Scope {
            base: Selection {
                enabled,
                severity,
                fix: fix_applicability,
            },
            overrides,
            root: config.base_dir(),
        })
    }

    /// The selection for a file: that of the nearest config (see [`Linter::add_nested`]), with
    /// its per-path overrides applied in order.
    pub fn selection_for(&self, path: &Path) -> std::borrow::Cow<'_, Selection> {
        let scope = self.scope_of(path);
        if scope.overrides.is_empty() {
            return std::borrow::Cow::Borrowed(&scope.base);
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::path::absolute(&scope.root).unwrap_or_else(|_| scope.root.clone());
        let rel = abs.strip_prefix(&root).unwrap_or(path);
        let mut sel = std::borrow::Cow::Borrowed(&scope.base);
        for o in &scope.overrides {
            if !o.globs.is_match(rel) {
                continue;
            }
            let s = sel.to_mut();
            if let Some(ids) = &o.select {
                s.enabled.iter_mut().for_each(|e| *e = false);
                ids.iter().for_each(|id| s.enabled[id.0 as usize] = true);
            }
            o.ignore
                .iter()
                .for_each(|id| s.enabled[id.0 as usize] = false);
            for (ids, sev) in &o.severity {
                ids.iter().for_each(|id| s.severity[id.0 as usize] = *sev);
            }
        }
        sel
    }

    /// The settings that apply to `path`: the deepest nested config above it, else the linter's.
    pub(super) fn scope_of(&self, path: &Path) -> &Scope {
        if self.nested.is_empty() && self.unconfigured.is_none() {
            return &self.scope;
        }
        let abs = lexical_absolute(path);
        if let Some((_, s)) = self.nested.iter().find(|(dir, _)| abs.starts_with(dir)) {
            return s;
        }
        match &self.unconfigured {
            Some((root, s)) if !abs.starts_with(root) => s,
            _ => &self.scope,
        }
    }

    /// Give the files outside the directory of the linter's config, which no config governs, the
    /// default settings (with `cli` on top) instead of that config's: a file's settings do not
    /// depend on which path came first.
    pub fn set_unconfigured(
        &mut self,
        root: &Config,
        cli: &CliSelection,
    ) -> Result<(), SetupError> {
        if root.path.is_none() {
            return Ok(());
        }
        let scope = Self::scope_from(&self.registry, &Config::default(), cli)?;
        self.unconfigured = Some((lexical_absolute(&root.base_dir()), scope));
        Ok(())
    }

    /// Let `config` (a `newslint.toml` other than the linter's own) govern the files under its
    /// directory, nearest config winning. It may select, ignore, set severities and overrides; a
    /// rule pack or rule options it names must be the linter's own, since every file is checked
    /// with one set of rules (an error otherwise). `root` is the linter's config, for comparing.
    pub fn add_nested(
        &mut self,
        config: &Config,
        root: &Config,
        cli: &CliSelection,
    ) -> Result<(), SetupError> {
        let Some(path) = &config.path else {
            return Ok(());
        };
        let packs = |c: &Config| -> Vec<PathBuf> {
            c.raw
                .packs
                .iter()
                .map(|p| lexical_absolute(&c.base_dir().join(p.get_ref())))
                .collect()
        };
        let options = |c: &Config| -> Vec<(String, toml::Table)> {
            c.raw
                .rules
                .iter()
                .map(|(k, v)| (k.get_ref().clone(), v.get_ref().clone()))
                .collect()
        };
        let root_name = root
            .path
            .as_ref()
            .map_or("no config".to_string(), |p| p.display().to_string());
        if packs(config) != packs(root) {
            return Err(SetupError::Usage(format!(
                "{}: its `packs` differ from those of {root_name}, which this run's rules come from; a nested config can select, ignore and set severities, but every file is checked with one set of rules (check the two trees in separate runs, or give both the same packs)",
                path.display()
            )));
        }
        if options(config) != options(root) {
            return Err(SetupError::Usage(format!(
                "{}: its `[rules]` options differ from those of {root_name}; a nested config can select, ignore and set severities, but rule options are set once per run (check the two trees in separate runs, or give both the same options)",
                path.display()
            )));
        }
        let scope = Self::scope_from(&self.registry, config, cli)?;
        let dir = lexical_absolute(&config.base_dir());
        self.nested.retain(|(d, _)| *d != dir);
        self.nested.push((dir, scope));
        self.nested
            .sort_by_key(|(d, _)| std::cmp::Reverse(d.components().count()));
        Ok(())
    }
}

const SELECTOR_HELP: &str = "a selector is `ALL`, a family (`artifact`, `translation`, `sourcing`, `names`, `encoding`), a rule code (`A101`), a rule name, or a code prefix (`A2`)";

/// `p` made absolute against the working directory, `.` and `..` resolved by name.
pub(crate) fn lexical_absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}
