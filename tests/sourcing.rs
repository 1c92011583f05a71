//! The sourcing family through the built binary (options, user packs extending the lexicon) and
//! its invariants (proptest).

mod common;

use common::{json, newslint};
use newslint::Linter;
use proptest::prelude::*;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

/// Sourcing findings (code, flagged text) for `text`.
fn sourcing(text: &str) -> Vec<(String, String)> {
    let reg = LINTER.registry();
    LINTER
        .check_text(text)
        .into_iter()
        .filter(|d| reg.meta(d.rule).code.starts_with('S'))
        .map(|d| {
            (
                reg.meta(d.rule).code.to_string(),
                d.span.slice(text).to_string(),
            )
        })
        .collect()
}

#[test]
fn cli_reports_each_rule_with_help_and_no_fix() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Nine guards are said to have fled.\n\nThe raid left over 30 guards wounded.\n\n\
         Observers say the border is quiet. Who knows what comes next?\n\n\
         The drought may have triggered the exodus.\n",
    )
    .unwrap();
    let out = newslint(
        &["check", "a.txt", "--format", "json", "--isolated"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<(String, String)> = json(&out)
        .iter()
        .map(|d| {
            assert!(d["fix"].is_null());
            assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()));
            assert_eq!(d["family"], "sourcing");
            (
                d["code"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["S101", "S102", "S103", "S104", "S105"], "{found:?}");
    assert_eq!(found[1].1, "over 30 guards wounded");
}

#[test]
fn carry_over_option_narrows_to_the_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The coastguard said on Sunday. At least 12 fishermen are missing.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let out = newslint(&["check", "a.txt", "--format", "json"], dir.path());
    assert!(json(&out).is_empty());
    std::fs::write(
        dir.path().join("newslint.toml"),
        "[rules.unsourced-figure]\ncarry-over = \"sentence\"\n",
    )
    .unwrap();
    let out = newslint(&["check", "a.txt", "--format", "json"], dir.path());
    let found = json(&out);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["text"], "At least 12 fishermen are missing");
    // A bad value is a config error.
    std::fs::write(
        dir.path().join("newslint.toml"),
        "[rules.unsourced-figure]\ncarry-over = \"chapter\"\n",
    )
    .unwrap();
    let out = newslint(&["check", "a.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_user_pack_extends_the_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let text = "At least 12 fishermen are missing, per Harbour Wire.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let out = newslint(
        &["check", "a.txt", "--format", "json", "--isolated"],
        dir.path(),
    );
    assert_eq!(json(&out).len(), 1, "an unknown outlet is no source");
    std::fs::write(
        dir.path().join("house.toml"),
        "[pack]\nname = \"house\"\n\n[lexicon]\noutlets = [\"Harbour Wire\"]\n",
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--format",
            "json",
            "--isolated",
            "--pack",
            "house.toml",
        ],
        dir.path(),
    );
    assert!(json(&out).is_empty(), "{}", common::stdout(&out));
}

#[test]
fn rule_docs_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["S101", "S102", "S103", "S104", "S105"] {
        let out = newslint(&["rule", code], dir.path());
        assert_eq!(out.status.code(), Some(0), "{code}");
        assert!(common::stdout(&out).contains("What it does"));
    }
}

/// Sentences for generated articles: dirty, sourced and neutral.
fn sentence() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("Nine guards are said to have fled."),
        Just("The raid left over 30 guards wounded."),
        Just("Observers say the border is quiet."),
        Just("Who knows what comes next?"),
        Just("The drought may have triggered the exodus."),
        Just("It is understood that talks stalled."),
        Just("Police said 14 people were arrested."),
        Just("The ministry said on Monday it would act."),
        Just("The ferry left at noon."),
        Just("Some say the plan is late."),
        Just("14 arrests reported, mostly at night"),
        Just("The envoy reportedly met rebels."),
        Just("“Yes,” she said."),
        Just("Ça coûte 3 € — déjà vu…"),
        Just("\n"),
        Just("\n\n"),
        Just("\""),
        Just("“"),
        Just("'"),
    ]
}

fn article() -> impl Strategy<Value = String> {
    proptest::collection::vec(sentence(), 0..16).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any text: no panic, every span inside the text and on character boundaries.
    #[test]
    fn spans_are_valid(text in article(), noise in "\\PC{0,40}") {
        let text = format!("{text}{noise}");
        for d in LINTER.check_text(&text) {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
    }

    /// A paragraph that is wholly a quotation belongs to its speaker: the sourcing rules say
    /// nothing about it.
    #[test]
    fn quoted_paragraphs_are_silent(body in proptest::collection::vec(sentence(), 1..8)) {
        let inner: Vec<&str> = body
            .into_iter()
            .filter(|s| !s.contains(['"', '“', '”', '\n', '\'']))
            .collect();
        let text = format!("“{}”", inner.join(" "));
        prop_assert!(sourcing(&text).is_empty(), "{text}: {:?}", sourcing(&text));
    }

    /// Adding an attribution to a claim's sentence never adds a finding about that sentence.
    #[test]
    fn attribution_never_adds_findings(body in proptest::collection::vec(sentence(), 1..6)) {
        let plain: Vec<&str> = body
            .into_iter()
            .filter(|s| s.ends_with('.') && !s.contains(['"', '“', '”', '\'']))
            .collect();
        let bare = plain.join("\n\n");
        let sourced = plain
            .iter()
            .map(|s| format!("{}, the agency said.", s.trim_end_matches('.')))
            .collect::<Vec<_>>()
            .join("\n\n");
        let before = sourcing(&bare).len();
        let after = sourcing(&sourced)
            .into_iter()
            .filter(|(code, _)| code != "S103")
            .count();
        prop_assert!(after <= before, "{sourced}");
    }
}
