use super::analysis::{analysed, classify};
use super::gazetteer::Gazetteer;
use super::key::strict_key;
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{
    Applicability, CorpusRule, CorpusState, Diagnostic, DocId, Fix, FixAvailability, Lexicon,
    RuleId, RuleMeta, RuleOptions, Severity,
};
use std::any::Any;
use foldhash::{HashMap, HashMapExt};
use std::sync::Arc;

declare_rule! {
    /// ## What it does
    /// Counts every spelling of every name across the whole corpus and flags each mention of a
    /// minority spelling, with the counts of both: `Rafiq Al Hariri` (3 mentions in 1 article)
    /// is spelled `Rafiq al-Hariri` in the rest of the corpus (6 mentions in 3 articles).
    ///
    /// Spellings are grouped like `name-variant-in-article` (N101) does. The usual spelling is
    /// the one used in the most articles, then the most mentions; the gazetteer's canonical
    /// spelling breaks a tie, and without one a tie is not reported. Mentions that N101 already
    /// reports inside their article are not reported twice. State is kept per distinct spelling,
    /// not per mention, so memory grows with the number of names, not with the corpus.
    ///
    /// With `check --names-index FILE` (written by `newslint index`), the counts of the rest of
    /// the corpus come from the index, so a pre-commit check of one article is judged against
    /// the whole corpus.
    ///
    /// ## Why is this bad
    /// A corpus that spells one entity several ways splits its search results, entity links and
    /// counts; a model trained on it learns several names for one thing.
    ///
    /// ## Example
    /// ```text
    /// (in one article)       Talks with Rafiq Al Hariri resumed.
    /// (in three others)      Rafiq al-Hariri ...
    /// ```
    /// Use instead:
    /// ```text
    /// Talks with Rafiq al-Hariri resumed.
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the mention to the corpus's usual spelling. It is unsafe: a spelling can
    /// be the right one for its source, and similar spellings can name different people.
    ///
    /// ## Options
    /// `max-shown` (default 16): how many mentions of one minority spelling are pointed at; the
    /// message gives the full count.
    pub fn corpus_variant_meta {
        code: "N103",
        name: "name-variant-in-corpus",
        family: Names,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Unsafe),
    }
}

/// Index format version written by [`CorpusState::export`].
const INDEX_VERSION: u64 = 1;

pub struct CorpusVariant {
    meta: RuleMeta,
    gaz: Arc<Gazetteer>,
    max_shown: usize,
}

impl Default for CorpusVariant {
    fn default() -> Self {
        Self {
            meta: corpus_variant_meta(),
            gaz: Arc::new(Gazetteer::default()),
            max_shown: 16,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Loc {
    doc: DocId,
    start: usize,
    end: usize,
    /// N101 reports this mention inside its article.
    in_article: bool,
}

#[derive(Debug, Clone)]
struct Stats {
    group: u64,
    strict: u64,
    entry: Option<u32>,
    mentions: u64,
    articles: u64,
    /// The first mentions (smallest document and offset), at most `max_shown`: the same ones
    /// whatever the order documents arrive in.
    locs: Vec<Loc>,
}

pub struct State {
    gaz: Arc<Gazetteer>,
    max_shown: usize,
    spellings: HashMap<Box<str>, Stats>,
}

impl CorpusRule for CorpusVariant {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.gaz = Arc::new(Gazetteer::from_lexicon(lexicon)?);
        Ok(())
    }

    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        for (k, v) in options {
            match (k.as_str(), v) {
                ("max-shown", toml::Value::Integer(n)) if (1..=10_000).contains(n) => {
                    self.max_shown = *n as usize
                }
                ("max-shown", _) => {
                    return Err("`max-shown` must be an integer from 1 to 10000".into());
                }
                _ => return Err(format!("rule `{}` has no option `{k}`", self.meta.name)),
            }
        }
        Ok(())
    }

    fn new_state(&self) -> Box<dyn CorpusState> {
        Box::new(State {
            gaz: self.gaz.clone(),
            max_shown: self.max_shown,
            spellings: HashMap::new(),
        })
    }

    fn import(
        &self,
        index: &serde_json::Value,
        skip: &dyn Fn(&str) -> bool,
    ) -> Result<Box<dyn CorpusState>, String> {
        let mut state = State {
            gaz: self.gaz.clone(),
            max_shown: self.max_shown,
            spellings: HashMap::new(),
        };
        if index.get("version").and_then(|v| v.as_u64()) != Some(INDEX_VERSION) {
            return Err(format!(
                "not a version {INDEX_VERSION} names index; write it again with `newslint index`"
            ));
        }
        let rows = index
            .get("spellings")
            .and_then(|v| v.as_array())
            .ok_or("the index has no `spellings` array")?;
        let (mut sk, mut tk) = (String::new(), String::new());
        for row in rows {
            let bad = || format!("malformed index row `{row}`");
            let s = row.get(0).and_then(|v| v.as_str()).ok_or_else(bad)?;
            let mut mentions = row.get(1).and_then(|v| v.as_u64()).ok_or_else(bad)?;
            let mut articles = row.get(2).and_then(|v| v.as_u64()).ok_or_else(bad)?;
            if let Some(files) = row.get(3).and_then(|v| v.as_array()) {
                for f in files {
                    let (Some(path), Some(m), Some(a)) = (
                        f.get(0).and_then(|v| v.as_str()),
                        f.get(1).and_then(|v| v.as_u64()),
                        f.get(2).and_then(|v| v.as_u64()),
                    ) else {
                        return Err(bad());
                    };
                    if skip(path) {
                        mentions = mentions.saturating_sub(m);
                        articles = articles.saturating_sub(a);
                    }
                }
            }
            if mentions == 0 {
                continue;
            }
            let (group, strict, verdict) =
                classify(&self.gaz, s, s.contains(' '), &mut sk, &mut tk);
            if verdict.is_some_and(|(_, v)| v.always_reported()) {
                continue;
            }
            state.spellings.insert(
                s.into(),
                Stats {
                    group,
                    strict,
                    entry: verdict.map(|(id, _)| id),
                    mentions,
                    articles,
                    locs: Vec::new(),
                },
            );
        }
        Ok(Box::new(state))
    }
}

impl State {
    fn keep(&self, locs: &mut Vec<Loc>) {
        locs.sort_unstable();
        locs.dedup();
        locs.truncate(self.max_shown);
    }
}

impl CorpusState for State {
    fn observe(&mut self, id: DocId, doc: &Document<'_>) {
        let text = doc.text();
        let named = analysed(doc, &self.gaz);
        let mut seen: Vec<std::borrow::Cow<'_, str>> = Vec::new();
        for n in named.iter().filter(|n| n.vote) {
            let spelling = n.counted(text);
            let loc = Loc {
                doc: id,
                start: n.span.start,
                end: n.span.end,
                in_article: n.differs_in_article.is_some(),
            };
            let st = match self.spellings.get_mut(&*spelling) {
                Some(st) => st,
                None => self.spellings.entry((*spelling).into()).or_insert(Stats {
                    group: n.group,
                    strict: n.strict,
                    entry: n.verdict.map(|(e, _)| e),
                    mentions: 0,
                    articles: 0,
                    locs: Vec::new(),
                }),
            };
            st.mentions += 1;
            if st.locs.len() < self.max_shown {
                st.locs.push(loc);
            } else if let Some(max) = st.locs.iter_mut().max()
                && loc < *max
            {
                *max = loc;
            }
            seen.push(spelling);
        }
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            if let Some(st) = self.spellings.get_mut(&*s) {
                st.articles += 1;
            }
        }
    }

    fn merge(&mut self, other: Box<dyn CorpusState>) {
        let other = other
            .into_any()
            .downcast::<State>()
            .expect("merged with a state of the same rule");
        for (k, v) in other.spellings {
            match self.spellings.get_mut(&k) {
                None => {
                    self.spellings.insert(k, v);
                }
                Some(st) => {
                    st.mentions += v.mentions;
                    st.articles += v.articles;
                    let mut locs = std::mem::take(&mut st.locs);
                    locs.extend(v.locs);
                    self.keep(&mut locs);
                    self.spellings.get_mut(&k).expect("present").locs = locs;
                }
            }
        }
    }

    fn finish(self: Box<Self>, rule: RuleId) -> Vec<(DocId, Diagnostic)> {
        let mut rows: Vec<(&str, &Stats)> = self.spellings.iter().map(|(k, v)| (&**k, v)).collect();
        rows.sort_unstable_by(|a, b| (a.1.group, a.0).cmp(&(b.1.group, b.0)));
        let mut out = Vec::new();
        let mut sk = (String::new(), String::new());
        let mut g = 0;
        while g < rows.len() {
            let group = rows[g].1.group;
            let n = rows[g..].iter().take_while(|r| r.1.group == group).count();
            let members = &rows[g..g + n];
            g += n;
            if n < 2 {
                continue;
            }
            let canonical = members[0]
                .1
                .entry
                .map(|id| self.gaz.entry(id).canonical.as_str());
            let rank = |r: &(&str, &Stats)| (r.1.articles, r.1.mentions, canonical == Some(r.0));
            let best = members
                .iter()
                .max_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| b.0.cmp(a.0)))
                .expect("non-empty");
            for m in members {
                if m.0 == best.0 {
                    continue;
                }
                let (bm, mm) = (rank(best), rank(m));
                // Report only a clear minority: fewer articles or mentions, or a tie the
                // gazetteer's canonical spelling breaks.
                if (bm.0, bm.1) < (mm.0, mm.1) || ((bm.0, bm.1) == (mm.0, mm.1) && !bm.2) {
                    continue;
                }
                strict_key(best.0, &mut sk.0);
                strict_key(m.0, &mut sk.1);
                if self.gaz.never_merge(&sk.0, &sk.1) {
                    continue;
                }
                let conf = if best.1.strict == m.1.strict {
                    "high"
                } else {
                    "medium"
                };
                let shown = m.1.locs.iter().filter(|l| !l.in_article).count();
                let more = if (m.1.mentions as usize) > m.1.locs.len() {
                    format!("; the first {} mentions are shown", m.1.locs.len())
                } else {
                    String::new()
                };
                if shown == 0 {
                    continue;
                }
                for l in m.1.locs.iter().filter(|l| !l.in_article) {
                    let span = ByteSpan::new(l.start, l.end);
                    let mut d = Diagnostic {
                        rule,
                        severity: Severity::Warning,
                        span,
                        message: format!(
                            "`{}` ({}) is spelled `{}` in the rest of the corpus ({})",
                            m.0,
                            counts(m.1),
                            best.0,
                            counts(best.1)
                        ),
                        help: None,
                        fix: None,
                    };
                    d.help(format!(
                        "use the corpus's usual spelling `{}` ({conf} confidence that both name the same{more})",
                        best.0
                    ))
                    .fix(Fix::replace(
                        Applicability::Unsafe,
                        format!("Spell it `{}`", best.0),
                        span,
                        best.0,
                    ));
                    out.push((l.doc, d));
                }
            }
        }
        out.sort_by_key(|(doc, d)| (*doc, d.span.start, d.span.end));
        out
    }

    fn export(&self, path_of: &dyn Fn(DocId) -> String) -> Option<serde_json::Value> {
        let mut rows: Vec<(&str, &Stats)> = self.spellings.iter().map(|(k, v)| (&**k, v)).collect();
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let rows: Vec<serde_json::Value> = rows
            .into_iter()
            .map(|(s, st)| {
                // Per-file counts, so a checked file's old mentions can be taken out of the index,
                // are known when every mention was kept: true of the rare spellings that matter.
                let files = (st.locs.len() as u64 == st.mentions).then(|| {
                    let mut per: Vec<(String, u64, Vec<DocId>)> = Vec::new();
                    for l in &st.locs {
                        let p = path_of(l.doc);
                        match per.iter_mut().find(|(q, _, _)| *q == p) {
                            Some((_, m, docs)) => {
                                *m += 1;
                                docs.push(l.doc);
                            }
                            None => per.push((p, 1, vec![l.doc])),
                        }
                    }
                    per.into_iter()
                        .map(|(p, m, mut docs)| {
                            docs.dedup();
                            serde_json::json!([p, m, docs.len()])
                        })
                        .collect::<Vec<_>>()
                });
                match files {
                    Some(f) => serde_json::json!([s, st.mentions, st.articles, f]),
                    None => serde_json::json!([s, st.mentions, st.articles]),
                }
            })
            .collect();
        Some(serde_json::json!({ "version": INDEX_VERSION, "spellings": rows }))
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

fn counts(s: &Stats) -> String {
    format!(
        "{} mention{} in {} article{}",
        s.mentions,
        if s.mentions == 1 { "" } else { "s" },
        s.articles,
        if s.articles == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(docs: &[&str], split: usize) -> Vec<(u64, String, String)> {
        let rule = CorpusVariant::default();
        let mut a = rule.new_state();
        let mut b = rule.new_state();
        for (i, t) in docs.iter().enumerate() {
            let doc = Document::new(t);
            if i < split {
                a.observe(DocId(i as u64), &doc);
            } else {
                b.observe(DocId(i as u64), &doc);
            }
        }
        b.merge(a);
        b.finish(RuleId(0))
            .into_iter()
            .map(|(d, diag)| {
                (
                    d.0,
                    diag.span.slice(docs[d.0 as usize]).to_string(),
                    diag.message,
                )
            })
            .collect()
    }

    const DOCS: &[&str] = &[
        "Envoys met Rafiq al-Hariri on Monday.",
        "Rafiq al-Hariri spoke. Aides to Rafiq al-Hariri left.",
        "Talks with Rafiq Al Hariri resumed. Rafiq Al Hariri smiled.",
        "Voters backed Rafiq al-Hariri again.",
    ];

    #[test]
    fn reports_the_minority_with_counts() {
        let found = run(DOCS, 2);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, 2);
        assert_eq!(found[0].1, "Rafiq Al Hariri");
        assert_eq!(
            found[0].2,
            "`Rafiq Al Hariri` (2 mentions in 1 article) is spelled `Rafiq al-Hariri` in the rest of the corpus (4 mentions in 3 articles)"
        );
    }

    #[test]
    fn same_result_whatever_the_split() {
        let base = run(DOCS, 0);
        for split in 1..=DOCS.len() {
            assert_eq!(run(DOCS, split), base);
        }
    }

    #[test]
    fn ties_without_a_canonical_are_not_reported() {
        assert!(run(&["Kim Dae-jung spoke.", "Kim Dae Jung spoke."], 1).is_empty());
    }

    #[test]
    fn index_round_trip_takes_out_checked_files() {
        let rule = CorpusVariant::default();
        let mut st = rule.new_state();
        for (i, t) in DOCS.iter().enumerate() {
            st.observe(DocId(i as u64), &Document::new(t));
        }
        let index = st.export(&|d| format!("doc{}.txt", d.0)).unwrap();
        // Check doc 2 again against an index of all four: its old mentions are taken out.
        let prior = rule.import(&index, &|p| p == "doc2.txt").unwrap();
        let mut fresh = rule.new_state();
        fresh.observe(DocId(2), &Document::new(DOCS[2]));
        fresh.merge(prior);
        let found = fresh.finish(RuleId(0));
        assert_eq!(found.len(), 2);
        assert!(found[0].1.message.contains("(2 mentions in 1 article)"));
        assert!(found[0].1.message.contains("(4 mentions in 3 articles)"));
    }
}
