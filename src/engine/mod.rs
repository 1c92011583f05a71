//! The engine: which rules run where (selection, severities, per-path overrides) and running them.
//!
//! [`Linter::check`] is the I/O-free core: text (or a decoded source) in, sorted diagnostics out.

mod registry;
pub mod suppress;

pub use registry::{PackSource, Registry};

use crate::config::Config;
use crate::document::Document;
use crate::error::SourceError;
use crate::rule::{
    Applicability, CorpusRule, CorpusState, Diagnostic, DocId, Revisit, RuleId, Severity, Sink,
};
use crate::source::SourceText;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Which rules are on and at what severity, for one set of files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    enabled: Vec<bool>,
    severity: Vec<Severity>,
    /// Per rule: `Some(a)` moves its safe/unsafe fixes to `a` (`extend-safe-fixes`,
    /// `extend-unsafe-fixes`).
    fix: Vec<Option<Applicability>>,
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
struct Override {
    globs: GlobSet,
    select: Option<Vec<RuleId>>,
    ignore: Vec<RuleId>,
    severity: Vec<(Vec<RuleId>, Severity)>,
}

/// Selection changes given on the command line, applied on top of the config.
#[derive(Debug, Default, Clone)]
pub struct CliSelection {
    /// Replaces the config's `select`.
    pub select: Option<Vec<String>>,
    /// Added to the config's `ignore`.
    pub ignore: Vec<String>,
    /// Added to the selection (the config's `extend-select` too).
    pub extend_select: Vec<String>,
    /// Extra packs, loaded after the config's.
    pub packs: Vec<PathBuf>,
}

/// What one config sets: the selection, fix changes and per-path overrides (globs relative to
/// `root`, the config's directory).
#[derive(Debug)]
struct Scope {
    base: Selection,
    overrides: Vec<Override>,
    root: PathBuf,
}

/// A configured linter: the registry plus the resolved selection.
pub struct Linter {
    registry: Registry,
    /// The settings of the config the linter was made from (the first path's): the selection of
    /// every file no other config is nearer to, and the corpus rules'.
    scope: Scope,
    /// Nearer configs' settings, by the absolute directory they apply under, deepest first
    /// (nearest wins, as in ruff).
    nested: Vec<(PathBuf, Scope)>,
    /// With a config of its own, the settings of files under no config at all: the defaults
    /// (see [`Linter::set_unconfigured`]), under the absolute directory of the linter's config.
    unconfigured: Option<(PathBuf, Scope)>,
    /// Corpus states keep what an index needs (see [`Linter::set_exporting`]).
    exporting: bool,
    /// The rule that reports unused suppressions (absent from a custom registry).
    unused_suppression: Option<RuleId>,
    /// Findings below this severity are dropped (`--severity-min`).
    min_severity: Severity,
}

/// An error while setting up the linter: a bad config, pack or selector.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SetupError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(#[from] SourceError),
    #[error("{0}")]
    #[diagnostic(code(newslint::usage))]
    Usage(String),
}

impl Linter {
    /// Every rule on, default severities, no config.
    pub fn new() -> Self {
        Self::from_config(&Config::default(), &CliSelection::default())
            .expect("the default setup is valid")
    }

    /// A linter over a custom registry (tests, embedding) with every rule on.
    pub fn with_registry(registry: Registry) -> Self {
        let base = Selection {
            enabled: vec![true; registry.len()],
            severity: registry.metas().map(|(_, m)| m.severity).collect(),
            fix: vec![None; registry.len()],
        };
        let scope = Scope {
            base,
            overrides: Vec::new(),
            root: PathBuf::from("."),
        };
        Self::with_scope(registry, scope)
    }

    /// A linter over `registry` governed by `scope`, with no nested config.
    fn with_scope(registry: Registry, scope: Scope) -> Self {
        Self {
            scope,
            nested: Vec::new(),
            unconfigured: None,
            exporting: false,
            unused_suppression: registry_unused(&registry),
            min_severity: Severity::Info,
            registry,
        }
    }

    pub fn from_config(config: &Config, cli: &CliSelection) -> Result<Self, SetupError> {
        let base_dir = config.base_dir();
        let mut packs = Vec::new();
        for p in &config.raw.packs {
            let path = base_dir.join(p.get_ref());
            let text = std::fs::read_to_string(&path).map_err(|e| {
                config.error(
                    p.span(),
                    format!("cannot read pack {}: {e}", path.display()),
                    None,
                )
            })?;
            packs.push(PackSource {
                path: path.display().to_string(),
                text,
            });
        }
        for path in &cli.packs {
            let text = std::fs::read_to_string(path).map_err(|e| {
                SetupError::Usage(format!("cannot read pack {}: {e}", path.display()))
            })?;
            packs.push(PackSource {
                path: path.display().to_string(),
                text,
            });
        }
        Self::from_registry(Registry::new(&packs)?, config, cli)
    }

    /// A linter over `registry` (its packs already loaded: the `packs` of `config` and `cli` are
    /// not read), with the rule options, selection, severities and overrides of `config` and
    /// `cli`. With the default config and selection, as [`Linter::new`] but for the registry.
    pub fn from_registry(
        mut registry: Registry,
        config: &Config,
        cli: &CliSelection,
    ) -> Result<Self, SetupError> {
        // Rule options.
        for (key, table) in &config.raw.rules {
            let Some(id) = registry.find(key.get_ref()) else {
                return Err(config
                    .error(
                        key.span(),
                        format!("unknown rule `{}`", key.get_ref()),
                        Some("`newslint rules` lists them".into()),
                    )
                    .into());
            };
            if let Some((_, rule)) = registry.corpus_mut().iter_mut().find(|(i, _)| *i == id) {
                rule.configure(table.get_ref())
                    .map_err(|msg| config.error(table.span(), msg, None))?;
                continue;
            }
            let Some((_, rule)) = registry.builtin_mut().iter_mut().find(|(i, _)| *i == id) else {
                return Err(config
                    .error(
                        key.span(),
                        format!("rule `{}` takes no options", key.get_ref()),
                        None,
                    )
                    .into());
            };
            rule.configure(table.get_ref())
                .map_err(|msg| config.error(table.span(), msg, None))?;
        }

        let scope = Self::scope_from(&registry, config, cli)?;
        Ok(Self::with_scope(registry, scope))
    }

    /// The selection, fix changes and per-path overrides that `config` (with `cli` on top) sets,
    /// against `registry`.
    fn scope_from(
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

    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The rule that reports unused suppressions, when the registry has it.
    pub fn unused_suppression_rule(&self) -> Option<RuleId> {
        self.unused_suppression
    }

    /// Report (and fix) only findings of at least this severity (`--severity-min`). A finding
    /// below it is dropped after suppressions were judged, so a suppression of it is still used.
    pub fn set_min_severity(&mut self, min: Severity) {
        self.min_severity = min;
    }

    /// The selection with no per-path override applied.
    pub fn base_selection(&self) -> &Selection {
        &self.scope.base
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
    fn scope_of(&self, path: &Path) -> &Scope {
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

    /// Lint a text with the base selection.
    pub fn check_text(&self, text: &str) -> Vec<Diagnostic> {
        let doc = Document::new(text);
        self.check_document(&doc, &self.scope.base)
    }

    /// Lint a decoded source with a selection (decoding findings included).
    pub fn check_source(&self, source: &SourceText, selection: &Selection) -> Vec<Diagnostic> {
        let doc = Document::with_source(source);
        self.check_document(&doc, selection)
    }

    /// Run every enabled per-document rule over one segmented document. Sorted by span, then code.
    pub fn check_document(&self, doc: &Document<'_>, selection: &Selection) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (id, rule) in self.registry.builtin() {
            if selection.is_enabled(*id) {
                rule.check(doc, &mut Sink::new(*id, &mut out));
            }
        }
        self.registry
            .phrases()
            .check(doc, &|id| selection.is_enabled(id), &mut out);
        for d in &mut out {
            d.severity = selection.severity(d.rule);
            if let (Some(to), Some(fix)) = (selection.fix_applicability(d.rule), &mut d.fix)
                && fix.applicability != Applicability::DisplayOnly
            {
                fix.applicability = to;
            }
        }
        self.sort(&mut out);
        out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
        self.one_artifact_finding_per_place(&mut out);
        let mut sup = self.suppressions(doc.text());
        self.suppress(&mut sup, &mut out);
        let before = out.len();
        self.unused_suppressions(&sup, selection, &mut out);
        if out.len() > before {
            self.sort(&mut out);
        }
        if self.min_severity > Severity::Info {
            out.retain(|d| d.severity >= self.min_severity);
        }
        out
    }

    /// Sort findings by span, then code.
    fn sort(&self, out: &mut [Diagnostic]) {
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &self.registry.meta(a.rule).code).cmp(&(
                b.span.start,
                b.span.end,
                &self.registry.meta(b.rule).code,
            ))
        });
    }

    /// Two artifact findings that overlap describe one piece of furniture: keep the stronger
    /// (a precise rule over the learned classifier, then the more trusted fix, the higher
    /// severity, the longer span, the lower code). A comment thread holds whatever furniture its
    /// comments carry: it stays, and the artifact findings inside it go. `out` is sorted by span.
    fn one_artifact_finding_per_place(&self, out: &mut Vec<Diagnostic>) {
        let registry = &self.registry;
        let is_artifact =
            |d: &Diagnostic| registry.meta(d.rule).family == crate::rule::Family::Artifact;
        let is_thread = |d: &Diagnostic| {
            registry.meta(d.rule).name == crate::rules::artifact::comment_thread::NAME
        };
        if let Some(thread) = out.iter().find(|d| is_thread(d)).map(|d| d.span) {
            out.retain(|d| {
                is_thread(d)
                    || !(is_artifact(d) && thread.start <= d.span.start && d.span.end <= thread.end)
            });
        }
        let strength = |d: &Diagnostic| {
            let meta = registry.meta(d.rule);
            (
                meta.name != crate::rules::artifact::furniture_line::NAME,
                d.fix.as_ref().map(|f| f.applicability),
                d.severity,
                d.span.len(),
                std::cmp::Reverse(meta.code.as_ref()),
            )
        };
        let mut keep = vec![true; out.len()];
        let mut last: Option<usize> = None;
        for i in 0..out.len() {
            if !is_artifact(&out[i]) || is_thread(&out[i]) {
                continue;
            }
            match last {
                Some(j) if out[i].span.start < out[j].span.end => {
                    if strength(&out[i]) > strength(&out[j]) {
                        keep[j] = false;
                        last = Some(i);
                    } else {
                        keep[i] = false;
                    }
                }
                _ => last = Some(i),
            }
        }
        let mut k = keep.into_iter();
        out.retain(|_| k.next().unwrap_or(true));
    }

    /// Lint a decoded source and let the corpus rules observe it as a document of `origin` (its
    /// source: an outlet, a site, a directory), segmenting it once.
    pub fn check_source_observed(
        &self,
        source: &SourceText,
        selection: &Selection,
        id: DocId,
        origin: &str,
        states: &mut CorpusStates,
    ) -> Vec<Diagnostic> {
        let doc = Document::with_source(source);
        states.observe_from(id, &doc, origin);
        self.check_document(&doc, selection)
    }

    /// The corpus rules enabled by the base selection.
    fn enabled_corpus(&self) -> impl Iterator<Item = &(RuleId, Box<dyn CorpusRule>)> {
        self.registry
            .corpus()
            .iter()
            .filter(|(id, _)| self.scope.base.is_enabled(*id))
    }

    /// Is any corpus rule enabled (its findings come only once every document is seen)?
    pub fn has_corpus_rules(&self) -> bool {
        self.enabled_corpus().next().is_some()
    }

    /// Fresh partial states for every enabled corpus rule (one set per worker).
    pub fn corpus_states(&self) -> CorpusStates {
        CorpusStates(
            self.enabled_corpus()
                .map(|(id, r)| {
                    let mut st = r.new_state();
                    if self.exporting {
                        st.keep_for_export();
                    }
                    (*id, st)
                })
                .collect(),
        )
    }

    /// Make the corpus states of this linter keep what a corpus index needs (`newslint index`).
    pub fn set_exporting(&mut self, exporting: bool) {
        self.exporting = exporting;
    }

    /// Merge a corpus index written by [`CorpusStates::export`] into a run's merged states, so
    /// that the files checked are judged against the indexed corpus. What the files for which
    /// `skip` is true contributed to the index is left out (they are checked again). A rule the
    /// index does not cover is left as it is.
    pub fn merge_corpus_index(
        &self,
        states: &mut CorpusStates,
        index: &[u8],
        skip: &dyn Fn(&str) -> bool,
    ) -> Result<(), String> {
        let parts = read_index_parts(index)?;
        for (id, st) in &mut states.0 {
            let code = &self.registry.meta(*id).code;
            let Some((_, payload)) = parts.iter().find(|(c, _)| c == code) else {
                continue;
            };
            let Some((_, rule)) = self.registry.corpus().iter().find(|(i, _)| i == id) else {
                continue;
            };
            rule.import(payload, skip, st.as_mut())
                .map_err(|e| format!("{code}: {e}"))?;
        }
        Ok(())
    }

    /// Finish merged corpus states: the findings known now (sorted by document, then span, then
    /// rule), and the second pass of the rules that report in one (see [`CorpusState::plan`]).
    pub fn finish_corpus(&self, states: CorpusStates) -> (Vec<(DocId, Diagnostic)>, SecondPass) {
        let mut second = SecondPass {
            states: Vec::new(),
            severities: Vec::new(),
            revisit: None,
            min_severity: self.min_severity,
        };
        let mut out: Vec<(DocId, Diagnostic)> = Vec::new();
        for (id, mut st) in states.0 {
            match st.plan() {
                Some(r) => {
                    second.revisit = Some(match second.revisit.take() {
                        None => r,
                        Some(prev) => prev.union(r),
                    });
                    second.severities.push((id, self.scope.base.severity(id)));
                    second.states.push((id, st));
                }
                None => out.extend(st.finish(id)),
            }
        }
        for (_, d) in &mut out {
            self.corpus_severity(d);
        }
        out.retain(|(_, d)| d.severity >= self.min_severity);
        out.sort_by_key(|(doc, d)| (*doc, d.span.start, d.span.end, d.rule));
        (out, second)
    }

    /// Finish merged corpus states over a corpus held in memory: `docs` are every document the
    /// states observed, which the second pass reads again. Findings sorted as by
    /// [`finish_corpus`](Linter::finish_corpus).
    pub fn finish_corpus_in(
        &self,
        states: CorpusStates,
        docs: &[(DocId, &str)],
    ) -> Vec<(DocId, Diagnostic)> {
        let (mut out, second) = self.finish_corpus(states);
        if let Some(r) = second.revisits() {
            for &(id, text) in docs {
                if r.contains(id) {
                    let doc = Document::new(text);
                    out.extend(second.revisit(id, &doc).into_iter().map(|d| (id, d)));
                }
            }
        }
        out.sort_by_key(|(doc, d)| (*doc, d.span.start, d.span.end, d.rule));
        out
    }

    /// A finding its rule marks as information (a tie N103 names) stays information; others take
    /// the rule's configured severity.
    fn corpus_severity(&self, d: &mut Diagnostic) {
        if d.severity != Severity::Info {
            d.severity = self.scope.base.severity(d.rule);
        }
    }
}

/// The corpus rules that report in a second pass over the documents (see
/// [`CorpusState::plan`]), and which documents they read again.
pub struct SecondPass {
    states: Vec<(RuleId, Box<dyn CorpusState>)>,
    severities: Vec<(RuleId, Severity)>,
    revisit: Option<Revisit>,
    min_severity: Severity,
}

impl SecondPass {
    /// The documents to read again, or `None` when no rule asked for a second pass.
    pub fn revisits(&self) -> Option<&Revisit> {
        self.revisit.as_ref()
    }

    /// The second pass's findings in document `id` (decoded as in pass 1), sorted by span, then
    /// rule.
    pub fn revisit(&self, id: DocId, doc: &Document<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (rule, st) in &self.states {
            st.revisit(*rule, id, doc, &mut out);
        }
        for d in &mut out {
            if d.severity != Severity::Info
                && let Some((_, s)) = self.severities.iter().find(|(r, _)| *r == d.rule)
            {
                d.severity = *s;
            }
        }
        out.retain(|d| d.severity >= self.min_severity);
        out.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
        out
    }
}

/// The first bytes of a corpus index file.
const INDEX_MAGIC: &[u8] = b"newslint corpus index\n";

/// The `(rule code, payload)` parts of a corpus index.
fn read_index_parts(index: &[u8]) -> Result<Vec<(String, &[u8])>, String> {
    let bad = || "not a newslint corpus index (write one with `newslint index`)".to_string();
    let mut rest = index.strip_prefix(INDEX_MAGIC).ok_or_else(bad)?;
    let mut take = |n: usize| -> Result<&[u8], String> {
        if rest.len() < n {
            return Err(bad());
        }
        let (a, b) = rest.split_at(n);
        rest = b;
        Ok(a)
    };
    let n = u32::from_le_bytes(take(4)?.try_into().expect("4 bytes"));
    let mut parts = Vec::new();
    for _ in 0..n {
        let len = u16::from_le_bytes(take(2)?.try_into().expect("2 bytes")) as usize;
        let code = String::from_utf8(take(len)?.to_vec()).map_err(|_| bad())?;
        let len = u64::from_le_bytes(take(8)?.try_into().expect("8 bytes"));
        let payload = take(usize::try_from(len).map_err(|_| bad())?)?;
        parts.push((code, payload));
    }
    Ok(parts)
}

/// The partial states of every enabled corpus rule held by one worker.
pub struct CorpusStates(Vec<(RuleId, Box<dyn CorpusState>)>);

impl CorpusStates {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Let every state observe a document whose source is unknown.
    pub fn observe(&mut self, id: DocId, doc: &Document<'_>) {
        for (_, st) in &mut self.0 {
            st.observe(id, doc);
        }
    }

    /// Let every state observe a document of `source` (see [`CorpusState::observe_from`]).
    pub fn observe_from(&mut self, id: DocId, doc: &Document<'_>, source: &str) {
        for (_, st) in &mut self.0 {
            st.observe_from(id, doc, source);
        }
    }

    /// The corpus index of these states: `{ "<code>": <state summary>, ... }` for every rule that
    /// keeps one (`newslint index`). `path_of` names the file each document came from.
    pub fn export(&self, registry: &Registry, path_of: &dyn Fn(DocId) -> String) -> Vec<u8> {
        let parts: Vec<(String, Vec<u8>)> = self
            .0
            .iter()
            .filter_map(|(id, st)| Some((registry.meta(*id).code.to_string(), st.export(path_of)?)))
            .collect();
        let mut out = INDEX_MAGIC.to_vec();
        out.extend((parts.len() as u32).to_le_bytes());
        for (code, payload) in parts {
            out.extend((code.len() as u16).to_le_bytes());
            out.extend(code.as_bytes());
            out.extend((payload.len() as u64).to_le_bytes());
            out.extend(payload);
        }
        out
    }

    /// Fold another worker's states into these (same linter, so the same rules in the same order).
    pub fn merge(mut self, other: CorpusStates) -> CorpusStates {
        for ((a_id, a), (b_id, b)) in self.0.iter_mut().zip(other.0) {
            debug_assert_eq!(*a_id, b_id);
            a.merge(b);
        }
        self
    }
}

impl Default for Linter {
    fn default() -> Self {
        Self::new()
    }
}

const SELECTOR_HELP: &str = "a selector is `ALL`, a family (`artifact`, `translation`, `sourcing`, `names`, `encoding`), a rule code (`A101`), a rule name, or a code prefix (`A2`)";

/// The id of the rule that reports unused suppressions, if the registry has it.
fn registry_unused(registry: &Registry) -> Option<RuleId> {
    registry.find(crate::rules::newslint::unused_suppression::NAME)
}

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
