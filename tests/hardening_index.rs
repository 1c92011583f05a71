//! A damaged or hostile names index (`check --names-index`) is bad input: a clear error that
//! names the index file (and the record, where there is one), exit 2, never a panic (issue 23,
//! defect 1). Each index here is a real one written by `newslint index`, then damaged in place
//! following the documented layout (`src/rules/names/index.rs`).

mod common;

use common::{newslint, stderr};
use std::path::Path;

/// Three invented articles: two spellings of one invented name, so `N103` has a variant group
/// for the checked file (`c.txt`) to meet in the index.
const ARTICLES: [(&str, &str); 3] = [
    (
        "a.txt",
        "Harbour talks resume\nDorvaleno Quintaberg met the ferry crews on Monday.\n",
    ),
    (
        "b.txt",
        "Ferry strike ends\nCrews cheered Dorvalino Quintaberg at the quay.\n\nDorvalino Quintaberg waved.\n",
    ),
    (
        "c.txt",
        "Tolls to rise\nDorvalino Quintaberg said the tolls would rise in spring.\n",
    ),
];

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Write a names index of `a.txt` and `b.txt` to `index.bin` in `dir`; its bytes.
fn good_index(dir: &Path) -> Vec<u8> {
    let out = newslint(
        &["index", "--isolated", "a.txt", "b.txt", "-o", "index.bin"],
        dir,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::read(dir.join("index.bin")).unwrap()
}

fn u16_at(b: &[u8], at: usize) -> usize {
    u16::from_le_bytes(b[at..at + 2].try_into().unwrap()) as usize
}
fn u32_at(b: &[u8], at: usize) -> usize {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) as usize
}
fn u64_at(b: &[u8], at: usize) -> usize {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap()) as usize
}

/// Where things are in a corpus index: the `N103` payload, its row table and its rows.
struct Layout {
    /// Offset of the `N103` payload in the file.
    payload: usize,
    /// Offset of the row table (`(group u64, offset u32)*`) in the file.
    table: usize,
    /// Offset of each row in the file, in table order.
    rows: Vec<usize>,
}

/// Find the `N103` payload of a corpus index (`magic | parts u32 | (code u16+bytes, len
/// u64, payload)*`) and the rows in it (`version u32 | gazetteer u64 | files | rows u32 | table |
/// rows`).
fn layout(b: &[u8]) -> Layout {
    let magic = b"newslint corpus index\n";
    assert!(b.starts_with(magic));
    let mut at = magic.len();
    let parts = u32_at(b, at);
    at += 4;
    for _ in 0..parts {
        let n = u16_at(b, at);
        let code = &b[at + 2..at + 2 + n];
        at += 2 + n;
        let len = u64_at(b, at);
        at += 8;
        if code == b"N103" {
            let payload = at;
            let mut p = payload + 4 + 8;
            let files = u32_at(b, p);
            p += 4;
            for _ in 0..files {
                p += 4 + u32_at(b, p);
            }
            let n_rows = u32_at(b, p);
            p += 4;
            let table = p;
            let data = table + n_rows * 12;
            let rows = (0..n_rows)
                .map(|i| data + u32_at(b, table + i * 12 + 8))
                .collect();
            return Layout {
                payload,
                table,
                rows,
            };
        }
        at += len;
    }
    panic!("no N103 part in the index");
}

// A row: strict u64 | entry i32 | mentions u64 | articles u64 | spelling u16+bytes | per-file.
const ENTRY: usize = 8;
const MENTIONS: usize = 12;
const ARTICLES_COUNT: usize = 20;
const SPELLING: usize = 28;

/// Check `c.txt` against `index` (written in `dir`); assert the damaged index is an error that
/// names the file, with exit 2 and no panic. The error message.
fn assert_rejected(dir: &Path, index: &[u8], what: &str) -> String {
    std::fs::write(dir.join("damaged.bin"), index).unwrap();
    let out = newslint(
        &[
            "check",
            "c.txt",
            "--isolated",
            "--names-index",
            "damaged.bin",
        ],
        dir,
    );
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{what}: {err}");
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(err.contains("damaged.bin"), "{what}: {err}");
    err
}

#[test]
fn the_undamaged_index_works() {
    // The baseline the damage is measured against: `c.txt` is judged against the index.
    let dir = corpus();
    good_index(dir.path());
    let out = newslint(
        &[
            "check",
            "c.txt",
            "--isolated",
            "--select",
            "N103",
            "--names-index",
            "index.bin",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let l = layout(&std::fs::read(dir.path().join("index.bin")).unwrap());
    assert_eq!(l.rows.len(), 2, "one row per spelling");
}

#[test]
fn an_out_of_range_gazetteer_entry_is_an_error_naming_the_record() {
    let dir = corpus();
    let mut b = good_index(dir.path());
    let l = layout(&b);
    for &r in &l.rows {
        b[r + ENTRY..r + ENTRY + 4].copy_from_slice(&0x7fff_fff0i32.to_le_bytes());
    }
    let err = assert_rejected(dir.path(), &b, "entry out of range");
    assert!(err.contains("record"), "{err}");
    assert!(err.contains("Quintaberg"), "the record's spelling: {err}");
    assert!(err.contains("gazetteer"), "{err}");
}

#[test]
fn a_huge_count_is_an_error_not_an_overflow() {
    let dir = corpus();
    let mut b = good_index(dir.path());
    let l = layout(&b);
    for &r in &l.rows {
        b[r + MENTIONS..r + MENTIONS + 8].copy_from_slice(&u64::MAX.to_le_bytes());
    }
    let err = assert_rejected(dir.path(), &b, "huge mentions");
    assert!(
        err.contains("record") && err.contains("Quintaberg"),
        "{err}"
    );

    let mut b = good_index(dir.path());
    for &r in &l.rows {
        b[r + ARTICLES_COUNT..r + ARTICLES_COUNT + 8].copy_from_slice(&u64::MAX.to_le_bytes());
    }
    let err = assert_rejected(dir.path(), &b, "huge articles");
    assert!(err.contains("record"), "{err}");
}

#[test]
fn truncated_indexes_are_errors() {
    let dir = corpus();
    let b = good_index(dir.path());
    let l = layout(&b);
    // Inside the outer header, the payload's header, the row table, and each row.
    let mut cuts = vec![10, l.payload + 2, l.payload + 14, l.table + 5];
    cuts.extend(l.rows.iter().map(|r| r + SPELLING + 1));
    cuts.push(b.len() - 1);
    for cut in cuts {
        assert_rejected(dir.path(), &b[..cut], &format!("cut at {cut}"));
    }
}

#[test]
fn garbage_in_the_rows_is_an_error() {
    let dir = corpus();
    let good = good_index(dir.path());
    let l = layout(&good);
    let last = *l.rows.iter().max().unwrap();
    // Every row offset in the table pointing past the end.
    let mut b = good.clone();
    for i in 0..l.rows.len() {
        let t = l.table + i * 12 + 8;
        b[t..t + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    }
    let err = assert_rejected(dir.path(), &b, "row offsets");
    assert!(err.contains("record"), "{err}");
    // The rows overwritten with 0xff bytes: a spelling longer than the file, a huge per-file list.
    let mut b = good.clone();
    let first = *l.rows.iter().min().unwrap();
    b[first..].fill(0xff);
    assert_rejected(dir.path(), &b, "0xff rows");
    // A spelling that is not UTF-8.
    let mut b = good.clone();
    b[last + SPELLING + 2] = 0xc3;
    b[last + SPELLING + 3] = 0x28;
    assert_rejected(dir.path(), &b, "bad UTF-8");
    // A payload length larger than the file.
    let mut b = good.clone();
    b[l.payload - 8..l.payload].copy_from_slice(&u64::MAX.to_le_bytes());
    assert_rejected(dir.path(), &b, "payload length");
    // Pseudo-random bytes (a fixed xorshift, so failures repeat) after the magic line.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut b = good.clone();
    for byte in &mut b[30..] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *byte = x as u8;
    }
    assert_rejected(dir.path(), &b, "random bytes");
}
