use super::code_pages::{self, CodePage, MULTI_BYTE, SINGLE_BYTE};
use super::letter_prior;
use super::strangeness::{self, Class};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds mojibake: UTF-8 text that was decoded with the wrong code page, and repairs it. It
    /// knows the mix-ups real corpora hold: Windows-1252 and Latin-1 (`cafÃ©`, `â€™`, `Â£45m`),
    /// Windows-1250 and ISO-8859-2 (`Ĺ˝algiris`), Windows-1251 (`РґРµРЅСЊ`, `вЂњ`), Windows-1257,
    /// MacRoman (`Krak√≥w`), the DOS pages CP437, CP850 and CP866 (`d├⌐j├á`), KOI8-R, and Latin
    /// text read as Shift_JIS or GBK (`caf茅`); twice or three times over (`ÃƒÂ©`), and sloppy
    /// decoders that passed undefined bytes through as control characters or turned a no-break
    /// space into a space (`voilÃ `). Each run of non-ASCII characters gets a strangeness score
    /// (pairs of character classes that real text rarely has: a capital after a small letter inside
    /// a word, a symbol or a box drawing between letters, two scripts in one word); a run is
    /// repaired only when re-reading its bytes as UTF-8 under some code page lowers that score
    /// clearly. Legitimate text in any script, upper-cased or not (`PORQUÊ…`, `CAFÉ®`, `3×£20`,
    /// `Київ`, `東京`), is not strange and is never touched.
    ///
    /// ## Why is this bad
    /// Mojibake breaks search (`café` no longer matches), deduplication and tokenisers, and it is
    /// visible nonsense to readers. It usually comes from one wrong decoding step in a pipeline.
    ///
    /// ## Example
    /// ```text
    /// Tickets cost Â£12 at the cafÃ©.
    /// ```
    /// Use instead:
    /// ```text
    /// Tickets cost £12 at the café.
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the repair is unambiguous: the bytes re-read as UTF-8 give valid text with no
    /// control characters, and no other code page gives a different repair that is as plausible.
    /// When two code pages compete (`Ăź` is `ü` read as ISO-8859-2 and `ß` read as Windows-1250,
    /// and nothing else in the document tells them apart), the repair is offered as an unsafe fix.
    pub fn mojibake_meta {
        code: "E103",
        name: "mojibake",
        family: Encoding,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Safe),
    }
}

pub struct Mojibake(RuleMeta);

impl Default for Mojibake {
    fn default() -> Self {
        Self(mojibake_meta())
    }
}

/// A run must score at least this to be looked at: legitimate text scores below it.
const MIN_STRANGE: u32 = 3;

/// A repair must lower the score by at least this much.
const MARGIN: i32 = 2;

/// The number of UTF-8 bytes a sequence starting with `lead` has, for multi-byte leads.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// A character a re-reading may produce: not a control, except one that twice-damaged text
/// passes through on its way back: a C1 control (`Ã¢Â\u{80}Â\u{99}` → `â\u{80}\u{99}` → `’`), or
/// MacRoman's Apple logo (U+F8FF, its byte 0xF0, the lead of every emoji).
fn plausible(c: char) -> bool {
    !matches!(strangeness::class(c), Class::Control)
        || matches!(c, '\n' | '\t' | '\u{80}'..='\u{9F}' | '\u{F8FF}')
}

/// A finished repair holds none of the characters only half-way readings may.
fn finished(s: &str) -> bool {
    !s.chars()
        .any(|c| matches!(c, '\u{80}'..='\u{9F}' | '\u{F8FF}'))
}

/// Re-read `s` under single-byte page number `page`: every run of characters whose bytes form a
/// multi-byte UTF-8 sequence becomes the character it encodes; the rest stays. With
/// `space_as_nbsp`, a space right after a two-byte lead stands for the no-break space (0xA0)
/// a sloppy step turned into a space.
/// The second value tells whether every non-ASCII character was part of a repaired sequence.
fn reread_single(s: &str, page: usize, space_as_nbsp: bool) -> Option<(String, bool)> {
    let chars: Vec<(char, Option<u8>)> = s
        .chars()
        .map(|c| (c, code_pages::byte_of(page, c)))
        .collect();
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut complete = true;
    let mut i = 0;
    while i < chars.len() {
        let (c, b) = chars[i];
        let need = b.map_or(0, utf8_len);
        if need > 0 && i + need <= chars.len() {
            let mut bytes = [0u8; 4];
            bytes[0] = b.unwrap_or(0);
            let mut ok = true;
            let mut lossy = false;
            for k in 1..need {
                bytes[k] = match chars[i + k] {
                    (' ', _) if space_as_nbsp && need == 2 => 0xA0,
                    // A byte the decoder could not map and replaced (`Ã�`, `â€�`): the sequence
                    // stands for one character that is lost; it reads back as U+FFFD.
                    ('\u{FFFD}', _) => {
                        lossy = true;
                        match (k, bytes[0]) {
                            (1, 0xE0) => 0xA0,
                            (1, 0xF0) => 0x90,
                            _ => 0x80,
                        }
                    }
                    (_, Some(x)) if (0x80..=0xBF).contains(&x) => x,
                    _ => {
                        ok = false;
                        break;
                    }
                };
            }
            if let Some(d) = ok
                .then(|| std::str::from_utf8(&bytes[..need]).ok())
                .flatten()
                .and_then(|d| d.chars().next())
                .filter(|&d| plausible(d))
            {
                out.push(if lossy { '\u{FFFD}' } else { d });
                changed = true;
                i += need;
                continue;
            }
        }
        complete &= c.is_ascii();
        out.push(c);
        i += 1;
    }
    changed.then_some((out, complete))
}

/// Re-read `s` under a double-byte page: all of it must go back to bytes that are valid UTF-8.
fn reread_multi(s: &str, page: CodePage) -> Option<String> {
    let bytes = page.encode_multi(s)?;
    let d = String::from_utf8(bytes).ok()?;
    (d != s && d.chars().all(plausible)).then_some(d)
}

/// Re-read `s` under `page`; the flag tells whether the reading is complete (a double-byte reading
/// always is).
fn reread(s: &str, page: CodePage) -> Option<(String, bool)> {
    match page.single_byte() {
        Some(p) => reread_single(s, p, false),
        None => reread_multi(s, page).map(|t| (t, true)),
    }
}

/// Is `run` a word of CJK characters that a double-byte page reads back, whole, as UTF-8 text with
/// no CJK in it (Cyrillic or Greek read as GBK: `袩械褉械写`)? Legitimate CJK text almost never
/// forms valid UTF-8 when encoded in GBK or Shift_JIS, three characters running.
fn double_byte_text(run: &str) -> bool {
    run.chars().count() >= 3
        && run.chars().all(|c| strangeness::class(c) == Class::Cjk)
        && MULTI_BYTE.into_iter().any(|p| {
            reread_multi(run, p).is_some_and(|t| {
                t.chars()
                    .all(|c| !matches!(strangeness::class(c), Class::Cjk | Class::HalfKana))
            })
        })
}

/// Are the CJK characters of `text` damage? They are when there are some and at least nine in ten
/// of them sit in runs that a double-byte page reads back, whole, as UTF-8 (Latin or Cyrillic
/// text read as GBK or Shift_JIS); in Chinese or Japanese text hardly any do.
fn cjk_is_damage(text: &str) -> bool {
    // CJK and half-width kana are encoded with the lead bytes E3–ED and EF: without one, no work.
    if !text.bytes().any(|b| matches!(b, 0xE3..=0xED | 0xEF)) {
        return false;
    }
    let (mut all, mut readable) = (0usize, 0usize);
    for (start, end) in runs(text) {
        let run = &text[start..end];
        let n = run
            .chars()
            .filter(|&c| matches!(strangeness::class(c), Class::Cjk | Class::HalfKana))
            .count();
        if n == 0 {
            continue;
        }
        all += n;
        if MULTI_BYTE
            .into_iter()
            .any(|p| reread_multi(run, p).is_some())
        {
            readable += n;
        }
    }
    all > 0 && readable * 10 >= all * 9
}

/// The strangeness of a run in its context, a CJK word that reads back as other text counting as
/// evident damage.
fn strangeness_of(before: Option<char>, run: &str, after: Option<char>, bar: Bar<'_>) -> u32 {
    let s = strangeness::score(before, run, after);
    let boost = match bar.cjk_damage {
        Some(damage) => damage && run.chars().any(|c| strangeness::class(c) == Class::Cjk),
        None => double_byte_text(run),
    };
    if s < MIN_STRANGE && boost {
        MIN_STRANGE + MARGIN as u32
    } else {
        s
    }
}

/// The repair of one damaged run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// The repaired text.
    pub text: String,
    /// The code pages undone, in the order the damage happened.
    pub pages: Vec<CodePage>,
    /// True when the space after the run was a lost no-break space and belongs to the repair.
    pub takes_space: bool,
    /// True when another code page gives a different repair that is as plausible.
    pub ambiguous: bool,
}

/// What a repair must show.
#[derive(Debug, Clone, Copy)]
struct Bar<'a> {
    /// The least strangeness a run needs to be looked at.
    min: u32,
    /// How much a repair must lower it (negative: how much higher it may leave it).
    margin: i32,
    /// The pages to try, the preferred first (a tie goes to the earlier one).
    order: &'a [CodePage],
    /// Only readings that consume every non-ASCII character (for the document's less evident
    /// runs, read with the pages its evident ones were).
    complete: bool,
    /// What the document's CJK characters are: `None` unknown (a run judged alone), `Some(true)`
    /// damage (nearly all of them read back as UTF-8 under a double-byte page, so a CJK run is
    /// strange), `Some(false)` text (double-byte pages are not tried).
    cjk_damage: Option<bool>,
    /// How many of the document's evident runs each page of [`ALL_PAGES`] explains, when known: a
    /// competing reading makes a repair ambiguous only if its page is as well supported.
    votes: Option<&'a [usize; ALL_PAGES.len()]>,
    /// The letter prior's cost of each page's readings of those runs: of two pages with equal
    /// votes, the one whose readings hold the commoner letters is preferred.
    costs: Option<&'a [u32; ALL_PAGES.len()]>,
}

/// Every page, the most common mix-up first.
const ALL_PAGES: [CodePage; 12] = [
    SINGLE_BYTE[0],
    SINGLE_BYTE[1],
    SINGLE_BYTE[2],
    SINGLE_BYTE[3],
    SINGLE_BYTE[4],
    SINGLE_BYTE[5],
    SINGLE_BYTE[6],
    SINGLE_BYTE[7],
    SINGLE_BYTE[8],
    SINGLE_BYTE[9],
    MULTI_BYTE[0],
    MULTI_BYTE[1],
];

const EVIDENT: Bar<'static> = Bar {
    min: MIN_STRANGE,
    margin: MARGIN,
    order: &ALL_PAGES,
    complete: false,
    cjk_damage: None,
    votes: None,
    costs: None,
};

/// Repair the run of non-ASCII characters `run`, which sits between `before` and `after`, when it
/// is evidently damaged.
pub fn repair_run(before: Option<char>, run: &str, after: Option<char>) -> Option<Repair> {
    repair_run_with(before, run, after, EVIDENT)
}

/// One way to re-read a run.
#[derive(Debug, Clone)]
struct Cand {
    score: u32,
    /// The score it is chosen by: its own, or for a half-way reading, where the next one leads.
    rank: u32,
    text: String,
    page: CodePage,
    takes_space: bool,
    /// Every non-ASCII character was part of a re-read sequence.
    complete: bool,
}

/// Every re-reading of `cur` under the pages of `bar`, scored in the run's context.
fn candidates(
    cur: &str,
    before: Option<char>,
    after: Option<char>,
    bar: Bar<'_>,
    first: bool,
) -> Vec<Cand> {
    let multi = bar.cjk_damage != Some(false)
        && cur.chars().any(|c| {
            matches!(
                strangeness::class(c),
                Class::Cjk | Class::HalfKana | Class::OtherLetter
            )
        });
    let mut out = Vec::new();
    for &page in bar.order {
        let read = (multi || page.single_byte().is_some())
            .then(|| reread(cur, page))
            .flatten()
            .filter(|(_, c)| *c || !bar.complete);
        if let Some((text, complete)) = read {
            let score = strangeness::score(before, &text, after);
            out.push(Cand {
                score,
                rank: score,
                text,
                page,
                takes_space: false,
                complete,
            });
        }
        if first && page == CodePage::Windows1252 && after == Some(' ') {
            // The lost no-break space: `voilÃ ` for `voilà`.
            let spaced = format!("{cur} ");
            if let Some((text, _)) = reread_single(&spaced, 0, true).filter(|t| !t.0.ends_with(' '))
            {
                let score = strangeness::score(before, &text, None);
                out.push(Cand {
                    score,
                    rank: score,
                    text,
                    page,
                    takes_space: true,
                    complete: false,
                });
            }
        }
    }
    out
}

/// [`candidates`], each ranked by where it leads: damage done twice reads back in two steps, and
/// the first step can look as strange as the damage (`‚àö¬∫` → `√º` → `ü`), so a complete reading
/// ranks by the better of its own score and its best complete re-reading's; one still holding C1
/// controls (half way back) only by the latter. A partial reading ranks one worse than its score.
fn ranked(
    cur: &str,
    before: Option<char>,
    after: Option<char>,
    bar: Bar<'_>,
    first: bool,
) -> Vec<Cand> {
    let mut cands = candidates(cur, before, after, bar, first);
    let again = Bar {
        complete: true,
        ..bar
    };
    for c in &mut cands {
        if !c.complete {
            c.rank = c.score + 1;
            continue;
        }
        let next = candidates(&c.text, before, after, again, false)
            .iter()
            .filter(|n| finished(&n.text))
            .map(|n| n.score)
            .min();
        c.rank = match next {
            Some(n) if finished(&c.text) => n.min(c.score),
            Some(n) => n,
            None => c.score,
        };
    }
    cands
}

fn repair_run_with(
    before: Option<char>,
    run: &str,
    after: Option<char>,
    bar: Bar<'_>,
) -> Option<Repair> {
    let start = strangeness_of(before, run, after, bar);
    if start < bar.min {
        return None;
    }
    let mut cur = run.to_string();
    let mut score = start;
    let mut pages = Vec::new();
    let mut takes_space = false;
    let mut ambiguous = false;
    let mut promised = false;
    for pass in 0..3 {
        // Damage done again is read back whole: after the first reading, only complete ones.
        let bar = Bar {
            complete: bar.complete || pass > 0,
            ..bar
        };
        let cands = ranked(&cur, before, after, bar, pass == 0);
        // Damage done twice with one page reads back twice with it: the same page's complete
        // reading is taken again when it leaves the text no stranger.
        let again = pages.last().and_then(|&last| {
            cands
                .iter()
                .find(|c| {
                    c.page == last
                        && c.complete
                        && (c.rank as i32) + bar.margin.min(0) <= score as i32
                })
                .cloned()
        });
        let Some(mut best) = again.or_else(|| {
            // A tie goes to the page the document supports most, then to the page whose
            // readings in the document have the commoner letters, then to this reading's letters:
            // one run's letters say less than the document's.
            cands
                .iter()
                .min_by_key(|c| {
                    (
                        c.rank,
                        std::cmp::Reverse(bar.votes.map_or(0, |v| v[c.page.index()])),
                        bar.costs.map_or(0, |v| v[c.page.index()]),
                        letter_prior::cost(&c.text),
                    )
                })
                .cloned()
        }) else {
            break;
        };
        // The page the document's evident runs support most wins over a partial reading under
        // another page when its own reading is complete and nearly as plausible.
        if bar.votes.is_some() && !best.complete {
            if let Some(c) = cands
                .iter()
                .find(|c| c.page == bar.order[0] && c.complete && c.rank <= best.rank + 2)
            {
                best = c.clone();
            }
        }
        // A step taken for where it leads (its rank below its score) promised the next one.
        let need = if promised || pass > 0 && pages.last() == Some(&best.page) {
            bar.margin.min(0)
        } else {
            bar.margin
        };
        if (best.rank as i32) + need > score as i32 {
            break;
        }
        promised = best.rank < best.score;
        if pass == 0 {
            let support = |p: CodePage| bar.votes.map_or(0, |v| v[p.index()]);
            ambiguous = cands.iter().any(|c| {
                c.text != best.text
                    && c.rank <= best.rank
                    && letter_prior::cost(&c.text) <= letter_prior::cost(&best.text) + LIKELY
                    && support(c.page) >= support(best.page)
                    && (c.rank as i32) + bar.margin <= score as i32
            });
        }
        score = best.score;
        cur = best.text;
        pages.push(best.page);
        takes_space |= best.takes_space;
    }
    if pages.is_empty() || !finished(&cur) {
        return None;
    }
    Some(Repair {
        text: cur,
        pages: pages.into_iter().rev().collect(),
        takes_space,
        ambiguous,
    })
}

/// How much commoner (in half-bits of the letter prior) one reading's letters must be than
/// another's, as strange, for the repair not to be ambiguous: four times as likely.
const LIKELY: u32 = 4;

/// One finding: the damaged span of `text`, its repair, the pages undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub span: ByteSpan,
    pub fixed: String,
    pub pages: Vec<CodePage>,
    pub ambiguous: bool,
}

/// Neighbouring repairs with at most this many bytes of ASCII spaces and punctuation between them
/// are one finding (a damaged phrase, not one finding a word).
const MERGE_GAP: usize = 3;

/// The runs of non-ASCII characters in `text`, as byte ranges.
fn runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i + bytes.get(i..)?.iter().position(|&b| b >= 0x80)?;
        let len = bytes[start..]
            .iter()
            .position(|&b| b < 0x80)
            .unwrap_or(bytes.len() - start);
        i = start + len;
        Some((start, i))
    })
}

/// Every damaged run of `text`, repaired. Runs that are evidently damaged come first; they name
/// the code pages the document was misread with, and a less evident run (`Ð¯`, `â€“` alone
/// between spaces) is then repaired when one of those pages reads all of it back.
pub fn find(text: &str) -> Vec<Found> {
    let context = |start: usize, end: usize| {
        (
            text[..start].chars().next_back(),
            text[end..].chars().next(),
        )
    };
    // Which pages explain the evident runs: each run votes for every page whose first reading it
    // accepts as well as the best one.
    let first = Bar {
        cjk_damage: Some(cjk_is_damage(text)),
        ..EVIDENT
    };
    let mut votes = [0usize; ALL_PAGES.len()];
    // And how likely each page's readings are in the document's likeliest language, to order
    // pages with equal votes.
    let mut readings: [letter_prior::ByLanguage; ALL_PAGES.len()] = Default::default();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (start, end) in runs(text) {
        spans.push((start, end));
        let (before, after) = context(start, end);
        let run = &text[start..end];
        let s0 = strangeness_of(before, run, after, first);
        if s0 < MIN_STRANGE {
            continue;
        }
        let cands = ranked(run, before, after, first, true);
        let Some(best) = cands.iter().map(|c| c.rank).min() else {
            continue;
        };
        if best + MARGIN as u32 > s0 {
            continue;
        }
        for c in cands.iter().filter(|c| c.rank <= best) {
            votes[c.page.index()] += 1;
            readings[c.page.index()].add(before, &c.text, after);
        }
    }
    if votes.iter().all(|&v| v == 0) {
        return Vec::new();
    }
    let ascii = letter_prior::ByLanguage::ascii(text);
    let costs = readings.map(|r| r.best(&ascii));
    let mut order = ALL_PAGES;
    order.sort_by_key(|p| (std::cmp::Reverse(votes[p.index()]), costs[p.index()]));
    // The quiet runs are read with the pages at least two evident runs support (or the one page
    // a single evident run named): under them a complete reading is taken whatever it scores.
    let support = |p: &CodePage| votes[p.index()];
    let top = support(&order[0]);
    let voted: Vec<CodePage> = order
        .iter()
        .filter(|p| support(p) >= 2 || (top == 1 && support(p) == 1))
        .copied()
        .collect();
    let evident = Bar {
        order: &order,
        votes: Some(&votes),
        costs: Some(&costs),
        ..first
    };
    let quiet = Bar {
        min: 0,
        margin: -1000,
        order: &voted,
        complete: true,
        cjk_damage: first.cjk_damage,
        votes: Some(&votes),
        costs: Some(&costs),
    };
    let mut repairs: Vec<(usize, usize, Repair)> = Vec::new();
    for (start, end) in spans {
        let (before, after) = context(start, end);
        let run = &text[start..end];
        if let Some(r) = repair_run_with(before, run, after, evident)
            .or_else(|| repair_run_with(before, run, after, quiet))
        {
            repairs.push((start, end, r));
        }
    }
    deepen(&mut repairs);
    repairs.sort_by_key(|r| r.0);
    let mut out: Vec<Found> = Vec::new();
    let mut covered = 0;
    for (start, end, r) in repairs {
        if start < covered {
            continue;
        }
        let end = if r.takes_space { end + 1 } else { end };
        covered = end;
        match out.last_mut() {
            Some(prev)
                if prev.pages == r.pages
                    && start - prev.span.end <= MERGE_GAP
                    && text[prev.span.end..start]
                        .bytes()
                        .all(|b| b == b' ' || (b.is_ascii_punctuation() && b != b'\n')) =>
            {
                prev.fixed.push_str(&text[prev.span.end..start]);
                prev.fixed.push_str(&r.text);
                prev.span.end = end;
                prev.ambiguous |= r.ambiguous;
            }
            _ => out.push(Found {
                span: ByteSpan::new(start, end),
                fixed: r.text,
                pages: r.pages,
                ambiguous: r.ambiguous,
            }),
        }
    }
    out
}

/// A document damaged twice over with one page has every damaged run read back twice; a run whose
/// second reading scored worse in its context (`NanoIPS„ÅØHDR`: the ideograph between Latin
/// letters looks stranger than its own mojibake) stopped half way. When most of the document's
/// repairs undid the same page twice, the runs that undid it once are read once more, when that
/// reading is complete.
fn deepen(repairs: &mut [(usize, usize, Repair)]) {
    let mut twice: Vec<(CodePage, usize)> = Vec::new();
    let mut once = 0usize;
    for (_, _, r) in repairs.iter() {
        match r.pages.as_slice() {
            [a, b] if a == b => match twice.iter_mut().find(|t| t.0 == *a) {
                Some(t) => t.1 += 1,
                None => twice.push((*a, 1)),
            },
            [_] => once += 1,
            _ => {}
        }
    }
    let Some(&(page, n)) = twice.iter().max_by_key(|t| t.1) else {
        return;
    };
    if n < 2 || n <= once {
        return;
    }
    for (_, _, r) in repairs.iter_mut() {
        if r.pages != [page] {
            continue;
        }
        let read = reread(&r.text, page).filter(|t| t.1).map(|t| t.0);
        if let Some(t) = read.filter(|t| finished(t)) {
            r.text = t;
            r.pages.push(page);
        }
    }
}

/// Repair every damaged run of `s`.
pub fn repair(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for f in find(s) {
        out.push_str(&s[at..f.span.start]);
        out.push_str(&f.fixed);
        at = f.span.end;
    }
    out.push_str(&s[at..]);
    out
}

fn describe(pages: &[CodePage]) -> String {
    let mut out = String::new();
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            out.push_str(", then again as ");
        }
        out.push_str(p.name());
    }
    out
}

impl Rule for Mojibake {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        for f in find(text) {
            let damaged = f.span.slice(text);
            let fixed = f.fixed;
            let applicability = if f.ambiguous {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            sink.report(
                f.span,
                format!(
                    "mojibake: `{damaged}` is UTF-8 read as {}; it should read `{fixed}`",
                    describe(&f.pages)
                ),
            )
            .help("re-read the bytes as UTF-8")
            .fix(Fix::replace(
                applicability,
                format!("Repair to `{fixed}`"),
                f.span,
                fixed,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    fn damage(s: &str) -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(s.as_bytes())
            .0
            .into_owned()
    }

    fn found(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        Mojibake::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        out.iter()
            .map(|d| {
                (
                    d.span.slice(text).to_string(),
                    d.fix.as_ref().unwrap().edits[0].replacement.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn repairs_single_and_double_damage() {
        assert_eq!(
            found("Tickets cost Â£12 at the cafÃ©."),
            vec![("Â£".into(), "£".into()), ("Ã©".into(), "é".into())]
        );
        assert_eq!(
            found(&damage("“Yes,” she said")),
            vec![(damage("“"), "“".into()), (damage("”"), "”".into())]
        );
        let twice = damage(&damage("café"));
        assert_eq!(repair(&twice), "café");
        assert_eq!(found(&twice).len(), 1);
        let thrice = damage(&twice);
        assert_eq!(repair(&thrice), "café");
    }

    /// Our own sentences, one per family of code pages.
    const LATIN: &str = "Der Bürgermeister von Zürich sagte, das Café sei größer. Déjà vu à Nîmes.";
    const CENTRAL: &str = "Žalgiris porazil tým z Łodzi; příští zápas hrají v Šiauliai a Győru.";
    const CYRILLIC: &str = "Мэр города сказал, что новый мост откроют в пятницу утром.";

    #[test]
    fn repairs_every_code_page_once_and_twice() {
        use CodePage::*;
        let cases: [(CodePage, &str); 14] = [
            (Windows1252, LATIN),
            (Windows1252, CYRILLIC),
            (Windows1250, CENTRAL),
            (Iso8859_2, CENTRAL),
            (Windows1251, LATIN),
            (Windows1251, CYRILLIC),
            (Windows1257, CENTRAL),
            (MacRoman, LATIN),
            (MacRoman, CYRILLIC),
            (Cp437, LATIN),
            (Cp850, LATIN),
            (Cp866, CYRILLIC),
            (Koi8R, CYRILLIC),
            (Gbk, LATIN),
        ];
        for (page, text) in cases {
            let once = page.misread(text).unwrap();
            assert_ne!(once, text);
            assert_eq!(repair(&once), text, "{page:?} once: {once}");
            let f = find(&once);
            assert!(
                f.iter().all(|f| f.pages == [page] || f.pages.len() == 1),
                "{page:?}"
            );
            if page != Gbk {
                let twice = page.misread(&once).unwrap();
                assert_eq!(repair(&twice), text, "{page:?} twice: {twice}");
            }
        }
    }

    #[test]
    fn equally_plausible_readings_go_to_the_commoner_letters() {
        // CP437 reads `┼¥` as `ŝ` (Esperanto), CP850 as `ž`; Windows-1252 reads `Ä¨` as `Ĩ`,
        // Windows-1257 as `č`.
        let text = "Možda će tražiti više.";
        assert_eq!(repair(&CodePage::Cp850.misread(text).unwrap()), text);
        let text = "Nema čak ni čokolade.";
        assert_eq!(repair(&CodePage::Windows1257.misread(text).unwrap()), text);
    }

    #[test]
    fn names_the_code_page_and_undoes_it_in_the_message() {
        let text = CodePage::Windows1251.misread("Привет").unwrap();
        let doc = Document::new(&text);
        let mut out = Vec::new();
        Mojibake::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        assert_eq!(out.len(), 1);
        assert!(
            out[0].message.contains("Windows-1251"),
            "{}",
            out[0].message
        );
        assert!(out[0].message.contains("`Привет`"), "{}", out[0].message);
    }

    #[test]
    fn sloppy_damage_is_repaired() {
        // Bytes Windows-1252 leaves undefined passed through as C1 controls (`Á` is C3 81).
        assert_eq!(repair("\u{C3}\u{81}frica del Sur"), "África del Sur");
        // A no-break space the pipeline turned into a space: `à` is C3 A0.
        assert_eq!(
            repair("Rendez-vous voilÃ  midi."),
            "Rendez-vous voilà midi."
        );
        assert_eq!(repair("Il est allÃ© lÃ  bas."), "Il est allé là bas.");
    }

    #[test]
    fn a_replaced_byte_leaves_one_lost_character() {
        // `”` is E2 80 9D; a strict Windows-1252 decoder replaced the undefined 9D.
        assert_eq!(
            repair("He called it â€œunfairâ€\u{FFFD} today."),
            "He called it “unfair\u{FFFD} today."
        );
        assert_eq!(repair("Ã\u{FFFD}frica e mÃ¡s"), "\u{FFFD}frica e más");
    }

    #[test]
    fn a_documents_evident_damage_names_the_page_for_its_quiet_runs() {
        // `Ð¯` (Я) alone is hardly strange; beside evident damage it is repaired too.
        let text = CodePage::Windows1252
            .misread("Я сказал: привет, мир")
            .unwrap();
        assert_eq!(repair(&text), "Я сказал: привет, мир");
    }

    #[test]
    fn legitimate_text_is_never_touched() {
        assert!(found("é–– and è…” — à‚x").is_empty());
        assert_eq!(repair(&damage("東京 and 서울")), "東京 and 서울");
        for t in [
            "Größe und Maaß",
            "São Paulo, Ñuñoa",
            "İstanbul ve Şırnak",
            "Nguyễn Thị Ánh ở Hà Nội",
            "Αθήνα",
            "Москва",
            "القاهرة",
            "北京と東京",
            "20°C × 3 = 60 €",
            "“quoted” — ‘single’ … £5",
            "À la carte: Ça va",
        ] {
            assert!(found(t).is_empty(), "{t}");
        }
    }
}
