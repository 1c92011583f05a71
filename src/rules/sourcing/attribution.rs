//! The attribution analysis the sourcing rules share: where the quotations are, and whether a
//! sentence (or the sentences around it in its paragraph) says who is speaking.
//!
//! The word lists come from the `[lexicon]` of the loaded packs (`rules/sourcing.toml`, then the
//! user's packs), so a newsroom adds its own outlets, agencies and verbs without touching code.
//! Everything here is computed lazily, per document, and only for the sentences a rule asks about:
//! rules find their candidates with a cheap scan first.

use crate::ByteSpan;
use crate::document::{Document, Token};
use crate::rule::Lexicon;
use std::collections::HashSet;

/// A set of lowercase ASCII words, looked up without allocating.
#[derive(Debug, Clone, Default)]
pub struct WordSet(HashSet<Box<str>>);

impl WordSet {
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        Self(
            words
                .into_iter()
                .map(|w| w.trim().to_ascii_lowercase().into_boxed_str())
                .filter(|w| !w.is_empty())
                .collect(),
        )
    }

    /// Is `word` (any case; a typographic apostrophe is read as `'`) in the set?
    pub fn has(&self, word: &str) -> bool {
        let mut buf = [0u8; 32];
        let mut n = 0;
        for c in word.chars() {
            let c = if c == '’' { '\'' } else { c };
            if !c.is_ascii() || n == buf.len() {
                return false;
            }
            buf[n] = (c as u8).to_ascii_lowercase();
            n += 1;
        }
        // Only ASCII was written, so this is valid UTF-8.
        std::str::from_utf8(&buf[..n]).is_ok_and(|w| self.0.contains(w))
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|w| &**w)
    }
}

/// Read a lexicon key as a word set.
pub fn words(lexicon: &Lexicon, key: &str) -> Result<WordSet, String> {
    Ok(WordSet::from_words(lexicon.strings(key)?))
}

/// Read a lexicon key as phrases: each entry split into lowercase words.
pub fn phrases(lexicon: &Lexicon, key: &str) -> Result<Vec<Vec<String>>, String> {
    Ok(lexicon
        .strings(key)?
        .into_iter()
        .map(|p| {
            p.split_whitespace()
                .map(|w| w.to_ascii_lowercase())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect())
}

/// The forms of *to be* that make an agentless passive (`are said`, `were reported`).
pub const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "'s", "’s",
];

pub fn is_be(word: &str) -> bool {
    BE.iter().any(|b| word.eq_ignore_ascii_case(b))
}

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "who", "which", "you"];
const AUXILIARIES: &[&str] = &["has", "have", "had", "also", "later", "earlier", "first"];

/// How far attribution carries from one sentence to the others of its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarryOver {
    /// Only the sentence itself.
    Sentence,
    /// The sentences of the same paragraph within `window` sentences of it.
    Paragraph { window: usize },
}

impl Default for CarryOver {
    fn default() -> Self {
        CarryOver::Paragraph { window: 1 }
    }
}

impl CarryOver {
    /// Apply a rule's options when `carry-over` and `carry-over-window` are all it has: any
    /// other key is an error naming the rule.
    pub fn configure_all(&mut self, options: &toml::Table, rule: &str) -> Result<(), String> {
        for (k, v) in options {
            match self.configure(k, v) {
                Some(r) => r?,
                None => return Err(format!("rule `{rule}` has no option `{k}`")),
            }
        }
        Ok(())
    }

    /// Apply the `carry-over` and `carry-over-window` options; other keys are left to the caller.
    pub fn configure(&mut self, key: &str, value: &toml::Value) -> Option<Result<(), String>> {
        match (key, value) {
            ("carry-over", toml::Value::String(s)) if s == "sentence" => {
                *self = CarryOver::Sentence;
                Some(Ok(()))
            }
            ("carry-over", toml::Value::String(s)) if s == "paragraph" => {
                let window = match *self {
                    CarryOver::Paragraph { window } => window,
                    CarryOver::Sentence => 1,
                };
                *self = CarryOver::Paragraph { window };
                Some(Ok(()))
            }
            ("carry-over", _) => Some(Err(
                "`carry-over` must be \"paragraph\" or \"sentence\"".into()
            )),
            ("carry-over-window", toml::Value::Integer(n)) if (1..=100).contains(n) => {
                if let CarryOver::Paragraph { window } = self {
                    *window = *n as usize;
                }
                Some(Ok(()))
            }
            ("carry-over-window", _) => Some(Err(
                "`carry-over-window` must be an integer from 1 to 100".into(),
            )),
            _ => None,
        }
    }
}

/// What counts as attribution, read from the packs' `[lexicon]`.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    /// Verbs that attribute whoever their subject is (`said`, `told`, `warned`).
    verbs: WordSet,
    /// Verb forms that are also nouns or adjectives (`reported`, `claims`): they attribute only
    /// after a subject (a name, a pronoun, a source noun, an auxiliary).
    subject_verbs: WordSet,
    /// Phrases that attribute wherever they stand (`according to`, `citing`, `in a statement`).
    phrases: Vec<Vec<String>>,
    /// Lowercase nouns that name a source (`police`, `officials`, `ministry`, `media`).
    source_nouns: WordSet,
    /// Outlets and agencies (`Reuters`, `Al Jazeera`, `state media`), as lowercase word sequences.
    outlets: Vec<Vec<String>>,
    /// Nouns that after a possessive make a source (`the ministry's statement`).
    documents: WordSet,
    /// Unnamed collectives (`critics`, `some`): a verb after them attributes nothing.
    unnamed: WordSet,
}

impl Attribution {
    pub fn from_lexicon(lexicon: &Lexicon) -> Result<Self, String> {
        Ok(Self {
            verbs: words(lexicon, "attribution-verbs")?,
            subject_verbs: words(lexicon, "attribution-subject-verbs")?,
            phrases: phrases(lexicon, "attribution-phrases")?,
            source_nouns: words(lexicon, "source-nouns")?,
            outlets: phrases(lexicon, "outlets")?,
            documents: words(lexicon, "source-documents")?,
            unnamed: WordSet::from_words(
                lexicon
                    .strings("unnamed-sources")?
                    .into_iter()
                    .chain(lexicon.strings("vague-subjects")?),
            ),
        })
    }

    pub fn is_source_noun(&self, w: &str) -> bool {
        self.source_nouns.has(w)
    }

    pub fn is_verb(&self, w: &str) -> bool {
        self.verbs.has(w) || self.subject_verbs.has(w)
    }

    /// Could `tok` be the subject of an attribution verb that follows it?
    fn subject_like(&self, text: &str, tok: Token, sentence_first: bool) -> bool {
        let w = tok.text(text);
        (tok.is_capitalised() && !sentence_first)
            || tok.is_all_caps()
            || PRONOUNS.iter().any(|p| w.eq_ignore_ascii_case(p))
            || AUXILIARIES.iter().any(|p| w.eq_ignore_ascii_case(p))
            || self.source_nouns.has(w)
    }

    /// Does the phrase `p` start at token `i` of `toks`?
    fn phrase_at(text: &str, toks: &[Token], i: usize, p: &[String]) -> bool {
        i + p.len() <= toks.len()
            && p.iter()
                .zip(&toks[i..])
                .all(|(w, t)| t.text(text).eq_ignore_ascii_case(w))
    }

    /// Does sentence `toks` (its tokens outside quotations are read) attribute what it says?
    pub fn attributes(&self, text: &str, toks: &[Token], quotes: &Quotes) -> bool {
        let mut prev: Option<(usize, Token)> = None;
        for (i, &t) in toks.iter().enumerate() {
            if quotes.contains(t.span().start) {
                continue;
            }
            let w = t.text(text);
            let passive = prev.is_some_and(|(_, p)| is_be(p.text(text)));
            let by_agent = toks
                .get(i + 1)
                .is_some_and(|n| n.text(text).eq_ignore_ascii_case("by"));
            // `critics say`, `some believe`: an unnamed source is no source (unnamed-source
            // reports it).
            // A qualified group (`judicial sources said`) is a source.
            let unnamed = prev.is_some_and(|(pi, p)| {
                self.unnamed.has(p.text(text))
                    && (pi == 0
                        || [
                            "and", "but", "while", "that", "though", "although", "as", "because",
                            "so", "yet", "some", "many", "most", "few", "other", "several",
                        ]
                        .iter()
                        .any(|w| toks[pi - 1].text(text).eq_ignore_ascii_case(w)))
            });
            if self.verbs.has(w) && (!passive || by_agent) && !unnamed {
                return true;
            }
            if self.subject_verbs.has(w) {
                if by_agent {
                    return true;
                }
                if let Some((pi, p)) = prev
                    && !passive
                    && !unnamed
                    && self.subject_like(text, p, pi == 0)
                {
                    return true;
                }
            }
            if self
                .phrases
                .iter()
                .any(|p| Self::phrase_at(text, toks, i, p))
            {
                return true;
            }
            // `the ministry's statement`, `Reuters' tally`.
            if (w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'') || w.ends_with('’'))
                && (t.is_capitalised()
                    || self.source_nouns.has(w.trim_end_matches(['\'', '’', 's'])))
                && toks
                    .get(i + 1)
                    .is_some_and(|n| self.documents.has(n.text(text)))
            {
                return true;
            }
            // An outlet after `by`, `to`, `on`, `with`, `per`, `via`, `from`, `told`.
            if let Some((_, p)) = prev
                && matches!(
                    p.text(text).to_ascii_lowercase().as_str(),
                    "by" | "to" | "on" | "with" | "per" | "via" | "from" | "told" | "in"
                )
            {
                let at = if w.eq_ignore_ascii_case("the") {
                    i + 1
                } else {
                    i
                };
                if self
                    .outlets
                    .iter()
                    .any(|o| Self::phrase_at(text, toks, at, o))
                {
                    return true;
                }
            }
            prev = Some((i, t));
        }
        false
    }
}

/// Where the quotations of a document are: text inside them belongs to its speaker.
#[derive(Debug, Default)]
pub struct Quotes {
    regions: Vec<ByteSpan>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Straight,
    Curly,
    Low,
    Guillemet,
    Single,
    StraightSingle,
}

impl Quotes {
    /// Find the quotations of every paragraph. A quotation left open runs to the end of its
    /// paragraph (wire copy opens a new quotation mark on each paragraph of a long quote); a
    /// closing mark with no opening one closes a quotation opened at the paragraph's start.
    pub fn new(doc: &Document<'_>) -> Self {
        let text = doc.text();
        let mut regions = Vec::new();
        for p in doc.paragraphs() {
            scan_paragraph(text, p.span, &mut regions);
        }
        Self { regions }
    }

    /// For tests and callers that have no document: one paragraph spanning `text`.
    #[cfg(test)]
    pub fn of_text(text: &str) -> Self {
        let mut regions = Vec::new();
        scan_paragraph(text, ByteSpan::new(0, text.len()), &mut regions);
        Self { regions }
    }

    /// Is byte `offset` inside a quotation (marks included)?
    pub fn contains(&self, offset: usize) -> bool {
        let i = self.regions.partition_point(|r| r.end <= offset);
        i < self.regions.len() && self.regions[i].start <= offset
    }

    /// Does `span` touch a quotation?
    pub fn touches(&self, span: ByteSpan) -> bool {
        let i = self.regions.partition_point(|r| r.end <= span.start);
        i < self.regions.len() && self.regions[i].start < span.end.max(span.start + 1)
    }

    pub fn regions(&self) -> &[ByteSpan] {
        &self.regions
    }
}

fn scan_paragraph(text: &str, para: ByteSpan, out: &mut Vec<ByteSpan>) {
    // `– We will hold the city, says the commander.`: a paragraph opened by a dialogue dash (an
    // en or em dash and a space, as Nordic, Slavic and Romance news quote) is speech throughout.
    let lead = para.slice(text).trim_start();
    if lead.starts_with("– ") || lead.starts_with("— ") {
        out.push(para);
        return;
    }
    let bytes = text.as_bytes();
    let (lo, hi) = (para.start, para.end);
    let mut open: Option<(usize, Kind)> = None;
    let mut depth = 0usize;
    let mut i = lo;
    let letter_at = |j: usize| -> bool {
        text.get(j..hi)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_alphanumeric)
    };
    let space_before = |j: usize| -> bool {
        j == lo
            || text
                .get(lo..j)
                .and_then(|s| s.chars().next_back())
                .is_some_and(|c| c.is_whitespace() || "([{—–-/".contains(c))
    };
    while i < hi {
        let b = bytes[i];
        let (mark, len) = match b {
            b'"' => ('"', 1),
            b'\'' => ('\'', 1),
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0x9C) => ('“', 3),
                Some(0x9D) => ('”', 3),
                Some(0x98) => ('‘', 3),
                Some(0x99) => ('’', 3),
                Some(0x9E) => ('„', 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            0xC2 => match bytes.get(i + 1) {
                Some(0xAB) => ('«', 2),
                Some(0xBB) => ('»', 2),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let next = i + len;
        match open {
            None => {
                let kind = match mark {
                    '"' => Some(Kind::Straight),
                    '“' => Some(Kind::Curly),
                    '„' => Some(Kind::Low),
                    '«' => Some(Kind::Guillemet),
                    '‘' if letter_at(next) || text[next..hi].starts_with(['"', '“']) => {
                        Some(Kind::Single)
                    }
                    '\'' if space_before(i) && letter_at(next) && closer_ahead(text, next, hi) => {
                        Some(Kind::StraightSingle)
                    }
                    '”' | '»' => {
                        // A closing mark with no opening one: the quotation began at the
                        // paragraph's start (a continued quotation).
                        if out.last().is_none_or(|r| r.end <= lo) {
                            out.push(ByteSpan::new(lo, next));
                        }
                        None
                    }
                    _ => None,
                };
                if let Some(k) = kind {
                    open = Some((i, k));
                    depth = 0;
                }
            }
            Some((start, kind)) => {
                let closes = match kind {
                    Kind::Straight => mark == '"',
                    Kind::Curly => {
                        if mark == '“' {
                            depth += 1;
                            false
                        } else if mark == '”' {
                            if depth == 0 {
                                true
                            } else {
                                depth -= 1;
                                false
                            }
                        } else {
                            false
                        }
                    }
                    Kind::Low => mark == '“' || mark == '”',
                    Kind::Guillemet => mark == '»',
                    Kind::Single => mark == '’' && !letter_at(next),
                    Kind::StraightSingle => mark == '\'' && !letter_at(next) && !space_before(i),
                };
                // `… goal-kicking. "He will …`: a straight mark after a space and before a
                // letter opens a quotation (a closing mark hugs the word before it); the open
                // one was left unclosed, as wire copy does at a paragraph's end.
                let reopens = kind == Kind::Straight
                    && closes
                    && i > start + 1
                    && space_before(i)
                    && letter_at(next);
                if reopens {
                    out.push(ByteSpan::new(start, i));
                    open = Some((i, Kind::Straight));
                } else if closes {
                    out.push(ByteSpan::new(start, next));
                    open = None;
                }
            }
        }
        i = next;
    }
    if let Some((start, _)) = open {
        out.push(ByteSpan::new(start, hi));
    }
}

/// Is there a plausible closing straight single quote in `text[from..hi]`: a `'` after a
/// non-space and before a non-letter? (`players' union` may close early: that only shortens the
/// quotation.)
fn closer_ahead(text: &str, from: usize, hi: usize) -> bool {
    let s = &text[from..hi];
    let b = s.as_bytes();
    memchr::memchr_iter(b'\'', b).any(|k| {
        k > 0
            && !b[k - 1].is_ascii_whitespace()
            && s[k + 1..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The quotations of `doc`, computed once per document whichever rule asks first.
fn shared_quotes(doc: &Document<'_>) -> std::rc::Rc<Quotes> {
    doc.memo(0, Quotes::new)
}

/// Per-document state the sourcing rules share: quotations, and which sentences attribute.
pub struct Analysis<'d, 'a> {
    pub doc: &'d Document<'a>,
    quotes: Option<std::rc::Rc<Quotes>>,
    /// Per sentence: 0 unknown, 1 attributes, 2 does not.
    attributed: Vec<u8>,
    /// Token indices by word hash (see [`Analysis::first_attributed`] and [`echoes_sourced`]),
    /// built once per document.
    by_word: Option<std::rc::Rc<foldhash::HashMap<u64, Vec<u32>>>>,
    /// The first token of each word (ASCII case ignored) in an attributing sentence.
    first_attributed: foldhash::HashMap<String, Option<usize>>,
    /// How far [`echoes_sourced`] has searched for each phrase.
    echoes: foldhash::HashMap<Box<[u8]>, Echo>,
}

/// How far [`echoes_sourced`] has gone through the earlier mentions of one phrase's first word.
#[derive(Debug, Default)]
struct Echo {
    /// The next mention to look at (an index into the word's token list).
    next: usize,
    /// The start of the latest earlier match in an attributing sentence.
    last: Option<usize>,
    /// The offset of the phrase asked about last: a phrase further back starts again.
    upto: usize,
}

impl<'d, 'a> Analysis<'d, 'a> {
    pub fn new(doc: &'d Document<'a>) -> Self {
        Self {
            doc,
            quotes: None,
            attributed: Vec::new(),
            by_word: None,
            first_attributed: Default::default(),
            echoes: Default::default(),
        }
    }

    /// The document's quotations, found once and shared by every sourcing rule.
    pub fn quotes(&mut self) -> &Quotes {
        let doc = self.doc;
        self.quotes.get_or_insert_with(|| shared_quotes(doc))
    }

    /// Does sentence `s` attribute what it says (outside its quotations)?
    pub fn sentence_attributed(&mut self, attr: &Attribution, s: usize) -> bool {
        if self.attributed.is_empty() {
            self.attributed = vec![0; self.doc.sentences().len()];
        }
        match self.attributed[s] {
            1 => return true,
            2 => return false,
            _ => {}
        }
        let doc = self.doc;
        let toks = doc.sentence_tokens(&doc.sentences()[s]);
        let quotes = self.quotes.get_or_insert_with(|| shared_quotes(doc));
        let yes = attr.attributes(doc.text(), toks, quotes);
        self.attributed[s] = if yes { 1 } else { 2 };
        yes
    }

    /// The sentences attribution carries over to and from `s`: those within `window` of it in
    /// its paragraph, and across a line break where one of the two lines holds a single
    /// sentence (text written one sentence a line keeps its context), never across a blank
    /// line.
    fn reach(&self, s: usize, window: usize) -> std::ops::Range<usize> {
        let doc = self.doc;
        let sents = doc.sentences();
        let paras = doc.paragraphs();
        let single = |p: usize| paras[p].sentences.len() == 1;
        // Sentences `j` and `j + 1` are in one block: the same paragraph, or adjacent lines
        // one of which is a single sentence.
        let joined = |j: usize| {
            let (a, b) = (sents[j].paragraph, sents[j + 1].paragraph);
            a == b || paras[b].lines.start <= paras[a].lines.end && (single(a) || single(b))
        };
        let mut lo = s;
        while lo > 0 && s - lo < window && joined(lo - 1) {
            lo -= 1;
        }
        let mut hi = s + 1;
        while hi < sents.len() && hi - s <= window && joined(hi - 1) {
            hi += 1;
        }
        lo..hi
    }

    /// The text of the sentences in reach of `s` (`window` either side), `s` included.
    pub fn reach_span(&self, s: usize, window: usize) -> ByteSpan {
        let r = self.reach(s, window);
        let sents = self.doc.sentences();
        ByteSpan::new(sents[r.start].span.start, sents[r.end - 1].span.end)
    }

    /// Is sentence `s` a quotation with its speaker (`“…,” the official said.`)? Its
    /// attribution sources the quoted words, not the sentences around it.
    fn is_quotation(&mut self, s: usize) -> bool {
        let doc = self.doc;
        let span = doc.sentences()[s].span;
        let text = span.slice(doc.text()).trim_start();
        if text.starts_with(['"', '“', '„', '«', '‘']) {
            return true;
        }
        let quotes = self.quotes.get_or_insert_with(|| shared_quotes(doc));
        // The regions are sorted and apart: only those that end after the sentence starts and
        // start before it ends overlap it.
        let regions = quotes.regions();
        let first = regions.partition_point(|r| r.end <= span.start);
        let overlapping = regions[first..]
            .iter()
            .take_while(|r| r.start < span.end)
            .inspect(|_| crate::testing::add_work(1));
        let quoted: usize = overlapping
            .map(|r| r.end.min(span.end).saturating_sub(r.start.max(span.start)))
            .sum();
        2 * quoted >= span.len()
    }

    /// Does sentence `j` lend its attribution to a neighbour?
    fn carries(&mut self, attr: &Attribution, j: usize) -> bool {
        self.sentence_attributed(attr, j) && !self.is_quotation(j)
    }

    /// Is sentence `s` attributed, itself or by carry-over from the sentences in reach (and
    /// from a `X said:` sentence that introduces its paragraph)?
    pub fn attributed(&mut self, attr: &Attribution, s: usize, carry: CarryOver) -> bool {
        if self.sentence_attributed(attr, s) {
            return true;
        }
        let CarryOver::Paragraph { window } = carry else {
            return false;
        };
        let doc = self.doc;
        for j in self.reach(s, window) {
            if j != s && self.carries(attr, j) {
                return true;
            }
        }
        // `The minister said:` closing the paragraph before, across a blank line.
        let p = doc.sentences()[s].paragraph;
        let range = doc.paragraphs()[p].sentences.clone();
        if s - range.start < window && range.start > 0 {
            let prev = range.start - 1;
            let ps = doc.sentences()[prev].span.slice(doc.text()).trim_end();
            if ps.ends_with(':') && self.sentence_attributed(attr, prev) {
                return true;
            }
        }
        false
    }

    /// Does the sentence after `s`, in reach of it, name who is speaking (`Critics doubt it.
    /// Mara Lind, a historian, said …`, or a quotation with its speaker)? It names the group
    /// that `s` leaves vague.
    pub fn next_attributed(&mut self, attr: &Attribution, s: usize) -> bool {
        let r = self.reach(s, 1);
        r.end > s + 1 && self.sentence_attributed(attr, s + 1)
    }

    /// Token indices by word hash, built on first use.
    fn by_word(&mut self) -> std::rc::Rc<foldhash::HashMap<u64, Vec<u32>>> {
        let doc = self.doc;
        self.by_word
            .get_or_insert_with(|| {
                let mut m: foldhash::HashMap<u64, Vec<u32>> = Default::default();
                for (i, &h) in token_hashes(doc).iter().enumerate() {
                    m.entry(h).or_default().push(i as u32);
                }
                std::rc::Rc::new(m)
            })
            .clone()
    }

    /// The first token (index into `doc.tokens()`) whose text is `word` (ASCII case ignored)
    /// in an attributing sentence, remembered per word: each word's tokens are looked at once
    /// per document.
    pub fn first_attributed(&mut self, attr: &Attribution, word: &str) -> Option<usize> {
        let key = word.to_ascii_lowercase();
        if let Some(&known) = self.first_attributed.get(&key) {
            return known;
        }
        let doc = self.doc;
        let text = doc.text();
        let by_word = self.by_word();
        let mut found = None;
        for &t in by_word.get(&word_hash(word)).into_iter().flatten() {
            crate::testing::add_work(1);
            let tok = doc.tokens()[t as usize];
            if !tok.text(text).eq_ignore_ascii_case(word) {
                continue;
            }
            if doc
                .sentence_at(tok.span().start)
                .is_some_and(|s| self.sentence_attributed(attr, s))
            {
                found = Some(t as usize);
                break;
            }
        }
        self.first_attributed.insert(key, found);
        found
    }

    /// Is this sentence the document's headline: the first line, alone on its line, with no
    /// closing full stop, followed by more text?
    pub fn is_headline(&self, s: usize) -> bool {
        let doc = self.doc;
        let sent = &doc.sentences()[s];
        let Some(first) = doc.lines().iter().position(|l| !l.blank) else {
            return false;
        };
        let line = doc.lines()[first];
        if doc.line_at(sent.span.start) != first || doc.lines().len() <= first + 1 {
            return false;
        }
        let t = line.span.slice(doc.text()).trim_end();
        !t.ends_with('.') && t.len() < 200
    }
}

/// How far back (bytes) [`echoes_sourced`] looks for an earlier sourced mention: more than
/// any news article, so only documents longer than that (a corpus in one file) are affected.
pub const ECHO_WINDOW: usize = 256 * 1024;

/// Does the phrase at `span` repeat one said earlier in the document (within
/// [`ECHO_WINDOW`] bytes, starting at a word) in a sentence that names its source? (A photo
/// caption or a summary that echoes the sourced body.)
///
/// Only the earlier mentions of the phrase's first word are compared, each once per phrase as
/// the rule moves through the document, so the work follows the document's length.
pub fn echoes_sourced(an: &mut Analysis<'_, '_>, attr: &Attribution, span: ByteSpan) -> bool {
    let doc = an.doc;
    let text = doc.text();
    let needle = span.slice(text).as_bytes();
    if needle.len() < 8 {
        return false;
    }
    let lo = span.start.saturating_sub(ECHO_WINDOW);
    let toks = doc.tokens();
    let first = token_at(toks, span.start);
    if toks.get(first).is_none_or(|t| t.span().start != span.start) {
        // Not at a word (no rule asks this): search the window.
        let hay = &text.as_bytes()[lo..span.start];
        crate::testing::add_work(hay.len());
        return memchr::memmem::find_iter(hay, needle)
            .filter_map(|at| doc.sentence_at(lo + at))
            .any(|s| an.sentence_attributed(attr, s));
    }
    let by_word = an.by_word();
    let Some(mentions) = by_word.get(&token_hashes(doc)[first]) else {
        return false;
    };
    let mut e = an.echoes.remove(needle).unwrap_or_default();
    if span.start < e.upto {
        e = Echo::default();
    }
    e.next = e
        .next
        .max(mentions.partition_point(|&t| toks[t as usize].span().start < lo));
    while let Some(&t) = mentions.get(e.next) {
        let at = toks[t as usize].span().start;
        if at + needle.len() > span.start {
            break;
        }
        crate::testing::add_work(1);
        e.next += 1;
        if text.as_bytes()[at..].starts_with(needle)
            && doc
                .sentence_at(at)
                .is_some_and(|s| an.sentence_attributed(attr, s))
        {
            e.last = Some(at);
        }
    }
    e.upto = span.start;
    let found = e.last.is_some_and(|at| at >= lo);
    an.echoes.insert(needle.into(), e);
    found
}

/// Index of the first token of `toks` that ends after `offset`.
pub fn token_at(toks: &[Token], offset: usize) -> usize {
    toks.partition_point(|t| t.span().end <= offset)
}

/// FNV-1a of a word with ASCII letters lowered.
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The hash of every token of `doc` (ASCII case ignored), computed once per document.
fn token_hashes(doc: &Document<'_>) -> std::rc::Rc<Vec<u64>> {
    doc.memo(0, |d| {
        let text = d.text();
        d.tokens().iter().map(|t| word_hash(t.text(text))).collect()
    })
}

/// A trigger token found by [`Triggers::hits`]: `toks[i]` in sentence `sentence`.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'d> {
    pub sentence: usize,
    pub toks: &'d [Token],
    pub i: usize,
}

impl Hit<'_> {
    /// The byte offset where the trigger token starts.
    pub fn at(&self) -> usize {
        self.toks[self.i].span().start
    }
}

/// A set of trigger words: yields the indices of the tokens that are exactly one of them (ASCII
/// case ignored). Tokens are hashed once per document for all the sourcing rules; a 4096-bit
/// filter rejects almost every token before a set lookup.
#[derive(Debug, Clone)]
pub struct Triggers {
    set: foldhash::HashSet<u64>,
    bits: Vec<u64>,
}

impl Default for Triggers {
    fn default() -> Self {
        Self {
            set: Default::default(),
            bits: vec![0; 64],
        }
    }
}

impl Triggers {
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Result<Self, String> {
        let mut t = Triggers::default();
        for w in words.into_iter().filter(|w| !w.is_empty()) {
            let h = word_hash(w);
            t.bits[(h as usize >> 6) & 63] |= 1 << (h & 63);
            t.set.insert(h);
        }
        Ok(t)
    }

    /// Each trigger token with its sentence: the sentence index, the sentence's tokens and the
    /// token's index among them, in document order.
    pub fn hits<'t>(&'t self, doc: &'t Document<'_>) -> impl Iterator<Item = Hit<'t>> + 't {
        self.tokens(doc).filter_map(move |ti| {
            let at = doc.tokens()[ti].span().start;
            let sentence = doc.sentence_at(at)?;
            let toks = doc.sentence_tokens(&doc.sentences()[sentence]);
            let i = token_at(toks, at);
            (i < toks.len()).then_some(Hit { sentence, toks, i })
        })
    }

    /// Token indices (into `doc.tokens()`) whose whole text is one of the words, in order.
    pub fn tokens<'t>(&'t self, doc: &'t Document<'_>) -> impl Iterator<Item = usize> + 't {
        let hashes = token_hashes(doc);
        (0..hashes.len()).filter(move |&i| {
            let h = hashes[i];
            self.bits[(h as usize >> 6) & 63] & (1 << (h & 63)) != 0 && self.set.contains(&h)
        })
    }
}

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "dozen",
    "dozens",
    "scores",
    "tens",
];

/// Is `tok` a figure: a number in digits (not a year), or a number word?
pub fn is_figure(text: &str, tok: Token) -> bool {
    let w = tok.text(text);
    if tok.is_numeric() {
        if w.contains('-') {
            return false; // a score or a range: `6-2`, `2010-12`
        }
        let digits = w.bytes().filter(u8::is_ascii_digit).count();
        let year = digits == 4 && w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
        // Money and references: `$40`, `£3`, `#12`, `No 5`.
        let before = text[..tok.span().start].chars().next_back();
        let money = before.is_some_and(|c| "$£€¥#".contains(c));
        return !year && !money;
    }
    NUMBER_WORDS.iter().any(|n| w.eq_ignore_ascii_case(n))
}

/// Words that make a figure a measure of time, money or proportion rather than a count of people
/// or things harmed.
pub fn is_unit(word: &str) -> bool {
    const UNITS: &[&str] = &[
        "years",
        "year",
        "months",
        "month",
        "weeks",
        "week",
        "days",
        "day",
        "hours",
        "hour",
        "minutes",
        "minute",
        "seconds",
        "times",
        "percent",
        "per",
        "pc",
        "km",
        "miles",
        "metres",
        "meters",
        "feet",
        "kg",
        "tonnes",
        "tons",
        "pm",
        "am",
        "gmt",
        "points",
        "games",
        "matches",
        "goals",
        "runs",
        "wickets",
        "seasons",
        "decades",
        "centuries",
        "dollars",
        "pounds",
        "euros",
        "yen",
        "billion",
        "bn",
        "m",
        "cents",
        "pence",
        "percentage",
        "yards",
        "innings",
        "sets",
        "laps",
        "rounds",
        "am",
        "o'clock",
        "nights",
        "overs",
    ];
    UNITS.iter().any(|u| word.eq_ignore_ascii_case(u))
}

/// Quantifiers that open a figure phrase, longest first, as lowercase word sequences.
pub const QUANTIFIERS: &[&[&str]] = &[
    &["at", "least"],
    &["more", "than"],
    &["fewer", "than"],
    &["less", "than"],
    &["up", "to"],
    &["as", "many", "as"],
    &["an", "estimated"],
    &["a", "further"],
    &["over"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["some"],
    &["roughly"],
    &["approximately"],
    &["another"],
];

/// Extend a figure at token `f` back over the quantifier before it (`at least`, `more than`);
/// returns the index of the phrase's first token (not before `lo`).
pub fn quantifier_start(text: &str, toks: &[Token], f: usize, lo: usize) -> usize {
    for q in QUANTIFIERS {
        if f >= lo + q.len()
            && q.iter()
                .zip(&toks[f - q.len()..f])
                .all(|(w, t)| t.text(text).eq_ignore_ascii_case(w))
        {
            return f - q.len();
        }
    }
    f
}

/// Does `text[a..b]` hold punctuation that ends a phrase (a comma, a colon, a bracket, a dash)?
pub fn breaks(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_some_and(|g| {
        g.contains([
            ',', ';', ':', '(', ')', '—', '–', '.', '!', '?', '"', '“', '”',
        ])
    })
}

/// A lexicon built from the bundled sourcing pack (for unit tests).
#[cfg(test)]
pub fn bundled_lexicon() -> Lexicon {
    let mut lex = Lexicon::default();
    let mut taken = HashSet::new();
    crate::pack::parse_pack_into(
        "rules/sourcing.toml",
        include_str!("../../../rules/sourcing.toml"),
        &mut taken,
        &mut lex,
    )
    .expect("bundled sourcing pack parses");
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        Quotes::of_text(text)
            .regions()
            .iter()
            .map(|r| r.slice(text))
            .collect()
    }

    #[test]
    fn finds_quotations() {
        assert_eq!(quoted("He said \"go now\" and left."), vec!["\"go now\""]);
        assert_eq!(quoted("“A “b” c” d"), vec!["“A “b” c”"]);
        assert_eq!(quoted("«Oui» dit-il"), vec!["«Oui»"]);
        assert_eq!(quoted("Er sagte „Nein“ dazu"), vec!["„Nein“"]);
        assert_eq!(quoted("It is ‘odd’, she said."), vec!["‘odd’"]);
        assert_eq!(quoted("He called it 'a mess' today."), vec!["'a mess'"]);
        assert_eq!(quoted("The farmers' union's vote"), Vec::<&str>::new());
        assert_eq!(quoted("It’s the mayor’s plan"), Vec::<&str>::new());
        assert_eq!(quoted("\"Open to the end"), vec!["\"Open to the end"]);
        assert_eq!(
            quoted("\"It went well. \"He will start on the bench."),
            vec!["\"It went well. ", "\"He will start on the bench."]
        );
        assert_eq!(
            quoted("continued here,” he said."),
            vec!["continued here,”"]
        );
    }

    fn attributed(text: &str) -> bool {
        let lex = bundled_lexicon();
        let attr = Attribution::from_lexicon(&lex).unwrap();
        let doc = Document::new(text);
        let mut a = Analysis::new(&doc);
        a.sentence_attributed(&attr, 0)
    }

    #[test]
    fn attribution_forms() {
        assert!(attributed("Twelve people died, police said."));
        assert!(attributed("According to the ministry, twelve people died."));
        assert!(attributed("The agency reported twelve deaths."));
        assert!(attributed("State media reported twelve deaths."));
        assert!(attributed("Twelve people died, citing hospital records."));
        assert!(attributed(
            "The ministry's statement put the toll at twelve."
        ));
        assert!(attributed("Twelve people died, he told Radio Kolvana."));
        assert!(attributed("Twelve deaths were reported by the agency."));
        assert!(!attributed("Twelve deaths were reported on Monday."));
        assert!(!attributed("Twelve people are said to have died."));
        assert!(!attributed(
            "Despite the claims of success, twelve people died."
        ));
        assert!(!attributed("Twelve deaths reported, mostly miners."));
        assert!(!attributed(
            "He called it \"what the police said\" and twelve died."
        ));
    }

    #[test]
    fn reach_crosses_lines_of_one_sentence_but_not_blank_lines() {
        let lex = bundled_lexicon();
        let attr = Attribution::from_lexicon(&lex).unwrap();
        let carry = CarryOver::default();
        // One sentence a line: the next line is in reach.
        let doc = Document::new("Twelve people died.\nThe ministry said so on Monday.\n");
        assert!(Analysis::new(&doc).attributed(&attr, 0, carry));
        // A blank line ends the reach.
        let doc = Document::new("Twelve people died.\n\nThe ministry said so on Monday.\n");
        assert!(!Analysis::new(&doc).attributed(&attr, 0, carry));
        // Two paragraphs of several sentences each: the reach stays in the paragraph.
        let doc = Document::new(
            "The ferry left. Twelve people died.\nThe ministry said so. The port shut.\n",
        );
        assert!(!Analysis::new(&doc).attributed(&attr, 1, carry));
        // Only the previous and next sentence by default.
        let doc = Document::new("The ministry said so. Rain fell. Twelve people died.");
        assert!(!Analysis::new(&doc).attributed(&attr, 2, carry));
        assert!(Analysis::new(&doc).attributed(&attr, 2, CarryOver::Paragraph { window: 2 }));
    }

    #[test]
    fn a_quotation_sources_only_itself() {
        let lex = bundled_lexicon();
        let attr = Attribution::from_lexicon(&lex).unwrap();
        let carry = CarryOver::default();
        let doc = Document::new("Twelve people died. “It was awful,” a medic said.");
        let mut a = Analysis::new(&doc);
        assert!(a.sentence_attributed(&attr, 1));
        assert!(!a.attributed(&attr, 0, carry));
        // A paragraph opened by a dialogue dash is speech throughout.
        let doc = Document::new("– They are said to have fled, says the mayor.\n");
        assert_eq!(
            Quotes::new(&doc).regions(),
            &[ByteSpan::new(0, doc.text().trim_end().len())]
        );
    }

    #[test]
    fn carry_over_within_a_paragraph() {
        let lex = bundled_lexicon();
        let attr = Attribution::from_lexicon(&lex).unwrap();
        let text = "The ministry said on Monday. Twelve people died.\n\nNine people died.";
        let doc = Document::new(text);
        let mut a = Analysis::new(&doc);
        assert!(a.attributed(&attr, 1, CarryOver::default()));
        assert!(!a.attributed(&attr, 1, CarryOver::Sentence));
        assert!(!a.attributed(&attr, 2, CarryOver::default()));
        let text = "The minister told reporters:\n\nTwelve people died in the fire.";
        let doc = Document::new(text);
        let mut a = Analysis::new(&doc);
        assert!(a.attributed(&attr, 1, CarryOver::default()));
    }
}
