//! The legacy code pages that UTF-8 text gets wrongly decoded with, and the way back: which byte
//! each character of a damaged text came from.
//!
//! Single-byte pages come from `encoding_rs` where it has them; CP437 and CP850 (DOS) it does not,
//! so their 128 high characters are data here. Shift_JIS and GBK go back through `encoding_rs`'s
//! encoders. The inverse table of the single-byte pages is built once, on first use.

use std::sync::OnceLock;

/// A code page that UTF-8 can be misread with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodePage {
    /// Windows-1252, and with it Latin-1 (its C1 controls read back as the same bytes).
    Windows1252,
    Windows1250,
    Iso8859_2,
    Windows1251,
    Windows1257,
    MacRoman,
    Cp437,
    Cp850,
    Cp866,
    Koi8R,
    ShiftJis,
    Gbk,
}

/// The single-byte pages, in the order ties are broken (the most common mix-up first).
pub const SINGLE_BYTE: [CodePage; 10] = [
    CodePage::Windows1252,
    CodePage::Windows1250,
    CodePage::Iso8859_2,
    CodePage::Windows1251,
    CodePage::Windows1257,
    CodePage::MacRoman,
    CodePage::Cp437,
    CodePage::Cp850,
    CodePage::Cp866,
    CodePage::Koi8R,
];

/// The double-byte pages, tried after the single-byte ones.
pub const MULTI_BYTE: [CodePage; 2] = [CodePage::ShiftJis, CodePage::Gbk];

impl CodePage {
    /// The page's position in [`SINGLE_BYTE`] followed by [`MULTI_BYTE`] (their declaration order).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The page's position in [`SINGLE_BYTE`], for a single-byte page (what [`byte_of`] takes).
    pub fn single_byte(self) -> Option<usize> {
        (self.index() < SINGLE_BYTE.len()).then_some(self.index())
    }

    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            CodePage::Windows1252 => "Windows-1252",
            CodePage::Windows1250 => "Windows-1250",
            CodePage::Iso8859_2 => "ISO-8859-2",
            CodePage::Windows1251 => "Windows-1251",
            CodePage::Windows1257 => "Windows-1257",
            CodePage::MacRoman => "MacRoman",
            CodePage::Cp437 => "CP437",
            CodePage::Cp850 => "CP850",
            CodePage::Cp866 => "CP866",
            CodePage::Koi8R => "KOI8-R",
            CodePage::ShiftJis => "Shift_JIS",
            CodePage::Gbk => "GBK",
        }
    }

    fn encoding(self) -> Option<&'static encoding_rs::Encoding> {
        Some(match self {
            CodePage::Windows1252 => encoding_rs::WINDOWS_1252,
            CodePage::Windows1250 => encoding_rs::WINDOWS_1250,
            CodePage::Iso8859_2 => encoding_rs::ISO_8859_2,
            CodePage::Windows1251 => encoding_rs::WINDOWS_1251,
            CodePage::Windows1257 => encoding_rs::WINDOWS_1257,
            CodePage::MacRoman => encoding_rs::MACINTOSH,
            CodePage::Cp866 => encoding_rs::IBM866,
            CodePage::Koi8R => encoding_rs::KOI8_R,
            CodePage::ShiftJis => encoding_rs::SHIFT_JIS,
            CodePage::Gbk => encoding_rs::GBK,
            CodePage::Cp437 | CodePage::Cp850 => return None,
        })
    }

    /// The character a single-byte page decodes the high byte `b` (0x80–0xFF) to.
    fn decode_high(self, b: u8) -> Option<char> {
        let table = match self {
            CodePage::Cp437 => &CP437,
            CodePage::Cp850 => &CP850,
            _ => {
                let enc = self.encoding()?;
                let one = [b];
                let s = enc.decode_without_bom_handling_and_without_replacement(&one)?;
                let mut chars = s.chars();
                let c = chars.next().filter(|_| chars.next().is_none());
                return c;
            }
        };
        let i = usize::from(b - 0x80);
        table[i / 16].chars().nth(i % 16)
    }

    /// `s` encoded as UTF-8 and wrongly decoded with this page: the damage E103 undoes (bytes a
    /// single-byte page leaves undefined pass through as C1 controls). `None` when a double-byte
    /// page finds the bytes malformed.
    pub fn misread(self, s: &str) -> Option<String> {
        let bytes = s.as_bytes();
        if MULTI_BYTE.contains(&self) {
            let enc = self.encoding()?;
            let out = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
            return Some(out.into_owned());
        }
        Some(
            bytes
                .iter()
                .map(|&b| {
                    if b.is_ascii() {
                        char::from(b)
                    } else {
                        self.decode_high(b).unwrap_or(char::from(b))
                    }
                })
                .collect(),
        )
    }

    /// The bytes `s` was decoded from under a double-byte page, if every character has one.
    pub fn encode_multi(self, s: &str) -> Option<Vec<u8>> {
        let enc = self.encoding()?;
        let (bytes, _, unmappable) = enc.encode(s);
        (!unmappable).then(|| bytes.into_owned())
    }
}

/// CP437's bytes 0x80–0xFF, sixteen a row (IBM's code page table; encoding_rs has none).
const CP437: [&str; 8] = [
    "ÇüéâäàåçêëèïîìÄÅ",
    "ÉæÆôöòûùÿÖÜ¢£¥₧ƒ",
    "áíóúñÑªº¿⌐¬½¼¡«»",
    "░▒▓│┤╡╢╖╕╣║╗╝╜╛┐",
    "└┴┬├─┼╞╟╚╔╩╦╠═╬╧",
    "╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀",
    "αßΓπΣσµτΦΘΩδ∞φε∩",
    "≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{00A0}",
];

/// CP850's bytes 0x80–0xFF, sixteen a row (IBM's code page table; encoding_rs has none).
const CP850: [&str; 8] = [
    "ÇüéâäàåçêëèïîìÄÅ",
    "ÉæÆôöòûùÿÖÜø£Ø×ƒ",
    "áíóúñÑªº¿®¬½¼¡«»",
    "░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐",
    "└┴┬├─┼ãÃ╚╔╩╦╠═╬¤",
    "ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀",
    "ÓßÔÒõÕµþÞÚÛÙýÝ¯´",
    "\u{00AD}±‗¾¶§÷¸°¨·¹³²■\u{00A0}",
];

/// For every character some single-byte page puts at a high byte: that byte in each page of
/// [`SINGLE_BYTE`] (0 where the page has no such character), sorted by character.
type Inverse = Vec<(char, [u8; SINGLE_BYTE.len()])>;

fn inverse() -> &'static Inverse {
    static INVERSE: OnceLock<Inverse> = OnceLock::new();
    INVERSE.get_or_init(|| {
        let mut map: std::collections::BTreeMap<char, [u8; SINGLE_BYTE.len()]> = Default::default();
        for (p, page) in SINGLE_BYTE.iter().enumerate() {
            for b in 0x80..=0xFF_u8 {
                if let Some(c) = page.decode_high(b) {
                    map.entry(c).or_default()[p] = b;
                }
            }
        }
        // A byte a page leaves undefined is passed through as the Latin-1 character of the same
        // value by sloppy decoders (and by [`CodePage::misread`]).
        for (p, page) in SINGLE_BYTE.iter().enumerate() {
            for b in 0x80..=0xFF_u8 {
                if page.decode_high(b).is_none() {
                    let slot = &mut map.entry(char::from(b)).or_default()[p];
                    if *slot == 0 {
                        *slot = b;
                    }
                }
            }
        }
        // Latin-1 reads 0x80–0x9F as the C1 controls; so do the sloppy decoders that pass the
        // bytes Windows-1252 leaves undefined through.
        for b in 0x80..=0x9F_u8 {
            map.entry(char::from(b)).or_default()[0] = b;
        }
        map.into_iter().collect()
    })
}

/// The byte `c` was decoded from under single-byte page number `page` (an index into
/// [`SINGLE_BYTE`]): ASCII is itself.
pub fn byte_of(page: usize, c: char) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    let inv = inverse();
    let i = inv.binary_search_by_key(&c, |e| e.0).ok()?;
    Some(inv[i].1[page]).filter(|&b| b != 0)
}

/// Can any single-byte page have produced `c` from a high byte?
pub fn from_some_page(c: char) -> bool {
    inverse().binary_search_by_key(&c, |e| e.0).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_single_byte_page_round_trips_its_high_bytes() {
        for (p, page) in SINGLE_BYTE.iter().enumerate() {
            let mut seen = 0;
            for b in 0x80..=0xFF_u8 {
                if let Some(c) = page.decode_high(b) {
                    seen += 1;
                    // A character can sit at two bytes only through the C1 rule of page 0.
                    assert_eq!(byte_of(p, c), Some(b), "{page:?} {b:#x} {c:?}");
                }
            }
            assert!(seen >= 120, "{page:?} maps only {seen} bytes");
        }
    }

    #[test]
    fn index_is_the_position_in_the_page_lists() {
        for (i, p) in SINGLE_BYTE.iter().chain(&MULTI_BYTE).enumerate() {
            assert_eq!(p.index(), i, "{p:?}");
            assert_eq!(p.single_byte(), (i < SINGLE_BYTE.len()).then_some(i));
        }
    }

    #[test]
    fn dos_tables_hold_128_characters_each() {
        for t in [&CP437, &CP850] {
            assert_eq!(t.iter().map(|r| r.chars().count()).sum::<usize>(), 128);
        }
        assert_eq!(CodePage::Cp437.decode_high(0xC3), Some('├'));
        assert_eq!(CodePage::Cp850.decode_high(0xA9), Some('®'));
    }

    #[test]
    fn strangeness_signatures_are_misread_prefixes() {
        for (a, b) in crate::rules::encoding::strangeness::SIGNATURES {
            let found = SINGLE_BYTE.iter().any(|p| {
                [(0xE2, 0x80), (0xC2, 0xA0)]
                    .iter()
                    .any(|&(x, y)| p.decode_high(x) == Some(a) && p.decode_high(y) == Some(b))
            });
            assert!(found, "{a}{b} is no page's misreading of E2 80 or C2 A0");
        }
    }

    #[test]
    fn latin1_controls_read_back_as_their_byte() {
        assert_eq!(byte_of(0, '\u{81}'), Some(0x81));
        assert_eq!(byte_of(0, '€'), Some(0x80));
        assert_eq!(byte_of(0, 'Ã'), Some(0xC3));
        assert_eq!(byte_of(3, 'Р'), Some(0xD0));
        assert_eq!(byte_of(3, 'Ã'), None);
    }
}
