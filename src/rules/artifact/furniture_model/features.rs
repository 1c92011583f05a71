//! Shallow text features of a line (or a segment of a flattened paragraph), in the tradition of
//! boilerpipe's and jusText's: how long it is, how much of it is function words, how it ends, how
//! capitalised it is, digits, dates, times, links, handles, separators, the learned weight of its
//! words, where it stands in the document and what its neighbours look like.
//!
//! The same code computes the features for the training program (`examples/train_furniture.rs`)
//! and for the rule, so the model sees at run time exactly what it was fitted on.

use super::vocab::{Vocab, word_hash};

/// Features of a unit computed from its own text.
pub const OWN: usize = 32;
/// Features a unit takes from its neighbours and its place in the document.
pub const CONTEXT: usize = 32;
/// Length of a full feature vector.
pub const N_FEATURES: usize = OWN + CONTEXT;

/// One name per feature, in vector order (shown by `newslint rule furniture-line`).
pub const FEATURE_NAMES: [&str; N_FEATURES] = [
    "words (log)",
    "bytes (log)",
    "stopword share",
    "ends with . ! ?",
    "ends with :",
    "ends with an ellipsis",
    "capitalised word share",
    "all-caps word share",
    "digit share",
    "month or weekday name",
    "clock time or am/pm",
    "URL",
    "@handle",
    "e-mail address",
    "separators | • » ·",
    "word weight, mean",
    "word weight, max",
    "word weight, min",
    "punctuation share",
    "opens with a bullet or dash",
    "opens with By + name",
    "copyright sign",
    "mean word length",
    "repeated in the document",
    "opens in lowercase",
    "quotation marks",
    "date and time token share",
    "number tokens (log)",
    "segment of a flattened paragraph",
    "bigram weight, max",
    "bigram weight, min",
    "word and bigram weights, sum",
    "position (share of units before)",
    "units before (log)",
    "units after (log)",
    "text before (share of bytes)",
    "units to the previous long unit",
    "units to the next long unit",
    "share of long units after",
    "long units in the document (log)",
    "previous: words (log)",
    "previous: stopword share",
    "previous: ends with . ! ?",
    "previous: word weight, mean",
    "previous: digit share",
    "previous: capitalised word share",
    "next: words (log)",
    "next: stopword share",
    "next: ends with . ! ?",
    "next: word weight, mean",
    "next: digit share",
    "next: capitalised word share",
    "window of 5: share of long units",
    "window of 5: word weight, mean",
    "blank line before",
    "blank line after",
    "previous: word weight, max",
    "next: word weight, max",
    "previous: word and bigram weights, sum",
    "next: word and bigram weights, sum",
    "window of 5: word and bigram weights, sum, max",
    "window of 5: bigram weight, max",
    "run of short units: length (log)",
    "run of short units: word and bigram weights, sum, max",
];

// Indices of own features read elsewhere (the context block, the running-text test, the caller).
const F_WORDS: usize = 0;
const F_BYTES: usize = 1;
const F_STOP: usize = 2;
const F_TERMINAL: usize = 3;
const F_CAPS: usize = 6;
const F_DIGITS: usize = 8;
const F_WEIGHT_MEAN: usize = 15;
const F_WEIGHT_MAX: usize = 16;
const F_BIGRAM_MAX: usize = 29;
const F_BIGRAM_MIN: usize = 30;
const F_WEIGHT_SUM: usize = 31;
/// Index of the "repeated in the document" own feature (set by the caller).
pub const F_REPEATED: usize = 23;
/// Index of the "segment of a flattened paragraph" own feature (set by the caller).
pub const F_SEGMENT: usize = 28;
const F_URL: usize = 11;
const F_HANDLE: usize = 12;
const F_EMAIL: usize = 13;

/// Word classes stored with the vocabulary (bit flags).
pub const CLASS_STOP: u8 = 1;
pub const CLASS_MONTH: u8 = 2;
/// Clock and time-zone words (`am`, `pm`, `gmt`, `est`).
pub const CLASS_TIME: u8 = 4;

/// Clock and time-zone words.
pub const TIME_WORDS: &[&str] = &[
    "am", "pm", "a.m", "p.m", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt",
    "mst", "mdt", "pst", "pdt", "et", "pt", "ist", "jst", "kst", "aest", "hrs", "h",
];

/// English function words (the stopword share is the strongest single signal of running text).
pub const STOPWORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did",
    "do", "does", "during", "each", "few", "for", "from", "had", "has", "have", "having", "he",
    "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just",
    "last", "many", "may", "more", "most", "much", "must", "my", "no", "nor", "not", "now", "of",
    "on", "once", "one", "only", "or", "other", "our", "out", "over", "said", "same", "says",
    "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "though", "through", "to", "too", "under", "until",
    "up", "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who",
    "whom", "why", "will", "with", "would", "year", "years", "you", "your",
    // A few of the commonest function words of other languages scraped news is written in.
    "el", "la", "los", "las", "del", "que", "por", "una", "para", "con", "le", "les", "des", "du",
    "et", "est", "une", "pour", "dans", "der", "die", "das", "und", "ist", "den", "mit", "von",
    "il", "di", "che", "per", "da", "um", "uma", "do", "os", "em", "não",
];

/// Month and weekday names and their abbreviations (English and a few other languages).
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];

/// Where a unit stands among blank lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unit {
    pub blank_before: bool,
    pub blank_after: bool,
}

/// Own features of one unit, written into `out`. No allocation.
pub fn own_features(text: &str, vocab: &Vocab<'_>, out: &mut [f32; OWN]) {
    *out = [0.0; OWN];
    let t = text.trim();
    let bytes = t.as_bytes();
    let n_bytes = bytes.len();
    let mut acc = WordStats::default();
    let (mut digits, mut punct, mut chars) = (0u32, 0u32, 0u32);
    let (mut separators, mut quotes) = (0u32, 0u32);
    let mut has_time = false;
    let mut prev_digit_colon = 0u8; // 1 after a digit, 2 after digit + ':'
    let mut word: Option<WordState> = None;
    for (i, c) in t.char_indices() {
        chars += 1;
        let k = class_of(c);
        if k & ALNUM != 0 || (k & JOIN != 0 && word.is_some()) {
            word.get_or_insert_with(|| WordState::start(i, k))
                .push(c, k);
        } else if let Some(w) = word.take() {
            has_time |= acc.add(&w, &t[w.start..i], vocab);
        }
        if k & DIGIT != 0 {
            digits += 1;
            if prev_digit_colon == 2 {
                has_time = true;
            }
            prev_digit_colon = 1;
        } else if c == ':' && prev_digit_colon == 1 {
            prev_digit_colon = 2;
        } else {
            prev_digit_colon = 0;
        }
        punct += (k & (ALNUM | SPACE) == 0) as u32;
        separators += (k & SEPARATOR != 0) as u32;
        quotes += (k & QUOTE != 0) as u32;
    }
    if let Some(w) = word.take() {
        has_time |= acc.add(&w, &t[w.start..], vocab);
    }
    let WordStats {
        words,
        stops,
        caps,
        allcaps,
        months,
        word_chars,
        wsum,
        wmax,
        wmin,
        numbers,
        times,
        bmax,
        bmin,
        bigrams,
        bsum,
        ..
    } = acc;
    let acc_sum = wsum + bsum;
    let w = words.max(1) as f32;
    let end = t.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    let terminal = end.ends_with(['.', '!', '?', '。', '！', '？']) && !end.ends_with("...");
    let ellipsis = end.ends_with('…') || end.ends_with("...");
    let lower_t =
        |p: &str| t.len() >= p.len() && t.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let has_url = contains_ci(bytes, b"http") || contains_ci(bytes, b"www.") || {
        // A domain: `.com`, `.org`, `.net`, `.co.` followed by a non-letter.
        memchr::memchr_iter(b'.', bytes).any(|at| {
            let rest = &bytes[at + 1..];
            [&b"com"[..], b"org", b"net", b"co."].iter().any(|d| {
                rest.len() >= d.len()
                    && rest[..d.len()].eq_ignore_ascii_case(d)
                    && rest.get(d.len()).is_none_or(|b| !b.is_ascii_alphabetic())
            })
        })
    };
    let at = memchr::memchr(b'@', bytes);
    let (handle, email) = match at {
        Some(a) => {
            let before = a > 0 && bytes[a - 1].is_ascii_alphanumeric();
            let after = bytes
                .get(a + 1)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
            (after && !before, after && before)
        }
        None => (false, false),
    };
    let first = t.chars().next().unwrap_or(' ');
    let by_name = (lower_t("by ") && t[3..].starts_with(|c: char| c.is_uppercase()))
        || lower_t("von ")
        || lower_t("por ");
    out[0] = ln1p(words as f32);
    out[1] = ln1p(n_bytes as f32);
    out[2] = stops as f32 / w;
    out[3] = terminal as u8 as f32;
    out[4] = end.ends_with(':') as u8 as f32;
    out[5] = ellipsis as u8 as f32;
    out[6] = caps as f32 / w;
    out[7] = allcaps as f32 / w;
    out[8] = digits as f32 / chars.max(1) as f32;
    out[9] = months.min(3) as f32;
    out[10] = has_time as u8 as f32;
    out[11] = has_url as u8 as f32;
    out[12] = handle as u8 as f32;
    out[13] = email as u8 as f32;
    out[14] = separators.min(10) as f32;
    out[15] = if words > 0 { wsum / w } else { 0.0 };
    out[16] = if words > 0 { wmax } else { 0.0 };
    out[17] = if words > 0 { wmin } else { 0.0 };
    out[18] = punct as f32 / chars.max(1) as f32;
    out[19] = matches!(
        first,
        '•' | '-' | '*' | '·' | '►' | '▶' | '–' | '—' | '>' | '■' | '+'
    ) as u8 as f32;
    out[20] = by_name as u8 as f32;
    out[21] = (t.contains('©') || lower_t("(c)") || contains_ci(bytes, b"copyright")) as u8 as f32;
    out[22] = if words > 0 {
        word_chars as f32 / w
    } else {
        0.0
    };
    // out[23] (repeated) is set by the document pass.
    out[24] = first.is_lowercase() as u8 as f32;
    out[25] = quotes.min(4) as f32;
    out[26] = (months + numbers + times) as f32 / (words + numbers).max(1) as f32;
    out[27] = ln1p(numbers as f32);
    out[F_BIGRAM_MAX] = if bigrams > 0 { bmax } else { 0.0 };
    out[F_BIGRAM_MIN] = if bigrams > 0 { bmin } else { 0.0 };
    out[F_WEIGHT_SUM] = acc_sum.clamp(-12.0, 12.0);
}

/// A word being read.
struct WordState {
    start: usize,
    hash: u64,
    len: u32,
    first_upper: bool,
    upper: u32,
    lower: u32,
    alpha: bool,
}

impl WordState {
    /// Add `c`, whose [`class_of`] is `k`.
    #[inline]
    fn push(&mut self, c: char, k: u16) {
        self.len += 1;
        if c.is_ascii() {
            self.hash = word_hash::step(self.hash, (c as u8).to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    self.hash = word_hash::step(self.hash, b);
                }
            }
        }
        if k & ALPHA != 0 {
            self.alpha = true;
            self.upper += (k & UPPER != 0) as u32;
            self.lower += (k & LOWER != 0) as u32;
        }
    }

    /// The word's table key and text, or `None` for a number (no letter). Inner apostrophes and
    /// hyphens count, trailing ones do not (they were pushed).
    #[inline]
    fn key<'t>(&self, text: &'t str) -> Option<(u64, &'t str)> {
        if !self.alpha {
            return None;
        }
        let word = text.trim_end_matches(['\'', '’', '-']);
        let hash = if word.len() == text.len() {
            self.hash
        } else {
            word_hash::of(word)
        };
        Some((hash, word))
    }

    #[inline]
    fn start(i: usize, k: u16) -> Self {
        WordState {
            start: i,
            hash: word_hash::START,
            len: 0,
            first_upper: k & UPPER != 0,
            upper: 0,
            lower: 0,
            alpha: false,
        }
    }
}

// Character classes of the scan, one bit each: [`class_of`].
const ALNUM: u16 = 1; // a letter or digit (`char::is_alphanumeric`)
const DIGIT: u16 = 1 << 1; // an ASCII digit
const SPACE: u16 = 1 << 2; // `char::is_whitespace`
const JOIN: u16 = 1 << 3; // an apostrophe or hyphen, which continues a word it is inside
const SEPARATOR: u16 = 1 << 4; // `| • » · › « ‹ / >`
const QUOTE: u16 = 1 << 5; // `" “ ” „`
const ALPHA: u16 = 1 << 6; // `char::is_alphabetic`
const UPPER: u16 = 1 << 7; // `char::is_uppercase`
const LOWER: u16 = 1 << 8; // `char::is_lowercase`

/// The classes of a character from the standard library's tests.
fn classes(c: char) -> u16 {
    let tests = [
        c.is_alphanumeric(),
        c.is_alphabetic(),
        c.is_whitespace(),
        c.is_uppercase(),
        c.is_lowercase(),
    ];
    classes_given(c, tests)
}

/// [`classes`] with the Unicode tests given (alphanumeric, alphabetic, whitespace, uppercase,
/// lowercase): the table of ASCII is built at compile time with their ASCII forms, and characters
/// outside ASCII take [`classes`].
const fn classes_given(c: char, tests: [bool; 5]) -> u16 {
    let [alphanumeric, alphabetic, whitespace, uppercase, lowercase] = tests;
    let mut k = 0;
    if alphanumeric {
        k |= ALNUM;
    }
    if c.is_ascii_digit() {
        k |= DIGIT;
    }
    if whitespace {
        k |= SPACE;
    }
    if matches!(c, '\'' | '’' | '-') {
        k |= JOIN;
    }
    if matches!(c, '|' | '•' | '»' | '·' | '›' | '«' | '‹' | '/' | '>') {
        k |= SEPARATOR;
    }
    if matches!(c, '"' | '“' | '”' | '„') {
        k |= QUOTE;
    }
    if alphabetic {
        k |= ALPHA;
    }
    if uppercase {
        k |= UPPER;
    }
    if lowercase {
        k |= LOWER;
    }
    k
}

/// [`classes`] of every ASCII character.
static ASCII_CLASSES: [u16; 128] = {
    let mut t = [0u16; 128];
    let mut b = 0u8;
    while b < 128 {
        // `char::is_whitespace` on ASCII: `u8::is_ascii_whitespace` and the vertical tab.
        let tests = [
            b.is_ascii_alphanumeric(),
            b.is_ascii_alphabetic(),
            b.is_ascii_whitespace() || b == 0x0b,
            b.is_ascii_uppercase(),
            b.is_ascii_lowercase(),
        ];
        t[b as usize] = classes_given(b as char, tests);
        b += 1;
    }
    t
};

/// The classes of `c`: one table lookup for ASCII (most text).
#[inline]
fn class_of(c: char) -> u16 {
    match ASCII_CLASSES.get(c as usize) {
        Some(&k) => k,
        None => classes(c),
    }
}

/// The table keys of a unit's words in order (numbers left out), split exactly as
/// [`own_features`] splits them: the training program counts these words and their bigrams
/// ([`word_hash::pair`] of neighbours in this list).
pub fn word_keys(text: &str, out: &mut Vec<u64>) {
    out.clear();
    let t = text.trim();
    let mut word: Option<WordState> = None;
    for (i, c) in t.char_indices() {
        let k = class_of(c);
        if k & ALNUM != 0 || (k & JOIN != 0 && word.is_some()) {
            word.get_or_insert_with(|| WordState::start(i, k))
                .push(c, k);
        } else if let Some(w) = word.take() {
            out.extend(w.key(&t[w.start..i]).map(|k| k.0));
        }
    }
    if let Some(w) = word.take() {
        out.extend(w.key(&t[w.start..]).map(|k| k.0));
    }
}

/// Counts over the words of a unit.
struct WordStats {
    words: u32,
    stops: u32,
    caps: u32,
    allcaps: u32,
    months: u32,
    word_chars: u32,
    wsum: f32,
    wmax: f32,
    wmin: f32,
    numbers: u32,
    times: u32,
    /// The previous word's hash, for the bigram key.
    prev: Option<u64>,
    bigrams: u32,
    bsum: f32,
    bmax: f32,
    bmin: f32,
}

impl Default for WordStats {
    fn default() -> Self {
        Self {
            words: 0,
            stops: 0,
            caps: 0,
            allcaps: 0,
            months: 0,
            word_chars: 0,
            wsum: 0.0,
            wmax: f32::MIN,
            wmin: f32::MAX,
            numbers: 0,
            times: 0,
            prev: None,
            bigrams: 0,
            bsum: 0.0,
            bmax: f32::MIN,
            bmin: f32::MAX,
        }
    }
}

impl WordStats {
    /// Count one word; true when it is `am` or `pm` (a clock time).
    fn add(&mut self, w: &WordState, text: &str, vocab: &Vocab<'_>) -> bool {
        let Some((hash, word)) = w.key(text) else {
            self.numbers += 1;
            return false;
        };
        self.words += 1;
        self.word_chars += w.len;
        self.caps += w.first_upper as u32;
        self.allcaps += (w.upper >= 2 && w.lower == 0) as u32;
        if let Some(prev) = self.prev {
            let b = vocab.get(word_hash::pair(prev, hash)).0;
            self.bigrams += 1;
            self.bsum += b;
            self.bmax = self.bmax.max(b);
            self.bmin = self.bmin.min(b);
        }
        self.prev = Some(hash);
        let (weight, class) = vocab.get(hash);
        self.stops += (class & CLASS_STOP != 0) as u32;
        self.months += (class & CLASS_MONTH != 0) as u32;
        self.wsum += weight;
        self.wmax = self.wmax.max(weight);
        self.wmin = self.wmin.min(weight);
        let time = class & CLASS_TIME != 0;
        self.times += time as u32;
        time && (word.eq_ignore_ascii_case("am") || word.eq_ignore_ascii_case("pm"))
    }
}

/// Full feature vectors for a document's units: `own` holds each unit's own features (from
/// [`own_features`], with the repeated flag set by the caller); the context block is filled here.
/// `out` gets one vector per unit; it is cleared first, so one buffer serves many documents.
pub fn document_features(units: &[Unit], own: &[[f32; OWN]], out: &mut Vec<[f32; N_FEATURES]>) {
    out.clear();
    let n = units.len();
    let long_total = own.iter().filter(|f| is_long_unit(&f[..])).count();
    let total_bytes: f32 = own
        .iter()
        .map(|f| f[F_BYTES].exp() - 1.0)
        .sum::<f32>()
        .max(1.0);
    // Distance to the previous long unit, forward pass; the next one, backward pass (into out).
    let mut bytes_before = 0f32;
    let mut last_long: Option<usize> = None;
    let mut long_seen = 0usize;
    for i in 0..n {
        let f = &own[i];
        let mut v = [0f32; N_FEATURES];
        v[..OWN].copy_from_slice(f);
        let c = &mut v[OWN..];
        c[0] = i as f32 / n.max(1) as f32;
        c[1] = ln1p(i as f32);
        c[2] = ln1p((n - 1 - i) as f32);
        c[3] = bytes_before / total_bytes;
        c[4] = last_long.map_or(20.0, |j| ((i - j) as f32).min(20.0));
        // c[5]: next long, below.
        c[6] =
            (long_total - long_seen - is_long_unit(f) as usize) as f32 / long_total.max(1) as f32;
        c[7] = ln1p(long_total as f32);
        let prev = if i > 0 { Some(&own[i - 1]) } else { None };
        let next = own.get(i + 1);
        for (k, nb) in [prev, next].into_iter().enumerate() {
            let o = 8 + k * 6;
            match nb {
                Some(g) => {
                    c[o] = g[F_WORDS];
                    c[o + 1] = g[F_STOP];
                    c[o + 2] = g[F_TERMINAL];
                    c[o + 3] = g[F_WEIGHT_MEAN];
                    c[o + 4] = g[F_DIGITS];
                    c[o + 5] = g[F_CAPS];
                }
                None => c[o] = -1.0,
            }
        }
        let (lo, hi) = (i.saturating_sub(2), (i + 3).min(n));
        let win = (hi - lo) as f32;
        c[20] = own[lo..hi].iter().filter(|g| is_long_unit(&g[..])).count() as f32 / win;
        c[21] = own[lo..hi].iter().map(|g| g[F_WEIGHT_MEAN]).sum::<f32>() / win;
        c[22] = units[i].blank_before as u8 as f32;
        c[23] = units[i].blank_after as u8 as f32;
        c[24] = prev.map_or(0.0, |g| g[F_WEIGHT_MAX]);
        c[25] = next.map_or(0.0, |g| g[F_WEIGHT_MAX]);
        c[26] = prev.map_or(0.0, |g| g[F_WEIGHT_SUM]);
        c[27] = next.map_or(0.0, |g| g[F_WEIGHT_SUM]);
        c[28] = own[lo..hi]
            .iter()
            .map(|g| g[F_WEIGHT_SUM])
            .fold(f32::MIN, f32::max);
        c[29] = own[lo..hi]
            .iter()
            .map(|g| g[F_BIGRAM_MAX])
            .fold(f32::MIN, f32::max);
        // c[30], c[31]: the run of short units, below.
        bytes_before += f[F_BYTES].exp() - 1.0;
        if is_long_unit(f) {
            last_long = Some(i);
            long_seen += 1;
        }
        out.push(v);
    }
    let mut next_long: Option<usize> = None;
    for i in (0..n).rev() {
        out[i][OWN + 5] = next_long.map_or(20.0, |j| ((j - i) as f32).min(20.0));
        if is_long_unit(&own[i]) {
            next_long = Some(i);
        }
    }
    // Runs of consecutive short units (page furniture comes in blocks): each unit of a run gets
    // the run's length and the highest word weight sum in it; a long unit gets 0 and its own.
    for_each_run(
        n,
        |i| is_long_unit(&own[i]),
        |run, long| {
            let best = own[run.clone()]
                .iter()
                .map(|g| g[F_WEIGHT_SUM])
                .fold(f32::MIN, f32::max);
            let len = if long { 0.0 } else { ln1p(run.len() as f32) };
            for v in &mut out[run] {
                v[OWN + 30] = len;
                v[OWN + 31] = best;
            }
        },
    );
}

/// Split units `0..n` into runs: each long unit (`is_long(i)`) alone, and each maximal stretch of
/// consecutive short units; `each` gets every run's range, in order, and whether it is a long unit.
fn for_each_run(
    n: usize,
    is_long: impl Fn(usize) -> bool,
    mut each: impl FnMut(std::ops::Range<usize>, bool),
) {
    let mut i = 0;
    while i < n {
        if is_long(i) {
            each(i..i + 1, true);
            i += 1;
            continue;
        }
        let j = (i..n).find(|&j| is_long(j)).unwrap_or(n);
        each(i..j, false);
        i = j;
    }
}

/// Features the second stage adds: the first stage's scores around the unit.
pub const STACK: usize = 6;
/// Length of a second-stage feature vector: the first stage's features, then [`STACK`] more.
pub const N_STACKED: usize = N_FEATURES + STACK;

/// Names of the second stage's own features, in vector order after [`FEATURE_NAMES`].
pub const STACK_NAMES: [&str; STACK] = [
    "first stage: this unit's score",
    "first stage: previous unit's score",
    "first stage: next unit's score",
    "first stage: window of 5, highest score",
    "first stage: run of short units, highest score",
    "first stage: run of short units, mean score",
];

/// Second-stage vectors: each unit's first-stage features followed by the first stage's
/// probabilities `first` of the unit, its neighbours, its window of 5 and its run of short units
/// (furniture comes in blocks: one clear prompt lifts the uncertain lines around it). `out` is
/// cleared first.
pub fn stacked_features(
    features: &[[f32; N_FEATURES]],
    first: &[f32],
    out: &mut Vec<[f32; N_STACKED]>,
) {
    out.clear();
    let n = features.len();
    for i in 0..n {
        let mut v = [0f32; N_STACKED];
        v[..N_FEATURES].copy_from_slice(&features[i]);
        let s = &mut v[N_FEATURES..];
        s[0] = first[i];
        s[1] = if i > 0 { first[i - 1] } else { -1.0 };
        s[2] = first.get(i + 1).copied().unwrap_or(-1.0);
        let (lo, hi) = (i.saturating_sub(2), (i + 3).min(n));
        s[3] = first[lo..hi].iter().copied().fold(0.0, f32::max);
        out.push(v);
    }
    // Runs of consecutive short units, as in the context block (a long unit is its own run).
    for_each_run(
        n,
        |i| is_long_unit(&features[i][..OWN]),
        |run, _| {
            let scores = &first[run.clone()];
            let best = scores.iter().copied().fold(0.0, f32::max);
            let mean = scores.iter().sum::<f32>() / scores.len() as f32;
            for v in &mut out[run] {
                v[N_FEATURES + 4] = best;
                v[N_FEATURES + 5] = mean;
            }
        },
    );
}

/// The name of feature `i` of a second-stage vector ([`FEATURE_NAMES`], then [`STACK_NAMES`]).
pub fn feature_name(i: usize) -> &'static str {
    FEATURE_NAMES
        .get(i)
        .copied()
        .unwrap_or_else(|| STACK_NAMES[i - N_FEATURES])
}

/// Running text that the model need not score: a unit of at least 16 words that ends a
/// sentence, a quarter of them function words, with no link, handle or e-mail address. Almost no
/// furniture looks like this (the training program scores these units 0 too, so its figures
/// include the shortcut).
#[inline]
pub fn is_running_text(f: &[f32; N_FEATURES]) -> bool {
    f[F_WORDS] >= 2.833_213_3 // ln(1 + 16)
        && f[F_TERMINAL] == 1.0
        && f[F_STOP] >= 0.25
        && f[F_URL] == 0.0
        && f[F_HANDLE] == 0.0
        && f[F_EMAIL] == 0.0
}

/// A long unit: running text of at least 12 words, a fifth of them function words.
pub fn is_long_unit(f: &[f32]) -> bool {
    f[F_WORDS] >= ln1p(12.0) && f[F_STOP] >= 0.2
}

#[inline]
fn ln1p(x: f32) -> f32 {
    x.ln_1p()
}

/// Case-insensitive (ASCII) search: candidates by `memchr2` on the needle's first byte.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut from = 0;
    while let Some(off) = memchr::memchr2(lo, up, &hay[from..]) {
        let i = from + off;
        let tail = &hay[i + 1..];
        if tail.len() >= rest.len() && tail[..rest.len()].eq_ignore_ascii_case(rest) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    find_ci(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_table_agrees_with_the_standard_tests() {
        for b in 0u8..128 {
            let c = b as char;
            assert_eq!(ASCII_CLASSES[b as usize], classes(c), "{c:?}");
            assert_eq!(class_of(c), classes(c));
        }
        // Outside ASCII the classes come from the same tests.
        assert_eq!(class_of('É'), ALNUM | ALPHA | UPPER);
        assert_eq!(class_of('ß'), ALNUM | ALPHA | LOWER);
        assert_eq!(class_of('’'), JOIN);
        assert_eq!(class_of('«'), SEPARATOR);
        assert_eq!(class_of('„'), QUOTE);
        assert_eq!(class_of('\u{2003}'), SPACE);
        assert_eq!(class_of('٣'), ALNUM);
    }
}
