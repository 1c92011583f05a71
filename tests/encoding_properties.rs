//! Mojibake: legitimate text in any script is never touched; the same text damaged by decoding
//! its UTF-8 as Windows-1252 is reported and repaired back exactly.

use newslint::fix::{FixMode, fix_bytes};
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

proptest! {
    #[test]
    fn legitimate_text_is_silent(text in sentence()) {
        prop_assert!(MOJIBAKE_ONLY.check_text(&text).is_empty(), "{text}");
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
