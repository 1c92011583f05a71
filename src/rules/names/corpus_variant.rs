use super::analysis::{analysed, classify, one_name};
use super::gazetteer::Gazetteer;
use super::index;
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{
    Applicability, CorpusRule, CorpusState, Diagnostic, DocId, Fix, FixAvailability, Lexicon,
    RuleId, RuleMeta, RuleOptions, Severity,
};
use foldhash::{HashMap, HashMapExt};
use std::any::Any;
use std::sync::Arc;

declare_rule! {
    /// ## What it does
    /// Counts every spelling of every name across the whole corpus and flags each mention of a
    /// minority spelling, with the counts of both: `Rafiq Al Hariri` (3 mentions in 1 article)
    /// is spelled `Rafiq al-Hariri` in the rest of the corpus (6 mentions in 3 articles).
    ///
    /// Spellings are grouped like `name-variant-in-article` (N101) does, transliteration
    /// variants included (`Hasakah` / `Hasakeh`, `Zabadani` / `Zabdani`). The usual spelling is
    /// the one used in the most articles, then the most mentions; the gazetteer's canonical
    /// spelling breaks a tie, and without one a tie is reported as information naming both. Mentions that N101 already
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
    /// Mentions per article for the first `MAX_DOCS` articles: complete for rare spellings, which
    /// lets an index take a re-checked file's old mentions out.
    docs: Vec<(DocId, u32)>,
    /// The spelling as first written (smallest place): what messages quote and fixes write.
    surface: (Loc, Box<str>),
    /// Mentions reported by N101 inside their article (not in `locs`).
    in_article: u64,
}

/// How many articles per spelling keep their own mention count.
const MAX_DOCS: usize = 8;

/// Keep the `MAX_DOCS` smallest documents.
fn keep_docs(docs: &mut Vec<(DocId, u32)>) {
    docs.sort_unstable();
    docs.truncate(MAX_DOCS);
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
        index: &[u8],
        skip: &dyn Fn(&str) -> bool,
        state: &mut dyn CorpusState,
    ) -> Result<(), String> {
        let state = state
            .as_any_mut()
            .downcast_mut::<State>()
            .expect("a state of this rule");
        let reader = index::Reader::new(index)?;
        let skipped: Vec<bool> = reader.files.iter().map(|f| skip(f)).collect();
        // Only groups the checked documents mention can produce findings: read the index rows of
        // those (binary search), so a pre-commit check does not load the whole corpus's names.
        // Keys stored in the index hold for the same gazetteer; with another, every row is read
        // and its keys computed again.
        let same = reader.gazetteer == self.gaz.fingerprint;
        let mut live: Vec<u64> = state.spellings.values().map(|s| s.group).collect();
        live.sort_unstable();
        live.dedup();
        let rows: Vec<usize> = if same {
            live.iter().flat_map(|g| reader.group(*g)).collect()
        } else {
            (0..reader.len()).collect()
        };
        let (mut sk, mut tk) = (String::new(), String::new());
        for i in rows {
            let row = reader.row(i)?;
            let (mut mentions, mut articles) = (row.mentions, row.articles);
            for &(f, m, a) in &row.per_file {
                match skipped.get(f as usize) {
                    Some(true) => {
                        mentions = mentions.saturating_sub(m as u64);
                        articles = articles.saturating_sub(a as u64);
                    }
                    Some(false) => {}
                    None => {
                        return Err(format!(
                            "index row `{}` names file {f}, which is not listed",
                            row.spelling
                        ));
                    }
                }
            }
            if mentions == 0 {
                continue;
            }
            let (group, strict, entry) = if same {
                (row.group, row.strict, row.entry)
            } else {
                let s = row.spelling;
                let (group, strict, verdict) = classify(&self.gaz, s, &mut sk, &mut tk);
                if verdict.is_some_and(|(_, v)| v.always_reported())
                    || live.binary_search(&group).is_err()
                {
                    continue;
                }
                (group, strict, verdict.map(|(id, _)| id))
            };
            match state.spellings.get_mut(row.spelling) {
                Some(st) => {
                    st.mentions += mentions;
                    st.articles += articles;
                }
                None => {
                    state.spellings.insert(
                        row.spelling.into(),
                        Stats {
                            group,
                            strict,
                            entry,
                            mentions,
                            articles,
                            locs: Vec::new(),
                            docs: Vec::new(),
                            surface: (
                                Loc {
                                    doc: DocId(u64::MAX),
                                    start: 0,
                                    end: 0,
                                    in_article: false,
                                },
                                row.spelling.into(),
                            ),
                            in_article: 0,
                        },
                    );
                }
            }
        }
        Ok(())
    }
}

type Member<'a> = (&'a str, &'a Stats);

impl State {
    /// Report the minority spellings of one cluster (its spellings ranked, the usual first).
    fn report_cluster(
        &self,
        rule: RuleId,
        cluster: &[&Member<'_>],
        rank: &dyn Fn(&Member<'_>) -> (u64, u64, bool),
        out: &mut Vec<(DocId, Diagnostic)>,
    ) {
        let best = cluster[0];
        for &m in &cluster[1..] {
            let (bm, mm) = (rank(best), rank(m));
            // A tie the gazetteer's canonical spelling does not break is no one's mistake: both
            // are named, as information.
            let tie = (bm.0, bm.1) == (mm.0, mm.1) && !bm.2;
            if (bm.0, bm.1) < (mm.0, mm.1) || self.gaz.keep_apart(best.0, m.0) {
                continue;
            }
            let conf = if best.1.strict == m.1.strict {
                "high"
            } else {
                "medium"
            };
            let more = if m.1.mentions > m.1.locs.len() as u64 + m.1.in_article {
                format!("; the first {} mentions are shown", m.1.locs.len())
            } else {
                String::new()
            };
            for l in m.1.locs.iter().filter(|l| !l.in_article) {
                let span = ByteSpan::new(l.start, l.end);
                let usual = &*best.1.surface.1;
                let mut d = Diagnostic {
                    rule,
                    severity: if tie {
                        Severity::Info
                    } else {
                        Severity::Warning
                    },
                    span,
                    message: if tie {
                        format!(
                            "`{}` and `{usual}` are spelled as often as each other in the corpus ({} each)",
                            m.1.surface.1,
                            counts(m.1),
                        )
                    } else {
                        format!(
                            "`{}` ({}) is spelled `{usual}` in the rest of the corpus ({})",
                            m.1.surface.1,
                            counts(m.1),
                            counts(best.1)
                        )
                    },
                    help: None,
                    fix: None,
                };
                if tie {
                    d.help(format!(
                        "choose one spelling for the corpus ({conf} confidence that both name the same)"
                    ));
                } else {
                    d.help(format!(
                        "use the corpus's usual spelling `{usual}` ({conf} confidence that both name the same{more})"
                    ))
                    .fix(Fix::replace(
                        Applicability::Unsafe,
                        format!("Spell it `{usual}`"),
                        span,
                        usual,
                    ));
                }
                out.push((l.doc, d));
            }
        }
    }

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
                    docs: Vec::new(),
                    surface: (loc, n.spelling(text).into()),
                    in_article: 0,
                }),
            };
            st.mentions += 1;
            if loc < st.surface.0 {
                st.surface = (loc, n.spelling(text).into());
            }
            // Mentions N101 reports in their article are counted, not pointed at again (and take
            // no place among the ones shown).
            if loc.in_article {
                st.in_article += 1;
            } else if st.locs.len() < self.max_shown {
                st.locs.push(loc);
            } else if let Some(max) = st.locs.iter_mut().max()
                && loc < *max
            {
                *max = loc;
            }
            seen.push(spelling);
        }
        seen.sort_unstable();
        let mut i = 0;
        while i < seen.len() {
            let n = seen[i..].iter().take_while(|s| **s == seen[i]).count();
            if let Some(st) = self.spellings.get_mut(&*seen[i]) {
                st.articles += 1;
                st.docs.push((id, n as u32));
                if st.docs.len() > MAX_DOCS {
                    keep_docs(&mut st.docs);
                }
            }
            i += n;
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
                    st.docs.extend(v.docs);
                    st.in_article += v.in_article;
                    keep_docs(&mut st.docs);
                    if v.surface.0 < st.surface.0 {
                        st.surface = v.surface;
                    }
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
            // The group's spellings that are one name, clustered around the commonest: each
            // spelling joins the first cluster whose head the verifier matches it with.
            let mut sorted: Vec<&Member<'_>> = members.iter().collect();
            sorted.sort_by(|a, b| rank(b).cmp(&rank(a)).then_with(|| a.0.cmp(b.0)));
            let mut clusters: Vec<Vec<&Member<'_>>> = Vec::new();
            for m in sorted {
                match clusters.iter_mut().find(|c| one_name(group, c[0].0, m.0)) {
                    Some(c) => c.push(m),
                    None => clusters.push(vec![m]),
                }
            }
            for cluster in &clusters {
                self.report_cluster(rule, cluster, &rank, &mut out);
            }
        }
        out.sort_by_key(|(doc, d)| (*doc, d.span.start, d.span.end));
        out
    }

    fn export(&self, path_of: &dyn Fn(DocId) -> String) -> Option<Vec<u8>> {
        let mut files: Vec<String> = Vec::new();
        let mut file_ids: HashMap<String, u32> = HashMap::new();
        let mut rows = Vec::with_capacity(self.spellings.len());
        // In spelling order, so file ids (and the whole index) do not depend on hash order.
        let mut sorted: Vec<(&Box<str>, &Stats)> = self.spellings.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (s, st) in sorted {
            if s.len() > index::MAX_SPELLING {
                continue;
            }
            // Per-file counts (which let a checked file's old mentions be taken out of the index)
            // are known when every article was kept: true of the rare spellings that matter.
            let mut per: Vec<(u32, u32, u32)> = Vec::new();
            if st.docs.len() as u64 == st.articles {
                for &(doc, m) in &st.docs {
                    let p = path_of(doc);
                    let id = match file_ids.get(&p) {
                        Some(&id) => id,
                        None => {
                            let id = files.len() as u32;
                            files.push(p.clone());
                            file_ids.insert(p, id);
                            id
                        }
                    };
                    match per.iter_mut().find(|(f, _, _)| *f == id) {
                        Some((_, pm, pa)) => {
                            *pm += m;
                            *pa += 1;
                        }
                        None => per.push((id, m, 1)),
                    }
                }
            }
            rows.push(index::Row {
                spelling: s,
                group: st.group,
                strict: st.strict,
                entry: st.entry,
                mentions: st.mentions,
                articles: st.articles,
                per_file: per,
            });
        }
        Some(index::write(self.gaz.fingerprint, &files, &mut rows))
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
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
    fn ties_without_a_canonical_are_information_naming_both() {
        let found = run(&["Kim Dae-jung spoke.", "Kim Dae Jung spoke."], 1);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].2.contains("are spelled as often as each other"),
            "{}",
            found[0].2
        );
        assert!(found[0].2.contains("`Kim Dae Jung`") && found[0].2.contains("`Kim Dae-jung`"));
    }

    #[test]
    fn index_round_trip_takes_out_checked_files() {
        let rule = CorpusVariant::default();
        let mut st = rule.new_state();
        for (i, t) in DOCS.iter().enumerate() {
            st.observe(DocId(i as u64), &Document::new(t));
        }
        let index = st.export(&|d| format!("doc{}.txt", d.0)).unwrap();
        assert!(
            rule.import(b"{\"version\": 1}", &|_| false, &mut *rule.new_state())
                .is_err()
        );
        // Check doc 2 again against an index of all four: its old mentions are taken out.
        let mut fresh = rule.new_state();
        fresh.observe(DocId(2), &Document::new(DOCS[2]));
        rule.import(&index, &|p| p == "doc2.txt", &mut *fresh)
            .unwrap();
        let found = fresh.finish(RuleId(0));
        assert_eq!(found.len(), 2);
        assert!(found[0].1.message.contains("(2 mentions in 1 article)"));
        assert!(found[0].1.message.contains("(4 mentions in 3 articles)"));
    }
}
