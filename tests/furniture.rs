//! The learned furniture classifier (A106) end to end: its documentation, its option, its unsafe
//! fix, flattened records, and the invariants of its spans on any text.

mod common;

use common::{json, newslint, stdout};
use newslint::Linter;
use newslint::document::Document;
use newslint::rules::artifact::furniture_model::features::N_FEATURES;
use newslint::rules::artifact::furniture_model::{self, Scratch};
use proptest::prelude::*;

static LINTER: std::sync::LazyLock<Linter> = std::sync::LazyLock::new(Linter::new);

const FIXTURE: &str = include_str!("../fixtures/artifact/14-free-furniture.txt");

/// A folder holding `name` with `text` and a config that lowers A106's threshold to 0.4.
fn corpus(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    std::fs::write(
        dir.path().join("newslint.toml"),
        "[rules.furniture-line]\nthreshold = 0.4\n",
    )
    .unwrap();
    dir
}

fn a106(findings: &[serde_json::Value]) -> Vec<i64> {
    findings
        .iter()
        .filter(|f| f["code"] == "A106")
        .map(|f| f["line"].as_i64().unwrap())
        .collect()
}

#[test]
fn rule_doc_shows_the_model_and_its_features() {
    let out = newslint(&["rule", "furniture-line"], std::path::Path::new("."));
    let text = stdout(&out);
    assert!(text.contains("## Model"), "{text}");
    assert!(text.contains("stopword share"));
    assert!(text.contains("segment of a flattened paragraph"));
    assert!(text.contains("train_furniture"));
}

#[test]
fn lowering_the_threshold_finds_the_free_furniture_and_leaves_the_article() {
    let dir = corpus("a.txt", FIXTURE);
    let p = dir.path();
    let out = newslint(
        &["check", "a.txt", "--select", "A106", "--format", "json"],
        p,
    );
    let lines = a106(&json(&out));
    // The dateline, the newsletter prompt, the teaser and the comment label; never the headline
    // (line 1) or the article (lines 3 to 7).
    assert_eq!(lines, vec![2, 8, 9, 10], "{}", stdout(&out));

    // A bad threshold is a configuration error.
    std::fs::write(
        p.join("newslint.toml"),
        "[rules.furniture-line]\nthreshold = 2\n",
    )
    .unwrap();
    let out = newslint(&["check", "a.txt"], p);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_fix_is_unsafe_and_deletes_whole_lines() {
    let dir = corpus("a.txt", FIXTURE);
    let p = dir.path();
    newslint(&["check", "a.txt", "--select", "A106", "--fix"], p);
    assert_eq!(std::fs::read_to_string(p.join("a.txt")).unwrap(), FIXTURE);
    newslint(
        &[
            "check",
            "a.txt",
            "--select",
            "A106",
            "--fix",
            "--unsafe-fixes",
        ],
        p,
    );
    let fixed = std::fs::read_to_string(p.join("a.txt")).unwrap();
    let fixed: Vec<&str> = fixed.lines().collect();
    let original: Vec<&str> = FIXTURE.lines().collect();
    // No headline or article line is lost; the dateline and the newsletter prompt are gone. (The
    // fixer re-checks after each round, and a line's score depends on its neighbours, so a
    // borderline line may stay once the furniture around it is gone.)
    for l in &original[..7] {
        if *l != original[1] {
            assert!(fixed.contains(l), "lost: {l}");
        }
    }
    assert!(!fixed.contains(&original[1]));
    assert!(!fixed.contains(&original[7]));
    assert!(fixed.len() < original.len() - 1);
}

#[test]
fn a_jsonl_record_flattened_into_one_paragraph_is_scored_by_segment() {
    let body: String = FIXTURE
        .lines()
        .skip(2)
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    let text = format!("{body}Photo by Ann Lindqvist/Harbour Pictures");
    let record = serde_json::json!({ "id": 1, "text": text });
    let dir = corpus("c.jsonl", &format!("{record}\n"));
    let p = dir.path();
    let out = newslint(
        &["check", "c.jsonl", "--select", "A106", "--format", "json"],
        p,
    );
    let findings = json(&out);
    for f in findings.iter().filter(|f| f["code"] == "A106") {
        let span = f["text"].as_str().unwrap();
        assert!(
            !body.contains(span),
            "an article sentence was flagged: {span}"
        );
    }
}

#[test]
fn overlapping_artifact_findings_keep_the_stronger_one() {
    let text =
        "The museum hopes to open the new gallery to the public next summer.\n\nEditor's Picks\n";
    let linter = Linter::new();
    let found = linter.check_text(text);
    let on_heading: Vec<_> = found
        .iter()
        .filter(|d| d.span.slice(text).contains("Editor"))
        .map(|d| linter.registry().meta(d.rule).code.to_string())
        .collect();
    assert_eq!(on_heading.len(), 1, "{on_heading:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// On any text, every unit is trimmed, non-empty, inside one line, in order, and has one
    /// finite feature vector.
    #[test]
    fn units_are_trimmed_spans_of_one_line_with_finite_features(
        text in "(\\PC{0,80}[\\n ]{0,2}){0,30}"
    ) {
        let doc = Document::new(&text);
        let (classifier, _) = furniture_model::fitted();
        let mut s = Scratch::default();
        furniture_model::score_units(&doc, &classifier, &mut s);
        prop_assert_eq!(s.places.len(), s.features.len());
        prop_assert_eq!(s.places.len(), s.first.len());
        prop_assert_eq!(s.places.len(), s.score.len());
        let mut last = 0;
        for (k, place) in s.places.iter().enumerate() {
            let unit = place.span.slice(&text);
            prop_assert!(!unit.is_empty());
            prop_assert_eq!(unit.trim(), unit);
            prop_assert!(place.span.start >= last);
            last = place.span.end;
            let line = doc.lines()[place.line];
            prop_assert!(line.span.start <= place.span.start && place.span.end <= line.span.end);
            prop_assert!(s.features[k].iter().all(|x| x.is_finite()));
            prop_assert!((0.0..=1.0).contains(&s.first[k]));
            prop_assert!((0.0..=1.0).contains(&s.score[k]));
        }
        prop_assert_eq!(s.features.first().map_or(N_FEATURES, |f| f.len()), N_FEATURES);
    }

    /// Every finding of the classifier carries one deletion that covers what it reported.
    #[test]
    fn fixes_delete_what_was_reported(
        lines in proptest::collection::vec("[A-Za-z ,.:|@0-9]{0,70}", 0..14)
    ) {
        let text = lines.join("\n");
        let linter = &*LINTER;
        for d in linter.check_text(&text) {
            if linter.registry().meta(d.rule).code != "A106" {
                continue;
            }
            let fix = d.fix.as_ref().expect("A106 always has a fix");
            prop_assert_eq!(fix.edits.len(), 1);
            let e = &fix.edits[0];
            prop_assert!(e.span.start <= d.span.start && d.span.end <= e.span.end);
            prop_assert!(e.replacement.is_empty());
        }
    }
}
