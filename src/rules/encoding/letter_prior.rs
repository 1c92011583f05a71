//! The letter prior: how common a text's non-ASCII characters are in the world's written
//! languages. Two readings of a damaged run that are equally strange are told apart by it (`ĂĄ`
//! reads as `á` under ISO-8859-2 and as `å` under Windows-1250; `á` is the commoner letter), and
//! so is a document whose runs every page reads equally well.
//!
//! The costs are fitted by `tools/train_letter_prior.py` (letter frequencies over 42 languages,
//! each weighing the same, alone and between a vowel, a consonant or a word's edge) and compiled
//! in as tables.

mod data {
    include!("letter_prior_data.rs");
}

/// Each letter of [`data::COSTS`] (row), in each language (column), in each context (the class
/// of the letter before it times three plus the class of the one after), its cost in half-bits.
static CONTEXT: &[u8; data::COSTS.len() * LANGUAGES * 9] =
    include_bytes!("letter_prior_context.bin");

/// A quotation mark, dash, currency sign or other symbol of Latin-1 or General Punctuation: about
/// as common as a common accented letter.
const COMMON_SYMBOL: u32 = 16;
/// A letter of a script the table leaves to the strangeness measure (CJK, kana, hangul, Indic).
const OTHER_SCRIPT: u32 = 20;
/// Any other symbol.
const RARE_SYMBOL: u32 = 30;

/// How many languages the table knows.
pub const LANGUAGES: usize = data::LANGUAGES.len();

/// A character's small letter and what being a capital adds to its cost.
fn small(c: char) -> (char, u32) {
    if c.is_uppercase() {
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            return (l, u32::from(data::CAPITAL));
        }
    }
    (c, 0)
}

/// The cost of a character that is not a tabulated letter, or `Err` with its row in the table
/// and its capital cost when it is one.
fn untabulated(c: char) -> Result<u32, (usize, u32)> {
    if c.is_ascii() {
        return Ok(0);
    }
    if !c.is_alphabetic() {
        return Ok(match c as u32 {
            0x80..=0x9F => u32::from(data::UNSEEN),
            0xA0..=0xBF | 0xD7 | 0xF7 | 0x2000..=0x20CF => COMMON_SYMBOL,
            // Text is written composed: a combining mark is rarer than any letter.
            0x300..=0x36F => u32::from(data::UNSEEN),
            _ => RARE_SYMBOL,
        });
    }
    let (l, capital) = small(c);
    match data::COSTS.binary_search_by_key(&l, |&(l, _)| l) {
        Ok(i) => Err((i, capital)),
        Err(_) if matches!(l as u32, 0xC0..=0x24F | 0x370..=0x6FF | 0x1E00..=0x1EFF) => {
            Ok(u32::from(data::UNSEEN) + capital)
        }
        Err(_) => Ok(OTHER_SCRIPT),
    }
}

/// The class of a neighbouring character: 0 a vowel, 1 a consonant, 2 none (a word's edge).
fn kind(c: Option<char>) -> usize {
    match c {
        Some(c) if c.is_alphabetic() => {
            let l = small(c).0;
            let vowel = if l.is_ascii() {
                matches!(l, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
            } else {
                data::VOWELS.binary_search(&l).is_ok()
            };
            usize::from(!vowel)
        }
        _ => 2,
    }
}

/// The cost of one character in half-bits: 0 for ASCII, otherwise -2 log2 of its mean share of a
/// language's letters (plus the cost of being a capital).
pub fn char_cost(c: char) -> u32 {
    untabulated(c).unwrap_or_else(|(i, capital)| u32::from(data::COSTS[i].1) + capital)
}

/// The cost of `text`: the sum of its characters' costs, a capital opening a word costing as its
/// small letter (see [`ByLanguage::add`]). Lower is likelier.
pub fn cost(text: &str) -> u32 {
    let mut prev: Option<char> = None;
    text.chars()
        .map(|c| {
            let k = match (kind(prev), untabulated(c)) {
                (2, Err((i, _))) => u32::from(data::COSTS[i].1),
                _ => char_cost(c),
            };
            prev = Some(c);
            k
        })
        .sum()
}

/// The cost of a text in each language of the table: a document's letters say which language it
/// is written in, and so which of two readings of its damage is the likelier (German has `ü`
/// where Swedish has `å`, and the ASCII letters around them tell the two apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByLanguage([u32; LANGUAGES]);

impl Default for ByLanguage {
    fn default() -> Self {
        ByLanguage([0; LANGUAGES])
    }
}

impl ByLanguage {
    /// The cost of `text`'s ASCII letters in each language.
    pub fn ascii(text: &str) -> Self {
        let mut counts = [0u32; 26];
        for b in text.bytes() {
            if b.is_ascii_alphabetic() {
                counts[usize::from(b.to_ascii_lowercase() - b'a')] += 1;
            }
        }
        let mut out = Self::default();
        for (total, costs) in out.0.iter_mut().zip(&data::ASCII) {
            *total = counts
                .iter()
                .zip(costs)
                .map(|(&n, &k)| n * u32::from(k))
                .sum();
        }
        out
    }

    /// Add the cost of `text`'s non-ASCII characters in each language, each letter in its
    /// context; `before` and `after` are the characters around `text`.
    pub fn add(&mut self, before: Option<char>, text: &str, after: Option<char>) {
        let mut prev = before;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let next = chars.peek().copied().or(after);
            match untabulated(c) {
                Ok(0) => {}
                Ok(k) => self.0.iter_mut().for_each(|t| *t += k),
                Err((i, capital)) => {
                    let ctx = kind(prev) * 3 + kind(next);
                    // A capital opening a word is how names and sentences start (`Москва`, not
                    // `жесква`); inside a word it is a sign of damage.
                    let capital = if kind(prev) == 2 { 0 } else { capital };
                    let row = &CONTEXT[i * LANGUAGES * 9..(i + 1) * LANGUAGES * 9];
                    for (t, costs) in self.0.iter_mut().zip(row.chunks_exact(9)) {
                        *t += u32::from(costs[ctx]) + capital;
                    }
                }
            }
            prev = Some(c);
        }
    }

    /// The cost in the likeliest language, with `base` (the same text's other letters) added.
    pub fn best(&self, base: &ByLanguage) -> u32 {
        self.0
            .iter()
            .zip(&base.0)
            .map(|(a, b)| a + b)
            .min()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capital_opening_a_word_costs_as_its_small_letter() {
        // `Москва` and `жесква` are two readings of one damaged run (Windows-1250 / ISO-8859-2).
        assert!(cost("Москва") < cost("жесква"));
        assert_eq!(cost("Ćevapi"), cost("ćevapi"));
        assert!(cost("aĆ") > cost("ać"));
        let (mut up, mut low) = (ByLanguage::default(), ByLanguage::default());
        up.add(None, "Москва", None);
        low.add(None, "жесква", None);
        let base = ByLanguage::default();
        assert!(up.best(&base) < low.best(&base));
    }

    #[test]
    fn the_table_is_sorted_and_holds_small_letters_only() {
        assert!(data::COSTS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(data::COSTS.iter().all(|&(c, _)| !c.is_uppercase()));
        assert!(data::COSTS.iter().all(|&(_, k)| k < data::UNSEEN));
        assert!(data::VOWELS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn commoner_letters_cost_less() {
        // Each pair: a letter and what another code page reads the same damage as.
        for (common, rare) in [
            ('á', 'å'),
            ('š', 'ť'),
            ('ü', 'ß'),
            ('é', 'Ê'),
            ('ž', 'Ş'),
            ('č', 'Ĩ'),
        ] {
            assert!(char_cost(common) < char_cost(rare), "{common} {rare}");
        }
        // Esperanto's letters are in no language of the table.
        assert_eq!(char_cost('ŝ'), u32::from(data::UNSEEN));
        assert_eq!(char_cost('a'), 0);
        assert!(char_cost('Á') > char_cost('á'));
    }

    #[test]
    fn a_documents_language_and_a_letters_neighbours_decide_between_common_letters() {
        let reading = |before, text, after, base: &ByLanguage| {
            let mut r = ByLanguage::default();
            r.add(before, text, after);
            r.best(base)
        };
        // Alone, `å` and `ü` are about as common; in a German sentence `ü` is the likelier, in a
        // Swedish one `å`.
        let german = ByLanguage::ascii("Die Gebhr entspricht dem Wert, sagt der Hndler.");
        assert!(
            reading(Some('m'), "ü", Some('s'), &german)
                < reading(Some('m'), "å", Some('s'), &german)
        );
        let swedish = ByLanguage::ascii("Det var en lng dag nr vi kom hem till stugan.");
        assert!(
            reading(Some('l'), "å", Some('n'), &swedish)
                < reading(Some('l'), "ü", Some('n'), &swedish)
        );
        // After a vowel German writes `ß` (`groß`), not `ü`.
        assert!(
            reading(Some('a'), "ß", Some('e'), &german)
                < reading(Some('a'), "ü", Some('e'), &german)
        );
    }
}
