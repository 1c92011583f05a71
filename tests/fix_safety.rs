//! `--fix` never loses data, even when killed: every file is its original or its fixed version,
//! no temporary file survives the next run; symlinks are written through, hard links refused;
//! and JSONL escapes outside a fixed span are kept byte for byte.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A small deterministic generator (the trials are reproducible).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// A corpus of our own sentences with safe fixes in every file: text files in two directories,
/// a JSONL file and a gzip JSONL file.
fn write_corpus(dir: &Path) {
    let para = |i: usize| {
        format!(
            "Report {i}: the caf\u{c3}\u{a9} on Orrin Street reopened after the flood, the \
             council said on Monday.\n\nVolunteers from the Tanner Row club cleared the cellar.\n"
        )
    };
    for d in ["a", "b"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
        for i in 0..120 {
            let text: String = (0..60).map(|k| para(i * 100 + k)).collect();
            std::fs::write(dir.join(d).join(format!("{i:03}.txt")), text).unwrap();
        }
    }
    let records: String = (0..6000)
        .map(|i| {
            format!(
                "{{\"id\": {i}, \"text\": \"Item {i}: the caf\\u00c3\\u00a9 at Harrow Lane \\/ \
                 Quay Street\\n\\nreopened.\", \"note\": \"\\ud800 kept\"}}\n"
            )
        })
        .collect();
    std::fs::write(dir.join("records.jsonl"), &records).unwrap();
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(records.as_bytes()).unwrap();
    std::fs::write(dir.join("records.jsonl.gz"), gz.finish().unwrap()).unwrap();
}

/// Every file under `dir`, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn copy_tree(from: &BTreeMap<PathBuf, Vec<u8>>, to: &Path) {
    for (p, bytes) in from {
        let p = to.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

fn is_temp(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains(".newslint-") && n.ends_with(".tmp"))
}

#[test]
fn killed_fix_runs_leave_every_file_old_or_new_and_the_next_run_cleans_up() {
    let work = tempfile::tempdir().unwrap();
    let original_dir = work.path().join("original");
    write_corpus(&original_dir);
    let original = snapshot(&original_dir);
    // The fixed version of every file, from a run that was not killed.
    let fixed_dir = work.path().join("fixed");
    copy_tree(&original, &fixed_dir);
    let started = std::time::Instant::now();
    let out = newslint(&["check", "--fix", "--threads", "2", "."], &fixed_dir);
    let full = started.elapsed();
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let fixed = snapshot(&fixed_dir);
    let changed = original.iter().filter(|(p, b)| fixed[*p] != **b).count();
    assert_eq!(changed, original.len(), "every file has something to fix");
    let mut rng = Lcg(0x5eed);
    let mut interrupted = 0;
    for trial in 0..20 {
        let dir = work.path().join(format!("trial-{trial}"));
        copy_tree(&original, &dir);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newslint"))
            .args(["check", "--fix", "--threads", "2", "--quiet", "."])
            .current_dir(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere from the start to a little past a whole run.
        let span = full.as_micros() as u64 * 11 / 10 + 1;
        std::thread::sleep(std::time::Duration::from_micros(rng.next() % span));
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let after = snapshot(&dir);
        for (p, bytes) in &after {
            if is_temp(p) {
                continue;
            }
            assert!(
                original.get(p) == Some(bytes) || fixed.get(p) == Some(bytes),
                "trial {trial}: {} is neither its original nor its fixed version",
                p.display()
            );
        }
        for p in original.keys() {
            assert!(after.contains_key(p), "trial {trial}: {} lost", p.display());
        }
        // The next run finishes the fixes and removes what the killed one left behind.
        let out = newslint(&["check", "--fix", "--threads", "2", "."], &dir);
        assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
        let again = snapshot(&dir);
        let temps: Vec<_> = again.keys().filter(|p| is_temp(p)).collect();
        assert!(temps.is_empty(), "trial {trial}: left behind {temps:?}");
        assert_eq!(
            again, fixed,
            "trial {trial}: the follow-up run gives the fixed corpus"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
    assert!(
        interrupted >= 10,
        "most trials kill a running fix ({interrupted} of 20 did)"
    );
}

#[test]
fn a_symlink_is_fixed_through_to_its_target_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("store")).unwrap();
    let text = format!("{MOJIBAKE_SENTENCE}\n");
    let record = "{\"text\": \"The caf\\u00c3\\u00a9 opened.\"}\n";
    std::fs::write(dir.path().join("store/a.txt"), &text).unwrap();
    std::fs::write(dir.path().join("store/r.jsonl"), record).unwrap();
    std::os::unix::fs::symlink("store/a.txt", dir.path().join("a.txt")).unwrap();
    std::os::unix::fs::symlink("store/r.jsonl", dir.path().join("r.jsonl")).unwrap();
    let out = newslint(&["check", "--fix", "a.txt", "r.jsonl"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for (link, target) in [("a.txt", "store/a.txt"), ("r.jsonl", "store/r.jsonl")] {
        let meta = std::fs::symlink_metadata(dir.path().join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is still a link");
        let fixed = std::fs::read_to_string(dir.path().join(target)).unwrap();
        let fixed = fixed.replace("\\u00e9", "\u{e9}");
        assert!(fixed.contains("caf\u{e9} "), "{target} fixed: {fixed}");
    }
    let store: Vec<_> = std::fs::read_dir(dir.path().join("store"))
        .unwrap()
        .collect();
    assert_eq!(store.len(), 2, "no temporary file beside the targets");
}

#[test]
fn a_file_with_other_hard_links_is_reported_not_split() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{MOJIBAKE_SENTENCE}\n");
    let record = "{\"text\": \"The caf\\u00c3\\u00a9 opened.\"}\n";
    std::fs::write(dir.path().join("a.txt"), &text).unwrap();
    std::fs::write(dir.path().join("r.jsonl"), record).unwrap();
    std::fs::hard_link(dir.path().join("a.txt"), dir.path().join("a2.txt")).unwrap();
    std::fs::hard_link(dir.path().join("r.jsonl"), dir.path().join("r2.jsonl")).unwrap();
    let out = newslint(&["check", "--fix", "a.txt", "r.jsonl"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("hard") && err.contains("links"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        text
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.jsonl")).unwrap(),
        record
    );
}

#[test]
fn a_jsonl_fix_keeps_every_escape_outside_the_fixed_span() {
    let dir = tempfile::tempdir().unwrap();
    // A lone surrogate, an escaped solidus and a \u escape of a plain letter around a mojibake
    // word: only the word's bytes change.
    let before = "{\"text\": \"Lone \\ud800 mark, Quay \\/ Row, \\u0041 letter; the caf\\u00c3\\u00a9 \
                  opened; \\udc00 end.\"}\n";
    std::fs::write(dir.path().join("e.jsonl"), before).unwrap();
    let out = newslint(&["check", "--fix", "e.jsonl"], dir.path());
    // The lone surrogates remain findings (lost characters); nothing is an error.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let after = std::fs::read_to_string(dir.path().join("e.jsonl")).unwrap();
    let expected = before.replace("caf\\u00c3\\u00a9", "caf\\u00e9");
    assert_eq!(after, expected);
}
