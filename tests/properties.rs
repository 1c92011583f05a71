//! Invariants that must hold for any input (proptest).

use newslint::document::Document;
use newslint::report::Placement;
use newslint::source::{LineCol, LineIndex, SourceText};
use newslint::{Linter, Registry};
use proptest::prelude::*;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

/// Bytes that look like scraped text: mostly words and furniture, with line breaks, non-ASCII
/// and the odd invalid byte.
fn newsy_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"The council met. ".to_vec()),
        Just(b"pinPinned".to_vec()),
        Just(b"Follow us on Instagram".to_vec()),
        Just(b"Related Stories".to_vec()),
        Just(b"full screen ".to_vec()),
        Just(b"arrow-right".to_vec()),
        Just("U.S. Dr. Lt. Col. “Yes,” she said… ".as_bytes().to_vec()),
        Just("é–ü東京 ".as_bytes().to_vec()),
        // Words of other scripts, and whitespace that is more than one byte.
        Just("кожна δεν ".as_bytes().to_vec()),
        Just("Ѐ. ".as_bytes().to_vec()),
        // Suppression comments, whole and broken.
        Just(b"<!-- newslint-disable-next-line S103, A2 -->".to_vec()),
        Just(b"<!-- newslint-disable -->".to_vec()),
        Just(b"<!-- newslint-enable sourcing".to_vec()),
        prop::sample::select(vec![
            '\u{a0}', '\u{2000}', '\u{2002}', '\u{202f}', '\u{3000}', '\u{2028}'
        ])
        .prop_map(|c| c.to_string().into_bytes()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\n\n".to_vec()),
        Just(vec![0xE9]),
        Just(vec![0xC3]),
        Just(vec![0x96, 0x20]),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_invariants(bytes: &[u8]) -> Result<(), TestCaseError> {
    let source = SourceText::decode(bytes, None);
    let text = source.text();
    let sel = LINTER.base_selection().clone();
    let diags = LINTER.check_source(&source, &sel);
    // Deterministic.
    prop_assert_eq!(&diags, &LINTER.check_source(&source, &sel));
    let lines = LineIndex::new(text);
    let placement = Placement {
        path: "x.txt",
        source: &source,
        lines: &lines,
    };
    let mut last = (0usize, 0usize);
    for d in &diags {
        // In bounds, on char boundaries.
        prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        // Sorted.
        prop_assert!((d.span.start, d.span.end) >= last);
        last = (d.span.start, d.span.end);
        // Line and column map back to the same byte offset.
        let loc = placement.locate(LINTER.registry(), d);
        let back = lines.offset_of(
            text,
            LineCol {
                line: loc.line,
                column: loc.column,
            },
        );
        prop_assert_eq!(back, Some(d.span.start));
        prop_assert_eq!(&loc.text, &text[d.span.start..d.span.end]);
        prop_assert!(loc.offset <= loc.end_offset && loc.end_offset <= bytes.len());
        // Fix edits are inside the text, on char boundaries, sorted and disjoint.
        if let Some(fix) = &d.fix {
            let mut end = 0;
            for e in &fix.edits {
                prop_assert!(e.span.start >= end && e.span.end <= text.len());
                prop_assert!(
                    text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end)
                );
                end = e.span.end;
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_lint_without_panic_and_spans_are_exact(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_invariants(&bytes)?;
    }

    #[test]
    fn newsy_bytes_keep_every_invariant(bytes in newsy_bytes()) {
        check_invariants(&bytes)?;
    }

    /// Every single-byte Windows-1252 input decodes and re-encodes to the same bytes, and each char
    /// maps back to its own byte.
    #[test]
    fn windows_1252_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        // A byte-order mark wins over `--encoding` (UTF-8, UTF-16LE or UTF-16BE), by design.
        prop_assume!(
            ![&[0xEF, 0xBB, 0xBF][..], &[0xFF, 0xFE], &[0xFE, 0xFF]]
                .iter()
                .any(|bom| bytes.starts_with(bom))
        );
        let src = SourceText::decode(&bytes, Some(encoding_rs::WINDOWS_1252));
        prop_assert_eq!(src.encode(src.text()), Some(bytes.clone()));
        for (k, (off, _)) in src.text().char_indices().enumerate() {
            prop_assert_eq!(src.original_offset(off), k);
        }
    }

    /// Text encoded in a legacy multi-byte encoding decodes back to itself and re-encodes exactly,
    /// and original offsets are those of each char's first byte.
    #[test]
    fn legacy_multibyte_round_trips(
        text in "[a-zA-Z .,\n가-힣]{0,40}",
        enc_ix in 0usize..3,
    ) {
        let enc = [encoding_rs::EUC_KR, encoding_rs::UTF_16LE, encoding_rs::UTF_8][enc_ix];
        let bytes: Vec<u8> = if enc == encoding_rs::UTF_16LE {
            text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
        } else {
            enc.encode(&text).0.into_owned()
        };
        let src = SourceText::decode(&bytes, Some(enc));
        prop_assert_eq!(src.text(), &text[..]);
        prop_assert_eq!(src.encode(src.text()), Some(bytes.clone()));
        // Each char starts at the sum of the encoded lengths of the chars before it.
        let mut expected = 0usize;
        for (off, c) in text.char_indices() {
            prop_assert_eq!(src.original_offset(off), expected);
            expected += if enc == encoding_rs::UTF_16LE {
                c.len_utf16() * 2
            } else {
                enc.encode(&c.to_string()).0.len()
            };
        }
        prop_assert_eq!(src.original_offset(text.len()), expected);
    }

    #[test]
    fn shift_jis_text_round_trips(text in "[a-z \nぁ-んァ-ヶ]{0,40}") {
        let bytes = encoding_rs::SHIFT_JIS.encode(&text).0.into_owned();
        let src = SourceText::decode(&bytes, Some(encoding_rs::SHIFT_JIS));
        prop_assert_eq!(src.text(), &text[..]);
        prop_assert_eq!(src.encode(src.text()), Some(bytes));
    }

    /// Segmentation: lines tile the text, sentences and tokens are ordered, disjoint and nested.
    #[test]
    fn segmentation_is_well_formed(bytes in newsy_bytes()) {
        let src = SourceText::decode(&bytes, None);
        let text = src.text();
        let doc = Document::new(text);
        let mut pos = 0;
        for l in doc.lines() {
            prop_assert_eq!(l.full.start, pos);
            prop_assert!(l.span.end <= l.full.end);
            pos = l.full.end;
        }
        prop_assert_eq!(pos, text.len());
        let mut end = 0;
        for s in doc.sentences() {
            prop_assert!(s.span.start >= end && s.span.start < s.span.end);
            let p = &doc.paragraphs()[s.paragraph];
            prop_assert!(p.span.contains(s.span));
            for t in doc.sentence_tokens(s) {
                prop_assert!(s.span.contains(t.span()) && !t.span().is_empty());
            }
            end = s.span.end;
        }
    }
}

#[test]
fn registry_is_the_same_each_time() {
    let a: Vec<String> = Registry::new(&[])
        .unwrap()
        .metas()
        .map(|(_, m)| m.code.to_string())
        .collect();
    let b: Vec<String> = Registry::new(&[])
        .unwrap()
        .metas()
        .map(|(_, m)| m.code.to_string())
        .collect();
    assert_eq!(a, b);
}
