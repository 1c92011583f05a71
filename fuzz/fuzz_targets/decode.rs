//! Decoding: any bytes to [`SourceText`] (byte-order mark, UTF-8 fast path, `chardetng`
//! detection, or an encoding forced as `--encoding` does), the first step of every check.
//!
//! Invariants, with detection and with an encoding forced (chosen by the first byte, which stays
//! part of the input): decoding never panics; [`SourceText::decode_vec`] gives what
//! [`SourceText::decode`] gives; the map back to the original bytes starts after the BOM, never
//! goes backwards and ends at the input's end; every malformed sequence lies inside the input, in
//! order, with a U+FFFD at its decoded place; and a lossless decode (UTF-8 or UTF-16 with nothing
//! malformed) re-encodes to exactly the input bytes.
#![no_main]

use encoding_rs::Encoding;
use libfuzzer_sys::fuzz_target;
use newslint::source::{SourceText, looks_binary};

/// Encodings a user may force; `None` is detection.
const FORCED: &[Option<&str>] = &[
    None,
    Some("utf-8"),
    Some("utf-16le"),
    Some("utf-16be"),
    Some("windows-1252"),
    Some("iso-8859-2"),
    Some("shift_jis"),
    Some("euc-jp"),
    Some("iso-2022-jp"),
    Some("euc-kr"),
    Some("gb18030"),
    Some("big5"),
    Some("koi8-r"),
    Some("windows-1256"),
];

fn check(bytes: &[u8], forced: Option<&'static Encoding>) {
    let s = SourceText::decode(bytes, forced);
    let v = SourceText::decode_vec(bytes.to_vec(), forced);
    assert_eq!(
        (s.text(), s.encoding(), s.bom_len(), s.malformed()),
        (v.text(), v.encoding(), v.bom_len(), v.malformed()),
        "decode_vec differs from decode"
    );
    let text = s.text();
    assert!(s.bom_len() <= bytes.len());
    assert_eq!(
        s.original_offset(0),
        s.bom_len(),
        "text starts after the BOM"
    );
    let mut prev = s.bom_len();
    for i in text
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain([text.len()])
    {
        let o = s.original_offset(i);
        assert!(
            prev <= o && o <= bytes.len(),
            "offset map at {i}: {o} after {prev}, input of {} bytes",
            bytes.len()
        );
        prev = o;
        assert_eq!(o, v.original_offset(i), "decode_vec maps {i} elsewhere");
    }
    assert_eq!(
        s.original_offset(text.len()),
        bytes.len(),
        "end of text maps to the end of the input ({})",
        s.encoding().name()
    );
    let mut after = s.bom_len();
    for m in s.malformed() {
        let (a, b) = m.original;
        assert!(after <= a && a < b && b <= bytes.len(), "malformed {m:?}");
        assert!(
            text[m.decoded..].starts_with('\u{FFFD}'),
            "no U+FFFD at {m:?}"
        );
        assert_eq!(
            s.original_offset(m.decoded),
            a,
            "malformed {m:?} maps elsewhere"
        );
        after = b;
    }
    let lossless = ["UTF-8", "UTF-16LE", "UTF-16BE"].contains(&s.encoding().name());
    if lossless && s.malformed().is_empty() {
        assert_eq!(
            s.encode(text).as_deref(),
            Some(bytes),
            "lossless decode does not re-encode to the input"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = looks_binary(data);
    check(data, None);
    if let Some(&first) = data.first()
        && let Some(label) = FORCED[first as usize % FORCED.len()]
    {
        check(data, Encoding::for_label(label.as_bytes()));
    }
});
