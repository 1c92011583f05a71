//! Autofix invariants (proptest): fixing never loses data.

use newslint::Linter;
use newslint::fix::{FixMode, fix_bytes};
use newslint::rule::Applicability;
use newslint::source::SourceText;
use proptest::prelude::*;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

/// Lines that are article text and must survive fixing untouched.
const CLEAN: &[&str] = &[
    "The tram line reopened on Monday after repairs, the city said.",
    "Share prices in Tallinn rose 2.3% — the biggest gain in a month.",
    "“We will not sign,” said Dr. Ines Kova of the U.K.-based group.",
    "Café owners in Zürich welcomed the decision…",
    "Hafenarbeiter streikten am Dienstag.",
    "",
    "  ",
];

/// Lines that are page furniture with a safe fix that deletes the whole line.
const FURNITURE: &[&str] = &[
    "Share",
    "Copy link",
    "Related Stories",
    "Follow us on Mastodon",
    "chevron-down",
    "bookmarkBookmarked",
    "ADVERTISEMENT",
    "READ MORE: Ferry strike ends after nine days",
];

fn fix(bytes: &[u8], mode: FixMode) -> Vec<u8> {
    fix_bytes(&LINTER, bytes, None, LINTER.base_selection(), mode)
        .expect("fixes converge")
        .bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Furniture lines are removed, every article line is kept byte for byte, in order, with its
    /// own line ending (LF or CRLF). (Blank lines are left out here: runs of them are layout
    /// residue with a fix of their own.)
    #[test]
    fn only_furniture_lines_are_removed(
        lines in proptest::collection::vec((any::<bool>(), 0usize..8, 0usize..3), 1..25),
    ) {
        let endings = ["\n", "\r\n", "\n"];
        let mut input = String::new();
        let mut expected = String::new();
        for (is_furniture, k, e) in &lines {
            let ending = endings[*e];
            if *is_furniture {
                input.push_str(FURNITURE[*k]);
                input.push_str(ending);
            } else {
                let line = CLEAN[*k % 5];
                input.push_str(line);
                input.push_str(ending);
                expected.push_str(line);
                expected.push_str(ending);
            }
        }
        let out = fix(input.as_bytes(), FixMode::default());
        prop_assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    /// Fixing twice changes nothing the second time; after fixing, no safe fix is left to apply;
    /// valid UTF-8 stays valid UTF-8; and the result is a subsequence-preserving edit of the input
    /// (only safe deletions happen in these inputs, so the output's bytes appear in order in the input).
    #[test]
    fn fixing_is_idempotent_and_leaves_no_safe_fix(
        pieces in proptest::collection::vec(prop_oneof![
            (0usize..CLEAN.len()).prop_map(|k| CLEAN[k].to_string()),
            (0usize..FURNITURE.len()).prop_map(|k| FURNITURE[k].to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("full screen ".to_string()),
            "[a-zA-Z .,é–]{0,12}",
        ], 0..30),
    ) {
        let input = pieces.concat();
        let once = fix(input.as_bytes(), FixMode::default());
        let twice = fix(&once, FixMode::default());
        prop_assert_eq!(&once, &twice);
        let text = std::str::from_utf8(&once).expect("valid UTF-8 stays valid");
        for d in LINTER.check_text(text) {
            prop_assert!(d.fix.as_ref().is_none_or(|f| f.applicability != Applicability::Safe),
                "safe fix left after fixing: {:?}", d);
        }
        // Deletions only: the output is a subsequence of the input.
        let mut it = input.bytes();
        prop_assert!(once.iter().all(|b| it.any(|c| c == *b)));
    }

    /// Any bytes: fixing never panics, converges, and a second pass is a no-op.
    #[test]
    fn any_bytes_fix_converges(bytes in proptest::collection::vec(any::<u8>(), 0..400), unsafe_fixes in any::<bool>()) {
        let mode = FixMode { unsafe_fixes };
        let once = fix(&bytes, mode);
        prop_assert_eq!(&fix(&once, mode), &once);
    }

    /// A Windows-1252 file stays Windows-1252: fixed bytes decode in that encoding to the fixed text,
    /// and the bytes of the kept lines are the original bytes.
    #[test]
    fn legacy_encoding_round_trips(keep in proptest::collection::vec(any::<bool>(), 1..10)) {
        let mut text = String::new();
        let mut expected = String::new();
        for (i, k) in keep.iter().enumerate() {
            let line = if *k { format!("Le maire de Saint-Étienne a parlé {i} fois.\r\n") } else { "Copy link\r\n".to_string() };
            text.push_str(&line);
            if *k { expected.push_str(&line); }
        }
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let out = fix_bytes(&LINTER, &bytes, Some(encoding_rs::WINDOWS_1252), LINTER.base_selection(), FixMode::default()).unwrap();
        let (want, _, _) = encoding_rs::WINDOWS_1252.encode(&expected);
        prop_assert_eq!(&out.bytes[..], &want[..]);
        let decoded = SourceText::decode(&out.bytes, Some(encoding_rs::WINDOWS_1252));
        prop_assert_eq!(decoded.text(), &expected[..]);
    }
}
