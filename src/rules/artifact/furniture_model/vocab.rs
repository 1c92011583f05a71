//! The learned word table: a word's lowercase hash to its weight (the log-odds that a unit holding
//! it is furniture, fitted by the training program) and its class (stopword, month name).
//!
//! The table is open-addressed (a power-of-two number of slots, linear probing, hash 0 marks an
//! empty slot): one probe per word in the common case. The fitted table is compiled into the
//! binary as a `static`, and the training program builds the same layout at run time.

/// FNV-1a over the lowercase UTF-8 bytes of a word: stable across builds and platforms, so the
/// hashes written by the training program stay valid.
pub mod word_hash {
    pub const START: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    #[inline]
    pub const fn step(h: u64, b: u8) -> u64 {
        (h ^ b as u64).wrapping_mul(PRIME)
    }

    /// The key of two words in a row (a bigram) in the same table: a mix of the two words'
    /// hashes, never 0 (the empty-slot marker).
    #[inline]
    pub const fn pair(first: u64, second: u64) -> u64 {
        let h = (first.rotate_left(23) ^ second).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        if h == 0 { 1 } else { h }
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

/// An open-addressed word table.
#[derive(Debug, Clone, Copy)]
pub struct Vocab<'a>(&'a [Entry]);

impl<'a> Vocab<'a> {
    /// A table over slots laid out by [`build`] (an empty slice is an empty table).
    pub fn new(slots: &'a [Entry]) -> Self {
        debug_assert!(slots.is_empty() || slots.len().is_power_of_two());
        Self(slots)
    }

    /// The weight and class of a word hash; `(0.0, 0)` for a word the table does not hold.
    #[inline]
    pub fn get(&self, hash: u64) -> (f32, u8) {
        if self.0.is_empty() {
            return (0.0, 0);
        }
        let mask = self.0.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let e = &self.0[i];
            if e.0 == hash {
                return (e.1, e.2);
            }
            if e.0 == 0 {
                return (0.0, 0);
            }
            i = (i + 1) & mask;
        }
    }

    /// The number of words held.
    pub fn len(&self) -> usize {
        self.0.iter().filter(|e| e.0 != 0).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Build the table's slots from weighted keys (word hashes, [`word_hash::of`], and bigram keys,
/// [`word_hash::pair`]) plus the fixed word classes (training program): at most half the slots
/// are used, so probes stay short and always end.
pub fn build(weights: impl IntoIterator<Item = (u64, f32)>) -> Vec<Entry> {
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
    for (h, x) in weights {
        map.entry(h).or_default().0 = x;
    }
    let size = (map.len() * 2).next_power_of_two().max(16);
    let mut slots = vec![(0u64, 0f32, 0u8); size];
    for (h, (w, c)) in map {
        assert_ne!(h, 0, "a word hashes to the empty-slot marker");
        let mut i = h as usize & (size - 1);
        while slots[i].0 != 0 {
            i = (i + 1) & (size - 1);
        }
        slots[i] = (h, w, c);
    }
    slots
}
