//! Helpers shared by the translation rules: word sets read from the lexicon, and cheap token tests.

use crate::document::Token;
use crate::rule::Lexicon;
use std::collections::HashSet;

/// A set of lowercase ASCII-or-not words, looked up without allocating for short words.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: HashSet<String>,
    max_len: usize,
}

impl WordSet {
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = WordSet::default();
        for w in words {
            set.insert(w);
        }
        set
    }

    /// The lexicon's strings under `key`, lowercased.
    pub fn from_lexicon(lexicon: &Lexicon, key: &str) -> Result<Self, String> {
        Ok(Self::from_words(lexicon.strings(key)?))
    }

    /// Take the lexicon's list under `key` when the packs define one; keep the current (built-in)
    /// words otherwise.
    pub fn replace_from(&mut self, lexicon: &Lexicon, key: &str) -> Result<(), String> {
        let words = Self::from_lexicon(lexicon, key)?;
        if !words.is_empty() {
            *self = words;
        }
        Ok(())
    }

    pub fn insert(&mut self, w: &str) {
        let w = w.trim().to_lowercase();
        if !w.is_empty() {
            self.max_len = self.max_len.max(w.len());
            self.words.insert(w);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Is `word` (any case) in the set? No allocation for ASCII words up to 48 bytes.
    pub fn contains(&self, word: &str) -> bool {
        if word.len() > self.max_len || word.is_empty() {
            return false;
        }
        if word.is_ascii() && word.len() <= 48 {
            let mut buf = [0u8; 48];
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            // ASCII in, ASCII out.
            let key = std::str::from_utf8(b).unwrap_or("");
            return self.words.contains(key);
        }
        self.words.contains(&word.to_lowercase())
    }
}

/// The text of token `i` of `tokens`, or "" past either end.
#[inline]
pub fn tok<'t>(text: &'t str, tokens: &[Token], i: usize) -> &'t str {
    tokens.get(i).map(|t| t.text(text)).unwrap_or("")
}

/// The text between two tokens (what separates them: spaces, punctuation).
#[inline]
pub fn gap(text: &str, a: Token, b: Token) -> &str {
    let (s, e) = (a.span().end, b.span().start);
    if s <= e { &text[s..e] } else { "" }
}

/// Is `w` one of the given words, ignoring ASCII case?
#[inline]
pub fn is_any(w: &str, words: &[&str]) -> bool {
    words
        .iter()
        .any(|x| x.len() == w.len() && x.eq_ignore_ascii_case(w))
}

/// Personal pronouns of attribution with their grammatical gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn of_pronoun(w: &str) -> Option<Gender> {
        if w.eq_ignore_ascii_case("he") {
            Some(Gender::Male)
        } else if w.eq_ignore_ascii_case("she") {
            Some(Gender::Female)
        } else {
            None
        }
    }
    pub fn pronoun(self) -> &'static str {
        match self {
            Gender::Male => "he",
            Gender::Female => "she",
        }
    }
}

/// Conditions and modal contexts that make `would have` + participle a real counterfactual.
pub fn is_condition_word(w: &str) -> bool {
    is_any(
        w,
        &[
            "if",
            "unless",
            "without",
            "otherwise",
            "had",
            "could",
            "should",
            "might",
            "wish",
            "wished",
            "imagine",
            "suppose",
            "supposing",
            "instead",
            "rather",
            "else",
            "than",
            "but",
            "whether",
            "even",
            "hoped",
            "expected",
            "thought",
            "believed",
            "assumed",
            "likely",
            "probably",
            "perhaps",
            "maybe",
            "surely",
            "certainly",
            "never",
            "wanted",
            "liked",
            "preferred",
        ],
    )
}

/// Is `c` a letter of the Latin script (ASCII, Latin-1 and Latin Extended)? (`×` and `÷` sit in
/// that block too: callers that count letters test `is_alphabetic` as well.)
#[inline]
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF)
}

/// Common English function words: a sentence with almost none of them is probably not English.
#[inline]
pub fn is_english_function_word(w: &str) -> bool {
    if w.len() > 5 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 5];
    let b = &mut buf[..w.len()];
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    matches!(
        &*b,
        b"the"
            | b"a"
            | b"an"
            | b"of"
            | b"to"
            | b"and"
            | b"in"
            | b"is"
            | b"was"
            | b"for"
            | b"on"
            | b"that"
            | b"with"
            | b"by"
            | b"as"
            | b"at"
            | b"from"
            | b"he"
            | b"she"
            | b"it"
            | b"its"
            | b"said"
            | b"has"
            | b"have"
            | b"had"
            | b"be"
            | b"been"
            | b"are"
            | b"were"
            | b"this"
            | b"not"
            | b"but"
            | b"his"
            | b"her"
            | b"they"
            | b"their"
            | b"will"
            | b"would"
            | b"which"
            | b"who"
            | b"or"
            | b"we"
            | b"you"
            | b"i"
            | b"our"
            | b"after"
            | b"about"
            | b"over"
            | b"into"
            | b"than"
            | b"more"
            | b"also"
            | b"can"
            | b"there"
            | b"when"
            | b"what"
            | b"all"
            | b"up"
            | b"out"
            | b"new"
            | b"says"
            | b"if"
            | b"so"
            | b"no"
            | b"my"
            | b"me"
            | b"us"
            | b"one"
            | b"two"
            | b"do"
            | b"did"
            | b"does"
            | b"how"
            | b"why"
    )
}

/// Function words of French, Spanish, Italian, Portuguese, German, Dutch and the Scandinavian
/// languages that are not English words (`as`, `no`, `die`, `den` are left out).
#[inline]
pub fn is_foreign_function_word(w: &str) -> bool {
    if w.len() > 6 {
        return false;
    }
    let mut buf = [0u8; 6];
    let b = &mut buf[..w.len()];
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    matches!(
        &*b,
        b"de"
            | b"la"
            | b"le"
            | b"les"
            | b"des"
            | b"du"
            | b"et"
            | b"est"
            | b"une"
            | b"un"
            | b"dans"
            | b"pour"
            | b"sur"
            | b"pas"
            | b"que"
            | b"qui"
            | b"avec"
            | b"ont"
            | b"sont"
            | b"el"
            | b"los"
            | b"las"
            | b"y"
            | b"en"
            | b"con"
            | b"por"
            | b"para"
            | b"del"
            | b"es"
            | b"una"
            | b"lo"
            | b"se"
            | b"su"
            | b"sus"
            | b"il"
            | b"di"
            | b"che"
            | b"della"
            | b"per"
            | b"non"
            | b"sono"
            | b"gli"
            | b"nel"
            | b"alla"
            | b"der"
            | b"das"
            | b"und"
            | b"ist"
            | b"nicht"
            | b"mit"
            | b"von"
            | b"dem"
            | b"ein"
            | b"eine"
            | b"auf"
            | b"zu"
            | b"sich"
            | b"och"
            | b"og"
            | b"er"
            | b"det"
            | b"att"
            | b"av"
            | b"med"
            | b"som"
            | b"ikke"
            | b"inte"
            | b"jeg"
            | b"ich"
            | b"wir"
            | b"com"
            | b"uma"
            | b"os"
            | b"ao"
            | b"na"
            | b"em"
            | b"do"
            | b"da"
            | b"het"
            | b"niet"
            | b"ook"
            | b"van"
            | b"een"
            | b"har"
            | b"ble"
            | b"fra"
            | b"til"
            | b"ha"
            | b"hanno"
            | b"al"
    ) || matches!(
        w,
        "à" | "è" | "på" | "för" | "não" | "für" | "über" | "où" | "más" | "é"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_set_ignores_case() {
        let s = WordSet::from_words(["Syria", "CNN", "Côte"]);
        assert!(s.contains("syria") && s.contains("SYRIA") && s.contains("cnn"));
        assert!(s.contains("CÔTE"));
        assert!(!s.contains("Syrian") && !s.contains(""));
    }

    #[test]
    fn function_words() {
        assert!(is_english_function_word("The") && is_english_function_word("said"));
        assert!(!is_english_function_word("die") && !is_english_function_word("Ãtre"));
    }
}

/// Lowercase words that may sit inside an organisation's name (`Observatory for Human Rights`).
pub fn is_name_connector(w: &str) -> bool {
    is_any(
        w,
        &[
            "of", "for", "the", "and", "on", "in", "to", "at", "against", "de", "du", "des", "la",
            "le", "el", "del", "di", "da", "al", "&",
        ],
    )
}

/// The letters a name word can give its acronym: its initial (after an `al-`/`el-` prefix), and
/// for a hyphenated word the initials of its parts (`Co-operation` → `C`, `CO`).
fn word_keys(word: &str) -> (char, String) {
    let mut w = word;
    for pre in [
        "al-", "Al-", "el-", "El-", "ad-", "as-", "ash-", "an-", "ar-",
    ] {
        if let Some(rest) = w.strip_prefix(pre)
            && !rest.is_empty()
        {
            w = rest;
            break;
        }
    }
    let first = w.chars().next().unwrap_or(' ').to_ascii_uppercase();
    let parts: String = w
        .split(['-', '‐'])
        .filter_map(|p| p.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (first, parts)
}

/// Does `acronym` fit the initials of `words` (a name, connectors included)? Leading words may be
/// skipped (`U.S. Food and Drug Administration (FDA)`), connectors may give their initial or
/// nothing, every other word gives its initial, its part initials or a prefix of up to 3 letters.
pub fn acronym_fits(words: &[&str], acronym: &str) -> bool {
    let a: Vec<char> = acronym.chars().map(|c| c.to_ascii_uppercase()).collect();
    if a.is_empty() || a.len() > 12 || words.len() > 16 {
        return false;
    }
    (0..words.len()).any(|start| fits_from(words, start, &a, 0))
}

fn fits_from(words: &[&str], wi: usize, a: &[char], ai: usize) -> bool {
    if wi == words.len() {
        return ai == a.len();
    }
    let w = words[wi];
    let connector = is_name_connector(w);
    if connector && fits_from(words, wi + 1, a, ai) {
        return true;
    }
    if ai == a.len() {
        // Letters exhausted: only connectors may remain.
        return connector && fits_from(words, wi + 1, a, ai);
    }
    let (first, parts) = word_keys(w);
    if first != a[ai] {
        return false;
    }
    // Initials of hyphen parts.
    let pc: Vec<char> = parts.chars().collect();
    for k in (1..=pc.len()).rev() {
        if ai + k <= a.len() && pc[..k] == a[ai..ai + k] && fits_from(words, wi + 1, a, ai + k) {
            return true;
        }
    }
    // A prefix of the word itself (`Interpol` style: up to 3 letters).
    let letters: Vec<char> = w
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_uppercase())
        .take(3)
        .collect();
    for k in (2..=letters.len()).rev() {
        if ai + k <= a.len() && letters[..k] == a[ai..ai + k] && fits_from(words, wi + 1, a, ai + k)
        {
            return true;
        }
    }
    false
}

/// The first word of the shortest tail of `words` that `acronym` fits, if any.
pub fn acronym_start(words: &[&str], acronym: &str) -> Option<usize> {
    let a: Vec<char> = acronym.chars().map(|c| c.to_ascii_uppercase()).collect();
    if a.is_empty() || a.len() > 12 || words.len() > 16 {
        return None;
    }
    (0..words.len())
        .rev()
        .find(|&start| fits_from(words, start, &a, 0))
}

/// The initials of a name's significant words: what its English acronym would be.
pub fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| !is_name_connector(w))
        .map(|w| word_keys(w).0)
        .collect()
}

#[cfg(test)]
mod acronym_tests {
    use super::*;

    fn fits(name: &str, a: &str) -> bool {
        acronym_fits(&name.split(' ').collect::<Vec<_>>(), a)
    }

    #[test]
    fn english_acronyms_fit() {
        assert!(fits("Syrian Observatory for Human Rights", "SOHR"));
        assert!(fits(
            "Organisation for Economic Co-operation and Development",
            "OECD"
        ));
        assert!(fits("Hayat Tahrir al-Sham", "HTS"));
        assert!(fits("U.S. Food and Drug Administration", "FDA"));
        assert!(fits("Islamic State of Iraq and the Levant", "ISIL"));
        assert!(fits(
            "National Association for the Advancement of Colored People",
            "NAACP"
        ));
        assert!(fits("Bank of America", "BofA"));
    }

    #[test]
    fn foreign_acronyms_do_not() {
        assert!(!fits("Syrian Observatory for Human Rights", "OSDH"));
        assert!(!fits("North Atlantic Treaty Organization", "OTAN"));
        assert!(!fits("European Union", "UE"));
        assert_eq!(
            initials(&["Syrian", "Observatory", "for", "Human", "Rights"]),
            "SOHR"
        );
    }
}

/// The capitalised name that ends with token `last` (inclusive): capitalised words and connectors
/// joined by single spaces, leading connectors dropped. Returns the index of its first token.
pub fn name_ending_at(text: &str, toks: &[Token], last: usize) -> Option<usize> {
    let is_part = |t: Token| {
        let w = t.text(text);
        t.is_capitalised()
            || is_name_connector(w)
            || (t.flags.has(crate::document::TokenFlags::HYPHENATED)
                && w.split_once('-')
                    .is_some_and(|(_, r)| r.starts_with(char::is_uppercase)))
    };
    if !toks[last].is_capitalised() && !is_part(toks[last]) {
        return None;
    }
    let mut first = last;
    while first > 0 && last - first < 12 {
        let prev = toks[first - 1];
        if !is_part(prev) || !matches!(gap(text, prev, toks[first]), " " | " & " | "' " | "’ ") {
            break;
        }
        first -= 1;
    }
    // Leading lowercase connectors are not part of the name; a capitalised one is (`Al Qaeda`),
    // except `The`.
    while first < last
        && is_name_connector(toks[first].text(text))
        && (!toks[first].is_capitalised() || toks[first].text(text) == "The")
    {
        first += 1;
    }
    Some(first)
}

/// Multi-word names (outlets, countries) matched on tokens: first word → the rest of each name.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    first: WordSet,
    rests: std::collections::HashMap<String, Vec<Vec<String>>>,
}

impl PhraseSet {
    pub fn from_words<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = PhraseSet::default();
        for n in names {
            let mut words = n.split_whitespace().map(str::to_lowercase);
            let Some(first) = words.next() else { continue };
            set.first.insert(&first);
            set.rests.entry(first).or_default().push(words.collect());
        }
        set
    }

    /// The index of the last token of the longest name starting at token `i`.
    pub fn match_at(&self, text: &str, toks: &[Token], i: usize) -> Option<usize> {
        let w = toks.get(i)?.text(text);
        if !self.first.contains(w) {
            return None;
        }
        let rests = self.rests.get(&w.to_lowercase())?;
        let mut best: Option<usize> = None;
        for rest in rests {
            let ok = rest.iter().enumerate().all(|(k, r)| {
                let j = i + 1 + k;
                j < toks.len()
                    && toks[j].text(text).eq_ignore_ascii_case(r)
                    && gap(text, toks[j - 1], toks[j]) == " "
            });
            if ok && best.is_none_or(|b| rest.len() > b) {
                best = Some(rest.len());
            }
        }
        best.map(|n| i + n)
    }
}
