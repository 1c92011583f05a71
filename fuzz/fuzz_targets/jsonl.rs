//! JSON Lines records: one line parsed as `check` parses a record (text fields `text`, `title`
//! and `article.body`, id `id`, source `site` or the `url`'s host, the `newslint.ignore` list),
//! each text field linted with every default rule and its findings mapped back through the
//! field's escape map.
//!
//! Invariants: parsing never panics; a field's literal is a quoted string of the line and its
//! text is what serde_json decodes (a lone surrogate escape being U+FFFD); the escape map is
//! monotonic, maps every char of the text to raw bytes inside the literal that decode to that
//! char, and so maps every finding and fix edit inside the escaped literal; the ignore list's
//! places are inside the line; and re-serialising a field with its own text (`replace_field`)
//! gives a record that parses back to the same text, while changing no region of it
//! (`replace_field_regions`) keeps the line byte for byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::corpus::jsonl::{
    FieldText, IGNORE_FIELD, ignore_list, parse_record, parse_record_sourced, replace_field,
    replace_field_regions,
};
use newslint_fuzz::{LINTER, assert_findings};

const FIELDS: &[&str] = &["text", "title", "article.body"];

/// The raw bytes `piece` of a literal decode to `c`.
fn decodes_to(piece: &str, c: char) -> bool {
    match serde_json::from_str::<String>(&format!("\"{piece}\"")) {
        Ok(s) => s.chars().eq([c]),
        // serde_json refuses a lone surrogate escape; newslint reads it as U+FFFD.
        Err(_) => c == '\u{FFFD}' && piece.len() == 6 && piece.starts_with("\\u"),
    }
}

fn check_field(line: &str, f: &FieldText) {
    let lit = &line[f.literal.clone()];
    assert!(
        lit.len() >= 2 && lit.starts_with('"') && lit.ends_with('"'),
        "literal {lit:?}"
    );
    if let Ok(s) = serde_json::from_str::<String>(lit) {
        assert_eq!(f.text, s, "text differs from serde_json's");
    }
    let (first, last) = (f.literal.start + 1, f.literal.end - 1);
    assert_eq!(f.line_offset(0), first);
    assert_eq!(
        f.line_offset(f.text.len()),
        last,
        "end of text maps before the end"
    );
    for (i, c) in f.text.char_indices() {
        let (a, b) = (f.line_offset(i), f.line_offset(i + c.len_utf8()));
        assert!(
            first <= a && a < b && b <= last,
            "{c:?} at {i} maps to {a}..{b}"
        );
        assert!(
            decodes_to(&line[a..b], c),
            "{c:?} at {i} maps to {:?}",
            &line[a..b]
        );
    }
    let found = LINTER.check_text(&f.text);
    assert_findings(&LINTER, &f.text, &found);
    for d in &found {
        let (a, b) = (f.line_offset(d.span.start), f.line_offset(d.span.end));
        assert!(
            first <= a
                && a <= b
                && b <= last
                && line.is_char_boundary(a)
                && line.is_char_boundary(b)
        );
    }
    assert_eq!(
        replace_field_regions(line, f, &f.text, &[]),
        line,
        "a field changed nowhere is kept byte for byte"
    );
    let again = replace_field(line, f, &f.text);
    let rec = parse_record(&again, &[f.name.clone()], None).expect("re-serialised record parses");
    assert_eq!(rec.fields.len(), 1, "field lost in {again:?}");
    assert_eq!(rec.fields[0].text, f.text, "re-serialised text differs");
}

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    // A record is one line; a file's line breaks are split off before parsing.
    let line = line.lines().next().unwrap_or("");
    let fields: Vec<String> = FIELDS.iter().map(|f| f.to_string()).collect();
    if let Ok(rec) = parse_record_sourced(line, &fields, Some("id"), Some("site")) {
        for f in &rec.fields {
            check_field(line, f);
        }
    } else if let Err(e) = parse_record(line, &fields, Some("id")) {
        assert!(e.at <= line.len(), "error at {} past the line", e.at);
    }
    if let Ok(list) = ignore_list(line, IGNORE_FIELD) {
        for (r, _) in list {
            assert!(r.start <= r.end && r.end <= line.len() && line.is_char_boundary(r.start));
        }
    }
});
