//! The CI gate's memory: known findings, so that only new ones fail a build.
//!
//! An entry is keyed by file, rule code and the finding's [fingerprint](crate::report::fingerprint)
//! (the flagged text and its context, not its line), plus the JSONL record id when there is one,
//! and counts how many such findings the file had. Editing another part of a file changes no key,
//! so the baseline survives it; fixing a known finding leaves its entry unused (stale), so the
//! baseline can shrink.

use crate::report::Located;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The default file name, at the root of the checked tree.
pub const BASELINE_FILE: &str = ".newslint-baseline.json";

/// One known finding (or several identical ones: `count`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub code: String,
    pub fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub count: usize,
    /// The flagged text, for people reading the file; not part of the key.
    #[serde(default)]
    pub text: String,
}

/// The version of the baseline format this newslint writes and reads.
pub const VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// Paths are compared as written, with `./` and backslashes normalised.
pub fn normalise_path(p: &str) -> String {
    let p = p.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

type Key = (String, String, Option<String>); // code, fingerprint, id

fn key(l: &Located) -> Key {
    (l.code.clone(), l.fingerprint.clone(), l.id.clone())
}

impl Baseline {
    /// A baseline of these findings (any order), entries sorted.
    pub fn from_findings(all: &[Located]) -> Self {
        let mut counts: BTreeMap<(String, Key), (usize, String)> = BTreeMap::new();
        for l in all {
            let e = counts
                .entry((normalise_path(&l.path), key(l)))
                .or_insert((0, l.text.clone()));
            e.0 += 1;
        }
        Self {
            version: VERSION,
            entries: counts
                .into_iter()
                .map(|((path, (code, fingerprint, id)), (count, text))| Entry {
                    path,
                    code,
                    fingerprint,
                    id,
                    count,
                    text,
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("serialisable") + "\n"
    }

    pub fn from_json(s: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(s)
    }

    /// Read a baseline file's text: a JSON baseline of a version this newslint knows.
    pub fn parse(s: &str) -> Result<Self, String> {
        let b = Self::from_json(s).map_err(|e| format!("not a newslint baseline: {e}"))?;
        if b.version != VERSION {
            return Err(format!(
                "baseline version {} is not one this newslint reads (it reads and writes version \
                 {VERSION}); write the baseline again with `newslint baseline`",
                b.version
            ));
        }
        Ok(b)
    }

    /// When the baseline's record ids and this run's `--id-field` disagree, what to tell the
    /// user: every finding in a JSONL record would then look new (or never match).
    pub fn id_field_mismatch(&self, run_has_id_field: bool) -> Option<&'static str> {
        let with_ids = self.entries.iter().any(|e| e.id.is_some());
        let jsonl = self.entries.iter().any(|e| {
            let p = e.path.to_ascii_lowercase();
            [".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson"]
                .iter()
                .any(|x| p.ends_with(x))
        });
        if with_ids && !run_has_id_field {
            Some(
                "the baseline was written with --id-field (its entries carry record ids) and this \
                 run has none: its JSONL findings will all look new; pass the same --id-field",
            )
        } else if run_has_id_field && jsonl && !with_ids {
            Some(
                "the baseline was written without --id-field (its entries carry no record ids) and \
                 this run has one: its JSONL findings will all look new; drop --id-field or write \
                 the baseline again with it",
            )
        } else {
            None
        }
    }

    /// Entries grouped by file, for checking files independently (in parallel).
    pub fn index(&self) -> BaselineIndex {
        let mut by_path: HashMap<String, Vec<Entry>> = HashMap::new();
        for e in &self.entries {
            by_path.entry(e.path.clone()).or_default().push(e.clone());
        }
        BaselineIndex { by_path }
    }
}

/// A baseline's entries by file.
#[derive(Debug, Default)]
pub struct BaselineIndex {
    by_path: HashMap<String, Vec<Entry>>,
}

impl BaselineIndex {
    /// The known findings of one file, to admit that file's findings against.
    pub fn file(&self, path: &str) -> FileBaseline {
        let mut remaining: HashMap<Key, (usize, Entry)> = HashMap::new();
        for e in self
            .by_path
            .get(&normalise_path(path))
            .into_iter()
            .flatten()
        {
            let k = (e.code.clone(), e.fingerprint.clone(), e.id.clone());
            remaining.entry(k).or_insert((0, e.clone())).0 += e.count;
        }
        FileBaseline { remaining }
    }
}

/// One file's known findings, consumed as its findings are admitted.
#[derive(Debug, Default)]
pub struct FileBaseline {
    remaining: HashMap<Key, (usize, Entry)>,
}

impl FileBaseline {
    /// True when `l` is new (not covered by a remaining known finding); a known one is consumed.
    pub fn admit(&mut self, l: &Located) -> bool {
        match self.remaining.get_mut(&key(l)) {
            Some((n, _)) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        }
    }

    /// Known findings that did not occur: the baseline can shrink by these.
    pub fn stale(self) -> Vec<Entry> {
        let mut v: Vec<Entry> = self
            .remaining
            .into_values()
            .filter(|(n, _)| *n > 0)
            .map(|(n, mut e)| {
                e.count = n;
                e
            })
            .collect();
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(path: &str, code: &str, fp: &str, text: &str) -> Located {
        Located {
            path: path.into(),
            record: None,
            field: None,
            code: code.into(),
            name: "n".into(),
            family: "artifact".into(),
            severity: "warning".into(),
            message: "m".into(),
            start: 0,
            end: 1,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            offset: 0,
            end_offset: 1,
            text: text.into(),
            help: None,
            fix: None,
            id: None,
            fingerprint: fp.into(),
            file_fix: None,
        }
    }

    #[test]
    fn known_findings_pass_new_ones_fail_and_unused_ones_are_stale() {
        let old = vec![
            loc("./a.txt", "A204", "f1", "Share"),
            loc("a.txt", "A204", "f1", "Share"),
            loc("a.txt", "A203", "f2", "Related"),
        ];
        let b = Baseline::from_findings(&old);
        assert_eq!(b.entries.len(), 2);
        assert_eq!(b.entries.iter().map(|e| e.count).sum::<usize>(), 3);
        let b = Baseline::from_json(&b.to_json()).unwrap();
        let idx = b.index();
        let mut f = idx.file("a.txt");
        // One `Share` remains, one new `Print` appears, `Related` was fixed.
        assert!(!f.admit(&loc("a.txt", "A204", "f1", "Share")));
        assert!(f.admit(&loc("a.txt", "A204", "f9", "Print")));
        let stale = f.stale();
        assert_eq!(stale.len(), 2);
        assert_eq!((stale[0].code.as_str(), stale[0].count), ("A203", 1));
        assert_eq!((stale[1].code.as_str(), stale[1].count), ("A204", 1));
        // Another file's entries do not cover this one.
        assert!(
            idx.file("b.txt")
                .admit(&loc("b.txt", "A204", "f1", "Share"))
        );
    }
}
