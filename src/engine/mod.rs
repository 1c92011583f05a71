//! The engine: which rules run where (selection, severities, per-path overrides) and running them.
//!
//! [`Linter::check_text`] and [`Linter::check_source`] are the I/O-free core: text (or a decoded source) in, sorted diagnostics out.

mod cap;
mod corpus;
mod registry;
mod scope;
pub mod suppress;

pub use cap::{Admit, DEFAULT_MAX_FINDINGS_PER_RULE, PieceCap};
pub use corpus::{CorpusStates, SecondPass};
use scope::Scope;
pub use scope::Selection;
pub(crate) use scope::lexical_absolute;

pub use registry::{PackSource, Registry};

use crate::config::Config;
use crate::document::Document;
use crate::error::SourceError;
use crate::rule::{Applicability, Diagnostic, DocId, RuleId, Severity, Sink};
use crate::source::SourceText;
use std::path::PathBuf;

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
    /// Findings of one rule in one document reported one by one (`0`: all of them).
    max_per_rule: usize,
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
            max_per_rule: DEFAULT_MAX_FINDINGS_PER_RULE,
            registry,
        }
    }

    pub fn from_config(config: &Config, cli: &CliSelection) -> Result<Self, SetupError> {
        let base_dir = config.base_dir();
        let mut packs = Vec::new();
        for p in &config.raw.packs {
            let path = base_dir.join(p.get_ref());
            let text = crate::source::read_text_file(&path).map_err(|e| {
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
            let text = crate::source::read_text_file(path).map_err(|e| {
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

    /// Report at most `max` findings of one rule in one document, and one finding that says how
    /// many more there were (`--max-findings-per-rule`; `0` reports them all). Fixes are not
    /// capped: `--fix` applies every one.
    pub fn set_max_findings_per_rule(&mut self, max: usize) {
        self.max_per_rule = max;
    }

    /// Apply the cap of [`Linter::set_max_findings_per_rule`] to one document's findings (sorted
    /// by span, as the checks return them).
    pub fn cap_findings(&self, out: &mut Vec<Diagnostic>) {
        self.cap_counted(out, &[]);
    }

    fn cap_counted(&self, out: &mut Vec<Diagnostic>, uncounted: &[cap::Uncounted]) {
        cap::cap_per_rule(
            out,
            self.max_per_rule,
            self.registry.len(),
            uncounted,
            |r| self.registry.meta(r).code.to_string(),
        );
    }

    /// The selection with no per-path override applied.
    pub fn base_selection(&self) -> &Selection {
        &self.scope.base
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

    /// Run every enabled per-document rule over one segmented document. Sorted by span, then
    /// code; capped per rule (see [`Linter::set_max_findings_per_rule`]).
    pub fn check_document(&self, doc: &Document<'_>, selection: &Selection) -> Vec<Diagnostic> {
        let room = (self.max_per_rule > 0)
            .then(|| self.max_per_rule.saturating_mul(cap::SINK_ROOM_FACTOR));
        let mut uncounted = Vec::new();
        let mut out = self.run_rules(doc, selection, room, &mut uncounted);
        self.cap_counted(&mut out, &uncounted);
        if !uncounted.is_empty() {
            // A summary made for findings the sinks only counted has its rule's severity.
            for d in &mut out {
                d.severity = selection.severity(d.rule);
            }
        }
        out
    }

    /// [`Linter::check_document`] for one piece of a document checked piece by piece: the
    /// findings, not capped (each rule's sink stores at most twice the cap), and those the sinks
    /// only counted (`(rule, how many, the first one's span)`). The caller caps across the pieces
    /// with [`Linter::piece_cap`].
    pub fn check_piece(
        &self,
        doc: &Document<'_>,
        selection: &Selection,
    ) -> (Vec<Diagnostic>, Vec<(RuleId, usize, crate::ByteSpan)>) {
        let room = (self.max_per_rule > 0)
            .then(|| self.max_per_rule.saturating_mul(cap::SINK_ROOM_FACTOR));
        let mut uncounted = Vec::new();
        let out = self.run_rules(doc, selection, room, &mut uncounted);
        (out, uncounted)
    }

    /// A cap on findings per rule across the pieces of one document.
    pub fn piece_cap(&self) -> PieceCap {
        PieceCap::new(self.max_per_rule, self.registry.len())
    }

    /// [`Linter::check_source`] with no cap on findings per rule: the fix loop needs every fix.
    pub(crate) fn check_source_uncapped(
        &self,
        source: &SourceText,
        selection: &Selection,
    ) -> Vec<Diagnostic> {
        self.check_document_uncapped(&Document::with_source(source), selection)
    }

    /// [`Linter::check_document`] with no cap on findings per rule.
    fn check_document_uncapped(
        &self,
        doc: &Document<'_>,
        selection: &Selection,
    ) -> Vec<Diagnostic> {
        self.run_rules(doc, selection, None, &mut Vec::new())
    }

    /// Every enabled rule over `doc`: each rule's sink stores at most `room` findings and counts
    /// the rest in `uncounted`.
    fn run_rules(
        &self,
        doc: &Document<'_>,
        selection: &Selection,
        room: Option<usize>,
        uncounted: &mut Vec<cap::Uncounted>,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (id, rule) in self.registry.builtin() {
            if selection.is_enabled(*id) {
                let mut sink = match room {
                    Some(room) => Sink::with_room(*id, &mut out, room),
                    None => Sink::new(*id, &mut out),
                };
                rule.check(doc, &mut sink);
                if let Some((n, span)) = sink.overflow() {
                    uncounted.push((*id, n, span));
                }
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
}

impl Linter {
    /// The time each stage takes on one decoded source, for the per-stage benchmark
    /// (`cargo run --release --example stages`): segmentation, every enabled per-document rule by
    /// code, the pack phrases (`packs`), the corpus rules' observation (by code) and the engine's
    /// own work after the rules (sorting, overlaps, suppressions: `engine`). Adds to `into`.
    #[doc(hidden)]
    pub fn time_stages(
        &self,
        source: &SourceText,
        id: DocId,
        states: &mut CorpusStates,
        into: &mut std::collections::BTreeMap<String, std::time::Duration>,
    ) {
        use std::time::Instant;
        let mut add = |k: &str, t: Instant| *into.entry(k.to_string()).or_default() += t.elapsed();
        let t = Instant::now();
        let doc = Document::with_source(source);
        add("segment", t);
        states.time_observe(id, &doc, self.registry(), &mut add);
        let selection = &self.scope.base;
        let mut out = Vec::new();
        for (id, rule) in self.registry.builtin() {
            if selection.is_enabled(*id) {
                let t = Instant::now();
                let mut sink = Sink::new(*id, &mut out);
                rule.check(&doc, &mut sink);
                add(&self.registry.meta(*id).code, t);
            }
        }
        let t = Instant::now();
        self.registry
            .phrases()
            .check(&doc, &|id| selection.is_enabled(id), &mut out);
        add("packs", t);
        let t = Instant::now();
        let _ = self.check_document(&doc, selection);
        add("whole check", t);
    }
}

impl Default for Linter {
    fn default() -> Self {
        Self::new()
    }
}

/// The id of the rule that reports unused suppressions, if the registry has it.
fn registry_unused(registry: &Registry) -> Option<RuleId> {
    registry.find(crate::rules::newslint::unused_suppression::NAME)
}
