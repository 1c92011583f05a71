//! Corpus boilerplate (A107) over a generated corpus of three invented outlets, as directories of
//! text files and as JSON Lines: every footer and teaser occurrence is found, no article line is,
//! whatever the thread count; the source comes from `--source-field`, a `url` host or the
//! directory; the options reach the rule.

mod common;

use common::*;
use serde_json::{Value, json};
use std::path::Path;

/// An invented outlet: its directory (and `site`), its footer and its injected teaser.
struct Outlet {
    dir: &'static str,
    site: &'static str,
    host: &'static str,
    footer: &'static str,
    teaser: &'static str,
}

const OUTLETS: &[Outlet] = &[
    Outlet {
        dir: "harbour-ledger",
        site: "Harbour Ledger",
        host: "harbour-ledger.test",
        footer: "© 2031 Harbour Ledger Media. All rights reserved.",
        teaser: "Sign up for the Harbour Ledger morning briefing to get the headlines first.",
    },
    Outlet {
        dir: "fenwick-gazette",
        site: "Fenwick Gazette",
        host: "fenwick-gazette.test",
        footer: "The Fenwick Gazette is published by Fenwick Print Cooperative Ltd.",
        teaser: "Listen to the Fenwick Gazette podcast wherever you get your shows.",
    },
    Outlet {
        dir: "calder-tribune",
        site: "Calder Tribune",
        host: "calder-tribune.test",
        footer: "Got a story tip? Write to the Calder Tribune newsdesk any time.",
        teaser: "Read the full Calder Tribune guide to the spring elections here.",
    },
];

/// Documents per outlet; the teaser is in every second one (6 of 12: at least 5 and 20%).
const DOCS: usize = 12;

const SUBJECTS: &[&str] = &[
    "orchard", "ferry", "quarry", "library", "bakery", "tannery", "granary", "boatyard", "chapel",
    "foundry", "vineyard", "brewery",
];
const TOPICS: &[&str] = &["budget", "roof", "lease", "timetable", "harvest"];

/// A line of article text that repeats by chance: in 3 documents of each outlet, fewer than
/// `min-documents`.
const CHANCE: &str =
    "The regional weather office expects a dry and mild weekend across the valleys.";

/// Article `i` of outlet `o`: lines of its own, the outlet's footer (its year changing), the
/// teaser in every second article, the chance line in three. Article 3 is flattened: one long
/// line whose sentences hold the teaser.
fn article(o: &Outlet, i: usize) -> String {
    let s = SUBJECTS[i];
    let mut lines: Vec<String> = TOPICS
        .iter()
        .map(|t| {
            format!(
                "Members of the {s} board argued about the {t} at the {} meeting.",
                o.site
            )
        })
        .collect();
    lines.insert(
        0,
        format!("The {s} of {} reopens after a long winter", o.site),
    );
    if i % 4 == 1 {
        lines.insert(2, CHANCE.to_string());
    }
    if i % 2 == 1 {
        // A case variant with other punctuation is the same unit.
        let teaser = if i == 5 {
            format!("{}!!", o.teaser.to_uppercase().trim_end_matches('.'))
        } else {
            o.teaser.to_string()
        };
        lines.insert(3, teaser);
    }
    if i == 3 {
        let flat = lines.join(" ");
        assert!(flat.len() > 400);
        lines = vec![flat];
    }
    let footer = o.footer.replace("2031", &format!("{}", 2030 + i));
    lines.push(String::new());
    lines.push(footer);
    lines.join("\n") + "\n"
}

/// What A107 must find in outlet `o`'s article `i`: the normalised text of every occurrence.
fn expected(o: &Outlet, i: usize) -> Vec<String> {
    let mut v = vec![norm(o.footer)];
    if i % 2 == 1 {
        v.push(norm(o.teaser));
    }
    v
}

/// Case and digits folded, surrounding punctuation trimmed: enough to compare with the teaser and
/// footer variants.
fn norm(s: &str) -> String {
    let s: String = s
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect();
    s.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

fn write_dirs(root: &Path) {
    for o in OUTLETS {
        std::fs::create_dir_all(root.join(o.dir)).unwrap();
        for i in 0..DOCS {
            std::fs::write(root.join(o.dir).join(format!("{i:02}.txt")), article(o, i)).unwrap();
        }
    }
}

/// One JSONL file of every outlet's articles, with `site` (and, with `url`, a `url`) field.
fn write_jsonl(path: &Path, url: bool) {
    let mut out = String::new();
    for i in 0..DOCS {
        for o in OUTLETS {
            let mut rec =
                json!({"id": format!("{}/{i:02}", o.dir), "site": o.site, "text": article(o, i)});
            if url {
                rec["url"] = json!(format!("https://www.{}/news/{i}?ref=home", o.host));
            }
            out.push_str(&rec.to_string());
            out.push('\n');
        }
    }
    std::fs::write(path, out).unwrap();
}

fn boilerplate(out: &std::process::Output) -> Vec<Value> {
    json(out)
        .into_iter()
        .filter(|d| d["code"] == "A107")
        .collect()
}

/// Which outlet and article a finding is in: from its path (`./calder-tribune/03.txt`) or its
/// record id (`calder-tribune/03`).
fn place_of(d: &Value) -> (usize, usize) {
    let key = d["id"]
        .as_str()
        .or(d["path"].as_str())
        .unwrap()
        .replace('\\', "/");
    let (dir, file) = key.trim_end_matches(".txt").rsplit_once('/').unwrap();
    let o = OUTLETS
        .iter()
        .position(|o| dir.ends_with(o.dir))
        .unwrap_or_else(|| panic!("no outlet for {key}"));
    (o, file.parse().unwrap())
}

/// Every finding is a footer or teaser of its own article, and every footer and teaser is found.
fn assert_exactly_the_boilerplate(found: &[Value]) {
    let mut got: Vec<(usize, usize, String)> = found
        .iter()
        .map(|d| {
            let (o, i) = place_of(d);
            (o, i, norm(d["text"].as_str().unwrap()))
        })
        .collect();
    got.sort();
    let mut want: Vec<(usize, usize, String)> = Vec::new();
    for (k, o) in OUTLETS.iter().enumerate() {
        for i in 0..DOCS {
            want.extend(expected(o, i).into_iter().map(|t| (k, i, t)));
        }
    }
    want.sort();
    assert_eq!(got, want);
    assert!(
        found
            .iter()
            .all(|d| !norm(d["text"].as_str().unwrap()).contains("board argued"))
    );
    assert!(found.iter().all(|d| d["text"] != CHANCE));
}

#[test]
fn directories_every_footer_and_teaser_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    write_dirs(dir.path());
    let run = |threads: &str| {
        newslint(
            &[
                "check",
                "--format",
                "json",
                "--threads",
                threads,
                "--select",
                "A107",
                ".",
            ],
            dir.path(),
        )
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
    let found = boilerplate(&one);
    assert_exactly_the_boilerplate(&found);
    let footer = found
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .contains("calder-tribune/00.txt")
        })
        .unwrap();
    assert_eq!(
        footer["message"],
        "repeated in 12 of 12 documents of calder-tribune"
    );
    assert_eq!(footer["fix"]["applicability"], "unsafe");
    // The teaser glued into the flattened article is pointed at, without a fix.
    let glued = found
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .contains("harbour-ledger/03.txt")
                && d["text"] == OUTLETS[0].teaser
        })
        .unwrap();
    assert_eq!(
        glued["message"],
        "repeated in 6 of 12 documents of harbour-ledger"
    );
    assert_eq!(glued["fix"], Value::Null);
}

#[test]
fn jsonl_source_field_url_host_or_directory() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir(p.join("mixed")).unwrap();
    write_jsonl(&p.join("mixed/site.jsonl"), false);
    let check = |extra: &[&str], file: &str, threads: &str| {
        let mut args = vec![
            "check",
            "--format",
            "json",
            "--id-field",
            "id",
            "--threads",
            threads,
        ];
        args.extend_from_slice(extra);
        args.push(file);
        newslint(&args, p)
    };
    let one = check(&["--source-field", "site"], "mixed/site.jsonl", "1");
    let two = check(&["--source-field", "site"], "mixed/site.jsonl", "2");
    assert_eq!(one.stdout, two.stdout);
    let found = boilerplate(&one);
    assert_exactly_the_boilerplate(&found);
    assert!(
        found
            .iter()
            .any(|d| d["message"] == "repeated in 6 of 12 documents of Fenwick Gazette")
    );
    // Spans land on their text in the record.
    for d in &found {
        assert!(d["record"].as_u64().is_some() && d["field"] == "text");
    }

    // Without the field, every record is of the file's directory: 36 documents, where the
    // footers (12 each, a third) still pass and the teasers (6 each, under 20%) do not.
    // The chance line, in 3 documents of each outlet, is now in 9 of 36 (25%).
    let found = boilerplate(&check(&[], "mixed/site.jsonl", "2"));
    let (chance, other): (Vec<&Value>, Vec<&Value>) =
        found.iter().partition(|d| d["text"] == CHANCE);
    assert_eq!((chance.len(), other.len()), (9, 36));
    assert!(chance[0]["message"] == "repeated in 9 of 36 documents of mixed");
    assert!(other.iter().all(|d| {
        d["message"] == "repeated in 12 of 36 documents of mixed"
            && OUTLETS
                .iter()
                .any(|o| norm(d["text"].as_str().unwrap()) == norm(o.footer))
    }));

    // With a `url` field, its host is the source.
    write_jsonl(&p.join("urls.jsonl"), true);
    let found = boilerplate(&check(&[], "urls.jsonl", "2"));
    assert_exactly_the_boilerplate(&found);
    assert!(
        found
            .iter()
            .any(|d| d["message"] == "repeated in 12 of 12 documents of harbour-ledger.test")
    );
    // A source field wins over the url; a missing one falls back to it.
    let found = boilerplate(&check(&["--source-field", "site"], "urls.jsonl", "1"));
    assert!(found.iter().any(|d| {
        d["message"]
            .as_str()
            .unwrap()
            .ends_with("of Calder Tribune")
    }));
    let found = boilerplate(&check(&["--source-field", "outlet"], "urls.jsonl", "1"));
    assert!(
        found
            .iter()
            .all(|d| d["message"].as_str().unwrap().ends_with(".test"))
    );
}

#[test]
fn options_reach_the_rule_and_are_validated() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write_dirs(p);
    let with = |cfg: &str| {
        std::fs::write(p.join("newslint.toml"), cfg).unwrap();
        newslint(&["check", "--format", "json", "--select", "A107", "."], p)
    };
    // More documents than the teasers are in.
    let found = boilerplate(&with("[rules.corpus-boilerplate]\nmin-documents = 7\n"));
    assert_eq!(found.len(), 3 * DOCS);
    // A share only the footers reach.
    let found = boilerplate(&with("[rules.corpus-boilerplate]\nmin-share = 0.75\n"));
    assert_eq!(found.len(), 3 * DOCS);
    // Lower thresholds let the chance line in (3 documents of each outlet).
    let found = boilerplate(&with(
        "[rules.corpus-boilerplate]\nmin-documents = 3\nmin-share = 0.1\n",
    ));
    assert_eq!(found.iter().filter(|d| d["text"] == CHANCE).count(), 9);
    for (cfg, needle) in [
        ("[rules.corpus-boilerplate]\nmin-share = 2\n", "min-share"),
        (
            "[rules.corpus-boilerplate]\nmin-share = \"a fifth\"\n",
            "min-share",
        ),
        (
            "[rules.corpus-boilerplate]\nmin-documents = 0\n",
            "min-documents",
        ),
        ("[rules.corpus-boilerplate]\nmin-lines = 3\n", "min-lines"),
    ] {
        let out = with(cfg);
        assert_eq!(out.status.code(), Some(2), "{cfg}");
        assert!(stderr(&out).contains(needle), "{cfg}: {}", stderr(&out));
    }
}
