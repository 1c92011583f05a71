//! Suppression where the text lives (issue 22, item 13): comment lines in text and Markdown
//! files, a JSONL record's ignore list, X101 for what they leave unused, and the rules that
//! cannot be suppressed. Each test runs the built binary.

mod common;

use common::{json, newslint, stderr};
use serde_json::Value;
use std::path::Path;

/// Our own sentence with one unnamed source (S103, `sources said`).
const SOURCED: &str = "The harbour levy will rise in April, sources said.";
/// Others, so no two are one repeated sentence.
const SOURCED_TOO: &str = "The night ferry may stop in winter, sources said on Monday.";
const SOURCED_THIRD: &str = "A new pier is planned for the east bay, sources said.";
const SOURCED_FOURTH: &str = "Two lighthouse keepers will retire next year, sources said.";

fn check_json(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let mut all = vec!["check", ".", "--isolated", "--format", "json"];
    all.extend_from_slice(args);
    let out = newslint(&all, dir);
    assert!(matches!(out.status.code(), Some(0..=2)), "{}", stderr(&out));
    (out.status.code(), json(&out))
}

fn codes_at(found: &[Value]) -> Vec<(String, u64, String)> {
    found
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_comment_line_silences_the_next_line_or_a_region() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "<!-- newslint-disable-next-line S103 -->\n{SOURCED}\n\n{SOURCED_TOO}\n\n\
         <!-- newslint-disable sourcing -->\n{SOURCED_THIRD}\n<!-- newslint-enable -->\n\n{SOURCED_FOURTH}\n"
    );
    std::fs::write(dir.path().join("story.md"), &text).unwrap();
    let (code, found) = check_json(dir.path(), &[]);
    assert_eq!(code, Some(0), "info findings only: {found:?}");
    // Lines 4 and 10 stay; lines 2 and 7 are silenced.
    assert_eq!(
        codes_at(&found),
        vec![
            ("S103".into(), 4, "sources said".into()),
            ("S103".into(), 10, "sources said".into())
        ]
    );
    // Without the comments all four are found.
    let plain = format!("{SOURCED}\n\n{SOURCED_TOO}\n\n{SOURCED_THIRD}\n\n{SOURCED_FOURTH}\n");
    std::fs::write(dir.path().join("story.md"), plain).unwrap();
    let (_, found) = check_json(dir.path(), &[]);
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn an_unused_unknown_or_unsuppressible_rule_is_reported_at_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let text = "<!-- newslint-disable-next-line S103, Q77 -->\n\
                The ferry runs twice a day from the north quay.\n\
                <!-- newslint-disable-next-line E105 -->\n\
                The file was named \u{202E}txt.exe by the sender.\n";
    std::fs::write(dir.path().join("story.txt"), text).unwrap();
    let (code, found) = check_json(dir.path(), &[]);
    assert_eq!(code, Some(1), "{found:?}");
    let got: Vec<(String, u64, u64, String)> = found
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let x101: Vec<_> = got.iter().filter(|g| g.0 == "X101").collect();
    assert_eq!(
        x101,
        vec![
            &("X101".to_string(), 1, 33, "S103".to_string()),
            &("X101".to_string(), 1, 39, "Q77".to_string()),
            &("X101".to_string(), 3, 33, "E105".to_string()),
        ]
    );
    // The bidi control is still reported: no comment silences it.
    assert!(got.iter().any(|g| g.0 == "E105" && g.1 == 4), "{got:?}");
    let messages: Vec<&str> = found
        .iter()
        .filter(|d| d["code"] == "X101")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(messages[1].contains("names no rule"), "{messages:?}");
    assert!(messages[2].contains("cannot be suppressed"), "{messages:?}");
    // X101 is an ordinary rule: ignoring it leaves the comments alone.
    let (_, found) = check_json(dir.path(), &["--ignore", "X101"]);
    assert!(found.iter().all(|d| d["code"] != "X101"), "{found:?}");
}

#[test]
fn a_record_ignore_list_silences_its_record_and_reports_what_it_left_unused() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        format!(r#"{{"id": "a", "text": "{SOURCED}", "newslint": {{"ignore": ["S103"]}}}}"#),
        format!(r#"{{"id": "b", "text": "{SOURCED}"}}"#),
        r#"{"id": "c", "text": "The ferry runs twice a day.", "newslint": {"ignore": "S103, A2"}}"#
            .to_string(),
        format!(
            r#"{{"id": "d", "text": "{SOURCED_TOO}", "meta": {{"skip": ["unnamed-source"]}}}}"#
        ),
    ];
    let body = lines.join("\n") + "\n";
    std::fs::write(dir.path().join("wire.jsonl"), &body).unwrap();
    let (_, found) = check_json(dir.path(), &["--id-field", "id"]);
    let got: Vec<(String, String)> = found
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("b".to_string(), "S103".to_string()),
            ("c".to_string(), "X101".to_string()),
            ("c".to_string(), "X101".to_string()),
            ("d".to_string(), "S103".to_string()),
        ]
    );
    // The unused entries are located exactly in the record line.
    let line3 = &lines[2];
    for d in found.iter().filter(|d| d["code"] == "X101") {
        let col = d["column"].as_u64().unwrap() as usize;
        let text = d["text"].as_str().unwrap();
        assert_eq!(&line3[col - 1..col - 1 + text.len()], text, "{d}");
        let off = d["offset"].as_u64().unwrap() as usize;
        assert_eq!(&body[off..off + text.len()], text);
        assert_eq!(d["field"], "newslint.ignore");
    }
    // Another field, named with --ignore-field.
    let (_, found) = check_json(
        dir.path(),
        &["--id-field", "id", "--ignore-field", "meta.skip"],
    );
    assert!(
        found.iter().all(|d| d["id"] != "d"),
        "record d is silenced: {found:?}"
    );
    assert!(found.iter().any(|d| d["id"] == "a" && d["code"] == "S103"));
}

#[test]
fn a_malformed_ignore_list_is_an_input_error_and_the_record_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!(r#"{{"text": "{SOURCED}", "newslint": {{"ignore": 7}}}}"#);
    std::fs::write(dir.path().join("wire.jsonl"), line + "\n").unwrap();
    let out = newslint(
        &["check", ".", "--isolated", "--format", "json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`newslint.ignore` must be a list"),
        "{}",
        stderr(&out)
    );
    assert!(json(&out).iter().any(|d| d["code"] == "S103"));
}

#[test]
fn a_fix_leaves_what_a_suppression_keeps() {
    let dir = tempfile::tempdir().unwrap();
    // A mojibake word (E103, safe fix) under a comment, and one in a record that ignores E103.
    let mojibake = common::MOJIBAKE_SENTENCE;
    let text = format!("<!-- newslint-disable-next-line E103 -->\n{mojibake}\n");
    std::fs::write(dir.path().join("story.txt"), &text).unwrap();
    let record = serde_json::json!({"text": mojibake, "newslint": {"ignore": ["E103"]}});
    std::fs::write(dir.path().join("wire.jsonl"), format!("{record}\n")).unwrap();
    let out = newslint(&["check", ".", "--isolated", "--fix"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("story.txt")).unwrap(),
        text
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wire.jsonl")).unwrap(),
        format!("{record}\n")
    );
}

#[test]
fn corpus_findings_are_silenced_too() {
    let dir = tempfile::tempdir().unwrap();
    // One name spelt two ways across files: N103 on the rare spelling, unless silenced.
    for i in 0..3 {
        std::fs::write(
            dir.path().join(format!("a{i}.txt")),
            format!("Talks resumed\nDelegates met Lena Vogt-Berger on day {i}.\n"),
        )
        .unwrap();
    }
    let rare = "Talks ended\nLater they saw Lena Vogtberger again.\n";
    std::fs::write(dir.path().join("b.txt"), rare).unwrap();
    let (_, found) = check_json(dir.path(), &[]);
    assert!(
        found
            .iter()
            .any(|d| d["code"] == "N103" && d["path"] == "./b.txt"),
        "{found:?}"
    );
    let silenced = "Talks ended\n<!-- newslint-disable-next-line N103 -->\nLater they saw Lena Vogtberger again.\n";
    std::fs::write(dir.path().join("b.txt"), silenced).unwrap();
    let (_, found) = check_json(dir.path(), &[]);
    let n103: Vec<&str> = found
        .iter()
        .filter(|d| d["code"] == "N103")
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(n103.iter().all(|p| !p.ends_with("b.txt")), "{found:?}");
    // The silenced corpus rule is not called unused.
    assert!(found.iter().all(|d| d["code"] != "X101"), "{found:?}");
}

#[test]
fn a_summary_for_findings_only_counted_has_its_rules_severity() {
    // With at most one E103 finding reported, the first two are stored and suppressed, the
    // rest only counted: their summary is made after the rules ran, and must still carry the
    // severity the config gives E103.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("newslint.toml"),
        "[severity]\nE103 = \"error\"\n",
    )
    .unwrap();
    let word = "caf\u{c3}\u{a9}";
    std::fs::write(
        dir.path().join("a.txt"),
        format!(
            "<!-- newslint-disable-next-line E103 -->\nThe {word} and the {word} bar.\n\
             The {word} opened. The {word} closed. The {word} again.\n"
        ),
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--format",
            "json",
            "--max-findings-per-rule",
            "1",
        ],
        dir.path(),
    );
    let found = json(&out);
    let e103: Vec<&Value> = found.iter().filter(|d| d["code"] == "E103").collect();
    assert!(!e103.is_empty(), "{found:?}");
    for d in &e103 {
        assert_eq!(d["severity"], "error", "{d}");
    }
}
