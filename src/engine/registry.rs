//! The registry: the one table of rules (built-in and pack), by code, name, prefix and family.

use crate::error::SourceError;
use crate::pack::{self, Examples, PhraseEngine};
use crate::rule::{CorpusRule, Family, Lexicon, Rule, RuleId, RuleMeta};
use std::collections::HashSet;

/// Every known rule, with stable [`RuleId`]s: built-in rules first, then pack rules in load order.
pub struct Registry {
    metas: Vec<RuleMeta>,
    builtin: Vec<(RuleId, Box<dyn Rule>)>,
    corpus: Vec<(RuleId, Box<dyn CorpusRule>)>,
    phrases: PhraseEngine,
    examples: Vec<(RuleId, Examples)>,
}

/// A pack to load: its display path and its text.
pub struct PackSource {
    pub path: String,
    pub text: String,
}

impl Registry {
    /// Built-in rules, the bundled packs, then `extra` packs.
    pub fn new(extra: &[PackSource]) -> Result<Self, SourceError> {
        Self::with_rules(crate::rules::builtin(), crate::rules::corpus(), extra)
    }

    /// Built-in rules, the bundled packs but those whose paths (as in [`pack::BUNDLED`]) are in
    /// `replaced`, then `extra`: a pack under test that is a new version of a bundled pack
    /// (`newslint pack test rules/furniture.toml`) is loaded in its place, not beside it, where
    /// every one of its codes would be a duplicate.
    pub fn replacing_bundled(extra: &[PackSource], replaced: &[&str]) -> Result<Self, SourceError> {
        let bundled = pack::BUNDLED
            .iter()
            .filter(|(path, _)| !replaced.contains(path))
            .copied();
        Self::build(
            crate::rules::builtin(),
            crate::rules::corpus(),
            bundled,
            extra,
        )
    }

    /// A registry of the given built-in rules plus the bundled and `extra` packs.
    pub fn with_rules(
        builtin: Vec<Box<dyn Rule>>,
        corpus: Vec<Box<dyn CorpusRule>>,
        extra: &[PackSource],
    ) -> Result<Self, SourceError> {
        Self::build(builtin, corpus, pack::BUNDLED.iter().copied(), extra)
    }

    fn build<'b>(
        builtin: Vec<Box<dyn Rule>>,
        corpus: Vec<Box<dyn CorpusRule>>,
        bundled: impl Iterator<Item = (&'b str, &'b str)>,
        extra: &[PackSource],
    ) -> Result<Self, SourceError> {
        let mut metas = Vec::new();
        let mut taken = HashSet::new();
        let mut reg_builtin = Vec::new();
        for rule in builtin {
            let id = RuleId(metas.len() as u16);
            let m = rule.meta().clone();
            assert!(
                taken.insert(m.code.to_string()) && taken.insert(m.name.to_string()),
                "duplicate built-in rule {}",
                m.code
            );
            metas.push(m);
            reg_builtin.push((id, rule));
        }
        let mut reg_corpus = Vec::new();
        for rule in corpus {
            let id = RuleId(metas.len() as u16);
            let m = rule.meta().clone();
            assert!(
                taken.insert(m.code.to_string()) && taken.insert(m.name.to_string()),
                "duplicate built-in rule {}",
                m.code
            );
            metas.push(m);
            reg_corpus.push((id, rule));
        }
        let mut pack_rules = Vec::new();
        let mut examples = Vec::new();
        let bundled = bundled.map(|(p, t)| (p.to_string(), t));
        let extra = extra.iter().map(|p| (p.path.clone(), p.text.as_str()));
        let mut lexicon = Lexicon::default();
        for (path, text) in bundled.chain(extra) {
            for rule in pack::parse_pack_into(&path, text, &mut taken, &mut lexicon)? {
                let id = RuleId(metas.len() as u16);
                metas.push(rule.meta.clone());
                examples.push((id, rule.examples.clone()));
                pack_rules.push((id, rule));
            }
        }
        let lexicon_error = |code: &str, msg: String| {
            SourceError::new(
                "[lexicon]",
                "",
                0..0,
                format!("rule {code}: {msg}"),
                Some("check the `[lexicon]` tables of the packs in use".into()),
            )
        };
        for (id, rule) in &mut reg_builtin {
            rule.use_lexicon(&lexicon)
                .map_err(|m| lexicon_error(&metas[id.0 as usize].code, m))?;
        }
        for (id, rule) in &mut reg_corpus {
            rule.use_lexicon(&lexicon)
                .map_err(|m| lexicon_error(&metas[id.0 as usize].code, m))?;
        }
        Ok(Self {
            metas,
            builtin: reg_builtin,
            corpus: reg_corpus,
            phrases: PhraseEngine::new(pack_rules),
            examples,
        })
    }

    pub fn len(&self) -> usize {
        self.metas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.metas.is_empty()
    }

    pub fn meta(&self, id: RuleId) -> &RuleMeta {
        &self.metas[id.0 as usize]
    }

    pub fn metas(&self) -> impl Iterator<Item = (RuleId, &RuleMeta)> {
        self.metas
            .iter()
            .enumerate()
            .map(|(i, m)| (RuleId(i as u16), m))
    }

    /// Every rule, ordered by code (for listings and the reference).
    pub fn sorted_metas(&self) -> Vec<(RuleId, &RuleMeta)> {
        let mut v: Vec<_> = self.metas().collect();
        v.sort_by(|a, b| a.1.code.cmp(&b.1.code));
        v
    }

    pub(crate) fn builtin(&self) -> &[(RuleId, Box<dyn Rule>)] {
        &self.builtin
    }

    pub(crate) fn builtin_mut(&mut self) -> &mut [(RuleId, Box<dyn Rule>)] {
        &mut self.builtin
    }

    pub(crate) fn corpus(&self) -> &[(RuleId, Box<dyn CorpusRule>)] {
        &self.corpus
    }

    pub(crate) fn corpus_mut(&mut self) -> &mut [(RuleId, Box<dyn CorpusRule>)] {
        &mut self.corpus
    }

    pub(crate) fn phrases(&self) -> &PhraseEngine {
        &self.phrases
    }

    /// The inline examples of every pack rule.
    pub fn pack_examples(&self) -> &[(RuleId, Examples)] {
        &self.examples
    }

    /// A rule by exact code or name.
    pub fn find(&self, key: &str) -> Option<RuleId> {
        self.metas()
            .find(|(_, m)| m.code.eq_ignore_ascii_case(key) || m.name == key)
            .map(|(id, _)| id)
    }

    /// The rules a selector names: `ALL`, a family, a code, a name, or a code prefix (`A`, `A2`).
    /// `None` when it names nothing.
    pub fn select(&self, selector: &str) -> Option<Vec<RuleId>> {
        let s = selector.trim();
        if s.eq_ignore_ascii_case("all") {
            return Some(self.metas().map(|(id, _)| id).collect());
        }
        if let Some(f) = Family::parse(s) {
            return Some(
                self.metas()
                    .filter(|(_, m)| m.family == f)
                    .map(|(id, _)| id)
                    .collect(),
            );
        }
        if let Some(id) = self.find(s) {
            return Some(vec![id]);
        }
        let upper = s.to_ascii_uppercase();
        let is_prefix = !upper.is_empty()
            && upper.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && upper[1..].chars().all(|c| c.is_ascii_digit());
        if is_prefix {
            let ids: Vec<_> = self
                .metas()
                .filter(|(_, m)| m.code.starts_with(&upper))
                .map(|(id, _)| id)
                .collect();
            if !ids.is_empty() {
                return Some(ids);
            }
        }
        None
    }
}
