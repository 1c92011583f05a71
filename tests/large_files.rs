//! Plain-text files too large to check whole are checked in segments: every finding is still at
//! its exact line, column and byte offset in the file, nothing is lost at a cut, `--fix` gives
//! what it gives on the pieces, once-per-file findings come once, and memory stays bounded.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

/// Our own paragraph with one mojibake word (E103, a safe fix); `n` makes each one different.
fn paragraph(n: usize, newline: &str) -> String {
    format!(
        "Bulletin {n}: the Quay Street ferry ran late, and the caf\u{c3}\u{a9} by the pier stayed \
         open until the last boat came in.{newline}The harbour office said repairs would take \
         a week.{newline}{newline}"
    )
}

/// A multi-line file of about `mib` MiB with mixed line endings, and how many mojibake words it
/// holds.
fn multi_line(mib: usize) -> (String, usize) {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < mib << 20 {
        text.push_str(&paragraph(n, if n % 3 == 0 { "\r\n" } else { "\n" }));
        n += 1;
    }
    (text, n)
}

/// The findings of `--format json` whose code is `code`.
fn with_code<'a>(diags: &'a [Value], code: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

/// A finding's offsets point at its text in the raw file, and its line and column are those of
/// its offset (columns in chars, line breaks `\n`, `\r\n` or `\r`).
fn assert_exact(raw: &str, d: &Value) {
    let (a, b) = (
        d["offset"].as_u64().unwrap() as usize,
        d["end_offset"].as_u64().unwrap() as usize,
    );
    assert_eq!(&raw[a..b], d["text"].as_str().unwrap(), "{d}");
    let line_start = raw[..a].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let column = raw[line_start..a].chars().count() + 1;
    assert_eq!(d["column"].as_u64().unwrap() as usize, column, "{d}");
}

/// The line of every finding is that of its offset (line breaks `\n`, `\r\n` or `\r`),
/// counted in one pass over the file.
fn assert_lines(raw: &str, diags: &[&Value]) {
    let mut starts = vec![0];
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => i += 1,
            b'\n' | b'\r' => {}
            _ => {
                i += 1;
                continue;
            }
        }
        i += 1;
        starts.push(i);
    }
    for d in diags {
        let a = d["offset"].as_u64().unwrap() as usize;
        let line = starts.partition_point(|&s| s <= a);
        assert_eq!(d["line"].as_u64().unwrap() as usize, line, "{d}");
    }
}

fn check_json(dir: &Path, name: &str) -> Vec<Value> {
    let out = newslint(
        &[
            "check",
            "--format",
            "json",
            "--max-findings-per-rule",
            "0",
            name,
        ],
        dir,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    json(&out)
}

#[test]
fn a_large_multi_line_file_gives_every_finding_at_its_exact_place() {
    let dir = tempfile::tempdir().unwrap();
    let (text, n) = multi_line(9);
    std::fs::write(dir.path().join("dump.txt"), &text).unwrap();
    let diags = check_json(dir.path(), "dump.txt");
    let mojibake = with_code(&diags, "E103");
    assert_eq!(
        mojibake.len(),
        n,
        "one finding per word, none lost at a cut"
    );
    for d in &mojibake {
        assert_exact(&text, d);
    }
    assert_lines(&text, &mojibake);
    // Offsets into the decoded text are the file's too (UTF-8, no BOM).
    let last = mojibake.last().unwrap();
    assert_eq!(last["start"], last["offset"]);
}

#[test]
fn a_large_one_line_file_is_cut_at_spaces_and_columns_run_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("\u{feff}");
    let mut n = 0;
    while text.len() < 6 << 20 {
        text.push_str(&paragraph(n, " "));
        n += 1;
    }
    text.push('\n');
    std::fs::write(dir.path().join("flat.txt"), &text).unwrap();
    let diags = check_json(dir.path(), "flat.txt");
    let mojibake = with_code(&diags, "E103");
    assert_eq!(mojibake.len(), n);
    let body = &text[3..];
    for d in &mojibake {
        // The BOM is not a column; offsets count its bytes.
        assert_eq!(d["line"], 1);
        let a = d["offset"].as_u64().unwrap() as usize;
        assert_eq!(
            &text[a..d["end_offset"].as_u64().unwrap() as usize],
            d["text"]
        );
        let column = body[..a - 3].chars().count() + 1;
        assert_eq!(d["column"].as_u64().unwrap() as usize, column, "{d}");
    }
}

#[test]
fn fixing_a_large_file_fixes_every_segment_and_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = multi_line(9);
    let p = dir.path().join("dump.txt");
    std::fs::write(&p, &text).unwrap();
    let out = newslint(&["check", "--fix", "dump.txt"], dir.path());
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert_eq!(fixed, text.replace("caf\u{c3}\u{a9}", "caf\u{e9}"));
    newslint(&["check", "--fix", "dump.txt"], dir.path());
    assert_eq!(std::fs::read_to_string(&p).unwrap(), fixed);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file left");
}

#[test]
fn a_large_legacy_file_is_reported_as_legacy_once() {
    let dir = tempfile::tempdir().unwrap();
    let para = "The caf\u{e9} on Quay Street and the d\u{e9}p\u{f4}t by the pier reopened.\n\n";
    let text = para.repeat((9 << 20) / para.len());
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    std::fs::write(dir.path().join("old.txt"), &bytes).unwrap();
    let out = newslint(&["check", "--format", "json", "old.txt"], dir.path());
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let diags = json(&out);
    assert_eq!(with_code(&diags, "E102").len(), 1, "once per file");
    assert!(
        with_code(&diags, "E101").is_empty(),
        "decoded as windows-1252"
    );
}

fn peak_rss_kib(dir: &Path, name: &str) -> u64 {
    common::peak_rss_kib(&["check", "--format", "json", name], dir)
}

#[test]
fn memory_stays_bounded_on_a_large_file_and_a_large_record() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = multi_line(48);
    std::fs::write(dir.path().join("dump.txt"), &text).unwrap();
    drop(text);
    let peak = peak_rss_kib(dir.path(), "dump.txt");
    assert!(peak < 100 << 10, "peak RSS {peak} KiB for a 48 MiB file");
    // One record of 32 MiB: the line is held, its text is decoded a piece at a time.
    let (line, _) = large_record(32);
    std::fs::write(dir.path().join("big.jsonl"), &line).unwrap();
    drop(line);
    let peak = peak_rss_kib(dir.path(), "big.jsonl");
    assert!(peak < 100 << 10, "peak RSS {peak} KiB for a 32 MiB record");
    // A smaller file of very many short lines: the line classifier's memory per line is
    // bounded by cutting segments at a number of lines too.
    let short_lines = "Ferry late. Cafe open.\n".repeat((3 << 20) / 23);
    std::fs::write(dir.path().join("lines.txt"), &short_lines).unwrap();
    let peak = peak_rss_kib(dir.path(), "lines.txt");
    assert!(
        peak < 100 << 10,
        "peak RSS {peak} KiB for 3 MiB of short lines"
    );
    let record = serde_json::json!({ "text": short_lines }).to_string();
    std::fs::write(dir.path().join("lines.jsonl"), record + "\n").unwrap();
    let peak = peak_rss_kib(dir.path(), "lines.jsonl");
    assert!(
        peak < 100 << 10,
        "peak RSS {peak} KiB for a record of short lines"
    );
}

/// One JSONL record whose `text` holds about `mib` MiB of our paragraphs, flattened, with JSON
/// escapes throughout (`\n`, `\u00e9`, `\/`); and how many mojibake words it holds.
fn large_record(mib: usize) -> (String, usize) {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < mib << 20 {
        text.push_str(&paragraph(n, if n % 2 == 0 { " " } else { "\n" }));
        text.push_str("Fares rose 5% / year, the caf\u{e9} owner said. ");
        n += 1;
    }
    let literal = serde_json::to_string(&text).unwrap().replace('/', "\\/");
    (format!("{{\"id\": \"big\", \"text\": {literal}}}\n"), n)
}

#[test]
fn a_large_record_is_checked_in_pieces_at_exact_places_and_capped_as_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let (line, n) = large_record(6);
    std::fs::write(dir.path().join("big.jsonl"), &line).unwrap();
    let diags = check_json(dir.path(), "big.jsonl");
    let mojibake = with_code(&diags, "E103");
    assert_eq!(
        mojibake.len(),
        n,
        "one finding per word, none lost at a cut"
    );
    let text: String = serde_json::from_str::<Value>(&line).unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    for d in &mojibake {
        // The raw bytes at the offsets are the escaped form of the finding's text, and `start`
        // is its place in the whole decoded field.
        let (a, b) = (
            d["offset"].as_u64().unwrap() as usize,
            d["end_offset"].as_u64().unwrap() as usize,
        );
        let piece: String = serde_json::from_str(&format!("\"{}\"", &line[a..b])).unwrap();
        assert_eq!(piece, d["text"].as_str().unwrap());
        let (s, e) = (
            d["start"].as_u64().unwrap() as usize,
            d["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], piece, "{d}");
        assert_eq!(
            d["column"].as_u64().unwrap() as usize,
            line[..a].chars().count() + 1
        );
    }
    // With the default cap the field is one document: 1,000 findings, then one that counts
    // the rest.
    let out = newslint(&["check", "--format", "json", "big.jsonl"], dir.path());
    let capped = json(&out);
    let e103 = with_code(&capped, "E103");
    assert_eq!(e103.len(), 1001);
    let message = e103
        .iter()
        .filter_map(|d| d["message"].as_str())
        .find(|m| m.contains(" more "))
        .expect("a summary");
    assert!(
        message.starts_with(&format!("{} more E103", n - 1000)),
        "{message}"
    );
}
