//! JSON Lines corpora through the built binary: exact positions through escapes, fields, ids,
//! malformed records, compression, fixing one field only, and thread-count determinism.

mod common;

use common::*;
use serde_json::Value;
use std::io::Write;
use std::path::Path;

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/jsonl/wire-sample.jsonl")
}

/// The raw bytes a finding points at, read as the inside of a JSON string, are its text; and its
/// line and column are those of `offset` in the raw file.
fn assert_lands_on_text(raw: &[u8], d: &Value) {
    let (a, b) = (
        d["offset"].as_u64().unwrap() as usize,
        d["end_offset"].as_u64().unwrap() as usize,
    );
    let piece = std::str::from_utf8(&raw[a..b]).expect("span on char boundaries");
    let unescaped: String =
        serde_json::from_str(&format!("\"{piece}\"")).expect("a JSON string fragment");
    assert_eq!(unescaped, d["text"].as_str().unwrap(), "{d}");
    let line_start = raw[..a]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let line_no = raw[..a].iter().filter(|&&c| c == b'\n').count() + 1;
    let column = std::str::from_utf8(&raw[line_start..a])
        .unwrap()
        .chars()
        .count()
        + 1;
    assert_eq!(d["line"].as_u64().unwrap() as usize, line_no, "{d}");
    assert_eq!(d["column"].as_u64().unwrap() as usize, column, "{d}");
    assert_eq!(d["record"].as_u64().unwrap() as usize, line_no);
    // The inclusive end column is the last raw character's, escapes included: the columns
    // describe the same region as the offsets (SARIF carries both).
    let width = piece.chars().count();
    let end_column = column + width.max(1) - 1;
    assert_eq!(d["end_line"].as_u64().unwrap() as usize, line_no, "{d}");
    assert_eq!(
        d["end_column"].as_u64().unwrap() as usize,
        end_column,
        "{d}"
    );
}

#[test]
fn spans_land_on_their_text_through_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let out = newslint(
        &[
            "check",
            "--format",
            "json",
            "--id-field",
            "id",
            fixture().to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let diags = json(&out);
    let raw = std::fs::read(fixture()).unwrap();
    assert!(diags.len() >= 6, "{diags:?}");
    for d in &diags {
        assert_lands_on_text(&raw, d);
        assert_eq!(d["field"], "text");
        assert!(d["id"].as_str().unwrap().starts_with("w-00"));
    }
    // Several text fields: the title of record 2 is checked too.
    let out = newslint(
        &[
            "check",
            "--format",
            "json",
            "--text-field",
            "title,text",
            fixture().to_str().unwrap(),
        ],
        dir.path(),
    );
    for d in json(&out) {
        assert_lands_on_text(&raw, &d);
    }
}

#[test]
fn generated_records_full_of_escapes_map_exactly() {
    // Every furniture line is embedded in text with escapes of every kind around it.
    let dir = tempfile::tempdir().unwrap();
    let pieces = [
        "Caf\u{e9} \"Nord\"",
        "tab\there",
        "emoji \u{1F600}!",
        "back\\slash",
        "ctrl\u{1}",
        "’quoted’",
    ];
    let mut file = String::new();
    for i in 0..30 {
        let furniture = ["Share", "Copy link", "Related Stories", "pinPinned"][i % 4];
        let text = format!(
            "{}\n{furniture}\n{}",
            pieces[i % pieces.len()],
            pieces[(i + 1) % pieces.len()]
        );
        let rec = serde_json::json!({ "id": i, "text": text });
        let line = if i % 3 == 0 {
            // An ASCII-escaping writer.
            serde_json::to_string(&rec)
                .unwrap()
                .chars()
                .flat_map(|c| {
                    if c.is_ascii() {
                        vec![c.to_string()]
                    } else {
                        let mut b = [0u16; 2];
                        c.encode_utf16(&mut b)
                            .iter()
                            .map(|u| format!("\\u{u:04x}"))
                            .collect()
                    }
                })
                .collect::<String>()
        } else {
            serde_json::to_string(&rec).unwrap()
        };
        file.push_str(&line);
        file.push('\n');
    }
    std::fs::write(dir.path().join("c.jsonl"), &file).unwrap();
    let diags = json(&newslint(
        &["check", "--format", "json", "c.jsonl"],
        dir.path(),
    ));
    // One furniture line per record, plus the control characters some pieces carry.
    assert_eq!(
        diags.iter().filter(|d| d["family"] == "artifact").count(),
        30
    );
    assert!(diags.iter().any(|d| d["code"] == "E104"));
    for d in &diags {
        assert_lands_on_text(file.as_bytes(), d);
    }
}

#[test]
fn malformed_records_are_errors_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let body = "{\"text\": \"Share\"}\n{\"text\": \"broken\n[1,2]\n\n{\"text\": 42}\n{\"text\": \"Copy link\"}\n";
    std::fs::write(dir.path().join("m.jsonl"), body).unwrap();
    let out = newslint(&["check", "--format", "json", "m.jsonl"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2") && err.contains("malformed JSON record"),
        "{err}"
    );
    assert!(
        err.contains("line 3") && err.contains("not a JSON object"),
        "{err}"
    );
    assert!(
        err.contains("line 5") && err.contains("not a string"),
        "{err}"
    );
    let records: Vec<u64> = json(&out)
        .iter()
        .filter(|d| d.get("kind").is_none())
        .map(|d| d["record"].as_u64().unwrap())
        .collect();
    assert_eq!(records, vec![1, 6]);
    // The errors follow the findings, one record each.
    let errors: Vec<u64> = json(&out)
        .iter()
        .filter(|d| d["kind"] == "error")
        .map(|d| d["record"].as_u64().unwrap())
        .collect();
    assert_eq!(errors, vec![2, 3, 5]);
}

/// `raw` written gzip-compressed as `c.jsonl.gz` and zstd-compressed as `c.jsonl.zst` in `dir`.
fn write_compressed(dir: &Path, raw: &[u8]) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(raw).unwrap();
    std::fs::write(dir.join("c.jsonl.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(dir.join("c.jsonl.zst"), zstd::encode_all(raw, 3).unwrap()).unwrap();
}

#[test]
fn compressed_jsonl_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let raw = std::fs::read(fixture()).unwrap();
    write_compressed(dir.path(), &raw);
    let plain = json(&newslint(
        &["check", "--format", "json", fixture().to_str().unwrap()],
        dir.path(),
    ));
    for name in ["c.jsonl.gz", "c.jsonl.zst"] {
        let diags = json(&newslint(&["check", "--format", "json", name], dir.path()));
        assert_eq!(diags.len(), plain.len(), "{name}");
        for (a, b) in diags.iter().zip(&plain) {
            assert_eq!(
                (&a["line"], &a["column"], &a["text"]),
                (&b["line"], &b["column"], &b["text"])
            );
        }
    }
    // Walking a directory finds them.
    let diags = json(&newslint(&["check", "--format", "json", "."], dir.path()));
    assert_eq!(diags.len(), 2 * plain.len());
}

#[test]
fn a_truncated_compressed_file_reports_every_record_read_before_the_error() {
    let dir = tempfile::tempdir().unwrap();
    // Records enough for several zstd blocks (128 KiB each), each with a mis-decoded letter
    // (mojibake) newslint reports.
    let raw: String = (1..=3000)
        .map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"Record {i} says the caf\\u00c3\\u00a9 opened on Harrow Lane.\"}}\n"))
        .collect();
    write_compressed(dir.path(), raw.as_bytes());
    for name in ["c.jsonl.gz", "c.jsonl.zst"] {
        let whole = std::fs::read(dir.path().join(name)).unwrap();
        let all = json(&newslint(&["check", "--format", "json", name], dir.path()));
        assert!(
            all.iter().filter(|d| d["kind"] != "error").count() >= 3000,
            "{name}"
        );
        let cut = format!("cut-{name}");
        std::fs::write(dir.path().join(&cut), &whole[..whole.len() - 12]).unwrap();
        let out = newslint(&["check", "--format", "json", &cut], dir.path());
        assert_eq!(out.status.code(), Some(2), "{name}: a read error is exit 2");
        let diags = json(&out);
        let records: std::collections::BTreeSet<u64> = diags
            .iter()
            .filter(|d| d["kind"] != "error")
            .filter_map(|d| d["record"].as_u64())
            .collect();
        let error = diags
            .iter()
            .find(|d| d["kind"] == "error")
            .unwrap_or_else(|| panic!("{name}: no error record in {diags:?}"));
        let message = error["message"].as_str().unwrap();
        let last_good: u64 = message
            .strip_prefix("cannot read after line ")
            .and_then(|m| m.split(':').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{name}: {message}"));
        assert!(
            last_good > 0,
            "{name}: some records were read before the damage"
        );
        // Every record read before the error is reported, and nothing past it.
        assert_eq!(records, (1..=last_good).collect(), "{name}: {message}");
    }
}

#[test]
fn fix_rewrites_only_the_affected_field() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("w.jsonl");
    std::fs::copy(fixture(), &p).unwrap();
    let before = std::fs::read_to_string(&p).unwrap();
    let out = newslint(&["check", "--fix", "w.jsonl"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let after = std::fs::read_to_string(&p).unwrap();
    let (b, a): (Vec<&str>, Vec<&str>) = (
        before.split_inclusive('\n').collect(),
        after.split_inclusive('\n').collect(),
    );
    assert_eq!(b.len(), a.len());
    for (x, y) in b.iter().zip(&a) {
        let (vx, vy): (Value, Value) = (
            serde_json::from_str(x).unwrap(),
            serde_json::from_str(y).unwrap(),
        );
        // Every other field is byte-identical: the line differs only inside the text literal.
        let prefix = x.find("\"text\": ").unwrap();
        assert_eq!(&x[..prefix], &y[..prefix]);
        assert_eq!(x.ends_with("\r\n"), y.ends_with("\r\n"), "line ending kept");
        assert_eq!(vx["title"], vy["title"]);
        assert_eq!(vx["id"], vy["id"]);
        assert!(!vy["text"].as_str().unwrap().contains("\nShare\n"));
    }
    // Record 3 had nothing to fix: unchanged to the byte.
    assert_eq!(b[2], a[2]);
    // Fixing again changes nothing.
    newslint(&["check", "--fix", "w.jsonl"], dir.path());
    assert_eq!(std::fs::read_to_string(&p).unwrap(), after);
}

#[test]
fn threads_do_not_change_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let raw = std::fs::read_to_string(fixture()).unwrap();
    std::fs::write(dir.path().join("big.jsonl"), raw.repeat(400)).unwrap();
    let one = newslint(
        &["check", "--format", "json", "--threads", "1", "big.jsonl"],
        dir.path(),
    );
    let eight = newslint(
        &["check", "--format", "json", "--threads", "8", "big.jsonl"],
        dir.path(),
    );
    assert_eq!(one.stdout, eight.stdout);
    let per_copy = json(&newslint(
        &["check", "--format", "json", fixture().to_str().unwrap()],
        dir.path(),
    ))
    .len();
    assert!(per_copy > 0);
    // Every record is repeated 400 times, so its lines are also corpus boilerplate (A107), which a
    // single copy is not.
    let per_record = json(&one).iter().filter(|d| d["code"] != "A107").count();
    assert_eq!(per_record, 400 * per_copy);
}

#[test]
fn stdin_is_checked_under_its_given_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = newslint_stdin(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "feed.jsonl",
            "-",
        ],
        dir.path(),
        &std::fs::read(fixture()).unwrap(),
    );
    let diags = json(&out);
    assert!(!diags.is_empty());
    assert!(
        diags
            .iter()
            .all(|d| d["path"] == "feed.jsonl" && d["record"].is_u64())
    );
}

/// Three records of our own: one with a mojibake finding, one whose text sits in another field.
fn missing_field_corpus(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("mixed.jsonl");
    std::fs::write(
        &path,
        format!(
            "{{\"id\":\"a\",\"text\":\"{MOJIBAKE_SENTENCE}\"}}\n\
             {{\"id\":\"b\",\"body\":\"The ferry to Kesk runs twice a day.\"}}\n\
             {{\"id\":\"c\",\"text\":null}}\n"
        ),
    )
    .unwrap();
    path
}

#[test]
fn a_misspelt_text_field_fails_instead_of_passing_silently() {
    let dir = tempfile::tempdir().unwrap();
    let path = missing_field_corpus(dir.path());
    let p = path.to_str().unwrap();
    let out = newslint(
        &["check", "--format", "json", "--text-field", "txt", p],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // No finding: only the error record.
    let items = json(&out);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["kind"], "error");
    assert!(
        items[0]["message"]
            .as_str()
            .unwrap()
            .contains("no record has the text field `txt`")
    );
    let err = stderr(&out);
    assert!(err.contains("no record has the text field `txt`"), "{err}");
    assert!(err.contains("--text-field"), "{err}");
    // Two fields, one of them misspelt: the other is still checked, and the typo still fails.
    let out = newslint(
        &["check", "--format", "json", "--text-field", "text,titel", p],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("`titel`"));
    // The finding, then the error records (the typo, and the record with neither field).
    let kinds: Vec<Value> = json(&out).iter().map(|d| d["kind"].clone()).collect();
    assert_eq!(kinds, [Value::Null, "error".into(), "error".into()]);
}

#[test]
fn records_without_the_text_field_are_counted_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = missing_field_corpus(dir.path());
    let p = path.to_str().unwrap();
    let out = newslint(&["check", "--format", "json", p], dir.path());
    // The first record is still checked; the second has no `text` (a `null` one is present).
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let found = json(&out);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["record"], 1);
    // The records without a text field are an error record after the finding.
    assert_eq!(found[1]["kind"], "error");
    let err = stderr(&out);
    // (miette wraps the message: its parts are checked one by one)
    assert!(
        err.contains("1 of 3 records lack the text field `text`"),
        "{err}"
    );
    assert!(err.contains("(line 2)"), "{err}");
    // Opting out: the same run is a plain run with findings.
    let out = newslint(
        &["check", "--format", "json", "--allow-missing-field", p],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("lack"));
    // A field some records have is optional when another field holds their text.
    let out = newslint(
        &["check", "--format", "json", "--text-field", "text,body", p],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn fix_writes_a_compressed_file_compressed_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("w.jsonl");
    std::fs::copy(fixture(), &p).unwrap();
    let out = newslint(&["check", "--fix", "w.jsonl"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fixed_plain = std::fs::read(&p).unwrap();
    let raw = std::fs::read(fixture()).unwrap();
    assert_ne!(raw, fixed_plain, "the fixture has something to fix");
    write_compressed(dir.path(), &raw);
    for name in ["c.jsonl.gz", "c.jsonl.zst"] {
        let out = newslint(&["check", "--fix", name], dir.path());
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let written = std::fs::read(dir.path().join(name)).unwrap();
        let decoded = if name.ends_with(".gz") {
            assert_eq!(&written[..2], &[0x1f, 0x8b], "still gzip");
            let mut s = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&written[..]), &mut s)
                .unwrap();
            s
        } else {
            assert_eq!(&written[..4], &[0x28, 0xb5, 0x2f, 0xfd], "still zstd");
            zstd::decode_all(&written[..]).unwrap()
        };
        // The same records as the plain file fixed, and fixing again changes nothing.
        assert_eq!(decoded, fixed_plain, "{name}");
        let again = newslint(&["check", "--fix", name], dir.path());
        assert_eq!(again.status.code(), Some(0));
        let after = std::fs::read(dir.path().join(name)).unwrap();
        assert_eq!(after, written, "{name}: a second --fix rewrote the file");
    }
}

#[test]
fn fix_of_compressed_standard_input_prints_it_compressed_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("w.jsonl");
    std::fs::copy(fixture(), &p).unwrap();
    let out = newslint(&["check", "--fix", "w.jsonl"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fixed_plain = std::fs::read(&p).unwrap();
    let raw = std::fs::read(fixture()).unwrap();
    write_compressed(dir.path(), &raw);
    for name in ["c.jsonl.gz", "c.jsonl.zst"] {
        let input = std::fs::read(dir.path().join(name)).unwrap();
        let args = ["check", "--fix", "--stdin-filename", name, "-"];
        let out = common::newslint_stdin(&args, dir.path(), &input);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let decoded = if name.ends_with(".gz") {
            assert_eq!(&out.stdout[..2], &[0x1f, 0x8b], "{name}: gzip in, gzip out");
            let mut s = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&out.stdout[..]), &mut s)
                .unwrap();
            s
        } else {
            assert_eq!(
                &out.stdout[..4],
                &[0x28, 0xb5, 0x2f, 0xfd],
                "{name}: zstd in, zstd out"
            );
            zstd::decode_all(&out.stdout[..]).unwrap()
        };
        assert_eq!(decoded, fixed_plain, "{name}");
    }
}

#[test]
fn end_columns_count_the_escape_a_span_ends_in() {
    // A run of blank lines inside a record: the finding ends on a `\n` escape (two raw
    // characters), and its end column is the escape's last character.
    let dir = tempfile::tempdir().unwrap();
    let raw = "{\"id\":\"q\",\"text\":\"The port reopened on Monday.\\n\\n\\n\\n\\nThe ferry to Kesk runs twice a day.\\n\\n\\n\\n\\nTickets cost \\u00a35.\"}\n";
    std::fs::write(dir.path().join("e.jsonl"), raw).unwrap();
    let out = newslint(&["check", "--format", "json", "e.jsonl"], dir.path());
    let found = json(&out);
    assert!(!found.is_empty(), "{}", stderr(&out));
    let ends_in_escape = found.iter().any(|d| {
        let b = d["end_offset"].as_u64().unwrap() as usize;
        raw.as_bytes()[..b].ends_with(b"\\n")
    });
    assert!(ends_in_escape, "{found:?}");
    for d in &found {
        assert_lands_on_text(raw.as_bytes(), d);
    }
    // SARIF's region says the same in columns and in bytes.
    let out = newslint(&["check", "--format", "sarif", "e.jsonl"], dir.path());
    let sarif: Value = serde_json::from_str(&stdout(&out)).unwrap();
    for r in sarif["runs"][0]["results"].as_array().unwrap() {
        let reg = &r["locations"][0]["physicalLocation"]["region"];
        let (off, len) = (
            reg["byteOffset"].as_u64().unwrap() as usize,
            reg["byteLength"].as_u64().unwrap() as usize,
        );
        let line_start = raw[..off].rfind('\n').map_or(0, |i| i + 1);
        let col = |b: usize| raw[line_start..b].chars().count() + 1;
        assert_eq!(
            reg["startColumn"].as_u64().unwrap() as usize,
            col(off),
            "{reg}"
        );
        assert_eq!(
            reg["endColumn"].as_u64().unwrap() as usize,
            col(off + len),
            "{reg}"
        );
    }
}

#[test]
fn a_byte_order_mark_before_record_one_is_not_part_of_it_and_survives_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let body = "{\"id\": \"a\", \"text\": \"The caf\u{c3}\u{a9} on Harrow Lane opened.\"}\n\
                {\"id\": \"b\", \"text\": \"The caf\u{c3}\u{a9} on Tanner Row closed.\"}\n";
    let raw = [b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat();
    std::fs::write(dir.path().join("b.jsonl"), &raw).unwrap();
    let out = newslint(&["check", "--format", "json", "b.jsonl"], dir.path());
    let diags = json(&out);
    assert!(
        diags.iter().all(|d| d["kind"] != "error"),
        "record 1 parses: {diags:?}"
    );
    let first = diags
        .iter()
        .find(|d| d["record"] == 1)
        .unwrap_or_else(|| panic!("record 1 is checked: {diags:?}"));
    // The offset counts the mark's three bytes; the column counts characters after it.
    let at = 3 + body.find('\u{c3}').unwrap();
    assert_eq!(first["offset"].as_u64(), Some(at as u64), "{first}");
    let column = body[..body.find('\u{c3}').unwrap()].chars().count() + 1;
    assert_eq!(first["column"].as_u64(), Some(column as u64), "{first}");
    assert!(diags.iter().any(|d| d["record"] == 2));
    // A fix keeps the mark before record 1, and fixing again changes nothing.
    let out = newslint(&["check", "--fix", "b.jsonl"], dir.path());
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let fixed = std::fs::read(dir.path().join("b.jsonl")).unwrap();
    assert!(
        fixed.starts_with(b"\xEF\xBB\xBF{\"id\": \"a\""),
        "{fixed:?}"
    );
    assert!(String::from_utf8_lossy(&fixed).contains("café on Harrow"));
    newslint(&["check", "--fix", "b.jsonl"], dir.path());
    assert_eq!(std::fs::read(dir.path().join("b.jsonl")).unwrap(), fixed);
}
