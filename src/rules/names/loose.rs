//! Loose matching of transliterated names: two spellings of one Arabic, Persian, Kurdish or
//! Turkish name that differ by a vowel or a letter the transliteration systems disagree on
//! (`Hasakah` / `Hasakeh`, `Erbil` / `Irbil`, `Zabadani` / `Zabdani`, `Qaddafi` / `Gaddafi`,
//! `Sheikh` / `Shaykh`, `Fallujah` / `Falluja`).
//!
//! Matching has two steps, as record linkage does. The **skeleton** ([`skeleton_key`]) is the
//! consonants of a spelling after the transliteration folds (doubled letters once, `sh`/`ch`
//! one sound, `q`/`k`/`g` one class, `h` dropped, the article left out): spellings that could be
//! one name share it, and it is the variant group. The **verifier** ([`same_name`]) then says
//! whether two spellings of one group are one name: part by part, the consonants must agree
//! (`q` may stand for `k` or `g`), and at most one vowel may differ, by an alternation
//! transliterations make (`a`/`e`/`i`, `o`/`u`, `ei`/`ay`, a vowel at the start, a final `-a`
//! against `-eh`), or be dropped between consonants; doubled letters and a final `h` count as
//! edits too.
//!
//! Guards keep different names apart. A part of four letters or fewer matches only on its strict
//! key (`Iran` / `Iraq`, `Hama` / `Hamas`, `Mali` / `Malawi`). A loose edit is taken only when
//! the spelling shows a transliteration (a `q` not before `u`, `kh`, `dh`, `gh` before a vowel,
//! a doubled vowel, `ou`, a final `-ah`/`-eh`/`-ij`, a final `-a`, `-i`, `-ia` after a consonant in a
//! long word) or the edit is itself one (the start vowel, `q`/`k`/`g`, a digraph); English spellings
//! of different people differ in the same ways (`Waters` / `Watters`, `Allen` / `Allan`). And two
//! parts that are both common English words or names (`Allen`, `Allan`: the 24,273 words of
//! five letters or more with a Zipf frequency of at least 3 in wordfreq), or of which one is very
//! common (Zipf 4 or more: `Route` / `Rutte`, `Irish` / `Arish`), are two names.
//!
//! Two guards come before any key: two one-word spellings with an apostrophe that are both
//! common names (`O'Neil` / `O'Neill`) are two surnames; and a common word written as one
//! (`Southwest`, `Whitehouse`) is not the phrase of very common words it is made of (`South West`,
//! `White House`): an airline and a region, a senator and a building; nor is a very common word
//! capitalised (`Healthcare`) a brand with capitals inside (`HealthCare`), nor a common word a
//! name with a letter after a hyphen (`Beta` / `Bet-A`, a model's code).

use super::key::{strict_parts, translit_key};

/// Hashes of common English words, sorted (see `tools/train_name_guard.py`).
static COMMON: &[u8] = include_bytes!("common_words.bin");
/// Hashes of very common ones (a Zipf frequency of 4 or more: `Route`, `Irish`), sorted.
static FREQUENT: &[u8] = include_bytes!("frequent_words.bin");

fn fnv32(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

/// True when `word` (lowercase) is a common English word or name.
pub fn is_common(word: &str) -> bool {
    holds(COMMON, word)
}

/// True when `word` (lowercase) is a very common English word or name: a loose match with it
/// is not taken even when the other spelling is rare (`Route` / `Rutte`, `Irish` / `Arish`).
pub fn is_frequent(word: &str) -> bool {
    holds(FREQUENT, word)
}

fn holds(table: &[u8], word: &str) -> bool {
    let h = fnv32(word);
    let (mut lo, mut hi) = (0usize, table.len() / 4);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let at = u32::from_le_bytes(table[mid * 4..mid * 4 + 4].try_into().expect("4 bytes"));
        match at.cmp(&h) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// A vowel unit: `a e i o u`, and `Y` for the diphthongs `ei`, `ey`, `ay`, `ai`.
fn is_vowel(u: u8) -> bool {
    matches!(u, b'a' | b'e' | b'i' | b'o' | b'u' | b'Y')
}

/// The sound units of a strict part (ASCII only): digraphs as one unit (`kh` → `H`, `sh`/`ch` →
/// `S`, `th` → `T`, `gh` → `g`, `dh` → `d`, `ph` → `f`, `dj` → `j`, `ou`/`oo` → `u`, `ee` →
/// `i`, a diphthong → `Y`), doubled units once, a final `h` after a vowel dropped. Returns the
/// number of doubled letters, or `None` for a part with other letters.
fn units(part: &str, out: &mut Vec<u8>) -> Option<usize> {
    out.clear();
    each_unit(part, |u| out.push(u))
}

/// Call `f` with each sound unit of `part` (see [`units`]), without allocating.
fn each_unit(part: &str, mut f: impl FnMut(u8)) -> Option<usize> {
    let b = part.as_bytes();
    if !b.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let mut doubled = 0;
    let mut last: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let (c, next) = (b[i], b.get(i + 1).copied());
        let after = b.get(i + 2).copied();
        let (unit, width) = match (c, next) {
            (b'k', Some(b'h')) => (b'H', 2),
            (b's' | b'c', Some(b'h')) => (b'S', 2),
            (b't', Some(b'h')) => (b'T', 2),
            (b'g', Some(b'h')) => (b'g', 2),
            (b'd', Some(b'h')) => (b'd', 2),
            (b'p', Some(b'h')) => (b'f', 2),
            (b'd', Some(b'j')) => (b'j', 2),
            (b'o', Some(b'u' | b'o')) => (b'u', 2),
            (b'e', Some(b'e')) => (b'i', 2),
            (b'e' | b'a', Some(b'i' | b'y')) if !after.is_some_and(is_vowel) => (b'Y', 2),
            (b'h', None) if last.is_some_and(is_vowel) => {
                i += 1;
                continue;
            }
            _ => (c, 1),
        };
        if i > 0 && c == b[i - 1] && width == 1 {
            doubled += 1;
        }
        if last != Some(unit) {
            f(unit);
            last = Some(unit);
        }
        i += width;
    }
    Some(doubled)
}

/// The consonant class a unit blocks on.
fn class(u: u8) -> Option<u8> {
    match u {
        _ if is_vowel(u) => None,
        b'h' => None,
        b'q' | b'k' | b'g' | b'H' => Some(b'k'),
        b'S' => Some(b's'),
        _ => Some(u),
    }
}

/// Write the skeleton of `spelling` into `out` (cleared first): its parts' consonant classes,
/// the article left out (`al-Sisi` and `Sisi` block together), parts joined (`Vogt-Berger` and
/// `Vogtberger` block together). A part with letters outside ASCII is written as it is.
pub fn skeleton_key(spelling: &str, out: &mut String) {
    out.clear();
    strict_parts(spelling, |p, droppable| {
        if droppable {
            return;
        }
        let mut last = None;
        let ascii = each_unit(p, |x| {
            if let Some(c) = class(x)
                && last != Some(c)
            {
                out.push(c as char);
                last = Some(c);
            }
        });
        if ascii.is_none() {
            out.push_str(p);
        }
    });
}

/// Consonants that transliterations write for one sound.
fn same_consonant(a: u8, b: u8) -> bool {
    a == b
        || matches!(
            (a.min(b), a.max(b)),
            (b'k', b'q') | (b'g', b'q') | (b'H', b'k')
        )
}

/// Vowels transliterations alternate between inside a word.
fn alternate(a: &[u8], b: &[u8]) -> bool {
    match (a, b) {
        ([x], [y]) => matches!(
            (*x.min(y), *x.max(y)),
            (b'a', b'e') | (b'a', b'i') | (b'e', b'i') | (b'o', b'u') | (b'Y', b'e') | (b'Y', b'i')
        ),
        _ => false,
    }
}

/// True when `part` (strict) shows it is a transliteration.
fn marked(part: &str) -> bool {
    let b = part.as_bytes();
    let n = b.len();
    let ends = |s: &str| part.ends_with(s);
    b.windows(2).any(|w| {
        matches!(
            w,
            [b'k' | b'd', b'h'] | [b'a', b'a'] | [b'i', b'i'] | [b'u', b'u'] | [b'o', b'u']
        )
    }) || b.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'q' && w[1] != b'u' || w == b"gh" && b.get(i + 2).is_some_and(|&c| is_vowel(c))
    }) || part.ends_with('q')
        || ends("ah")
        || ends("eh")
        || ends("ij")
        || (n >= 6 && matches!(b[n - 1], b'a' | b'i') && !is_vowel(b[n - 2]))
        || (n >= 6 && (ends("ia") || ends("iya")) && !is_vowel(b[n - 3 - usize::from(ends("iya"))]))
}

/// Whether two strict parts, both of five letters or more, are one name spelled two ways.
fn loose_part(a: &str, b: &str) -> bool {
    if a.len() < 5 || b.len() < 5 {
        return false;
    }
    let (mut ua, mut ub) = (Vec::new(), Vec::new());
    let (Some(da), Some(db)) = (units(a, &mut ua), units(b, &mut ub)) else {
        return false;
    };
    // Consonants and the vowel gaps around them.
    let split = |u: &[u8]| {
        let mut cons = Vec::new();
        let mut gaps: Vec<Vec<u8>> = vec![Vec::new()];
        for &x in u {
            if is_vowel(x) {
                gaps.last_mut().expect("a gap").push(x);
            } else {
                cons.push(x);
                gaps.push(Vec::new());
            }
        }
        (cons, gaps)
    };
    let ((ca, ga), (cb, gb)) = (split(&ua), split(&ub));
    if ca.len() != cb.len() || !ca.iter().zip(&cb).all(|(&x, &y)| same_consonant(x, y)) {
        return false;
    }
    let final_h = a.ends_with('h') || b.ends_with('h');
    let last = ga.len() - 1;
    let (mut vowel_edits, mut start_edit) = (0, false);
    for (i, (x, y)) in ga.iter().zip(&gb).enumerate() {
        if x == y {
            continue;
        }
        let ok = if i == 0 {
            // `Erbil` / `Irbil` / `Arbil`.
            start_edit = true;
            matches!((x.as_slice(), y.as_slice()), ([p], [q]) if b"aei".contains(p) && b"aei".contains(q))
        } else if i == last {
            // `Hasakah` / `Hasakeh`; `Kobani` / `Kobane`.
            matches!((x.as_slice(), y.as_slice()), ([p], [q]) if (p.min(q), p.max(q)) == (&b'a', &b'e') && final_h || (p.min(q), p.max(q)) == (&b'e', &b'i'))
        } else {
            // An alternation, or a vowel dropped between consonants (`Zabadani` / `Zabdani`).
            // Not beside a semivowel: `Maryana` and `Maryna` are two given names.
            let semivowel = |c: u8| matches!(c, b'y' | b'w');
            alternate(x, y)
                || (x.is_empty() && y.len() == 1 || y.is_empty() && x.len() == 1)
                    && ua.len() >= 6
                    && ub.len() >= 6
                    && !semivowel(ca[i - 1])
                    && !semivowel(ca[i])
        };
        if !ok {
            return false;
        }
        vowel_edits += 1;
    }
    let doubled = da.abs_diff(db);
    if vowel_edits > 1 || vowel_edits + doubled > 2 {
        return false;
    }
    // The letters once each: what differs beyond doubling.
    let once = |s: &str| {
        let mut v: Vec<u8> = s.bytes().collect();
        v.dedup();
        v
    };
    let itself =
        start_edit || ca.iter().zip(&cb).any(|(x, y)| x != y) || (ua == ub && once(a) != once(b));
    itself || marked(a) || marked(b)
}

/// Whether the spellings `a` and `b` (of one variant group) are one name: part by part equal
/// on the strict key, on the transliteration key (names of several parts only, as before), or
/// loosely (see the module). A leading article on one side only (`al-Sisi` / `Sisi`) is allowed
/// when the rest agrees on the strict key.
pub fn same_name(a: &str, b: &str) -> bool {
    let collect = |s: &str| {
        let mut v: Vec<(String, bool)> = Vec::new();
        strict_parts(s, |p, droppable| v.push((p.to_string(), droppable)));
        v
    };
    if two_words(a, b) {
        return false;
    }
    let (pa, pb) = (collect(a), collect(b));
    let joined = |p: &[(String, bool)]| -> String { p.iter().map(|x| x.0.as_str()).collect() };
    if pa == pb || joined(&pa) == joined(&pb) {
        return true;
    }
    let (mut ta, mut tb) = (String::new(), String::new());
    if pa.len() > 1 || pb.len() > 1 {
        // Names of several parts merge on the transliteration key of the whole, as before.
        translit_key(&joined(&pa), &mut ta);
        translit_key(&joined(&pb), &mut tb);
        if ta == tb {
            return true;
        }
    }
    if pa.len() != pb.len() {
        // With and without the article, when the rest is the same and not a common word
        // (`al-Sisi` / `Sisi`, not `al-Hussein` / `Hussein`).
        let bare = |p: &[(String, bool)]| -> Vec<String> {
            p.iter().filter(|x| !x.1).map(|x| x.0.clone()).collect()
        };
        let (ba, bb) = (bare(&pa), bare(&pb));
        return ba == bb && !ba.iter().any(|w| is_common(w));
    }
    let pa: Vec<String> = pa.into_iter().map(|p| p.0).collect();
    let pb: Vec<String> = pb.into_iter().map(|p| p.0).collect();
    let multi = pa.len() > 1;
    pa.iter().zip(&pb).all(|(x, y)| {
        if x == y {
            return true;
        }
        if multi {
            // A short part of a longer name may differ by a digraph or a doubled letter only
            // (`Beit` / `Bayt`, `Tal` / `Tall`).
            let (mut ux, mut uy) = (Vec::new(), Vec::new());
            if units(x, &mut ux).is_some() && units(y, &mut uy).is_some() && ux == uy {
                return true;
            }
            translit_key(x, &mut ta);
            translit_key(y, &mut tb);
            if ta == tb {
                return true;
            }
        }
        let guarded = is_common(x) && is_common(y) || is_frequent(x) || is_frequent(y);
        loose_part(x, y) && !guarded
    })
}

/// The guards before any key (see the module): two common one-word names (`O'Neil` /
/// `O'Neill`), or a common word and the phrase of very common words it joins (`Southwest` /
/// `South West`).
fn two_words(a: &str, b: &str) -> bool {
    let one_word = |s: &str| !s.contains([' ', '\u{a0}']);
    // Lowercase, with a typographic apostrophe as the plain one the word list has.
    let lower = |s: &str| -> String {
        s.chars()
            .map(|c| if c == '’' { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (oa, ob) = (one_word(a), one_word(b));
    if oa && ob {
        // Surnames with an apostrophe only: `Koran` / `Qur'an` are one book.
        let apostrophe = |s: &str| s.contains(['\'', '’']);
        let (la, lb) = (lower(a), lower(b));
        // A very common word capitalised (`Healthcare` opening a sentence, `Molina Healthcare`)
        // is not a brand written with capitals inside (`HealthCare.gov`).
        let plain = |s: &str| !s.chars().skip(1).any(char::is_uppercase);
        if la == lb {
            return plain(a) != plain(b) && is_frequent(&la);
        }
        // A letter after a hyphen is a model's code (`Bet-A`, a lure), not part of a word
        // (`Beta`, a variant); before one it is a prefix (`X-Box` / `Xbox`).
        let coded = |s: &str| {
            s.rsplit_once('-')
                .is_some_and(|(head, tail)| !head.is_empty() && tail.chars().count() == 1)
        };
        let (ja, jb) = (la.replace('-', ""), lb.replace('-', ""));
        if ja == jb && coded(a) != coded(b) {
            let word = if coded(a) { &lb } else { &la };
            if !word.contains('-') && (is_common(word) || is_frequent(word)) {
                return true;
            }
        }
        return apostrophe(a) && apostrophe(b) && is_common(&la) && is_common(&lb);
    }
    let (word, phrase) = match (oa, ob) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return false,
    };
    // Spaces only: a hyphen joins a compound as writing it as one does (`Spider-Man`); and a
    // word with capitals inside is the phrase run together (`WhiteHouse`, a hashtag).
    if phrase.contains('-') || word.chars().skip(1).any(char::is_uppercase) {
        return false;
    }
    let parts: Vec<String> = phrase
        .split([' ', '\u{a0}'])
        .filter(|p| !p.is_empty())
        .map(lower)
        .collect();
    parts.len() >= 2
        && parts.iter().all(|p| is_frequent(p))
        && is_common(&lower(word))
        && parts.concat() == lower(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skeleton(s: &str) -> String {
        let mut out = String::new();
        skeleton_key(s, &mut out);
        out
    }

    /// Must-merge pairs, several names per transliteration class.
    const SAME: &[(&str, &str)] = &[
        // Written as one, hyphenated, or as a phrase of words that are not all very common.
        ("Spider-Man", "Spiderman"),
        ("Viet Cong", "Vietcong"),
        ("Time Warner", "TimeWarner"),
        ("O'Neill", "O’Neill"),
        ("Koran", "Qur'an"),
        ("White House", "WhiteHouse"),
        ("Worldcom", "WorldCom"),
        ("Obamacare", "ObamaCare"),
        ("X-Box", "Xbox"),
        // a/e, a/i, e/i inside a word.
        ("Hasakah", "Hasakeh"),
        ("Daraya", "Deraya"),
        ("Manbij", "Menbij"),
        // e/a/i at the start.
        ("Erbil", "Irbil"),
        ("Arbil", "Erbil"),
        ("Afrin", "Efrin"),
        // A vowel dropped between consonants.
        ("Zabadani", "Zabdani"),
        ("Qalamoun", "Qalmoun"),
        // A final -h, -a/-ah, -e/-eh.
        ("Fallujah", "Falluja"),
        ("Raqqah", "Raqqa"),
        ("Hasakeh", "Hasake"),
        // Doubled and single consonants.
        ("Hasaka", "Hassaka"),
        ("Lattakia", "Latakia"),
        // ou/u/oo, ei/ey/ay/ai.
        ("Tartous", "Tartus"),
        ("Sheikh", "Shaykh"),
        ("Hussein", "Husayn"),
        // sh/ch, j/dj, q/k/g.
        ("Chaabane", "Shaabane"),
        ("Djibril", "Jibril"),
        ("Qaddafi", "Gaddafi"),
        ("Qamishli", "Kamishli"),
        // The article in all its forms, and with or without it.
        ("Jisr ash-Shughur", "Jisr al-Shughur"),
        ("Jisr el-Shughour", "Jisr Ashshughur"),
        ("al-Sisi", "Sisi"),
        // Several parts.
        ("Masoud Barzani", "Massoud Barzani"),
        ("Khan Sheikhoun", "Khan Shaykhun"),
        ("Beit Jann", "Bayt Jan"),
    ];

    /// Must-not-merge pairs.
    const APART: &[(&str, &str)] = &[
        ("Iran", "Iraq"),
        ("Hama", "Hamas"),
        ("Mali", "Malawi"),
        ("Niger", "Nigeria"),
        ("Austria", "Australia"),
        ("Homs", "Hamas"),
        ("Gambia", "Zambia"),
        ("Slovakia", "Slovenia"),
        // English names of different people differ in the same ways.
        ("Allen", "Allan"),
        ("Waters", "Watters"),
        ("Maria", "Marie"),
        ("Philip", "Phillip"),
        ("Davies", "Davis"),
        ("Roger", "Ruger"),
        ("Baker", "Bakker"),
        ("Griffin", "Griffen"),
        ("Burke", "Burge"),
        ("Glock", "Klock"),
        ("Temer", "Tamir"),
        ("Michele", "Michelle"),
        // Two given names, not one spelled two ways: no vowel is dropped beside a semivowel.
        ("Maryana", "Maryna"),
        ("Route", "Rutte"),
        ("Irish", "Arish"),
        // `Al` before a space with a capital is a first name; a common name is not dropped to.
        ("Al Franken", "Franken"),
        ("al-Hussein", "Hussein"),
        // Two common surnames with their apostrophe; a common word and the phrase it joins.
        ("O'Neil", "O'Neill"),
        ("O’Brien", "O'Brian"),
        ("Southwest", "South West"),
        ("Whitehouse", "White House"),
        ("Northeast", "North East"),
        ("Healthcare", "HealthCare"),
        ("Bet-A", "Beta"),
    ];

    #[test]
    fn each_transliteration_class_merges() {
        for (a, b) in SAME {
            assert!(same_name(a, b), "{a} / {b}");
            assert!(same_name(b, a), "{b} / {a}");
            assert_eq!(skeleton(a), skeleton(b), "{a} / {b}");
        }
    }

    #[test]
    fn guard_pairs_stay_apart() {
        for (a, b) in APART {
            assert!(!same_name(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn the_common_word_table_holds_common_words_only() {
        assert!(is_common("allen") && is_common("waters") && is_common("government"));
        assert!(!is_common("zabdani") && !is_common("hasakeh"));
        assert!(COMMON.len() % 4 == 0 && COMMON.len() > 4 * 10_000);
    }
}
