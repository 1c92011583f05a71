//! Mojibake: legitimate text in any script, upper-cased or not, is never touched; the same text
//! damaged by decoding its UTF-8 with any of E103's code pages, once or twice, is reported and
//! repaired back exactly, unless two pages read the damage as two real texts (then the repair is
//! one of them).

use newslint::fix::{FixMode, fix_bytes};
use newslint::rules::encoding::code_pages::{CodePage, MULTI_BYTE, SINGLE_BYTE, byte_of};
use newslint::{CliSelection, Linter};
use proptest::prelude::*;
use std::sync::LazyLock;

static MOJIBAKE_ONLY: LazyLock<Linter> = LazyLock::new(|| {
    let cli = CliSelection {
        select: Some(vec!["E103".into()]),
        ..Default::default()
    };
    Linter::from_config(&Default::default(), &cli).unwrap()
});

/// Words of many scripts and the symbols news uses.
const WORDS: &[&str] = &[
    "café",
    "Élodie",
    "Lefèvre",
    "ação",
    "João",
    "São",
    "Größe",
    "Müller",
    "Maaß",
    "İstanbul",
    "Şırnak",
    "Yağmur",
    "Nguyễn",
    "Thị",
    "Ánh",
    "Hà",
    "Nội",
    "Αθήνα",
    "Ελλάδα",
    "Москва",
    "Київ",
    "القاهرة",
    "تهران",
    "北京",
    "東京",
    "서울",
    "°C",
    "12×40",
    "€5",
    "£3",
    "council’s",
    "“quote”",
    "–",
    "—",
    "…",
    "naïve",
    "Zürich",
    "Ñuñoa",
    "Øresund",
    "Ærø",
    "œuvre",
    "the",
    "mayor",
    "said",
    "2024",
    "👩‍⚕️",
    "😀",
];

fn sentence() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..WORDS.len(), 3..14).prop_map(|ix| {
        ix.into_iter()
            .map(|i| WORDS[i])
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// Latin words only: the text the double-byte pages are known to misread.
fn latin_sentence() -> impl Strategy<Value = String> {
    sentence().prop_map(|s| {
        s.split(' ')
            .filter(|w| {
                w.chars()
                    .all(|c| c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c))
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn page() -> impl Strategy<Value = CodePage> {
    (0..SINGLE_BYTE.len() + MULTI_BYTE.len()).prop_map(|i| {
        SINGLE_BYTE
            .get(i)
            .copied()
            .unwrap_or_else(|| MULTI_BYTE[i - SINGLE_BYTE.len()])
    })
}

fn repaired(damaged: &str) -> String {
    let out = fix_bytes(
        &MOJIBAKE_ONLY,
        damaged.as_bytes(),
        Some(encoding_rs::UTF_8),
        MOJIBAKE_ONLY.base_selection(),
        FixMode { unsafe_fixes: true },
    )
    .unwrap();
    String::from_utf8(out.bytes).unwrap()
}

/// `damaged` read back through single-byte page `page` as UTF-8, when every character has a
/// byte there and the bytes are UTF-8: one reading of the damage.
fn reread(page: usize, damaged: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = damaged.chars().map(|c| byte_of(page, c)).collect();
    String::from_utf8(bytes?).ok()
}

/// Every text the damage can be read back to through one or two single-byte pages.
fn readings(damaged: &str) -> Vec<String> {
    let mut out = Vec::new();
    for p in 0..SINGLE_BYTE.len() {
        if let Some(once) = reread(p, damaged) {
            for q in 0..SINGLE_BYTE.len() {
                out.extend(reread(q, &once));
            }
            out.push(once);
        }
    }
    out
}

proptest! {
    #[test]
    fn legitimate_text_is_silent(text in sentence()) {
        prop_assert!(MOJIBAKE_ONLY.check_text(&text).is_empty(), "{text}");
        let upper = text.to_uppercase();
        prop_assert!(MOJIBAKE_ONLY.check_text(&upper).is_empty(), "{upper}");
    }

    #[test]
    fn every_code_page_once_and_twice_is_repaired_exactly(
        text in sentence(),
        latin in latin_sentence(),
        page in page(),
        twice in any::<bool>(),
    ) {
        // Chinese, Korean and Arabic text is misread as Windows-1252 in real corpora; the other
        // pages meet European text.
        let european = |t: String| {
            t.split(' ')
                .filter(|w| w.chars().all(|c| (c as u32) < 0x530 || (0x2000..0x2100).contains(&(c as u32))))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let text = if MULTI_BYTE.contains(&page) {
            latin
        } else if page == CodePage::Windows1252 {
            text
        } else {
            european(text)
        };
        // One damaged short word can pass for a rare legitimate one (`Ĺ“uvre`), and a sign between
        // digits for another sign (`12Ă—40`); a document shows its damage in several words with
        // accented letters.
        let lettered = |w: &&str| w.chars().any(|c| !c.is_ascii() && c.is_alphabetic());
        if text.split(' ').filter(lettered).count() < 3 {
            return Ok(());
        }
        let Some(once) = page.misread(&text) else { return Ok(()) };
        let damaged = if twice && !MULTI_BYTE.contains(&page) {
            page.misread(&once).unwrap()
        } else {
            once
        };
        if damaged != text {
            prop_assert!(!MOJIBAKE_ONLY.check_text(&damaged).is_empty(), "{page:?}: {damaged}");
        }
        let fixed = repaired(&damaged);
        if fixed != text {
            // Two pages can read one damage as two real texts (`Ăź` is `ß` under Windows-1250
            // and `ü` under ISO-8859-2) with nothing else in the document to tell them apart:
            // the repair is then one of the readings (the letter prior's choice).
            // The repair goes run by run: each word is the original or a reading of its damage.
            let (f, d): (Vec<&str>, Vec<&str>) = (fixed.split(' ').collect(), damaged.split(' ').collect());
            prop_assert_eq!(f.len(), d.len(), "{:?}: {} repaired to {}", page, damaged, fixed);
            for ((fw, dw), tw) in f.iter().zip(&d).zip(text.split(' ')) {
                prop_assert!(
                    *fw == tw || readings(dw).iter().any(|r| r == fw),
                    "{:?}: {} repaired to {}: `{}` is no reading of `{}`", page, damaged, fixed, fw, dw
                );
            }
        }
    }

    #[test]
    fn damaged_text_is_reported_and_repaired_exactly(text in sentence()) {
        let damaged = encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes()).0.into_owned();
        if damaged != text {
            prop_assert!(!MOJIBAKE_ONLY.check_text(&damaged).is_empty());
        }
        let out = fix_bytes(&MOJIBAKE_ONLY, damaged.as_bytes(), Some(encoding_rs::UTF_8), MOJIBAKE_ONLY.base_selection(), FixMode::default()).unwrap();
        prop_assert_eq!(String::from_utf8(out.bytes).unwrap(), text);
    }
}
