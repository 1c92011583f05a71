//! Rules: the per-document [`Rule`] trait, the corpus-level [`CorpusRule`] shape, diagnostics and
//! fixes, and the [`declare_rule!`](crate::declare_rule) macro that turns a rule's doc comment into
//! the documentation `newslint rule CODE` prints.

mod lexicon;
mod meta;

pub use lexicon::Lexicon;

pub use meta::{
    Applicability, DOC_SECTIONS, Family, FixAvailability, RuleMeta, Severity, summary_of,
    valid_code, valid_name,
};

use crate::ByteSpan;
use crate::document::Document;
use serde::Serialize;
use std::any::Any;

/// Index of a rule in the [`crate::Registry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RuleId(pub u16);

/// One replacement of a byte span of the decoded text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(flatten)]
    pub span: ByteSpan,
    pub replacement: String,
}

/// A fix: edits that never overlap each other, with how safely they may be applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, shown to the user (`Delete the line`).
    pub title: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(applicability: Applicability, title: impl Into<String>, edits: Vec<Edit>) -> Self {
        let mut edits = edits;
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        Self {
            applicability,
            title: title.into(),
            edits,
        }
    }

    /// A fix that deletes one span.
    pub fn delete(applicability: Applicability, title: impl Into<String>, span: ByteSpan) -> Self {
        Self::new(
            applicability,
            title,
            vec![Edit {
                span,
                replacement: String::new(),
            }],
        )
    }

    /// A fix that replaces one span.
    pub fn replace(
        applicability: Applicability,
        title: impl Into<String>,
        span: ByteSpan,
        replacement: impl Into<String>,
    ) -> Self {
        Self::new(
            applicability,
            title,
            vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        )
    }
}

/// A finding on one document, before it is placed in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: RuleId,
    pub severity: Severity,
    pub span: ByteSpan,
    pub message: String,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

/// Where rules put their findings. It knows which rule is running, so rules only give spans.
pub struct Sink<'a> {
    pub(crate) current: RuleId,
    pub(crate) out: &'a mut Vec<Diagnostic>,
    /// How many more findings it stores before it only counts them (`None`: no limit), so one
    /// document with a million findings cannot take the memory.
    room: Option<usize>,
    /// Findings counted past the room, and the span of the first of them.
    overflow: Option<(usize, ByteSpan)>,
    /// Where a finding past the room is written (and overwritten by the next): the rule can still
    /// chain `.help(..)` and `.fix(..)` on it.
    scratch: Option<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(current: RuleId, out: &'a mut Vec<Diagnostic>) -> Self {
        Self {
            current,
            out,
            room: None,
            overflow: None,
            scratch: None,
        }
    }

    /// A sink that stores at most `room` findings and counts the rest.
    pub(crate) fn with_room(current: RuleId, out: &'a mut Vec<Diagnostic>, room: usize) -> Self {
        Self {
            room: Some(room),
            ..Self::new(current, out)
        }
    }

    /// The findings counted but not stored, and the span of the first of them.
    pub(crate) fn overflow(&self) -> Option<(usize, ByteSpan)> {
        self.overflow
    }

    /// Report a finding of the running rule; chain `.help(..)` and `.fix(..)` on the result.
    pub fn report(&mut self, span: ByteSpan, message: impl Into<String>) -> &mut Diagnostic {
        self.report_as(self.current, span, message)
    }

    /// Report a finding for a specific rule (used by engines that serve several rules at once).
    pub fn report_as(
        &mut self,
        rule: RuleId,
        span: ByteSpan,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic {
            rule,
            severity: Severity::Warning,
            span,
            message: message.into(),
            help: None,
            fix: None,
        };
        match &mut self.room {
            Some(0) => {
                let (n, _) = self.overflow.get_or_insert((0, span));
                *n += 1;
                self.scratch.insert(d)
            }
            room => {
                if let Some(r) = room {
                    *r -= 1;
                }
                self.out.push(d);
                self.out.last_mut().expect("just pushed")
            }
        }
    }
}

impl Diagnostic {
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }
}

/// Options given to a rule in `[rules.<name>]` of the config.
pub type RuleOptions = toml::Table;

/// A rule that looks at one document at a time.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;

    /// Apply `[rules.<name>]` options. The default accepts none.
    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        match options.keys().next() {
            None => Ok(()),
            Some(k) => Err(format!("rule `{}` has no option `{k}`", self.meta().name)),
        }
    }

    /// Read the merged `[lexicon]` of the loaded packs (called once, after every pack is parsed
    /// and before `configure`). The default reads nothing.
    fn use_lexicon(&mut self, _lexicon: &Lexicon) -> Result<(), String> {
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>);
}

/// The text of every span `rule` reports in `text`, in order (for the rules' unit tests).
#[cfg(test)]
pub(crate) fn flagged_spans(rule: &dyn Rule, text: &str) -> Vec<String> {
    let doc = Document::new(text);
    let mut out = Vec::new();
    rule.check(&doc, &mut Sink::new(RuleId(0), &mut out));
    out.iter().map(|d| d.span.slice(text).to_string()).collect()
}

/// Identifies a document in a corpus run (assigned by the engine in input order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DocId(pub u64);

/// Which documents a corpus rule's second pass reads again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revisit {
    /// These documents, sorted, without repeats (build it with [`Revisit::docs`]).
    Docs(Vec<DocId>),
    /// Every document of the run.
    All,
}

impl Revisit {
    /// Both sets of documents.
    pub fn union(self, other: Revisit) -> Revisit {
        match (self, other) {
            (Revisit::Docs(mut a), Revisit::Docs(b)) => {
                a.extend(b);
                a.sort_unstable();
                a.dedup();
                Revisit::Docs(a)
            }
            _ => Revisit::All,
        }
    }

    /// The documents of `docs` (in any order).
    pub fn docs(mut docs: Vec<DocId>) -> Revisit {
        docs.sort_unstable();
        docs.dedup();
        Revisit::Docs(docs)
    }

    /// Is `id` read again?
    pub fn contains(&self, id: DocId) -> bool {
        match self {
            Revisit::Docs(d) => d.binary_search(&id).is_ok(),
            Revisit::All => true,
        }
    }
}

/// A rule whose findings depend on the whole corpus (name spellings across articles).
///
/// The engine gives each worker its own state (`new_state`), calls `observe` for every document the
/// worker sees, merges the states pairwise (`merge` must be associative and commutative so the result
/// does not depend on thread count or scheduling), and calls `plan` once, then either `finish` or,
/// for a state that asked for a second pass, `revisit` on each document it named.
pub trait CorpusRule: Send + Sync {
    fn meta(&self) -> &RuleMeta;

    /// As [`Rule::use_lexicon`].
    fn use_lexicon(&mut self, _lexicon: &Lexicon) -> Result<(), String> {
        Ok(())
    }

    /// As [`Rule::configure`].
    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        match options.keys().next() {
            None => Ok(()),
            Some(k) => Err(format!("rule `{}` has no option `{k}`", self.meta().name)),
        }
    }

    fn new_state(&self) -> Box<dyn CorpusState>;

    /// Merge an index written by [`CorpusState::export`] into `state` (a state of
    /// this rule that has observed the documents being checked), leaving out what the files for
    /// which `skip` is true contributed to the index (they are being checked again). A rule may
    /// keep only the parts of the index that bear on what `state` observed.
    fn import(
        &self,
        _index: &[u8],
        _skip: &dyn Fn(&str) -> bool,
        _state: &mut dyn CorpusState,
    ) -> Result<(), String> {
        Err(format!("rule `{}` keeps no index", self.meta().name))
    }
}

/// The partial state of a [`CorpusRule`], bounded by what the rule needs (not by corpus size).
pub trait CorpusState: Send + Sync + Any {
    fn observe(&mut self, id: DocId, doc: &Document<'_>);
    /// Observe a document of a known source: a JSONL record's `--source-field` or `url` host,
    /// or a file's directory. Rules that judge documents by source override this; the default
    /// ignores the source.
    fn observe_from(&mut self, id: DocId, doc: &Document<'_>, _source: &str) {
        self.observe(id, doc);
    }
    /// Fold another worker's state (always from the same rule) into this one.
    fn merge(&mut self, other: Box<dyn CorpusState>);
    /// Final findings, each tied to the document it points into. Not called on a state whose
    /// [`plan`](CorpusState::plan) asked for a second pass.
    fn finish(self: Box<Self>, rule: RuleId) -> Vec<(DocId, Diagnostic)>;

    /// Called once on the merged state, after every document was observed (and an index
    /// imported): `Some` asks for a second pass over the documents it names, which
    /// [`revisit`](CorpusState::revisit) then reports in, instead of `finish`. A rule that reports
    /// every mention of something decides in pass 1 what to report, and places it in pass 2, so
    /// its state holds counts per distinct thing, not places per mention (as a linker resolves
    /// symbols first and relocates second).
    fn plan(&mut self) -> Option<Revisit> {
        None
    }

    /// Second pass: the findings in one document [`plan`](CorpusState::plan) named (the same
    /// document, decoded the same way, as it observed in pass 1).
    fn revisit(&self, _rule: RuleId, _id: DocId, _doc: &Document<'_>, _out: &mut Vec<Diagnostic>) {}

    /// Make this state keep what [`export`](CorpusState::export) needs beyond what checking
    /// needs (a names index subtracts a re-checked file's mentions of every spelling). Called on
    /// fresh states of a `newslint index` run; the default keeps nothing more.
    fn keep_for_export(&mut self) {}
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
    fn as_any_mut(&mut self) -> &mut dyn Any;

    /// A summary to store in a corpus index (`newslint index`), or `None` when the rule keeps
    /// none. `path_of` names the file each document came from.
    fn export(&self, _path_of: &dyn Fn(DocId) -> String) -> Option<Vec<u8>> {
        None
    }
}

/// Declare a built-in rule's metadata: the doc comment becomes the documentation `newslint rule`
/// prints, and the generated function returns the rule's [`RuleMeta`].
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub fn my_rule_meta {
///         code: "A101", name: "my-rule", family: Artifact, severity: Warning, fix: FixAvailability::None,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis fn $fname:ident {
            code: $code:literal,
            name: $rname:literal,
            family: $family:ident,
            severity: $sev:ident,
            fix: $fix:expr
            $(, default_on: $on:literal)?
            $(, suppressible: $sup:literal)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis fn $fname() -> $crate::rule::RuleMeta {
            let doc = $crate::rule::unindent_doc(concat!($($doc, "\n"),*));
            $crate::rule::RuleMeta {
                code: ::std::borrow::Cow::Borrowed($code),
                name: ::std::borrow::Cow::Borrowed($rname),
                family: $crate::rule::Family::$family,
                severity: $crate::rule::Severity::$sev,
                fix: $fix,
                summary: $crate::rule::summary_of(&doc).into(),
                doc: doc.into(),
                origin: ::std::borrow::Cow::Borrowed("built-in"),
                default_on: true $(&& $on)?,
                suppressible: true $(&& $sup)?,
            }
        }
    };
}

/// Doc comments arrive with one leading space per line; strip it.
pub fn unindent_doc(doc: &str) -> String {
    doc.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}
