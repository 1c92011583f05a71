//! Page residue that has a shape rather than a wording: reader comment threads (A108), script and
//! style code (A217) and timestamps alone on a line (A208), end to end through the CLI, and the
//! invariants of the thread rule on any text.

mod common;

use common::{json, newslint, stdout};
use newslint::Linter;
use proptest::prelude::*;

const FIXTURE: &str = include_str!("../fixtures/artifact/15-comments-and-script.txt");

fn dir_with(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    dir
}

fn lines_of(findings: &[serde_json::Value], code: &str) -> Vec<i64> {
    findings
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| f["line"].as_i64().unwrap())
        .collect()
}

#[test]
fn the_thread_and_the_script_lines_are_reported_and_the_article_is_not() {
    let dir = dir_with("a.txt", FIXTURE);
    let out = newslint(&["check", "a.txt", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let found = json(&out);
    // Script and table residue between the paragraphs.
    assert_eq!(
        lines_of(&found, "A217"),
        vec![3, 4, 6, 8],
        "{}",
        stdout(&out)
    );
    // One thread, from its `7 Comments` heading to the end of the text.
    let threads: Vec<_> = found.iter().filter(|f| f["code"] == "A108").collect();
    assert_eq!(threads.len(), 1, "{}", stdout(&out));
    let t = threads[0];
    assert_eq!(t["line"], 10);
    assert_eq!(t["end_line"], 19);
    assert!(t["text"].as_str().unwrap().starts_with("7 Comments\n"));
    // Inside the thread, the `Reply` buttons are part of the thread, not findings of their own.
    for f in &found {
        let line = f["line"].as_i64().unwrap();
        assert!(
            f["code"] == "A108" || line < 10 || f["family"] != "artifact",
            "a second artifact finding inside the thread: {f}"
        );
    }
}

#[test]
fn both_fixes_are_unsafe_and_keep_every_article_line() {
    let dir = dir_with("a.txt", FIXTURE);
    let p = dir.path();
    newslint(&["check", "a.txt", "--select", "A108,A217", "--fix"], p);
    assert_eq!(std::fs::read_to_string(p.join("a.txt")).unwrap(), FIXTURE);
    newslint(
        &[
            "check",
            "a.txt",
            "--select",
            "A108,A217",
            "--fix",
            "--unsafe-fixes",
        ],
        p,
    );
    let fixed = std::fs::read_to_string(p.join("a.txt")).unwrap();
    let kept: Vec<&str> = FIXTURE
        .lines()
        .enumerate()
        .filter(|(i, _)| ![2, 3, 5, 7].contains(i) && *i < 9)
        .map(|(_, l)| l)
        .collect();
    assert_eq!(fixed, format!("{}\n", kept.join("\n")));
    // Fixing again changes nothing.
    let out = newslint(&["check", "a.txt", "--select", "A108,A217"], p);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn the_thread_option_is_validated_and_applied() {
    let text = "Quay works start\nThe quay works start on Monday, the harbour office said.\nTrams will run as usual.\nMore works follow in spring.\nReply\nAbout time.\nReply\n";
    let dir = dir_with("a.txt", text);
    let p = dir.path();
    // Two signatures are no thread by default.
    let out = newslint(
        &["check", "a.txt", "--select", "A108", "--format", "json"],
        p,
    );
    assert!(json(&out).is_empty(), "{}", stdout(&out));
    std::fs::write(
        p.join("newslint.toml"),
        "[rules.comment-thread]\nmin-signatures = 2\n",
    )
    .unwrap();
    let out = newslint(
        &["check", "a.txt", "--select", "A108", "--format", "json"],
        p,
    );
    assert_eq!(lines_of(&json(&out), "A108"), vec![5]);
    std::fs::write(
        p.join("newslint.toml"),
        "[rules.comment-thread]\nmin-signatures = 1\n",
    )
    .unwrap();
    let out = newslint(&["check", "a.txt"], p);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn timestamps_in_more_shapes_stand_alone_and_sentences_do_not() {
    let text = "Ferry fares rise\nFriday, March 3, 2031\nPosted: 9:12 pm CET March 3, 2031\n3 hours ago\nsexta-feira, 3 de março de 2031 às 9:12\nFares will rise on Friday, March 3, 2031, the operator said.\n";
    let dir = dir_with("a.txt", text);
    let out = newslint(
        &["check", "a.txt", "--select", "A208", "--format", "json"],
        dir.path(),
    );
    assert_eq!(lines_of(&json(&out), "A208"), vec![2, 3, 4, 5]);
}

#[test]
fn rule_docs_are_printed() {
    for (code, needle) in [("A108", "min-signatures"), ("A217", "script")] {
        let out = newslint(&["rule", code], std::path::Path::new("."));
        assert!(stdout(&out).contains(needle), "{code}: {}", stdout(&out));
    }
}

static LINTER: std::sync::LazyLock<Linter> = std::sync::LazyLock::new(Linter::new);

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// On any mix of article lines, signatures and noise: at most one thread, it ends at the last
    /// non-blank line, its deletion covers it, and no other artifact finding lies inside it.
    #[test]
    fn a_thread_is_one_finding_that_runs_to_the_end(
        parts in proptest::collection::vec(prop_oneof![
            Just("The harbour office said the works would start on Monday.".to_string()),
            Just("Reply".to_string()),
            Just("Dana Holm March 3, 2031 at 9:12 pm".to_string()),
            Just("Ola says:".to_string()),
            Just("12 Comments".to_string()),
            Just("Share".to_string()),
            Just(String::new()),
            "\\PC{0,40}",
        ], 0..40)
    ) {
        let text = parts.join("\n");
        let found = LINTER.check_text(&text);
        let meta = |d: &newslint::Diagnostic| LINTER.registry().meta(d.rule);
        let threads: Vec<_> = found.iter().filter(|d| meta(d).code == "A108").collect();
        prop_assert!(threads.len() <= 1);
        if let Some(t) = threads.first() {
            prop_assert_eq!(t.span.end, text.trim_end().len());
            let fix = t.fix.as_ref().expect("a fix");
            let e = &fix.edits[0];
            prop_assert!(e.span.start <= t.span.start && t.span.end <= e.span.end);
            for d in &found {
                let inside = t.span.start <= d.span.start && d.span.end <= t.span.end;
                prop_assert!(
                    !(inside && meta(d).family == newslint::rule::Family::Artifact && meta(d).code != "A108"),
                    "{} inside the thread", meta(d).code
                );
            }
        }
    }
}
