//! How strange a piece of text looks: the measure E103 uses to tell mojibake from legitimate text
//! and to choose the repair.
//!
//! Each character falls in a class (a letter of some script and case, a digit, a symbol, a box
//! drawing, a control...). Real text in any script, upper-cased or not, is made of pairs of
//! classes that are common; a wrong decoding produces pairs that are rare: a capital glued after a
//! lower-case letter inside a word (`cafÃ`), a symbol between two letters (`Ã©t`, `Krak√≥w`), a
//! box drawing or a control in running text, two scripts inside one word (`Г©`, `caf茅`), a
//! Windows-1252 continuation character after `Ã` or `Â`. The score is a sum of small weights for
//! such pairs and for characters that are rare on their own; a repair must lower it clearly.

/// A character's class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Whitespace, line breaks, the start or end of the text.
    Space,
    /// ASCII lower-case letter.
    Lower,
    /// ASCII capital.
    Upper,
    Digit,
    /// ASCII punctuation and symbols.
    Punct,
    /// Non-ASCII Latin lower-case letter in common use.
    LatinLower,
    /// Non-ASCII Latin capital in common use.
    LatinUpper,
    /// Latin letters few languages use (IPA, most of Latin Extended-B, `ƒ`).
    LatinRare,
    /// C1 controls, other controls, private use, non-characters.
    Control,
    /// U+00A0.
    Nbsp,
    /// Latin-1's symbols (U+00A1–U+00BF, `×`, `÷`).
    Symbol,
    /// Typographic quotes (`‘ ’ ‚ “ ” „ ‹ ›`).
    Quote,
    /// Dashes and other general punctuation (`– — … • † ‡ ‰`).
    Dash,
    /// Spacing accents and modifier letters (`ˆ ˜ ˇ ˝`).
    Accent,
    /// Other symbols: currency, letterlike (`™`), arrows, mathematics, technical.
    Sign,
    /// Box drawing, block elements and geometric shapes.
    Box,
    GreekLower,
    GreekUpper,
    CyrLower,
    CyrUpper,
    /// Han, kana, hangul, CJK punctuation and full-width forms.
    Cjk,
    /// Half-width katakana (U+FF61–U+FF9F).
    HalfKana,
    /// Letters of other scripts (Arabic, Hebrew, Indic, Thai, ...).
    OtherLetter,
    /// Combining marks (U+0300–U+036F).
    Mark,
    /// Anything else (emoji, ...).
    Other,
}

use Class::*;

/// Is `c` a Latin-1 character at the continuation positions of Windows-1252 (0x80–0xBF), the second
/// character of nearly every two-byte mojibake pair?
fn continuation_1252(c: char) -> bool {
    matches!(c as u32, 0x80..=0xBF)
        || matches!(
            c,
            '€' | '‚'
                | 'ƒ'
                | '„'
                | '…'
                | '†'
                | '‡'
                | 'ˆ'
                | '‰'
                | 'Š'
                | '‹'
                | 'Œ'
                | 'Ž'
                | '‘'
                | '’'
                | '“'
                | '”'
                | '•'
                | '–'
                | '—'
                | '˜'
                | '™'
                | 'š'
                | '›'
                | 'œ'
                | 'ž'
                | 'Ÿ'
        )
}

/// The two characters the commonest UTF-8 prefixes become under each code page: E2 80 (the lead
/// of `’ “ ” – —` and every general punctuation mark) and C2 A0 (the no-break space). Whatever
/// follows them, they are the signature of a misreading (`â€`, `вЂ`, `‚Ä`, `ΓÇ`, `¬†`). The
/// no-break space after Cyrillic `В` is left out: Russian ties the preposition with one.
pub const SIGNATURES: [(char, char); 11] = [
    ('â', '€'),
    ('ā', '€'),
    ('в', 'Ђ'),
    ('‚', 'Ä'),
    ('Γ', 'Ç'),
    ('Ô', 'Ç'),
    ('Б', '─'),
    ('¬', '†'),
    ('┬', 'á'),
    ('┬', 'а'),
    ('б', '═'),
];

/// `upper` for a capital, `lower` for a small letter, `neither` for the rest.
fn by_case(c: char, upper: Class, lower: Class, neither: Class) -> Class {
    if c.is_uppercase() {
        upper
    } else if c.is_lowercase() {
        lower
    } else {
        neither
    }
}

/// The class of `c`.
pub fn class(c: char) -> Class {
    let u = c as u32;
    match u {
        0x09..=0x0D | 0x20 => Space,
        0x61..=0x7A => Lower,
        0x41..=0x5A => Upper,
        0x30..=0x39 => Digit,
        0x00..=0x7F => {
            if c.is_ascii_control() {
                Control
            } else {
                Punct
            }
        }
        0x80..=0x9F => Control,
        0xA0 => Nbsp,
        // A soft hyphen sits between letters in legitimate text (a hyphenation point).
        0xAD => Punct,
        0xA1..=0xBF | 0xD7 | 0xF7 => Symbol,
        0xC0..=0xDE => LatinUpper,
        0xDF..=0xFF => LatinLower,
        0x100..=0x17F => {
            // Latin Extended-A alternates capital, small (with a shift in U+0139–U+0148 and
            // U+0179–U+017E); `ĸ` and `ŉ` are rare.
            if matches!(u, 0x138 | 0x149 | 0x17F) {
                LatinRare
            } else {
                by_case(c, LatinUpper, LatinLower, LatinLower)
            }
        }
        // Latin Extended-B: the letters of Romanian (ș ț), pinyin (ǎ ǐ ǒ ǔ ǚ), Livonian and Sami
        // (ǟ ǭ ȯ ȱ) and African alphabets in use; the rest is rare.
        0x1CD..=0x1DC | 0x1DE..=0x1E3 | 0x1EA..=0x1ED | 0x218..=0x21B | 0x22A..=0x233 => {
            by_case(c, LatinUpper, LatinLower, LatinLower)
        }
        0x180..=0x2AF => LatinRare,
        0x2B0..=0x2FF => Accent,
        0x300..=0x36F => Mark,
        0x370..=0x3FF | 0x1F00..=0x1FFF => by_case(c, GreekUpper, GreekLower, Symbol),
        0x400..=0x52F => by_case(c, CyrUpper, CyrLower, Symbol),
        0x1E00..=0x1EFF => by_case(c, LatinUpper, LatinLower, LatinLower),
        0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 => Space,
        0x2018..=0x201F | 0x2039 | 0x203A => Quote,
        0x2010..=0x2017 | 0x2020..=0x2027 | 0x2030..=0x2038 | 0x203B..=0x206F => Dash,
        0x2070..=0x24FF | 0x2600..=0x2BFF => Sign,
        0x2500..=0x25FF => Box,
        0x2E80..=0x2FFF | 0x3001..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F => {
            Cjk
        }
        0xFF01..=0xFF60 | 0xFFE0..=0xFFEE => Cjk,
        0xFF61..=0xFF9F => HalfKana,
        0xE000..=0xF8FF | 0xFDD0..=0xFDEF | 0xFFFE..=0xFFFF | 0xF0000.. => Control,
        _ if c.is_alphabetic() => OtherLetter,
        _ => Other,
    }
}

/// A letter of Chinese, Japanese or Korean: kana, Han ideographs, hangul (not CJK punctuation or
/// fullwidth forms, which stand alone in real text, nor the Yijing hexagram symbols).
pub fn ideograph(c: char) -> bool {
    matches!(
        c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
    )
}

fn letter(k: Class) -> bool {
    matches!(
        k,
        Lower
            | Upper
            | LatinLower
            | LatinUpper
            | LatinRare
            | GreekLower
            | GreekUpper
            | CyrLower
            | CyrUpper
            | Cjk
            | HalfKana
            | OtherLetter
    )
}

fn script(k: Class) -> u8 {
    match k {
        Lower | Upper | LatinLower | LatinUpper | LatinRare => 1,
        GreekLower | GreekUpper => 2,
        CyrLower | CyrUpper => 3,
        Cjk => 4,
        HalfKana => 5,
        OtherLetter => 6,
        _ => 0,
    }
}

/// The weight of one character on its own.
fn own(c: char, k: Class) -> u32 {
    match k {
        Control => 6,
        LatinRare | Accent => 2,
        // Signs (`™`, `√`, braille) and the letters of less common scripts are rare in running
        // text; a reading that produces them is less plausible.
        Sign if matches!(c as u32, 0x20A0..=0x20CF) => 0,
        HalfKana | Box | Sign | OtherLetter => 1,
        _ => u32::from(c == '\u{FFFD}'),
    }
}

/// The weight of `a` directly followed by `b`.
fn pair(a: char, ka: Class, b: char, kb: Class) -> u32 {
    let mut w = 0;
    if kb == Mark && !letter(ka) && ka != Mark {
        // A combining mark with no letter to sit on.
        w += 3;
    }
    if letter(ka) && letter(kb) {
        let (sa, sb) = (script(ka), script(kb));
        if sa != sb {
            // Two scripts glued in one word. Latin beside CJK happens in Chinese and Japanese
            // text (`iPhone的`) but rarely on both sides of one character.
            w += if sa == 4 || sb == 4 { 2 } else { 3 };
        } else if matches!((ka, kb), (Lower | LatinLower, LatinUpper))
            || matches!((ka, kb), (GreekLower, GreekUpper) | (CyrLower, CyrUpper))
        {
            // A capital after a small letter inside a word: `cafÃ`, `РґР`.
            w += 3;
        }
        if ka == LatinRare || kb == LatinRare {
            w += 1;
        }
        // German writes `ß` only after a vowel or diphthong: `fßr` is `für` misread.
        if b == 'ß' && a.is_ascii_alphabetic() && !matches!(a, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            w += 2;
        }
    } else if letter(ka) {
        w += match kb {
            Symbol | Nbsp if matches!(ka, LatinUpper | Upper) => 2,
            Symbol | Sign => 1,
            Box | Accent | Control => 3,
            Quote | Dash if ka == LatinUpper => 1,
            _ => 0,
        };
    } else if letter(kb) {
        w += match ka {
            // `°C` is a unit.
            Symbol if a == '°' => 0,
            Symbol => 2,
            Sign | Box | Accent | Control => 3,
            Dash if !matches!(a, '–' | '—' | '‐' | '‑') => 2,
            Quote if matches!(a, '“' | '”' | '„' | '‚') && letter(kb) => 1,
            _ => 0,
        };
    } else {
        w += match (ka, kb) {
            (Box, Box) => 1,
            // A dash glued to a symbol: `–®–∏` (Cyrillic read as MacRoman).
            (Dash, Symbol | Sign) | (Symbol | Sign, Dash) => 1,
            (Sign, Sign) | (Sign, Symbol) | (Symbol, Sign) | (Accent, _) | (_, Accent) => 2,
            (Control, _) | (_, Control) => 1,
            _ => 0,
        };
    }
    if SIGNATURES.contains(&(a, b)) {
        w += 3;
    }
    // Windows-1250's, ISO-8859-2's and Windows-1257's leads of Latin-1 characters (C2, C3) before
    // one of their continuation characters (`Ăź`, `ÂŤ`, `Ć\u{a0}` for `à`, `Ā«` for `«`).
    // `Ă` (both pages' C3) is hardly ever followed by such a character in Romanian.
    use super::code_pages::{
        CodePage::{self, Iso8859_2, Windows1250, Windows1257},
        byte_of,
    };
    let (pages, weight): (&[CodePage], u32) = match a {
        'Ă' => (&[Windows1250, Iso8859_2], 3),
        'Â' if !continuation_1252(b) => (&[Windows1250, Iso8859_2], 2),
        'Ā' | 'Ć' => (&[Windows1257], 2),
        _ => (&[], 0),
    };
    if pages
        .iter()
        .filter_map(|p| p.single_byte())
        .any(|p| byte_of(p, b).is_some_and(|x| (0x80..=0xBF).contains(&x)))
    {
        w += weight;
    }
    // MacRoman's C2 and C3, the leads of every Latin-1 character (`¬´` for `«`, `√©` for `é`),
    // are the logical-not and root signs: real text never glues another non-ASCII character to
    // them.
    if matches!(a, '¬' | '√') && !b.is_ascii() && !b.is_whitespace() {
        w += 2;
    }
    // `Ã`, `Â`, `â`, `Ð` and `Ñ` before a Windows-1252 continuation character: the signature of
    // UTF-8 read as Windows-1252 (`Ã©`, `Â£`, `Ã‘`, `â€`, `Ð¿`); `Ä` and `Å` less so (`Å—` is
    // also ångström before a dash).
    if continuation_1252(b) {
        w += match a {
            'Ã' | 'Â' | 'â' | 'Ð' | 'Ñ' => 2,
            'Ä' | 'Å' => 1,
            _ => 0,
        };
    }
    w
}

/// The strangeness of `text` between the characters `before` and `after` (its context; `None`
/// is the start or end of the text).
pub fn score(before: Option<char>, text: &str, after: Option<char>) -> u32 {
    let mut total = 0;
    // The start of the text counts as a space (a combining mark cannot open it).
    let mut prev = Some(before.map_or((' ', Space), |c| (c, class(c))));
    // Whether the character before the previous one was CJK, to find a lone CJK character: a
    // single ideograph among other letters is rare (`,鮡 ` for `,щоб `); CJK text comes in runs.
    let mut prev_prev_cjk = false;
    // A letter à–ï followed by two Windows-1252 continuation characters is a whole three-byte
    // UTF-8 sequence misread (`ì„œ` for `서`, `å®¶` for `家`).
    let mut prev_prev: Option<char> = None;
    for c in text.chars() {
        let k = class(c);
        total += own(c, k);
        if let Some((p, pk)) = prev {
            total += pair(p, pk, c, k);
            if prev_prev.is_some_and(|q| ('à'..='ï').contains(&q))
                && continuation_1252(p)
                && continuation_1252(c)
            {
                total += 2;
            }
            if pk == Cjk && ideograph(p) && !prev_prev_cjk && k != Cjk && c != ' ' {
                total += 2;
            }
        }
        prev_prev_cjk = prev.is_some_and(|(_, pk)| pk == Cjk);
        prev_prev = prev.map(|(p, _)| p);
        prev = Some((c, k));
    }
    if let (Some((p, pk)), Some(a)) = (prev, after) {
        total += pair(p, pk, a, class(a));
        if pk == Cjk && ideograph(p) && !prev_prev_cjk && class(a) != Cjk {
            total += 2;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The highest score of a run of non-ASCII characters in `t`, in its context: what E103 looks
    /// at.
    fn s(t: &str) -> u32 {
        let mut best = 0;
        let mut i = 0;
        let b = t.as_bytes();
        while i < b.len() {
            if b[i] < 0x80 {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i] >= 0x80 {
                i += 1;
            }
            let before = t[..start].chars().next_back();
            let after = t[i..].chars().next();
            best = best.max(score(before, &t[start..i], after));
        }
        best
    }

    #[test]
    fn legitimate_text_in_any_script_and_case_is_not_strange() {
        for t in [
            "Größe und Maaß",
            "GRÖSSE UND MAASS",
            "São Paulo, Ñuñoa",
            "SÃO PAULO, NÃO",
            "İstanbul ve Şırnak",
            "Nguyễn Thị Ánh ở Hà Nội",
            "Αθήνα και ΑΘΗΝΑ",
            "Москва, МОСКВА, Київ",
            "北京と東京、iPhoneを買った",
            "20°C × 3 = 60 €",
            "“quoted” — ‘single’ … £5",
            "PORQUÊ…",
            "ÁGUA…",
            "CAFÉ®",
            "JOSÉ’S",
            "3×£20",
            "25 Å—",
            "Vel Ōmoi ǟrm ļeņ ŗ",
            "Brand™ and Ltd®",
        ] {
            assert!(s(t) < 3, "{t}: {}", s(t));
        }
    }

    #[test]
    fn mojibake_of_every_kind_is_strange() {
        for t in [
            "cafÃ©",
            "Â£45",
            "ESPAÃ‘A",
            "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
            "РґРµРЅСЊ",
            "вЂњKyivвЂќ",
            "Krak√≥w",
            "d├⌐j├á",
            "╨ƒ╤Ç╨╕╨▓╨╡╤é",
            "fĂźr",
            "Ĺ˝algiris",
            "cafﾃｩ",
            "Z眉rich",
        ] {
            assert!(s(t) >= 3, "{t}: {}", s(t));
        }
    }
}
