use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{
    Applicability, CorpusRule, CorpusState, Diagnostic, DocId, Fix, FixAvailability, RuleId,
    RuleMeta, RuleOptions, Severity,
};
use foldhash::fast::FixedState;
use foldhash::{HashMap, HashMapExt};
use std::any::Any;
use std::hash::BuildHasher;

declare_rule! {
    /// ## What it does
    /// Finds a line that repeats, word for word, across many documents of one source: an outlet's
    /// footer, an injected teaser, a newsletter prompt. Every occurrence is reported, with how many
    /// documents of the source hold it: `repeated in 12 of 40 documents of example-news.test`.
    ///
    /// A unit is a non-blank line; in a flattened article (a paragraph longer than 400 bytes
    /// holding several sentences) each sentence is one too. Units are compared case-folded, with
    /// runs of digits alike, whitespace collapsed and surrounding punctuation trimmed; one of
    /// fewer than 4 words or 20 bytes never counts. A unit counts once per document. The source of
    /// a document is, in JSON Lines, the `--source-field` of its record, else the host of its
    /// `url` field; otherwise the directory of its file.
    ///
    /// State is kept per distinct unit, with its places: at most 1,000,000 units are tracked
    /// (past that, the ones with the smallest hashes, whatever the order of the documents, so a
    /// larger corpus has some of its boilerplate go unreported), and at most 10,000 occurrences
    /// of one unit are pointed at (the first, in input order; the help gives the full count).
    ///
    /// ## Why is this bad
    /// Boilerplate is not the article. Repeated over a source's documents, it skews word counts,
    /// deduplication and topic models, and a model trained on the corpus learns to write it.
    ///
    /// ## Example
    /// ```text
    /// (in 9 of the 30 articles of one outlet)
    /// Get the Harbour Ledger morning briefing in your inbox every day.
    /// ```
    /// Delete the line from every article.
    ///
    /// ## Fix safety
    /// When the unit is a whole line, the fix deletes the line. It is unsafe (applied with
    /// `--unsafe-fixes`): a line can repeat because the source really does open or close its
    /// reports the same way. Sentences inside a flattened paragraph get no fix.
    ///
    /// ## Options
    /// `min-documents` (default 5): the fewest documents of a source that must hold a unit.
    /// `min-share` (default 0.2): the smallest share of the source's documents that must hold it.
    /// Both must hold.
    pub fn corpus_boilerplate_meta {
        code: "A107",
        name: "corpus-boilerplate",
        family: Artifact,
        severity: Warning,
        fix: FixAvailability::Sometimes(Applicability::Unsafe),
    }
}

/// How many distinct (source, unit) keys are tracked at most.
const MAX_KEYS: usize = 1_000_000;
/// How many occurrences of one key are pointed at, at most.
const MAX_PLACES: usize = 10_000;
/// Units with fewer words, or fewer bytes once normalised, never count.
const MIN_WORDS: usize = 4;
const MIN_BYTES: usize = 20;
/// A paragraph longer than this, with several sentences, is flattened: its sentences count too.
const FLAT_PARAGRAPH: usize = 400;

pub struct CorpusBoilerplate {
    meta: RuleMeta,
    min_documents: u64,
    min_share: f64,
    max_keys: usize,
    max_places: usize,
}

impl Default for CorpusBoilerplate {
    fn default() -> Self {
        Self {
            meta: corpus_boilerplate_meta(),
            min_documents: 5,
            min_share: 0.2,
            max_keys: MAX_KEYS,
            max_places: MAX_PLACES,
        }
    }
}

impl CorpusRule for CorpusBoilerplate {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        for (k, v) in options {
            match (k.as_str(), v) {
                ("min-documents", toml::Value::Integer(n)) if (2..=1_000_000_000).contains(n) => {
                    self.min_documents = *n as u64
                }
                ("min-documents", _) => {
                    return Err("`min-documents` must be an integer from 2 to 1000000000".into());
                }
                ("min-share", toml::Value::Float(f)) if (0.0..=1.0).contains(f) => {
                    self.min_share = *f
                }
                ("min-share", toml::Value::Integer(n)) if (0..=1).contains(n) => {
                    self.min_share = *n as f64
                }
                ("min-share", _) => {
                    return Err("`min-share` must be a number from 0.0 to 1.0".into());
                }
                _ => return Err(format!("rule `{}` has no option `{k}`", self.meta.name)),
            }
        }
        Ok(())
    }

    fn new_state(&self) -> Box<dyn CorpusState> {
        Box::new(State {
            min_documents: self.min_documents,
            min_share: self.min_share,
            max_keys: self.max_keys,
            max_places: self.max_places,
            sources: HashMap::new(),
            units: HashMap::new(),
            limit: u64::MAX,
            buf: String::new(),
        })
    }
}

/// One occurrence of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    doc: DocId,
    start: u32,
    end: u32,
    /// The span that deletes the unit's whole line, when the unit is a whole line.
    line: Option<(u32, u32)>,
}

/// The places of a unit: most units occur once, so the first is held inline and only a unit
/// seen again allocates (the table then costs about 64 bytes per distinct unit).
#[derive(Debug, Default)]
struct Places {
    first: Option<Place>,
    // A boxed vector is one pointer (8 bytes, where a `Vec` is 24) in the millions of units
    // that never spill: the extra allocation is paid only by units seen twice.
    #[allow(clippy::box_collection)]
    rest: Option<Box<Vec<Place>>>,
}

impl Places {
    fn len(&self) -> usize {
        self.first.is_some() as usize + self.rest.as_ref().map_or(0, |r| r.len())
    }

    fn push(&mut self, p: Place) {
        if self.first.is_none() {
            self.first = Some(p);
        } else {
            self.rest.get_or_insert_with(Default::default).push(p);
        }
    }

    fn extend(&mut self, places: impl IntoIterator<Item = Place>) {
        for p in places {
            self.push(p);
        }
    }

    fn into_vec(self) -> Vec<Place> {
        let mut v = self.rest.map(|b| *b).unwrap_or_default();
        v.extend(self.first);
        v
    }

    fn iter(&self) -> impl Iterator<Item = &Place> {
        self.first
            .iter()
            .chain(self.rest.iter().flat_map(|r| r.iter()))
    }
}

#[derive(Debug)]
struct Unit {
    source: u64,
    /// Documents that hold the unit.
    docs: u64,
    /// Occurrences of the unit (several per document are possible).
    occurrences: u64,
    /// The smallest places (document, then offset), at most `max_places` once trimmed.
    places: Places,
}

#[derive(Debug)]
struct Source {
    name: Box<str>,
    docs: u64,
}

pub struct State {
    min_documents: u64,
    min_share: f64,
    max_keys: usize,
    max_places: usize,
    /// Source hash -> its name and document count (bounded by the number of sources).
    sources: HashMap<u64, Source>,
    /// Key (source and normalised unit) -> its counts and places.
    units: HashMap<u64, Unit>,
    /// Keys above this hash are not tracked (once the table was full). Keeping the smallest
    /// hashes is the same set whatever the order or split of the documents, with exact counts.
    limit: u64,
    buf: String,
}

const HASHER: FixedState = FixedState::with_seed(0xA107);

/// Normalise `unit` into `buf`: lowercase, each run of digits as `0`, whitespace collapsed,
/// surrounding punctuation trimmed. Returns the number of words.
fn normalise(unit: &str, buf: &mut String) -> usize {
    buf.clear();
    let core = unit.trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_ascii() {
        normalise_ascii(core.as_bytes(), buf)
    } else {
        normalise_chars(core, buf)
    }
}

/// [`normalise`] of the trimmed `core`, char by char (ASCII chars take the byte path).
fn normalise_chars(core: &str, buf: &mut String) -> usize {
    let mut n = Normaliser::default();
    for c in core.chars() {
        if c.is_ascii() {
            n.byte(c as u8, buf);
        } else {
            n.char(c, buf);
        }
    }
    n.words
}

/// [`normalise`] of ASCII text (most lines), byte by byte: the same result, faster.
fn normalise_ascii(core: &[u8], buf: &mut String) -> usize {
    let mut n = Normaliser::default();
    for &b in core {
        n.byte(b, buf);
    }
    n.words
}

/// The state of [`normalise`] between characters.
#[derive(Default)]
struct Normaliser {
    words: usize,
    space: bool,
    digit: bool,
    in_word: bool,
}

impl Normaliser {
    /// One ASCII character.
    #[inline]
    fn byte(&mut self, b: u8, buf: &mut String) {
        // `char::is_whitespace` on ASCII: `u8::is_ascii_whitespace` and the vertical tab.
        let space = b.is_ascii_whitespace() || b == 0x0b;
        if self.step(space, b.is_ascii_alphanumeric(), b.is_ascii_digit(), buf) {
            buf.push(b.to_ascii_lowercase() as char);
        }
    }

    /// One character outside ASCII.
    fn char(&mut self, c: char, buf: &mut String) {
        if self.step(c.is_whitespace(), c.is_alphanumeric(), c.is_numeric(), buf) {
            buf.extend(c.to_lowercase());
        }
    }

    /// Advance over a character of these classes; true when the caller writes it, lowercased
    /// (whitespace collapses to one space before the next character, a run of digits to `0`).
    #[inline]
    fn step(&mut self, space: bool, alnum: bool, digit: bool, buf: &mut String) -> bool {
        if space {
            self.space = true;
            self.digit = false;
            self.in_word = false;
            return false;
        }
        if self.space {
            buf.push(' ');
            self.space = false;
        }
        if alnum && !self.in_word {
            self.words += 1;
            self.in_word = true;
        }
        if digit {
            if !self.digit {
                buf.push('0');
            }
            self.digit = true;
            return false;
        }
        self.digit = false;
        true
    }
}

impl State {
    fn source_hash(name: &str) -> u64 {
        HASHER.hash_one(("source", name))
    }

    /// The key of a unit of a source, if the unit counts.
    fn key(&mut self, source: u64, unit: &str) -> Option<u64> {
        let words = normalise(unit, &mut self.buf);
        if words < MIN_WORDS || self.buf.len() < MIN_BYTES {
            return None;
        }
        Some(HASHER.hash_one((source, self.buf.as_str())))
    }

    /// Keep the `max_keys` smallest keys once the table holds a quarter more (or, with `exact`,
    /// as soon as it holds more).
    fn prune(&mut self, exact: bool) {
        let slack = if exact { 0 } else { self.max_keys / 4 };
        if self.units.len() <= self.max_keys + slack {
            return;
        }
        let mut keys: Vec<u64> = self.units.keys().copied().collect();
        let cap = self.max_keys.max(1);
        keys.select_nth_unstable(cap - 1);
        self.limit = self.limit.min(keys[cap - 1]);
        let limit = self.limit;
        self.units.retain(|k, _| *k <= limit);
    }

    fn trim_places(places: &mut Places, max: usize) {
        let mut v = std::mem::take(places).into_vec();
        v.sort_unstable();
        v.dedup();
        v.truncate(max);
        places.extend(v);
    }

    fn observe_in(&mut self, id: DocId, doc: &Document<'_>, source: &str) {
        let text = doc.text();
        let src = Self::source_hash(source);
        self.sources
            .entry(src)
            .or_insert_with(|| Source {
                name: source.into(),
                docs: 0,
            })
            .docs += 1;
        // (key, place) of every unit of the document.
        let mut found: Vec<(u64, Place)> = Vec::new();
        let u32_of = |n: usize| u32::try_from(n).ok();
        for (l, line) in doc.lines().iter().enumerate() {
            if line.blank {
                continue;
            }
            let span = line.span.trim(text);
            let Some(key) = self.key(src, span.slice(text)) else {
                continue;
            };
            let del = doc.line_deletion(l);
            if let (Some(start), Some(end), Some(a), Some(b)) = (
                u32_of(span.start),
                u32_of(span.end),
                u32_of(del.start),
                u32_of(del.end),
            ) {
                found.push((
                    key,
                    Place {
                        doc: id,
                        start,
                        end,
                        line: Some((a, b)),
                    },
                ));
            }
        }
        for p in doc.paragraphs() {
            if p.span.len() <= FLAT_PARAGRAPH || p.sentences.len() < 2 {
                continue;
            }
            for s in &doc.sentences()[p.sentences.clone()] {
                let span = s.span.trim(text);
                if span.is_empty() || doc.alone_on_line(span).is_some() {
                    continue;
                }
                let Some(key) = self.key(src, span.slice(text)) else {
                    continue;
                };
                if let (Some(start), Some(end)) = (u32_of(span.start), u32_of(span.end)) {
                    found.push((
                        key,
                        Place {
                            doc: id,
                            start,
                            end,
                            line: None,
                        },
                    ));
                }
            }
        }
        found.sort_unstable();
        let mut i = 0;
        while i < found.len() {
            let key = found[i].0;
            let n = found[i..].iter().take_while(|f| f.0 == key).count();
            let places = found[i..i + n].iter().map(|f| f.1);
            i += n;
            if key > self.limit {
                continue;
            }
            let unit = self.units.entry(key).or_insert_with(|| Unit {
                source: src,
                docs: 0,
                occurrences: 0,
                places: Places::default(),
            });
            unit.docs += 1;
            unit.occurrences += n as u64;
            unit.places.extend(places);
            if unit.places.len() > 2 * self.max_places {
                Self::trim_places(&mut unit.places, self.max_places);
            }
        }
        self.prune(false);
    }
}

impl CorpusState for State {
    fn observe(&mut self, id: DocId, doc: &Document<'_>) {
        self.observe_in(id, doc, "");
    }

    fn observe_from(&mut self, id: DocId, doc: &Document<'_>, source: &str) {
        self.observe_in(id, doc, source);
    }

    fn merge(&mut self, other: Box<dyn CorpusState>) {
        let other = other
            .into_any()
            .downcast::<State>()
            .expect("merged with a state of the same rule");
        for (k, s) in other.sources {
            match self.sources.get_mut(&k) {
                Some(mine) => mine.docs += s.docs,
                None => {
                    self.sources.insert(k, s);
                }
            }
        }
        // A key above either side's limit may have been dropped there: its count is partial.
        self.limit = self.limit.min(other.limit);
        let limit = self.limit;
        self.units.retain(|k, _| *k <= limit);
        for (k, u) in other.units {
            if k > limit {
                continue;
            }
            match self.units.get_mut(&k) {
                Some(mine) => {
                    mine.docs += u.docs;
                    mine.occurrences += u.occurrences;
                    mine.places.extend(u.places.into_vec());
                    if mine.places.len() > self.max_places {
                        Self::trim_places(&mut mine.places, self.max_places);
                    }
                }
                None => {
                    self.units.insert(k, u);
                }
            }
        }
        self.prune(false);
    }

    fn finish(mut self: Box<Self>, rule: RuleId) -> Vec<(DocId, Diagnostic)> {
        self.prune(true);
        let mut out = Vec::new();
        for unit in self.units.values_mut() {
            let Some(source) = self.sources.get(&unit.source) else {
                continue;
            };
            let share = (self.min_share * source.docs as f64).ceil() as u64;
            if unit.docs < self.min_documents.max(share) {
                continue;
            }
            Self::trim_places(&mut unit.places, self.max_places);
            let name = if source.name.is_empty() {
                "the corpus"
            } else {
                &source.name
            };
            let message = format!(
                "repeated in {} of {} documents of {name}",
                unit.docs, source.docs
            );
            let more = if unit.occurrences > unit.places.len() as u64 {
                format!(
                    " ({} occurrences; the first {} are shown)",
                    unit.occurrences,
                    unit.places.len()
                )
            } else {
                String::new()
            };
            for p in unit.places.iter() {
                let mut d = Diagnostic {
                    rule,
                    severity: Severity::Warning,
                    span: ByteSpan::new(p.start as usize, p.end as usize),
                    message: message.clone(),
                    help: None,
                    fix: None,
                };
                d.help(format!(
                    "delete it: it is boilerplate of the source, not part of the article{more}"
                ));
                if let Some((a, b)) = p.line {
                    d.fix(Fix::delete(
                        Applicability::Unsafe,
                        "Delete the line",
                        ByteSpan::new(a as usize, b as usize),
                    ));
                }
                out.push((p.doc, d));
            }
        }
        out.sort_by(|(da, a), (db, b)| {
            (da, a.span.start, a.span.end).cmp(&(db, b.span.start, b.span.end))
        });
        out
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOOTER: &str = "Copyright 2031 Brindle Valley Courier. All rights reserved.";
    const TREES: &[&str] = &[
        "alder", "birch", "cedar", "hazel", "larch", "maple", "rowan", "spruce", "willow", "yew",
        "aspen", "elm", "holly", "juniper", "linden", "poplar",
    ];
    const PLACES: &[&str] = &[
        "quarry", "ferry", "mill", "market", "harbour", "chapel", "bridge", "school", "depot",
        "orchard", "granary", "tannery", "foundry", "brewery", "kiln", "forge",
    ];

    /// An article whose own lines differ from every other article's.
    fn article(i: usize, footer: bool) -> String {
        let (t, p) = (TREES[i % 16], PLACES[(i * 7 + 3) % 16]);
        let mut s = format!(
            "A {t} grove near the old {p} was cleared on Tuesday.\n\
             Residents of the {p} lane asked the council to plant {t} saplings instead.\n"
        );
        if footer {
            s.push_str(FOOTER);
            s.push('\n');
        }
        s
    }

    type Found = Vec<(u64, String, String, bool)>;

    fn run_with(rule: &CorpusBoilerplate, docs: &[(String, &str)], split: usize) -> Found {
        let mut a = rule.new_state();
        let mut b = rule.new_state();
        for (i, (t, src)) in docs.iter().enumerate() {
            let doc = Document::new(t);
            let st = if i < split { &mut a } else { &mut b };
            st.observe_from(DocId(i as u64), &doc, src);
        }
        b.merge(a);
        b.finish(RuleId(0))
            .into_iter()
            .map(|(d, diag)| {
                (
                    d.0,
                    diag.span.slice(&docs[d.0 as usize].0).to_string(),
                    diag.message,
                    diag.fix.is_some(),
                )
            })
            .collect()
    }

    fn run(docs: &[(String, &str)], split: usize) -> Found {
        run_with(&CorpusBoilerplate::default(), docs, split)
    }

    #[test]
    fn normalises_case_digits_space_and_punctuation() {
        let mut a = String::new();
        let mut b = String::new();
        let wa = normalise("  “Updated 12:30 on  Monday — Read MORE!”", &mut a);
        let wb = normalise("updated 9:05 on Monday — read more", &mut b);
        assert_eq!(a, b);
        assert_eq!(a, "updated 0:0 on monday — read more");
        assert_eq!(wa, 6);
        assert_eq!(wb, 6);
        assert_eq!(normalise("He said.", &mut a), 2);
    }

    proptest::proptest! {
        /// The ASCII byte path gives what the general char path gives on ASCII text.
        #[test]
        fn ascii_fast_path_agrees(s in "[ -~\t\n\x0b\x0c\r]{0,40}") {
            let mut fast = String::new();
            let mut slow = String::new();
            let wf = normalise_ascii(s.as_bytes(), &mut fast);
            let mut n = Normaliser::default();
            for c in s.chars() {
                n.char(c, &mut slow);
            }
            let ws = n.words;
            proptest::prop_assert_eq!(fast, slow);
            proptest::prop_assert_eq!(wf, ws);
        }
    }

    #[test]
    fn reports_every_occurrence_of_a_footer() {
        let docs: Vec<(String, &str)> = (0..10)
            .map(|i| (article(i, i % 2 == 0), "brindle-courier.test"))
            .collect();
        let found = run(&docs, 3);
        assert_eq!(found.len(), 5);
        for (n, (doc, text, message, fix)) in found.iter().enumerate() {
            assert_eq!(*doc, 2 * n as u64);
            assert_eq!(text, FOOTER);
            assert_eq!(
                message,
                "repeated in 5 of 10 documents of brindle-courier.test"
            );
            assert!(fix);
        }
    }

    #[test]
    fn a_unit_counts_once_per_document_but_every_occurrence_is_reported() {
        let mut docs: Vec<(String, &str)> = (0..4)
            .map(|i| (article(i, true), "brindle-courier.test"))
            .collect();
        docs[0].0.push_str(FOOTER);
        // 4 documents < min-documents (5), however many occurrences.
        assert!(run(&docs, 1).is_empty());
        // Lines that differ only by their numbers are one unit.
        docs.push((
            format!(
                "{}\nCopyright 1999 Brindle Valley Courier. All rights reserved!",
                article(5, false)
            ),
            "brindle-courier.test",
        ));
        let found = run(&docs, 2);
        assert_eq!(found.len(), 6);
        assert_eq!(found.iter().filter(|f| f.0 == 0).count(), 2);
        assert!(
            found
                .iter()
                .all(|f| f.2.starts_with("repeated in 5 of 5 documents"))
        );
    }

    #[test]
    fn sources_are_counted_apart_and_min_share_holds() {
        let mut docs: Vec<(String, &str)> = (0..5).map(|i| (article(i, true), "a.test")).collect();
        // The same footer in one document of another source is not its boilerplate.
        docs.push((article(7, true), "b.test"));
        let found = run(&docs, 2);
        assert_eq!(found.len(), 5);
        assert!(found.iter().all(|f| f.0 < 5 && f.1 == FOOTER));
        // 5 of 30 documents is under a min-share of 0.2 (6 documents).
        let docs: Vec<(String, &str)> = (0..30).map(|i| (article(i, i < 5), "a.test")).collect();
        assert!(run(&docs, 11).iter().all(|f| f.1 != FOOTER));
        let lower = CorpusBoilerplate {
            min_share: 0.1,
            ..Default::default()
        };
        assert_eq!(
            run_with(&lower, &docs, 11)
                .iter()
                .filter(|f| f.1 == FOOTER)
                .count(),
            5
        );
    }

    #[test]
    fn sentences_of_a_flattened_paragraph_count() {
        let teaser = "Sign up for the Brindle Valley Courier evening digest today.";
        let docs: Vec<(String, &str)> = (0..6)
            .map(|i| {
                let (t, p) = (TREES[i], PLACES[i]);
                let body = format!(
                    "The {t} cooperative sold its pears at the {p} fair in the square. \
                     Buyers came from the {p} valley to taste the {t} harvest of the year. \
                     {teaser} The {t} cooperative plans to plant new trees along the {p} road \
                     next spring, its chair told members at the meeting. Prices at the {p} held \
                     steady despite the late frost that hit the {t} slopes in April."
                );
                (body, "c.test")
            })
            .collect();
        let found = run(&docs, 4);
        assert_eq!(found.len(), 6);
        assert!(found.iter().all(|f| f.1 == teaser && !f.3));
    }

    #[test]
    fn short_units_never_count() {
        let docs: Vec<(String, &str)> = (0..8)
            .map(|i| {
                let t = TREES[i];
                (
                    format!("Advertisement\nHe said.\nPhoto\nThe {t}.\n"),
                    "d.test",
                )
            })
            .collect();
        assert!(run(&docs, 3).is_empty());
    }

    #[test]
    fn same_result_whatever_the_split_even_when_the_table_is_full() {
        let docs: Vec<(String, &str)> = (0..12)
            .map(|i| {
                let src = if i < 6 { "a.test" } else { "b.test" };
                (article(i, i % 3 != 0), src)
            })
            .collect();
        let four = CorpusBoilerplate {
            min_documents: 4,
            ..Default::default()
        };
        let base = run_with(&four, &docs, 0);
        assert_eq!(base.len(), 8);
        for split in 1..=docs.len() {
            assert_eq!(run_with(&four, &docs, split), base);
        }
        for (keys, places) in [(1, 2), (3, 2), (5, 1), (30, 3)] {
            let small = CorpusBoilerplate {
                max_keys: keys,
                max_places: places,
                min_documents: 2,
                ..Default::default()
            };
            let base = run_with(&small, &docs, 0);
            for split in 1..=docs.len() {
                assert_eq!(run_with(&small, &docs, split), base);
            }
            assert!(base.len() <= 2 * places);
        }
    }

    const LINES: &[&str] = &[
        "Copyright 2031 Brindle Valley Courier. All rights reserved.",
        "Sign up for the Brindle Valley Courier evening digest today.",
        "The Brindle Valley weather office expects a dry weekend.",
        "Councillors met on Tuesday to discuss the new bus timetable.",
        "",
        "Advertisement",
    ];

    proptest::proptest! {
        /// Whatever the split among workers, the merge order and the table size, the findings
        /// are those of one worker seeing everything.
        #[test]
        fn findings_do_not_depend_on_split_or_merge_order(
            docs in proptest::collection::vec(
                (proptest::collection::vec(0..LINES.len(), 0..10), 0..2usize, proptest::bool::ANY),
                1..14,
            ),
            workers in proptest::collection::vec(0..3usize, 14),
            keys in 1..8usize,
            reverse in proptest::bool::ANY,
        ) {
            let docs: Vec<(String, &str)> = docs
                .iter()
                .map(|(lines, src, flat)| {
                    let sep = if *flat { " " } else { "\n" };
                    let text = lines.iter().map(|&l| LINES[l]).collect::<Vec<_>>().join(sep);
                    (text, ["a.test", "b.test"][*src])
                })
                .collect();
            let rule = CorpusBoilerplate {
                min_documents: 2,
                max_keys: keys,
                max_places: 3,
                ..Default::default()
            };
            let mut one = rule.new_state();
            let mut states: Vec<Box<dyn CorpusState>> = (0..3).map(|_| rule.new_state()).collect();
            for (i, (t, src)) in docs.iter().enumerate() {
                let doc = Document::new(t);
                one.observe_from(DocId(i as u64), &doc, src);
                states[workers[i]].observe_from(DocId(i as u64), &doc, src);
            }
            if reverse {
                states.reverse();
            }
            let merged = states.into_iter().reduce(|mut a, b| { a.merge(b); a }).unwrap();
            let a = one.finish(RuleId(0));
            let b = merged.finish(RuleId(0));
            proptest::prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn options_are_validated() {
        let mut r = CorpusBoilerplate::default();
        let t: RuleOptions = toml::from_str("min-documents = 3\nmin-share = 0.5").unwrap();
        r.configure(&t).unwrap();
        assert_eq!((r.min_documents, r.min_share), (3, 0.5));
        for bad in [
            "min-documents = 1",
            "min-documents = \"5\"",
            "min-share = 1.5",
            "min-share = -0.1",
            "min-share = nan",
            "max-things = 2",
        ] {
            let t: RuleOptions = toml::from_str(bad).unwrap();
            assert!(r.configure(&t).is_err(), "{bad}");
        }
    }

    #[test]
    fn no_panic_on_odd_text() {
        let docs: Vec<(String, &str)> = [
            "",
            "\n\n\r\n",
            "   ",
            "é",
            "!!! ??? ... ,,,, ;;;; ---- ****",
            "x\u{0}y \u{FEFF}z",
            "\r\r\rone two three four five six\r",
        ]
        .iter()
        .map(|t| (t.repeat(3), ""))
        .collect();
        let _ = run(&docs, 2);
    }
}
