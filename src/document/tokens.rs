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
    pub const INNER_CAPITAL: u8 = 32; // an uppercase letter after a lowercase one (`unsaveSave`, `iPhone`)
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
    pub span: ByteSpan,
    pub flags: TokenFlags,
}

impl Token {
    #[inline]
    pub fn text(self, text: &str) -> &str {
        self.span.slice(text)
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
    c.is_alphanumeric()
}

#[inline]
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‐')
}

/// Append the word tokens of `text[range]` (offsets are absolute) to `out`.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
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
                flags |= TokenFlags::NON_ASCII;
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
        out.push(Token {
            span: ByteSpan::new(tok_start, i),
            flags: TokenFlags(flags),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let text = "unsaveSave NATO Paris 42";
        let mut v = Vec::new();
        tokenize(text, 0, text.len(), &mut v);
        assert!(v[0].flags.has(TokenFlags::INNER_CAPITAL));
        assert!(v[1].is_all_caps());
        assert!(v[2].is_capitalised() && !v[2].is_all_caps());
        assert!(v[3].is_numeric());
    }
}
