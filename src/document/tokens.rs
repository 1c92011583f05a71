//! Word tokens: one pass, ASCII fast path, no allocation per token.

use crate::ByteSpan;

/// Shape flags of a word token, computed once so rules never re-scan its chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TokenFlags(u8);

impl TokenFlags {
    pub const CAPITALISED: u8 = 1; // first char is uppercase
    pub const ALL_CAPS: u8 = 2; // at least two letters, none lowercase
    pub const HAS_DIGIT: u8 = 4;
    pub const HAS_ALPHA: u8 = 8;
    pub const NON_ASCII: u8 = 16;
    pub const INNER_CAPITAL: u8 = 32; // an uppercase letter after a lowercase one (`pinPinned`, `iPhone`)
    pub const HYPHENATED: u8 = 64;

    #[inline]
    pub fn has(self, f: u8) -> bool {
        self.0 & f != 0
    }
}

/// A word: letters and digits, with inner hyphens and apostrophes (`al-Assad`, `don't`, `U.K`),
/// and inner `.` or `,` between digits (`1.13bn`, `4,000`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    // 12 bytes: tokens are the most numerous thing a document holds. Documents are capped below
    // 4 GiB (see `crate::source::MAX_DOCUMENT`), so `u32` offsets are exact.
    start: u32,
    end: u32,
    pub flags: TokenFlags,
}

impl Token {
    #[inline]
    pub fn new(span: ByteSpan, flags: TokenFlags) -> Self {
        Self {
            start: span.start as u32,
            end: span.end as u32,
            flags,
        }
    }
    /// The token's byte span in the document text.
    #[inline]
    pub fn span(self) -> ByteSpan {
        ByteSpan::new(self.start as usize, self.end as usize)
    }
    #[inline]
    pub fn text(self, text: &str) -> &str {
        &text[self.start as usize..self.end as usize]
    }
    #[inline]
    pub fn is_capitalised(self) -> bool {
        self.flags.has(TokenFlags::CAPITALISED)
    }
    #[inline]
    pub fn is_all_caps(self) -> bool {
        self.flags.has(TokenFlags::ALL_CAPS)
    }
    #[inline]
    pub fn is_numeric(self) -> bool {
        self.flags.has(TokenFlags::HAS_DIGIT) && !self.flags.has(TokenFlags::HAS_ALPHA)
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    match c as u32 {
        // No-break space and Latin-1 punctuation and symbols; General Punctuation (typographic
        // quotes, dashes, ellipsis): common in news, never letters, skip the Unicode tables.
        0xA0..=0xA9
        | 0xAB..=0xB1
        | 0xB4
        | 0xB6..=0xB8
        | 0xBB
        | 0xBF
        | 0xD7
        | 0xF7
        | 0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

#[inline]
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‐')
}

// Byte classes for the ASCII fast path.
const OTHER: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 3;
const JOIN: u8 = 4; // '-' and '\''
const SEP: u8 = 5; // '.' and ',' (inside numbers)
const HIGH: u8 = 6; // a non-ASCII byte: decode the char

static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            b'-' | b'\'' => JOIN,
            b'.' | b',' => SEP,
            0x80..=0xFF => HIGH,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

#[inline]
fn char_at(text: &str, i: usize) -> char {
    // SAFETY-free: `i` is always a char boundary here; decoding via the str API.
    text[i..].chars().next().expect("char boundary")
}

/// Append the word tokens of `text[start..end]` (offsets are absolute) to `out`.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        // Skip to the next word char; ASCII bytes by table.
        let class = CLASS[bytes[i] as usize];
        if class == HIGH {
            let c = char_at(text, i);
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        } else if !matches!(class, LOWER | UPPER | DIGIT) {
            i += 1;
            continue;
        }
        let tok_start = i;
        let mut flags = 0u8;
        let mut upper = 0u32;
        let mut lower = 0u32;
        let mut prev_lower = false;
        let mut first = true;
        while i < end {
            // Most word bytes are lowercase ASCII: take a run of them in a tight, predictable loop.
            let run = i;
            while i < end && bytes[i].wrapping_sub(b'a') < 26 {
                i += 1;
            }
            if i > run {
                flags |= TokenFlags::HAS_ALPHA;
                lower += (i - run) as u32;
                prev_lower = true;
                first = false;
                if i >= end {
                    break;
                }
            }
            let class = CLASS[bytes[i] as usize];
            match class {
                LOWER => {
                    flags |= TokenFlags::HAS_ALPHA;
                    lower += 1;
                    prev_lower = true;
                    first = false;
                    i += 1;
                    continue;
                }
                UPPER => {
                    flags |= TokenFlags::HAS_ALPHA;
                    upper += 1;
                    if first {
                        flags |= TokenFlags::CAPITALISED;
                    } else if prev_lower {
                        flags |= TokenFlags::INNER_CAPITAL;
                    }
                    prev_lower = false;
                    first = false;
                    i += 1;
                    continue;
                }
                DIGIT => {
                    flags |= TokenFlags::HAS_DIGIT;
                    prev_lower = false;
                    first = false;
                    i += 1;
                    continue;
                }
                HIGH => {
                    let c = char_at(text, i);
                    if is_word_char(c) {
                        flags |= TokenFlags::NON_ASCII;
                        if c.is_numeric() {
                            flags |= TokenFlags::HAS_DIGIT;
                            prev_lower = false;
                        } else {
                            flags |= TokenFlags::HAS_ALPHA;
                            if c.is_uppercase() {
                                upper += 1;
                                if first {
                                    flags |= TokenFlags::CAPITALISED;
                                } else if prev_lower {
                                    flags |= TokenFlags::INNER_CAPITAL;
                                }
                                prev_lower = false;
                            } else {
                                let l = c.is_lowercase();
                                lower += l as u32;
                                prev_lower = l;
                            }
                        }
                        first = false;
                        i += c.len_utf8();
                        continue;
                    }
                    // A non-ASCII joiner (’ or ‐) continues the word when a word char follows.
                    if is_joiner(c)
                        && i + c.len_utf8() < end
                        && is_word_char(char_at(text, i + c.len_utf8()))
                    {
                        if c == '‐' {
                            flags |= TokenFlags::HYPHENATED;
                        }
                        flags |= TokenFlags::NON_ASCII;
                        prev_lower = false;
                        i += c.len_utf8();
                        continue;
                    }
                    break;
                }
                JOIN | SEP => {
                    let next_ok = i + 1 < end && {
                        let n = CLASS[bytes[i + 1] as usize];
                        if class == SEP {
                            // `1.13bn`, `4,000`: only between digits.
                            n == DIGIT && bytes[i - 1].is_ascii_digit()
                        } else {
                            matches!(n, LOWER | UPPER | DIGIT)
                                || (n == HIGH && is_word_char(char_at(text, i + 1)))
                        }
                    };
                    if !next_ok {
                        break;
                    }
                    if bytes[i] == b'-' {
                        flags |= TokenFlags::HYPHENATED;
                    }
                    prev_lower = false;
                    i += 1;
                }
                _ => break,
            }
        }
        if upper >= 2 && lower == 0 {
            flags |= TokenFlags::ALL_CAPS;
        }
        out.push(Token::new(ByteSpan::new(tok_start, i), TokenFlags(flags)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The straightforward char-by-char tokenizer the table-driven one must agree with.
    fn reference_tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let bytes = text.as_bytes();
        let mut i = start;
        while i < end {
            // Skip to the next word char.
            let b = bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
            } else {
                let c = text[i..].chars().next().expect("char boundary");
                if !is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            let tok_start = i;
            let mut flags = 0u8;
            let mut upper = 0u32;
            let mut lower = 0u32;
            let mut prev_lower = false;
            let mut first = true;
            loop {
                if i >= end {
                    break;
                }
                let b = bytes[i];
                let (c, len) = if b < 0x80 {
                    (b as char, 1)
                } else {
                    let c = text[i..].chars().next().expect("char boundary");
                    (c, c.len_utf8())
                };
                if is_word_char(c) {
                    if c.is_numeric() {
                        flags |= TokenFlags::HAS_DIGIT;
                        prev_lower = false;
                    } else {
                        flags |= TokenFlags::HAS_ALPHA;
                        if c.is_uppercase() {
                            upper += 1;
                            if first {
                                flags |= TokenFlags::CAPITALISED;
                            } else if prev_lower {
                                flags |= TokenFlags::INNER_CAPITAL;
                            }
                            prev_lower = false;
                        } else {
                            lower += c.is_lowercase() as u32;
                            prev_lower = c.is_lowercase();
                        }
                    }
                    first = false;
                    i += len;
                    continue;
                }
                // A joiner continues the word only when a word char follows it.
                let digit_sep = matches!(c, '.' | ',')
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit());
                if (is_joiner(c) || digit_sep) && i + len < end {
                    let next = text[i + len..].chars().next().expect("char boundary");
                    if is_word_char(next) {
                        if c == '-' || c == '‐' {
                            flags |= TokenFlags::HYPHENATED;
                        }
                        i += len;
                        prev_lower = false;
                        continue;
                    }
                }
                break;
            }
            if upper >= 2 && lower == 0 {
                flags |= TokenFlags::ALL_CAPS;
            }
            if !text[tok_start..i].is_ascii() {
                flags |= TokenFlags::NON_ASCII;
            }
            out.push(Token::new(ByteSpan::new(tok_start, i), TokenFlags(flags)));
        }
    }

    #[test]
    fn word_char_shortcut_agrees_with_unicode() {
        for cp in (0x80..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(cp), cp.is_alphanumeric(), "{cp:?}");
        }
    }

    proptest! {
        #[test]
        fn fast_path_agrees_with_reference(text in "[a-zA-Z0-9 .,'’‐\\-éÉü東“”—\n]{0,60}") {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            tokenize(&text, 0, text.len(), &mut a);
            reference_tokenize(&text, 0, text.len(), &mut b);
            prop_assert_eq!(a, b);
        }
    }

    fn words(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, 0, text.len(), &mut v);
        v.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn news_words() {
        assert_eq!(
            words("Mr. al-Hakim's 1.13bn-dollar deal, 4,000 troops—U.K.-based"),
            vec![
                "Mr",
                "al-Hakim's",
                "1.13bn-dollar",
                "deal",
                "4,000",
                "troops",
                "U",
                "K",
                "based"
            ]
        );
        assert_eq!(words("don’t stop; Zürich"), vec!["don’t", "stop", "Zürich"]);
    }

    #[test]
    fn flags() {
        let text = "pinPinned NATO Paris 42";
        let mut v = Vec::new();
        tokenize(text, 0, text.len(), &mut v);
        assert!(v[0].flags.has(TokenFlags::INNER_CAPITAL));
        assert!(v[1].is_all_caps());
        assert!(v[2].is_capitalised() && !v[2].is_all_caps());
        assert!(v[3].is_numeric());
    }
}
