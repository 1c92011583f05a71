use super::analysis::{analysed, classify, one_name};
use super::gazetteer::Gazetteer;
use super::index;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{
    Applicability, CorpusRule, CorpusState, Diagnostic, DocId, Fix, FixAvailability, Lexicon,
    Revisit, RuleId, RuleMeta, Severity,
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
    /// the gazetteer's canonical spelling wherever the corpus writes it (a brand's own casing
    /// too: `LinkedIn`, `eBay`), else the one used in the most articles, then the most
    /// mentions; a tie is reported as information naming both. Mentions that N101 already
    /// reports inside their article are not reported twice.
    ///
    /// Every mention of a minority spelling is reported, in two passes like a linker's: the
    /// first counts each distinct spelling (state grows with the number of names, not with the
    /// corpus), the second reads again only the articles that hold a minority spelling and
    /// points at each of its mentions. The findings are the same for any thread count and input
    /// order.
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
}

impl Default for CorpusVariant {
    fn default() -> Self {
        Self {
            meta: corpus_variant_meta(),
            gaz: Arc::new(Gazetteer::default()),
        }
    }
}

/// Where a spelling is first written: its document and byte offset.
type Place = (DocId, usize);

/// What pass 1 keeps of one distinct spelling: counts and keys, never a place per mention.
#[derive(Debug, Clone)]
struct Stats {
    group: u64,
    strict: u64,
    entry: Option<u32>,
    mentions: u64,
    articles: u64,
    /// Mentions reported by N101 inside their article (counted, not reported again).
    in_article: u64,
    /// The spelling as first written (smallest place): what messages quote and fixes write.
    surface: (Place, Box<str>),
    /// The articles of this run that mention it, with their mention counts: all of them while
    /// there are at most [`FEW_DOCS`] (or always, for an index), else none and `many` is set.
    docs: Vec<(DocId, u32)>,
    many: bool,
}

/// How many articles per spelling are remembered, so that the second pass reads only those
/// articles again. A minority spelling in more articles makes the second pass read every one.
const FEW_DOCS: usize = 16;

/// What the second pass reports at each mention of a minority spelling.
#[derive(Debug)]
struct Report {
    usual: Box<str>,
    tie: bool,
    message: String,
    help: String,
}

pub struct State {
    gaz: Arc<Gazetteer>,
    spellings: HashMap<Box<str>, Stats>,
    /// Keep every article's counts (an index subtracts a re-checked file exactly).
    exporting: bool,
    /// The minority spellings, decided by `plan`.
    reports: HashMap<Box<str>, Report>,
    /// Finds the minority spellings (ASCII case aside: a leading particle is counted in small
    /// letters), so the second pass analyses only the documents that contain one.
    prefilter: Option<aho_corasick::AhoCorasick>,
}

impl State {
    fn new(gaz: Arc<Gazetteer>) -> Self {
        Self {
            gaz,
            spellings: HashMap::new(),
            exporting: false,
            reports: HashMap::new(),
            prefilter: None,
        }
    }

    /// Remember that `doc` mentions `st`'s spelling `n` times.
    fn add_doc(&mut self, key: &str, doc: DocId, n: u32) {
        let exporting = self.exporting;
        if let Some(st) = self.spellings.get_mut(key) {
            st.articles += 1;
            st.add_docs([(doc, n)], exporting);
        }
    }
}

impl Stats {
    /// Remember these articles, or only that there are many once there are more than
    /// [`FEW_DOCS`] (unless `exporting`: an index keeps them all).
    fn add_docs(&mut self, docs: impl IntoIterator<Item = (DocId, u32)>, exporting: bool) {
        if self.many {
            return;
        }
        self.docs.extend(docs);
        if !exporting && self.docs.len() > FEW_DOCS {
            self.docs = Vec::new();
            self.many = true;
        }
    }
}

impl CorpusRule for CorpusVariant {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.gaz = Arc::new(Gazetteer::from_lexicon(lexicon)?);
        Ok(())
    }

    fn new_state(&self) -> Box<dyn CorpusState> {
        Box::new(State::new(self.gaz.clone()))
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
        let reader = index::Reader::new(index).map_err(|e| format!("in its header: {e}"))?;
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
            let row = reader.row(i).map_err(|e| format!("record {i}: {e}"))?;
            let bad = |what: String| {
                format!(
                    "record {i} (`{}`): {what}; the index is damaged, write it again with `newslint index`",
                    row.spelling
                )
            };
            // A hostile index is bad input: its counts must add up and its gazetteer ids exist.
            let (sum_m, sum_a) = row
                .per_file
                .iter()
                .fold((0u64, 0u64), |(m, a), &(_, fm, fa)| {
                    (m.saturating_add(fm as u64), a.saturating_add(fa as u64))
                });
            if (sum_m, sum_a) != (row.mentions, row.articles) {
                return Err(bad(format!(
                    "{} mentions in {} articles, but its files count {sum_m} in {sum_a}",
                    row.mentions, row.articles
                )));
            }
            if same
                && let Some(e) = row.entry
                && self.gaz.get(e).is_none()
            {
                return Err(bad(format!(
                    "gazetteer entry {e}, which the gazetteer does not have"
                )));
            }
            // Every file's counts are in the index: a re-checked file's old mentions come out
            // exactly, for every spelling.
            let (mut mentions, mut articles) = (row.mentions, row.articles);
            for &(f, m, a) in &row.per_file {
                match skipped.get(f as usize) {
                    Some(true) => {
                        mentions = mentions.saturating_sub(m as u64);
                        articles = articles.saturating_sub(a as u64);
                    }
                    Some(false) => {}
                    None => {
                        return Err(bad(format!("file {f}, which is not listed")));
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
                    st.mentions = st.mentions.saturating_add(mentions);
                    st.articles = st.articles.saturating_add(articles);
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
                            in_article: 0,
                            surface: ((DocId(u64::MAX), 0), row.spelling.into()),
                            docs: Vec::new(),
                            many: false,
                        },
                    );
                }
            }
        }
        Ok(())
    }
}

type Member<'a> = (&'a str, &'a Stats);

/// The articles the second pass reads, gathered over the reported spellings.
#[derive(Default)]
struct Wanted {
    docs: Vec<DocId>,
    /// A reported spelling is in more articles than are remembered: read every one.
    all: bool,
}

impl State {
    /// Decide what to report for the minority spellings of one cluster (its spellings ranked,
    /// the usual first), and which articles hold them.
    fn plan_cluster(
        &self,
        cluster: &[&Member<'_>],
        rank: &dyn Fn(&Member<'_>) -> (bool, u64, u64),
        canonical: Option<&str>,
        reports: &mut HashMap<Box<str>, Report>,
        revisit: &mut Wanted,
    ) {
        let best = cluster[0];
        // The gazetteer's spelling is the usual one wherever the corpus writes it, even in fewer
        // articles: it is the house's choice (and a brand's own casing, `LinkedIn`, `eBay`).
        let by_gazetteer = rank(best).0;
        for &m in &cluster[1..] {
            let (bm, mm) = (rank(best), rank(m));
            // A tie the gazetteer's canonical spelling does not break is no one's mistake: both
            // are named, as information.
            let tie = bm == mm;
            if bm < mm || self.gaz.keep_apart(best.0, m.0) {
                continue;
            }
            // Mentions of this run outside the ones N101 reports: nothing to place otherwise.
            let local: u64 = m.1.docs.iter().map(|&(_, n)| n as u64).sum();
            if !m.1.many && local <= m.1.in_article {
                continue;
            }
            let conf = if best.1.strict == m.1.strict {
                "high"
            } else {
                "medium"
            };
            let usual = match canonical {
                Some(c) if by_gazetteer => c,
                _ => &*best.1.surface.1,
            };
            let (message, help) = if by_gazetteer {
                (
                    format!(
                        "`{}` ({}) is spelled `{usual}` by the gazetteer and in the rest of the corpus ({})",
                        m.1.surface.1,
                        counts(m.1),
                        counts(best.1)
                    ),
                    format!(
                        "use the gazetteer's spelling `{usual}` ({conf} confidence that both name the same)"
                    ),
                )
            } else if tie {
                (
                    format!(
                        "`{}` and `{usual}` are spelled as often as each other in the corpus ({} each)",
                        m.1.surface.1,
                        counts(m.1),
                    ),
                    format!(
                        "choose one spelling for the corpus ({conf} confidence that both name the same)"
                    ),
                )
            } else {
                (
                    format!(
                        "`{}` ({}) is spelled `{usual}` in the rest of the corpus ({})",
                        m.1.surface.1,
                        counts(m.1),
                        counts(best.1)
                    ),
                    format!(
                        "use the corpus's usual spelling `{usual}` ({conf} confidence that both name the same)"
                    ),
                )
            };
            reports.insert(
                m.0.into(),
                Report {
                    usual: usual.into(),
                    tie,
                    message,
                    help,
                },
            );
            revisit.all |= m.1.many;
            revisit.docs.extend(m.1.docs.iter().map(|&(d, _)| d));
        }
    }
}

impl CorpusState for State {
    fn observe(&mut self, id: DocId, doc: &Document<'_>) {
        let text = doc.text();
        let named = analysed(doc, &self.gaz);
        let mut seen: Vec<std::borrow::Cow<'_, str>> = Vec::new();
        for n in named.iter().filter(|n| n.vote) {
            let spelling = n.counted(text);
            let place = (id, n.span.start);
            let st = match self.spellings.get_mut(&*spelling) {
                Some(st) => st,
                None => self.spellings.entry((*spelling).into()).or_insert(Stats {
                    group: n.group,
                    strict: n.strict,
                    entry: n.verdict.map(|(e, _)| e),
                    mentions: 0,
                    articles: 0,
                    in_article: 0,
                    surface: (place, n.spelling(text).into()),
                    docs: Vec::new(),
                    many: false,
                }),
            };
            st.mentions += 1;
            if place < st.surface.0 {
                st.surface = (place, n.spelling(text).into());
            }
            if n.differs_in_article.is_some() {
                st.in_article += 1;
            }
            seen.push(spelling);
        }
        seen.sort_unstable();
        let mut i = 0;
        while i < seen.len() {
            let n = seen[i..].iter().take_while(|s| **s == seen[i]).count();
            self.add_doc(&seen[i], id, n as u32);
            i += n;
        }
    }

    fn merge(&mut self, other: Box<dyn CorpusState>) {
        let other = other
            .into_any()
            .downcast::<State>()
            .expect("merged with a state of the same rule");
        let exporting = self.exporting;
        for (k, v) in other.spellings {
            match self.spellings.get_mut(&k) {
                None => {
                    self.spellings.insert(k, v);
                }
                Some(st) => {
                    st.mentions = st.mentions.saturating_add(v.mentions);
                    st.articles = st.articles.saturating_add(v.articles);
                    st.in_article = st.in_article.saturating_add(v.in_article);
                    if v.surface.0 < st.surface.0 {
                        st.surface = v.surface;
                    }
                    if v.many {
                        st.docs = Vec::new();
                        st.many = true;
                    }
                    st.add_docs(v.docs, exporting);
                }
            }
        }
    }

    fn plan(&mut self) -> Option<Revisit> {
        let mut rows: Vec<(&str, &Stats)> = self.spellings.iter().map(|(k, v)| (&**k, v)).collect();
        rows.sort_unstable_by(|a, b| (a.1.group, a.0).cmp(&(b.1.group, b.0)));
        let mut reports = HashMap::new();
        let mut revisit = Wanted::default();
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
                .and_then(|id| self.gaz.get(id))
                .map(|e| e.canonical.as_str());
            let rank = |r: &(&str, &Stats)| (canonical == Some(r.0), r.1.articles, r.1.mentions);
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
                self.plan_cluster(cluster, &rank, canonical, &mut reports, &mut revisit);
            }
        }
        self.prefilter = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(reports.keys().map(|k| k.as_bytes()))
            .ok();
        let any = !reports.is_empty();
        self.reports = reports;
        // Pass 2 needs only the reports.
        if !self.exporting {
            self.spellings = HashMap::new();
        }
        // The articles of every reported spelling, sorted once.
        any.then(|| {
            if revisit.all {
                Revisit::All
            } else {
                Revisit::docs(revisit.docs)
            }
        })
    }

    fn revisit(&self, rule: RuleId, _id: DocId, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        if self
            .prefilter
            .as_ref()
            .is_some_and(|p| p.find(text).is_none())
        {
            return;
        }
        let named = analysed(doc, &self.gaz);
        // Mentions N101 reports inside their article are not reported twice.
        for n in named
            .iter()
            .filter(|n| n.vote && n.differs_in_article.is_none())
        {
            let Some(r) = self.reports.get(&*n.counted(text)) else {
                continue;
            };
            let mut d = Diagnostic {
                rule,
                severity: if r.tie {
                    Severity::Info
                } else {
                    Severity::Warning
                },
                span: n.span,
                message: r.message.clone(),
                help: None,
                fix: None,
            };
            d.help(r.help.clone());
            if !r.tie {
                d.fix(Fix::replace(
                    Applicability::Unsafe,
                    format!("Spell it `{}`", r.usual),
                    n.span,
                    &*r.usual,
                ));
            }
            out.push(d);
        }
    }

    fn finish(self: Box<Self>, _rule: RuleId) -> Vec<(DocId, Diagnostic)> {
        // Every finding is placed in the second pass.
        Vec::new()
    }

    fn keep_for_export(&mut self) {
        self.exporting = true;
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
            // Every article's counts are kept for an index (`keep_for_export`), so every file's
            // mentions of every spelling can be taken out when that file is checked again.
            let mut docs = st.docs.clone();
            docs.sort_unstable();
            let mut per: Vec<(u32, u32, u32)> = Vec::new();
            for (doc, m) in docs {
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
                match per.last_mut() {
                    Some((f, pm, pa)) if *f == id => {
                        *pm += m;
                        *pa += 1;
                    }
                    _ => per.push((id, m, 1)),
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
        both_passes(b, docs)
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

    /// Plan, then revisit the documents asked for (all of `docs`, ids by position).
    fn both_passes(mut st: Box<dyn CorpusState>, docs: &[&str]) -> Vec<(DocId, Diagnostic)> {
        let Some(revisit) = st.plan() else {
            return st.finish(RuleId(0));
        };
        let mut out = Vec::new();
        for (i, t) in docs.iter().enumerate() {
            let id = DocId(i as u64);
            if revisit.contains(id) {
                let mut found = Vec::new();
                st.revisit(RuleId(0), id, &Document::new(t), &mut found);
                out.extend(found.into_iter().map(|d| (id, d)));
            }
        }
        out
    }

    #[test]
    fn every_mention_is_reported_and_only_its_articles_are_read_again() {
        // 40 mentions of the minority spelling in 20 articles (more than are remembered), 3
        // articles of the usual one per minority article.
        let mut docs: Vec<String> = Vec::new();
        for i in 0..20 {
            docs.push(format!(
                "Day {i}: Dorvaleno Quintaberg spoke. Dorvaleno Quintaberg left."
            ));
            for _ in 0..3 {
                docs.push("Crowds cheered Dorvalino Quintaberg.".into());
            }
        }
        docs.push("Unrelated text about rain.".into());
        let refs: Vec<&str> = docs.iter().map(|s| s.as_str()).collect();
        let found = run(&refs, refs.len() / 2);
        assert_eq!(found.len(), 40);
        assert!(found.iter().all(|f| f.1 == "Dorvaleno Quintaberg"));
        assert!(
            found[0].2.contains("(40 mentions in 20 articles)"),
            "{}",
            found[0].2
        );

        // A rare minority spelling: only its own article is read again.
        let rule = CorpusVariant::default();
        let mut st = rule.new_state();
        for (i, t) in refs[1..4]
            .iter()
            .chain(["Dorvaleno Quintaberg waved."].iter())
            .enumerate()
        {
            st.observe(DocId(i as u64), &Document::new(t));
        }
        assert_eq!(st.plan(), Some(Revisit::Docs(vec![DocId(3)])));
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
        // A minority spelling in articles on both sides of the split: the second pass must read
        // all of them whichever state they were merged from.
        let docs: &[&str] = &[
            "Envoys met Rafiq Al Hariri.",
            "Rafiq al-Hariri spoke.",
            "Rafiq al-Hariri left.",
            "Rafiq al-Hariri won.",
            "Rafiq al-Hariri lost.",
            "Talks with Rafiq Al Hariri resumed.",
            "Rafiq Al Hariri smiled.",
        ];
        let base = run(docs, 0);
        assert_eq!(base.len(), 3, "{base:?}");
        for split in 1..=docs.len() {
            assert_eq!(run(docs, split), base, "split at {split}");
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
        st.keep_for_export();
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
        let found = both_passes(fresh, DOCS);
        assert_eq!(found.len(), 2);
        assert!(found[0].1.message.contains("(2 mentions in 1 article)"));
        assert!(found[0].1.message.contains("(4 mentions in 3 articles)"));
    }

    proptest::proptest! {
        /// A real index with bytes overwritten anywhere: importing it is an error or a state
        /// whose two passes run, never a panic (issue 23: ids and counts from the index are
        /// checked, counts saturate).
        #[test]
        fn a_damaged_index_never_panics(
            hits in proptest::collection::vec((0usize..4096, proptest::prelude::any::<u8>()), 1..8),
        ) {
            let rule = CorpusVariant::default();
            let mut st = rule.new_state();
            st.keep_for_export();
            for (i, t) in DOCS.iter().enumerate() {
                st.observe(DocId(i as u64), &Document::new(t));
            }
            let mut index = st.export(&|d| format!("doc{}.txt", d.0)).unwrap();
            for (at, b) in hits {
                let n = index.len();
                index[at % n] = b;
            }
            let mut fresh = rule.new_state();
            fresh.observe(DocId(2), &Document::new(DOCS[2]));
            if rule.import(&index, &|p| p == "doc1.txt", &mut *fresh).is_ok() {
                both_passes(fresh, DOCS);
            }
        }
    }
}
