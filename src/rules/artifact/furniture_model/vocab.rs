//! The learned word table: a word's lowercase hash to its weight (the log-odds that a unit holding
//! it is furniture, fitted by the training program) and its class (stopword, month name).
//!
//! The table is a slice sorted by hash, searched by bisection: the fitted table is compiled into
//! the binary as a `static`, and the training program builds the same shape at run time.

/// FNV-1a over the lowercase UTF-8 bytes of a word: stable across builds and platforms, so the
/// hashes written by the training program stay valid.
pub mod word_hash {
    pub const START: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    #[inline]
    pub const fn step(h: u64, b: u8) -> u64 {
        (h ^ b as u64).wrapping_mul(PRIME)
    }

    /// The hash of a word, lowercased.
    pub fn of(word: &str) -> u64 {
        let mut h = START;
        for c in word.chars() {
            if c.is_ascii() {
                h = step(h, (c as u8).to_ascii_lowercase());
            } else {
                for l in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for &b in l.encode_utf8(&mut buf).as_bytes() {
                        h = step(h, b);
                    }
                }
            }
        }
        h
    }
}

/// One entry: hash, weight, class bits.
pub type Entry = (u64, f32, u8);

/// A word table sorted by hash.
#[derive(Debug, Clone, Copy)]
pub struct Vocab<'a>(&'a [Entry]);

impl<'a> Vocab<'a> {
    /// A table over entries sorted by hash (checked in debug builds).
    pub fn new(entries: &'a [Entry]) -> Self {
        debug_assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
        Self(entries)
    }

    /// The weight and class of a word hash; `(0.0, 0)` for a word the table does not hold.
    #[inline]
    pub fn get(&self, hash: u64) -> (f32, u8) {
        match self.0.binary_search_by_key(&hash, |e| e.0) {
            Ok(i) => (self.0[i].1, self.0[i].2),
            Err(_) => (0.0, 0),
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Build a sorted table from words with weights plus the fixed word classes (training program).
pub fn build(weights: impl IntoIterator<Item = (String, f32)>) -> Vec<Entry> {
    use super::features::{CLASS_MONTH, CLASS_STOP, CLASS_TIME, MONTHS, STOPWORDS, TIME_WORDS};
    let mut map: std::collections::BTreeMap<u64, (f32, u8)> = Default::default();
    for w in STOPWORDS {
        map.entry(word_hash::of(w)).or_default().1 |= CLASS_STOP;
    }
    for w in MONTHS {
        map.entry(word_hash::of(w)).or_default().1 |= CLASS_MONTH;
    }
    for w in TIME_WORDS {
        map.entry(word_hash::of(w)).or_default().1 |= CLASS_TIME;
    }
    for (w, x) in weights {
        map.entry(word_hash::of(&w)).or_default().0 = x;
    }
    map.into_iter().map(|(h, (w, c))| (h, w, c)).collect()
}
