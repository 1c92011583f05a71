//! `--statistics`: how many findings each rule and each family produced, and where most of them
//! are, as plain aligned text.
//!
//! ```text
//! 4 findings in 3 files
//!
//! By rule:
//!   count  code  name
//!       2  A101  glued-toggle-label
//!       1  E101  undecodable-bytes
//!
//! By family:
//!   count  family
//!       2  artifact
//!
//! Top 2 files:
//!   count  file
//!       2  corpus/a.txt
//!       1  corpus/b.jsonl#3
//! ```

use super::Located;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Sorts `(key, count)` pairs by count, highest first, then by key.
fn by_count<K: Ord>(m: BTreeMap<K, usize>) -> Vec<(K, usize)> {
    let mut v: Vec<(K, usize)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The counts `--statistics` shows.
struct Counts<'a> {
    total: usize,
    files: usize,
    /// `((code, name, family), count, fixable)`, by count, then code.
    rules: Vec<((&'a str, &'a str, &'a str), usize, usize)>,
    families: Vec<(&'a str, usize)>,
    /// Files (a JSONL record as `path#record`), by count, then name.
    places: Vec<(String, usize)>,
}

fn count(all: &[Located]) -> Counts<'_> {
    let mut rules: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    let mut fixable: BTreeMap<&str, usize> = BTreeMap::new();
    let mut families: BTreeMap<&str, usize> = BTreeMap::new();
    let mut places: BTreeMap<String, usize> = BTreeMap::new();
    let mut paths = BTreeSet::new();
    for l in all {
        *rules.entry((&l.code, &l.name, &l.family)).or_default() += 1;
        if l.fix.is_some() {
            *fixable.entry(&l.code).or_default() += 1;
        }
        *families.entry(&l.family).or_default() += 1;
        let place = match l.record {
            Some(r) => format!("{}#{r}", l.path),
            None => l.path.clone(),
        };
        *places.entry(place).or_default() += 1;
        paths.insert(l.path.as_str());
    }
    Counts {
        total: all.len(),
        files: paths.len(),
        rules: by_count(rules)
            .into_iter()
            .map(|(k, n)| (k, n, fixable.get(k.0).copied().unwrap_or(0)))
            .collect(),
        families: by_count(families),
        places: by_count(places),
    }
}

/// `--statistics --format json`: the same counts as one JSON object.
///
/// `{"findings": 4, "files": 3, "rules": [{"code", "name", "family", "count", "fixable"}],
/// "families": [{"family", "count"}], "top_files": [{"file", "count"}]}`, each list by count,
/// highest first.
pub fn render_statistics_json(all: &[Located], top: usize) -> String {
    let c = count(all);
    let value = serde_json::json!({
        "findings": c.total,
        "files": c.files,
        "rules": c.rules.iter().map(|((code, name, family), n, fixable)| serde_json::json!({
            "code": code, "name": name, "family": family, "count": n, "fixable": fixable,
        })).collect::<Vec<_>>(),
        "families": c.families.iter().map(|(f, n)| serde_json::json!({"family": f, "count": n}))
            .collect::<Vec<_>>(),
        "top_files": c.places.iter().take(top).map(|(p, n)| serde_json::json!({"file": p, "count": n}))
            .collect::<Vec<_>>(),
    });
    let mut out = serde_json::to_string_pretty(&value).expect("JSON serialises");
    out.push('\n');
    out
}

/// Counts per rule (by count, then code), per family (by count, then name) and the `top` files with
/// the most findings (a JSONL record counts as `path#record`); `top == 0` leaves the files out.
pub fn render_statistics(all: &[Located], top: usize) -> String {
    if all.is_empty() {
        return "No findings.\n".to_string();
    }
    let Counts {
        rules,
        families,
        places,
        files,
        ..
    } = count(all);
    // Every count is at most the total, so its width fits them all.
    let cw = all.len().to_string().len().max("count".len());
    let codew = rules
        .iter()
        .map(|((c, _, _), _, _)| c.chars().count())
        .max()
        .unwrap_or(0)
        .max("code".len());

    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} in {}",
        plural(all.len(), "finding", "findings"),
        plural(files, "file", "files")
    );

    let _ = writeln!(
        out,
        "\nBy rule:\n  {:>cw$}  {:<codew$}  name",
        "count", "code"
    );
    for ((code, name, _), n, _) in &rules {
        let _ = writeln!(out, "  {n:>cw$}  {code:<codew$}  {name}");
    }

    let _ = writeln!(out, "\nBy family:\n  {:>cw$}  family", "count");
    for (family, n) in &families {
        let _ = writeln!(out, "  {n:>cw$}  {family}");
    }

    if top > 0 {
        let shown = &places[..top.min(places.len())];
        let _ = writeln!(
            out,
            "\nTop {}:\n  {:>cw$}  file",
            plural(shown.len(), "file", "files"),
            "count"
        );
        for (place, n) in shown {
            let _ = writeln!(out, "  {n:>cw$}  {place}");
        }
    }
    // Trailing spaces never appear: every line ends in a left-aligned name.
    out
}

#[cfg(test)]
mod tests {
    use super::super::concise::fixtures;
    use super::*;

    #[test]
    fn counts_sorted_and_aligned() {
        let out = render_statistics(&fixtures::samples(), 10);
        assert_eq!(
            out,
            "\
4 findings in 3 files

By rule:
  count  code  name
      2  A101  glued-toggle-label
      1  E101  undecodable-bytes
      1  E102  legacy-encoding

By family:
  count  family
      2  artifact
      2  encoding

Top 3 files:
  count  file
      2  corpus/a.txt
      1  corpus/b.jsonl#3
      1  corpus/c.txt
"
        );
    }

    #[test]
    fn top_limits_files_and_wide_counts_align() {
        let mut all = Vec::new();
        for _ in 0..120 {
            all.extend(fixtures::samples());
        }
        let out = render_statistics(&all, 1);
        assert!(out.starts_with("480 findings in 3 files\n"));
        assert!(out.contains("\nTop 1 file:\n  count  file\n    240  corpus/a.txt\n"));
        assert!(!out.contains("corpus/c.txt"));
        assert!(out.contains("\n    240  A101  glued-toggle-label\n"));
        let out = render_statistics(&all, 0);
        assert!(!out.contains("Top"));
        for line in out.lines() {
            assert_eq!(line, line.trim_end());
        }
        assert_eq!(render_statistics(&[], 5), "No findings.\n");
    }

    #[test]
    fn json_has_the_same_counts() {
        let v: serde_json::Value =
            serde_json::from_str(&render_statistics_json(&fixtures::samples(), 2)).unwrap();
        assert_eq!(v["findings"], 4);
        assert_eq!(v["files"], 3);
        assert_eq!(v["rules"][0]["code"], "A101");
        assert_eq!(v["rules"][0]["count"], 2);
        assert_eq!(v["rules"].as_array().unwrap().len(), 3);
        assert_eq!(v["families"][1]["family"], "encoding");
        assert_eq!(v["top_files"].as_array().unwrap().len(), 2);
        assert_eq!(v["top_files"][0]["file"], "corpus/a.txt");
        let empty: serde_json::Value =
            serde_json::from_str(&render_statistics_json(&[], 2)).unwrap();
        assert_eq!(empty["findings"], 0);
        assert_eq!(empty["rules"].as_array().unwrap().len(), 0);
    }
}
