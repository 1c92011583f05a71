//! The CI gate's memory: known findings, so that only new ones fail a build.
//!
//! An entry is keyed by file, rule code and the finding's [fingerprint](crate::report::fingerprint)
//! (the flagged text and its context, not its line), plus the JSONL record id when there is one,
//! and counts how many such findings the file had. Editing another part of a file changes no key,
//! so the baseline survives it; fixing a known finding leaves its entry unused (stale), so the
//! baseline can shrink.
//!
//! Paths are stored relative to the directory of the baseline file (version 2), so a check run
//! from another directory, or with the tree named another way (`corpus/a.txt`, `./corpus/a.txt`,
//! an absolute path), finds the same entries. Version 1 files (paths as given, relative to where
//! `newslint baseline` ran) are still read, relative to the working directory.

use crate::engine::lexical_absolute;
use crate::report::Located;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

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

/// The version of the baseline format this newslint writes (paths relative to the file).
pub const VERSION: u32 = 2;
/// The older version it still reads (paths relative to the working directory).
const VERSION_CWD: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// `path` (relative to the working directory, or absolute) relative to directory `root`, with
/// `/` separators and `..` for the part outside it. Standard input (`-`) stays `-`.
pub fn relative_to(path: &str, root: &Path) -> String {
    if path == "-" {
        return path.to_string();
    }
    let (p, r) = (lexical_absolute(Path::new(path)), lexical_absolute(root));
    let (pc, rc): (Vec<_>, Vec<_>) = (p.components().collect(), r.components().collect());
    let common = pc.iter().zip(&rc).take_while(|(a, b)| a == b).count();
    if common == 0 {
        // Another drive or root: nothing to be relative to.
        return normalise_path(&p.to_string_lossy());
    }
    let mut parts: Vec<String> = vec!["..".to_string(); rc.len() - common];
    parts.extend(
        pc[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
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
    /// A baseline of these findings (any order) for a baseline file in directory `root`
    /// (paths relative to it), entries sorted.
    pub fn from_findings(all: &[Located], root: &Path) -> Self {
        let mut counts: BTreeMap<(String, Key), (usize, String)> = BTreeMap::new();
        let mut rel: HashMap<&str, String> = HashMap::new();
        for l in all {
            let path = rel
                .entry(l.path.as_str())
                .or_insert_with(|| relative_to(&l.path, root))
                .clone();
            let e = counts.entry((path, key(l))).or_insert((0, l.text.clone()));
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
        if b.version != VERSION && b.version != VERSION_CWD {
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

    /// Entries grouped by file, for checking files independently (in parallel); `root` is the
    /// directory of the baseline file.
    pub fn index(&self, root: &Path) -> BaselineIndex {
        let mut by_path: HashMap<String, Vec<Entry>> = HashMap::new();
        for e in &self.entries {
            by_path
                .entry(normalise_path(&e.path))
                .or_default()
                .push(e.clone());
        }
        let root = if self.version == VERSION_CWD {
            PathBuf::from(".")
        } else {
            root.to_path_buf()
        };
        BaselineIndex { by_path, root }
    }
}

/// A baseline's entries by file.
#[derive(Debug, Default)]
pub struct BaselineIndex {
    by_path: HashMap<String, Vec<Entry>>,
    /// What entry paths are relative to.
    root: PathBuf,
}

impl BaselineIndex {
    /// The known findings of one file, to admit that file's findings against.
    pub fn file(&self, path: &str) -> FileBaseline {
        let mut remaining: HashMap<Key, (usize, Entry)> = HashMap::new();
        for e in self
            .by_path
            .get(&relative_to(path, &self.root))
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
            context: None,
        }
    }

    #[test]
    fn known_findings_pass_new_ones_fail_and_unused_ones_are_stale() {
        let old = vec![
            loc("./a.txt", "A204", "f1", "Share"),
            loc("a.txt", "A204", "f1", "Share"),
            loc("a.txt", "A203", "f2", "Related"),
        ];
        let b = Baseline::from_findings(&old, Path::new("."));
        assert_eq!(b.entries.len(), 2);
        assert_eq!(b.entries.iter().map(|e| e.count).sum::<usize>(), 3);
        let b = Baseline::from_json(&b.to_json()).unwrap();
        let idx = b.index(Path::new("."));
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

    #[test]
    fn paths_are_relative_to_the_baseline_directory() {
        assert_eq!(relative_to("corpus/a.txt", Path::new("corpus")), "a.txt");
        assert_eq!(
            relative_to("./corpus/./a.txt", Path::new("corpus/")),
            "a.txt"
        );
        assert_eq!(relative_to("a.txt", Path::new("corpus")), "../a.txt");
        assert_eq!(
            relative_to("corpus/x/../a.txt", Path::new(".")),
            "corpus/a.txt"
        );
        let abs = std::path::absolute("corpus/a.txt").unwrap();
        assert_eq!(
            relative_to(&abs.to_string_lossy(), Path::new("corpus")),
            "a.txt"
        );
        assert_eq!(relative_to("-", Path::new("corpus")), "-");
        // Written in `corpus/` from the root, read from `corpus/` itself.
        let b = Baseline::from_findings(
            &[loc("corpus/a.txt", "A204", "f1", "Share")],
            Path::new("corpus"),
        );
        assert_eq!(b.entries[0].path, "a.txt");
        let idx = b.index(Path::new("corpus"));
        assert!(
            !idx.file("./corpus/a.txt")
                .admit(&loc("x", "A204", "f1", "Share"))
        );
    }
}
