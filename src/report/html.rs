//! `newslint report`: one self-contained HTML page that draws a corpus's findings.
//!
//! [`HtmlReport`] folds findings in as a run streams them ([`HtmlReport::add`]) and the number of
//! articles per source ([`HtmlReport::add_articles`]), keeping only aggregates and bounded top-N
//! lists, so its memory does not grow with the findings: per rule, family, severity and source
//! counts; one small counter per article that has findings (for the histogram and the ranking);
//! the spans of the [`TOP_CANDIDATES`] articles with most findings so far; name spellings,
//! encodings, mojibake repairs and boilerplate lines, each capped. [`HtmlReport::render`] writes
//! the page: inline SVG charts, escaped text, no network request, and a few lines of script that
//! only sort tables (the page reads the same without it).
//!
//! Every text that comes from the corpus (paths, ids, sources, flagged text, context, messages) goes
//! through [`escape`], which also makes control, bidi and invisible characters visible as `⟨U+…⟩`,
//! so nothing in the corpus can add an element or reorder what the page shows.

use super::Located;
use crate::engine::Registry;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// How many articles the report shows with their flagged spans.
pub const TOP_ARTICLES: usize = 50;
/// How many articles with most findings are kept (with their spans) while the run streams: more
/// than are shown, because corpus findings arriving at the end can reorder them.
pub const TOP_CANDIDATES: usize = 200;
/// Spans kept per article (the count still counts them all).
const SPANS_PER_ARTICLE: usize = 40;
/// Sources kept by name; the rest are summed as `(other sources)`.
const MAX_SOURCES: usize = 10_000;
/// Sources drawn in the chart: those with most findings per 100 articles among the sources with
/// at least [`CHART_MIN_ARTICLES`] articles (or all, when none has so many).
const CHART_SOURCES: usize = 15;
const CHART_MIN_ARTICLES: u64 = 5;
/// Sources listed in the table, the largest first.
const TABLE_SOURCES: usize = 200;
/// Rules drawn in the per-rule chart.
const CHART_RULES: usize = 20;
/// Name groups, encodings, mojibake repairs and boilerplate lines kept (each list).
const MAX_GROUPS: usize = 2_000;
/// Of those, how many are shown.
const SHOWN_GROUPS: usize = 50;
/// Characters of context shown on each side of a flagged span.
pub const CONTEXT_CHARS: usize = 80;
/// Characters of a flagged text shown.
const TEXT_CHARS: usize = 240;

/// The families in the order the report shows them, with their colours.
const FAMILIES: &[(&str, &str)] = &[
    ("artifact", "#d1495b"),
    ("translation", "#edae49"),
    ("sourcing", "#00798c"),
    ("names", "#30638e"),
    ("encoding", "#6a4c93"),
];

/// The text around a finding, attached while its document is at hand (`newslint report` only).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Context {
    pub before: String,
    pub after: String,
    /// The source of the finding's article (`--source-field`, else the file's directory).
    pub source: String,
}

impl Context {
    /// The [`CONTEXT_CHARS`] characters before `start` and after `end` in `text` (byte offsets,
    /// clamped to `text` and to character boundaries).
    pub fn around(text: &str, start: usize, end: usize) -> Context {
        let start = floor_boundary(text, start.min(text.len()));
        let end = floor_boundary(text, end.clamp(start, text.len()));
        let before_start = text[..start]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let after_end = text[end..]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(text.len(), |(i, _)| end + i);
        Context {
            before: text[before_start..start].to_string(),
            after: text[end..after_end].to_string(),
            source: String::new(),
        }
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One flagged span of a top article.
#[derive(Debug, Clone)]
struct Span {
    code: String,
    severity: String,
    message: String,
    line: usize,
    column: usize,
    text: String,
    context: Context,
}

/// An article among the candidates for the top list.
#[derive(Debug, Clone)]
struct Candidate {
    key: (u32, u64),
    record: Option<u64>,
    id: Option<String>,
    count: u32,
    spans: Vec<Span>,
}

#[derive(Debug, Default, Clone)]
struct SourceTally {
    articles: u64,
    findings: u64,
    by_family: [u64; 5],
}

#[derive(Debug, Default)]
struct RuleTally {
    name: String,
    family: String,
    severity: String,
    count: u64,
}

/// A spelling group: the canonical spelling, its variants with their flagged mentions, and the
/// rules that found them.
#[derive(Debug, Default)]
struct NameGroup {
    variants: BTreeMap<String, u64>,
    rules: BTreeMap<String, u64>,
}

/// Facts about the run that the page states (totals, the exit status, the command).
#[derive(Debug, Clone, Default)]
pub struct RunFacts {
    /// What was checked, as given on the command line.
    pub inputs: Vec<String>,
    pub files: usize,
    /// Input errors (unreadable files, broken records).
    pub input_errors: usize,
    /// The exit status `newslint check` gives on the same run.
    pub exit_status: u8,
    /// Only findings not in this baseline are shown.
    pub baseline: Option<String>,
    /// The field sources were read from, when given.
    pub source_field: Option<String>,
}

/// The aggregates a report draws, folded in as findings stream.
#[derive(Debug, Default)]
pub struct HtmlReport {
    severity: [u64; 3],
    families: [u64; 5],
    rules: BTreeMap<String, RuleTally>,
    paths: Vec<String>,
    path_index: HashMap<String, u32>,
    /// Findings of each article that has some; the value's second part is its source.
    per_article: HashMap<(u32, u64), (u32, u32)>,
    articles: u64,
    sources: Vec<(String, SourceTally)>,
    source_index: HashMap<String, u32>,
    candidates: Vec<Candidate>,
    candidate_index: HashMap<(u32, u64), usize>,
    /// The lowest-ranked candidate once they are full.
    floor: usize,
    names: BTreeMap<String, NameGroup>,
    encodings: BTreeMap<String, u64>,
    mojibake: BTreeMap<(String, String), u64>,
    mojibake_total: u64,
    boilerplate: BTreeMap<(String, String), u64>,
}

fn family_index(family: &str) -> Option<usize> {
    FAMILIES.iter().position(|(f, _)| *f == family)
}

fn severity_index(severity: &str) -> usize {
    match severity {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

/// Add one to a capped tally: a key already present counts on; a new one is let in while the table
/// has room.
fn bump<K: Ord>(map: &mut BTreeMap<K, u64>, key: K) {
    if let Some(n) = map.get_mut(&key) {
        *n += 1;
    } else if map.len() < MAX_GROUPS {
        map.insert(key, 1);
    }
}

const OTHER_SOURCES: &str = "(other sources)";
const UNKNOWN_SOURCE: &str = "(source not known)";

impl HtmlReport {
    pub fn new() -> Self {
        Self::default()
    }

    fn path_id(&mut self, path: &str) -> u32 {
        if let Some(&i) = self.path_index.get(path) {
            return i;
        }
        let i = self.paths.len() as u32;
        self.paths.push(path.to_string());
        self.path_index.insert(path.to_string(), i);
        i
    }

    fn source_id(&mut self, source: &str) -> u32 {
        if let Some(&i) = self.source_index.get(source) {
            return i;
        }
        let name = if self.sources.len() < MAX_SOURCES {
            source
        } else {
            OTHER_SOURCES
        };
        if let Some(&i) = self.source_index.get(name) {
            return i;
        }
        let i = self.sources.len() as u32;
        self.sources
            .push((name.to_string(), SourceTally::default()));
        self.source_index.insert(name.to_string(), i);
        i
    }

    /// `n` articles of `source` were checked (a plain file is one article; a JSONL record with a
    /// text field is one).
    pub fn add_articles(&mut self, source: &str, n: u64) {
        let i = self.source_id(source) as usize;
        self.sources[i].1.articles += n;
        self.articles += n;
    }

    /// Fold in findings, as a run streams them. `source` is the source of each finding's article
    /// when known. Consecutive findings of one article (as a run gives them) enter the ranking
    /// together.
    pub fn add<'a>(&mut self, findings: impl IntoIterator<Item = (&'a Located, Option<&'a str>)>) {
        let mut run: Vec<&Located> = Vec::new();
        let mut run_key = None;
        for (l, source) in findings {
            let key = self.tally(l, source);
            if run_key != Some(key) {
                if let Some(k) = run_key {
                    self.candidate(k, &run);
                }
                run.clear();
                run_key = Some(key);
            }
            run.push(l);
        }
        if let Some(k) = run_key {
            self.candidate(k, &run);
        }
    }

    /// The counts of one finding; returns its article's key.
    fn tally(&mut self, l: &Located, source: Option<&str>) -> (u32, u64) {
        self.severity[severity_index(&l.severity)] += 1;
        let fam = family_index(&l.family);
        if let Some(f) = fam {
            self.families[f] += 1;
        }
        let rule = self.rules.entry(l.code.clone()).or_default();
        if rule.count == 0 {
            rule.name.clone_from(&l.name);
            rule.family.clone_from(&l.family);
            rule.severity.clone_from(&l.severity);
        }
        rule.count += 1;

        let key = (self.path_id(&l.path), l.record.unwrap_or(0));
        let known = source.map(|s| self.source_id(s));
        let entry = self.per_article.entry(key).or_insert((0, u32::MAX));
        entry.0 += 1;
        if entry.1 == u32::MAX
            && let Some(s) = known
        {
            entry.1 = s;
        }
        let src = entry.1;
        let src = if src == u32::MAX {
            self.source_id(UNKNOWN_SOURCE)
        } else {
            src
        };
        let tally = &mut self.sources[src as usize].1;
        tally.findings += 1;
        if let Some(f) = fam {
            tally.by_family[f] += 1;
        }
        self.special(l);
        key
    }

    /// Keep the article among the candidates for the top list while its count is among the
    /// highest, with the spans of `run` (its findings just added).
    fn candidate(&mut self, key: (u32, u64), run: &[&Located]) {
        let count = self.per_article.get(&key).map_or(0, |v| v.0);
        let span = |l: &Located| Span {
            code: l.code.clone(),
            severity: l.severity.clone(),
            message: l.message.clone(),
            line: l.line,
            column: l.column,
            text: l.text.chars().take(TEXT_CHARS).collect(),
            context: l.context.as_deref().cloned().unwrap_or_default(),
        };
        if let Some(&i) = self.candidate_index.get(&key) {
            let c = &mut self.candidates[i];
            c.count = count;
            let room = SPANS_PER_ARTICLE.saturating_sub(c.spans.len());
            c.spans.extend(run.iter().take(room).map(|l| span(l)));
        } else if self.candidates.len() < TOP_CANDIDATES || self.outranks(count, key, self.floor) {
            let first = run[0];
            let c = Candidate {
                key,
                record: first.record,
                id: first.id.clone(),
                count,
                spans: run
                    .iter()
                    .take(SPANS_PER_ARTICLE)
                    .map(|l| span(l))
                    .collect(),
            };
            if self.candidates.len() < TOP_CANDIDATES {
                self.candidate_index.insert(key, self.candidates.len());
                self.candidates.push(c);
            } else {
                let i = self.floor;
                self.candidate_index.remove(&self.candidates[i].key);
                self.candidate_index.insert(key, i);
                self.candidates[i] = c;
            }
        } else {
            return;
        }
        if self.candidates.len() == TOP_CANDIDATES {
            self.floor = (0..self.candidates.len())
                .min_by(|&a, &b| self.rank(a).cmp(&self.rank(b)))
                .unwrap_or(0);
        }
    }

    /// The order of the ranking: more findings first, then path and record (a total order, so
    /// the candidates kept do not depend on the order the files finish in).
    fn rank(&self, i: usize) -> (u32, std::cmp::Reverse<(&str, u64)>) {
        let c = &self.candidates[i];
        (
            c.count,
            std::cmp::Reverse((self.paths[c.key.0 as usize].as_str(), c.key.1)),
        )
    }

    fn outranks(&self, count: u32, key: (u32, u64), floor: usize) -> bool {
        let me = (
            count,
            std::cmp::Reverse((self.paths[key.0 as usize].as_str(), key.1)),
        );
        me > self.rank(floor)
    }

    /// The sections that read particular rules: name spellings, encodings, mojibake, boilerplate.
    fn special(&mut self, l: &Located) {
        let replacement = l
            .fix
            .as_ref()
            .and_then(|f| f.edits.first())
            .map(|e| e.replacement.clone());
        match l.code.as_str() {
            "N101" | "N102" | "N103" => {
                if let Some(canonical) = replacement
                    && (self.names.len() < MAX_GROUPS || self.names.contains_key(&canonical))
                {
                    let g = self.names.entry(canonical).or_default();
                    bump(&mut g.variants, l.text.clone());
                    bump(&mut g.rules, l.code.clone());
                }
            }
            // `file is not UTF-8: decoded as windows-1252 (detected, …)`: the encoding's name.
            "E102" => {
                let name = l
                    .message
                    .split_once("decoded as ")
                    .map_or(l.message.as_str(), |(_, rest)| {
                        rest.split_once(" (").map_or(rest, |(name, _)| name)
                    });
                bump(&mut self.encodings, name.to_string());
            }
            "E103" => {
                self.mojibake_total += 1;
                let fixed = replacement.unwrap_or_default();
                bump(&mut self.mojibake, (l.text.clone(), fixed));
            }
            "A107" => {
                let source = l
                    .message
                    .rsplit_once(" documents of ")
                    .map_or_else(|| l.path.clone(), |(_, s)| s.to_string());
                bump(
                    &mut self.boilerplate,
                    (source, l.text.chars().take(TEXT_CHARS).collect()),
                );
            }
            _ => {}
        }
    }

    pub fn findings(&self) -> u64 {
        self.severity.iter().sum()
    }

    pub fn articles(&self) -> u64 {
        self.articles
    }

    /// Whether `check` would fail on these findings (a warning or an error among them).
    pub fn failing(&self) -> bool {
        self.severity[0] + self.severity[1] > 0
    }

    /// The page. `registry` gives the documentation each rule links to.
    pub fn render(&self, facts: &RunFacts, registry: &Registry) -> String {
        let mut h = String::with_capacity(64 * 1024);
        h.push_str(HEAD);
        let total = self.findings();
        let _ = write!(
            h,
            "<header><h1>newslint report</h1><p class=\"inputs\">{}</p></header>\n<main>\n",
            escape(&facts.inputs.join(" "))
        );
        // The totals and the families side by side: the first screen answers "how bad, where".
        h.push_str("<div class=\"row\">\n");
        self.totals(&mut h, facts, total);
        self.families(&mut h);
        h.push_str("</div>\n");
        self.rules(&mut h);
        self.histogram(&mut h);
        self.by_source(&mut h, facts);
        self.top_articles(&mut h);
        self.name_groups(&mut h);
        self.encoding(&mut h);
        self.boilerplate_section(&mut h);
        self.rule_docs(&mut h, registry);
        h.push_str("</main>\n");
        h.push_str(SCRIPT);
        h.push_str("</body>\n</html>\n");
        h
    }

    fn totals(&self, h: &mut String, facts: &RunFacts, total: u64) {
        let clean = self.articles.saturating_sub(self.per_article.len() as u64);
        let status = match facts.exit_status {
            0 => "0: passes (no warning or error)",
            1 => "1: fails (warnings or errors found)",
            _ => "2: input errors",
        };
        let _ = write!(
            h,
            "<section id=\"totals\"><h2>Totals</h2>\n<dl class=\"totals\">\
             <dt>Files</dt><dd>{}</dd><dt>Articles</dt><dd>{}</dd>\
             <dt>Findings</dt><dd>{}</dd><dt>Errors</dt><dd>{}</dd><dt>Warnings</dt><dd>{}</dd>\
             <dt>Info</dt><dd>{}</dd><dt>Articles with no finding</dt><dd>{} ({})</dd>\
             <dt>Input errors</dt><dd>{}</dd><dt>Exit status of <code>check</code></dt><dd>{}</dd>",
            facts.files,
            self.articles,
            total,
            self.severity[0],
            self.severity[1],
            self.severity[2],
            clean,
            percent(clean, self.articles),
            facts.input_errors,
            status
        );
        if let Some(b) = &facts.baseline {
            let _ = write!(
                h,
                "<dt>Baseline</dt><dd>only findings not in <code>{}</code></dd>",
                escape(b)
            );
        }
        h.push_str("</dl></section>\n");
    }

    fn families(&self, h: &mut String) {
        h.push_str("<section id=\"families\"><h2>Findings by family</h2>\n");
        let bars: Vec<Bar> = FAMILIES
            .iter()
            .enumerate()
            .map(|(i, (f, colour))| Bar {
                label: f.to_string(),
                value: self.families[i],
                colour,
                href: None,
            })
            .collect();
        bar_chart(h, "findings by family", &bars, 100, 520);
        h.push_str("<p class=\"per100\">Per 100 articles: ");
        for (i, (f, _)) in FAMILIES.iter().enumerate() {
            let _ = write!(
                h,
                "{}{f} <b>{:.1}</b>",
                if i == 0 { "" } else { " · " },
                per100(self.families[i], self.articles)
            );
        }
        h.push_str("</p></section>\n");
    }

    fn rules(&self, h: &mut String) {
        h.push_str("<section id=\"rules\"><h2>Findings by rule</h2>\n");
        let mut rules: Vec<(&String, &RuleTally)> = self.rules.iter().collect();
        rules.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        let bars: Vec<Bar> = rules
            .iter()
            .take(CHART_RULES)
            .map(|(code, r)| Bar {
                label: format!("{code} {}", r.name),
                value: r.count,
                colour: colour_of(&r.family),
                href: Some(format!("#rule-{code}")),
            })
            .collect();
        bar_chart(h, "findings by rule", &bars, LABEL_W, CHART_W);
        let _ = write!(
            h,
            "<details><summary>All {} rules found, as a table</summary>",
            rules.len()
        );
        h.push_str(
            "<table class=\"sortable\"><thead><tr><th>Rule</th><th>Name</th><th>Family</th>\
             <th>Severity</th><th class=\"num\">Findings</th></tr></thead><tbody>\n",
        );
        for (code, r) in &rules {
            let _ = writeln!(
                h,
                "<tr><td><a href=\"#rule-{c}\">{c}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&r.name),
                escape(&r.family),
                escape(&r.severity),
                r.count,
                c = escape(code),
            );
        }
        h.push_str("</tbody></table></details></section>\n");
    }

    fn histogram(&self, h: &mut String) {
        const BUCKETS: &[(u32, u32, &str)] = &[
            (0, 0, "0"),
            (1, 1, "1"),
            (2, 2, "2"),
            (3, 4, "3–4"),
            (5, 9, "5–9"),
            (10, 19, "10–19"),
            (20, 49, "20–49"),
            (50, u32::MAX, "50+"),
        ];
        let mut counts = vec![0u64; BUCKETS.len()];
        counts[0] = self.articles.saturating_sub(self.per_article.len() as u64);
        for (n, _) in self.per_article.values() {
            if let Some(b) = BUCKETS.iter().position(|(lo, hi, _)| n >= lo && n <= hi) {
                counts[b] += 1;
            }
        }
        h.push_str(
            "<section id=\"histogram\"><h2>Findings per article</h2>\n\
             <p>How many articles have no finding, one, two, … (the first bar is the clean share).</p>\n",
        );
        let cols: Vec<(String, u64)> = BUCKETS
            .iter()
            .zip(&counts)
            .map(|((_, _, l), c)| (l.to_string(), *c))
            .collect();
        column_chart(h, "articles by number of findings", &cols);
        h.push_str("</section>\n");
    }

    fn by_source(&self, h: &mut String, facts: &RunFacts) {
        let basis = match &facts.source_field {
            Some(f) => format!("the <code>{}</code> field of each record", escape(f)),
            None => "the directory of each file (give <code>--source-field</code> to group JSONL records by outlet)".to_string(),
        };
        let _ = write!(
            h,
            "<section id=\"sources\"><h2>By source</h2>\n<p>Findings per 100 articles, by family; sources are {basis}. The chart shows the sources with most findings per 100 articles among those with at least {CHART_MIN_ARTICLES} articles.</p>\n"
        );
        let mut rows: Vec<&(String, SourceTally)> = self
            .sources
            .iter()
            .filter(|(_, t)| t.articles > 0 || t.findings > 0)
            .collect();
        let by_rate = |a: &&(String, SourceTally), b: &&(String, SourceTally)| {
            per100(b.1.findings, b.1.articles)
                .total_cmp(&per100(a.1.findings, a.1.articles))
                .then(a.0.cmp(&b.0))
        };
        let largest = rows.iter().map(|(_, t)| t.articles).max().unwrap_or(0);
        let min_articles = CHART_MIN_ARTICLES.min(largest);
        let mut chart: Vec<&(String, SourceTally)> = rows
            .iter()
            .copied()
            .filter(|(_, t)| t.articles >= min_articles)
            .collect();
        chart.sort_by(by_rate);
        chart.truncate(CHART_SOURCES);
        stacked_chart(h, &chart);
        rows.sort_by(|a, b| b.1.articles.cmp(&a.1.articles).then(a.0.cmp(&b.0)));
        if rows.len() > TABLE_SOURCES {
            let _ = writeln!(
                h,
                "<p>The {TABLE_SOURCES} largest of {} sources:</p>",
                rows.len()
            );
            rows.truncate(TABLE_SOURCES);
        }
        h.push_str("<table class=\"sortable\"><thead><tr><th>Source</th><th class=\"num\">Articles</th><th class=\"num\">Findings</th><th class=\"num\">per 100</th>");
        for (f, _) in FAMILIES {
            let _ = write!(h, "<th class=\"num\">{f} /100</th>");
        }
        h.push_str("</tr></thead><tbody>\n");
        for (name, t) in &rows {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}</td>",
                escape(name),
                t.articles,
                t.findings,
                per100(t.findings, t.articles)
            );
            for f in 0..FAMILIES.len() {
                let _ = write!(
                    h,
                    "<td class=\"num\">{:.1}</td>",
                    per100(t.by_family[f], t.articles)
                );
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table></section>\n");
    }

    fn top_articles(&self, h: &mut String) {
        let mut top: Vec<&Candidate> = self.candidates.iter().collect();
        // The final count of each candidate (corpus findings may have added to it).
        let count = |c: &Candidate| self.per_article.get(&c.key).map_or(c.count, |v| v.0);
        let path = |c: &Candidate| self.paths[c.key.0 as usize].as_str();
        top.sort_by(|a, b| {
            count(b)
                .cmp(&count(a))
                .then_with(|| (path(a), a.key.1).cmp(&(path(b), b.key.1)))
        });
        top.truncate(TOP_ARTICLES);
        let _ = writeln!(
            h,
            "<section id=\"top\"><h2>The {} articles with most findings</h2>",
            top.len()
        );
        for c in top {
            let path = &self.paths[c.key.0 as usize];
            let mut place = escape(path);
            if let Some(r) = c.record {
                let _ = write!(place, ", record {r}");
            }
            if let Some(id) = &c.id {
                let _ = write!(place, ", id <code>{}</code>", escape(id));
            }
            let _ = write!(
                h,
                "<details class=\"article\"><summary><b>{}</b> finding{} · {}</summary>\n<ol class=\"spans\">\n",
                count(c),
                if count(c) == 1 { "" } else { "s" },
                place
            );
            for s in &c.spans {
                let _ = writeln!(
                    h,
                    "<li><span class=\"code {sev}\">{code}</span> <span class=\"at\">{line}:{col}</span> {msg}<div class=\"ctx\">{b}<mark>{t}</mark>{a}</div></li>",
                    sev = escape(&s.severity),
                    code = escape(&s.code),
                    line = s.line,
                    col = s.column,
                    msg = escape(&s.message),
                    b = escape(&s.context.before),
                    t = escape(&s.text),
                    a = escape(&s.context.after),
                );
            }
            if (count(c) as usize) > c.spans.len() {
                let _ = writeln!(
                    h,
                    "<li class=\"more\">… and {} more</li>",
                    count(c) as usize - c.spans.len()
                );
            }
            h.push_str("</ol></details>\n");
        }
        h.push_str("</section>\n");
    }

    fn name_groups(&self, h: &mut String) {
        h.push_str("<section id=\"names\"><h2>Name spellings</h2>\n");
        let mut groups: Vec<(&String, &NameGroup, u64)> = self
            .names
            .iter()
            .map(|(c, g)| (c, g, g.variants.values().sum()))
            .collect();
        groups.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        let _ = writeln!(
            h,
            "<p>{} spelling group{}: each canonical spelling with the variants found and the mentions flagged. \
             Confidence is the evidence: a gazetteer entry (N102), the corpus majority (N103), the article's own spelling (N101).</p>",
            groups.len(),
            if groups.len() == 1 { "" } else { "s" }
        );
        h.push_str("<table class=\"sortable\"><thead><tr><th>Canonical</th><th>Variants (flagged mentions)</th><th class=\"num\">Mentions</th><th>Confidence</th></tr></thead><tbody>\n");
        for (canonical, g, n) in groups.iter().take(SHOWN_GROUPS) {
            let variants: Vec<String> = g
                .variants
                .iter()
                .map(|(v, k)| format!("{} ({k})", escape(v)))
                .collect();
            let confidence: Vec<&str> = g
                .rules
                .keys()
                .map(|r| match r.as_str() {
                    "N102" => "gazetteer",
                    "N103" => "corpus majority",
                    _ => "within article",
                })
                .collect();
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{n}</td><td>{}</td></tr>",
                escape(canonical),
                variants.join(", "),
                confidence.join(", ")
            );
        }
        h.push_str("</tbody></table></section>\n");
    }

    fn encoding(&self, h: &mut String) {
        h.push_str("<section id=\"encoding\"><h2>Encodings and mojibake</h2>\n");
        let enc: u64 = self.encodings.values().sum();
        let _ = writeln!(
            h,
            "<p>{enc} file{} not in UTF-8 (E102); {} mojibake repair{} (E103).</p>",
            if enc == 1 { "" } else { "s" },
            self.mojibake_total,
            if self.mojibake_total == 1 { "" } else { "s" }
        );
        if !self.encodings.is_empty() {
            h.push_str("<table><thead><tr><th>Encoding</th><th class=\"num\">Files</th></tr></thead><tbody>\n");
            for (m, n) in top_of(&self.encodings) {
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td class=\"num\">{n}</td></tr>",
                    escape(m)
                );
            }
            h.push_str("</tbody></table>\n");
        }
        if !self.mojibake.is_empty() {
            h.push_str("<table class=\"sortable\"><thead><tr><th>Damaged</th><th>Repaired</th><th class=\"num\">Times</th></tr></thead><tbody>\n");
            for ((bad, good), n) in top_of(&self.mojibake) {
                let _ = writeln!(
                    h,
                    "<tr><td><code>{}</code></td><td><code>{}</code></td><td class=\"num\">{n}</td></tr>",
                    escape(bad),
                    escape(good)
                );
            }
            h.push_str("</tbody></table>\n");
        }
        h.push_str("</section>\n");
    }

    fn boilerplate_section(&self, h: &mut String) {
        h.push_str("<section id=\"boilerplate\"><h2>Boilerplate per source</h2>\n");
        let _ = writeln!(
            h,
            "<p>{} line{} repeated across the documents of one source (A107).</p>",
            self.boilerplate.len(),
            if self.boilerplate.len() == 1 { "" } else { "s" }
        );
        if !self.boilerplate.is_empty() {
            h.push_str("<table class=\"sortable\"><thead><tr><th>Source</th><th>Line</th><th class=\"num\">Occurrences</th></tr></thead><tbody>\n");
            for ((source, line), n) in top_of(&self.boilerplate) {
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td class=\"num\">{n}</td></tr>",
                    escape(source),
                    escape(line)
                );
            }
            h.push_str("</tbody></table>\n");
        }
        h.push_str("</section>\n");
    }

    fn rule_docs(&self, h: &mut String, registry: &Registry) {
        h.push_str("<section id=\"docs\"><h2>The rules found</h2>\n");
        for code in self.rules.keys() {
            let Some(id) = registry.find(code) else {
                continue;
            };
            let m = registry.meta(id);
            let _ = writeln!(
                h,
                "<details id=\"rule-{c}\"><summary>{c} {n}</summary><pre>{doc}</pre></details>",
                c = escape(code),
                n = escape(&m.name),
                doc = escape(m.doc.trim_end())
            );
        }
        h.push_str("</section>\n");
    }
}

/// The entries of a capped tally with the highest counts, at most [`SHOWN_GROUPS`].
fn top_of<K: Ord>(map: &BTreeMap<K, u64>) -> Vec<(&K, u64)> {
    let mut v: Vec<(&K, u64)> = map.iter().map(|(k, n)| (k, *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.truncate(SHOWN_GROUPS);
    v
}

fn per100(n: u64, articles: u64) -> f64 {
    if articles == 0 {
        0.0
    } else {
        n as f64 * 100.0 / articles as f64
    }
}

fn percent(n: u64, of: u64) -> String {
    if of == 0 {
        "—".into()
    } else {
        format!("{:.1}%", n as f64 * 100.0 / of as f64)
    }
}

fn colour_of(family: &str) -> &'static str {
    FAMILIES
        .iter()
        .find(|(f, _)| *f == family)
        .map_or("#888888", |(_, c)| c)
}

struct Bar {
    label: String,
    value: u64,
    colour: &'static str,
    href: Option<String>,
}

const LABEL_W: usize = 260;
const CHART_W: usize = 900;
const ROW_H: usize = 22;

/// A horizontal bar chart as inline SVG, one labelled bar per item.
fn bar_chart(h: &mut String, title: &str, bars: &[Bar], label_w: usize, width: usize) {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = ROW_H * bars.len().max(1) + 10;
    let _ = writeln!(
        h,
        "<svg class=\"chart\" role=\"img\" aria-label=\"{t}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{t}</title>",
        t = escape(title)
    );
    let span = (width - label_w - 80) as f64;
    for (i, b) in bars.iter().enumerate() {
        let y = 5 + i * ROW_H;
        let w = (b.value as f64 / max as f64 * span).round() as usize;
        let label = escape(&b.label);
        let label = match &b.href {
            Some(href) => format!("<a href=\"{}\">{label}</a>", escape(href)),
            None => label,
        };
        let _ = writeln!(
            h,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"{bh}\" fill=\"{c}\"/><text x=\"{vx}\" y=\"{ty}\">{v}</text>",
            lx = label_w - 6,
            ty = y + 15,
            bh = ROW_H - 6,
            c = b.colour,
            vx = label_w + w + 6,
            v = b.value
        );
    }
    h.push_str("</svg>\n");
}

/// A vertical column chart (the histogram) as inline SVG.
fn column_chart(h: &mut String, title: &str, cols: &[(String, u64)]) {
    const H: usize = 220;
    const COL_W: usize = 80;
    let width = 60 + COL_W * cols.len();
    let max = cols.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let _ = writeln!(
        h,
        "<svg class=\"chart\" role=\"img\" aria-label=\"{t}\" width=\"{width}\" height=\"{}\" viewBox=\"0 0 {width} {}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{t}</title>",
        H + 40,
        H + 40,
        t = escape(title)
    );
    for (i, (label, v)) in cols.iter().enumerate() {
        let bh = (*v as f64 / max as f64 * (H - 30) as f64).round() as usize;
        let x = 40 + i * COL_W;
        let colour = if i == 0 { "#7fb069" } else { "#30638e" };
        let _ = writeln!(
            h,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{bh}\" fill=\"{colour}\"/><text x=\"{cx}\" y=\"{vy}\" text-anchor=\"middle\">{v}</text><text x=\"{cx}\" y=\"{ly}\" text-anchor=\"middle\">{l}</text>",
            y = H - bh,
            w = COL_W - 12,
            cx = x + (COL_W - 12) / 2,
            vy = H - bh - 4,
            ly = H + 18,
            l = escape(label)
        );
    }
    h.push_str("</svg>\n");
}

/// Findings per 100 articles of each source, stacked by family, as inline SVG with a legend.
fn stacked_chart(h: &mut String, rows: &[&(String, SourceTally)]) {
    let max = rows
        .iter()
        .map(|(_, t)| per100(t.findings, t.articles))
        .fold(0.0f64, f64::max)
        .max(1.0);
    let height = ROW_H * rows.len().max(1) + 40;
    let _ = writeln!(
        h,
        "<svg class=\"chart\" role=\"img\" aria-label=\"findings per 100 articles by source\" width=\"{CHART_W}\" height=\"{height}\" viewBox=\"0 0 {CHART_W} {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title>findings per 100 articles by source</title>"
    );
    let span = (CHART_W - LABEL_W - 80) as f64;
    for (i, (name, t)) in rows.iter().enumerate() {
        let y = 5 + i * ROW_H;
        let _ = write!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL_W - 6,
            y + 15,
            escape(&name.chars().take(40).collect::<String>())
        );
        let mut x = LABEL_W as f64;
        for (f, (_, colour)) in FAMILIES.iter().enumerate() {
            let w = per100(t.by_family[f], t.articles) / max * span;
            if w > 0.0 {
                let _ = write!(
                    h,
                    "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{colour}\"/>",
                    ROW_H - 6
                );
            }
            x += w;
        }
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{}\">{:.1}</text>",
            x + 6.0,
            y + 15,
            per100(t.findings, t.articles)
        );
    }
    let ly = 5 + ROW_H * rows.len().max(1) + 15;
    for (f, (name, colour)) in FAMILIES.iter().enumerate() {
        let x = LABEL_W + f * 120;
        let _ = write!(
            h,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{ly}\">{name}</text>",
            ly - 11,
            x + 16
        );
    }
    h.push_str("</svg>\n");
}

/// Escape text for HTML content and attribute values, and show characters that would otherwise
/// act unseen (controls, bidi embeddings and isolates, zero-width characters) as `⟨U+XXXX⟩`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if shown_as_code(c) => {
                let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn shown_as_code(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF | 0x061C | 0xFFF9..=0xFFFB)
        || (0xD800..=0xDFFF).contains(&(c as u32))
        || matches!(c as u32, 0xFDD0..=0xFDEF)
        || (c as u32) & 0xFFFE == 0xFFFE
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>newslint report</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
header { background: #1d3557; color: #fff; padding: 14px 28px; }
header h1 { margin: 0; font-size: 22px; }
header .inputs { margin: 4px 0 0; opacity: .85; word-break: break-all; }
main { padding: 8px 28px 40px; max-width: 1200px; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; }
.row > section { margin: 16px 0 0; }
@media (max-width: 800px) { .row { grid-template-columns: 1fr; } }
section { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: 10px 18px 16px; margin: 16px 0; }
h2 { font-size: 17px; margin: 8px 0 10px; }
dl.totals { display: grid; grid-template-columns: max-content auto; gap: 3px 18px; margin: 0; }
dl.totals dt { color: #555; }
dl.totals dd { margin: 0; font-weight: 600; }
table { border-collapse: collapse; margin: 10px 0; width: 100%; }
th, td { border-bottom: 1px solid #eee; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; cursor: pointer; user-select: none; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg.chart a { fill: #1d3557; text-decoration: underline; }
details.article { border-top: 1px solid #eee; padding: 4px 0; }
details.article summary { cursor: pointer; }
ol.spans { margin: 6px 0; }
ol.spans li { margin: 6px 0; }
.ctx { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 12px; background: #f6f6f6; padding: 4px 6px; white-space: pre-wrap; word-break: break-word; }
mark { background: #ffd166; }
.code { font-weight: 700; font-family: ui-monospace, monospace; }
.code.error { color: #b00020; } .code.warning { color: #b35c00; } .code.info { color: #00607a; }
.at { color: #777; }
pre { white-space: pre-wrap; font-size: 12px; background: #f6f6f6; padding: 8px; }
</style>
</head>
<body>
"#;

/// Sorting a table by a click on its header: the page reads the same without it.
const SCRIPT: &str = r#"<script>
document.querySelectorAll("table.sortable th").forEach(function (th, col) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.dataset.asc !== "1"; th.dataset.asc = asc ? "1" : "0";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].textContent, y = b.cells[index].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
</script>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup_and_shows_bidi_controls() {
        let s = escape("<script>alert(\"x\")</script> a\u{202E}b & 'c'");
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('"'));
        assert!(s.contains("⟨U+202E⟩"), "{s}");
        assert!(s.contains("&amp;") && s.contains("&#39;c&#39;"));
    }

    #[test]
    fn context_is_cut_on_character_boundaries() {
        let text = "é".repeat(200) + "FLAG" + &"ü".repeat(200);
        let start = "é".len() * 200;
        let c = Context::around(&text, start, start + 4);
        assert_eq!(c.before.chars().count(), CONTEXT_CHARS);
        assert_eq!(c.after.chars().count(), CONTEXT_CHARS);
        assert!(c.before.chars().all(|ch| ch == 'é'));
        // Offsets inside a character or past the end are clamped.
        let c = Context::around("añb", 2, 99);
        assert_eq!(c.before, "a");
        assert_eq!(c.after, "");
    }
}
