//! The translation family through the built binary (docs, fixes, lexicon from a user pack) and
//! its invariants (proptest).

mod common;

use common::{json, newslint, stdout};
use newslint::{CliSelection, Linter};
use proptest::prelude::*;
use std::sync::LazyLock;

static TRANSLATION: LazyLock<Linter> = LazyLock::new(|| {
    let cli = CliSelection {
        select: Some(vec!["translation".into()]),
        ..Default::default()
    };
    Linter::from_config(&Default::default(), &cli).unwrap()
});

const CODES: &[&str] = &[
    "T101", "T102", "T103", "T104", "T105", "T106", "T107", "T108", "T109", "T110", "T111", "T112",
    "T113", "T114", "T120", "T201", "T202", "T203", "T204",
];

#[test]
fn every_rule_is_documented_with_examples() {
    let dir = tempfile::tempdir().unwrap();
    for code in CODES {
        let out = newslint(&["rule", code], dir.path());
        assert!(out.status.success(), "{code}");
        let doc = stdout(&out);
        assert!(doc.contains(code), "{code}: {doc}");
        for section in ["What it does", "Why is this bad", "Example"] {
            assert!(doc.contains(section), "{code} lacks {section}");
        }
    }
}

#[test]
fn french_spacing_is_fixed_safely_and_nothing_else_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let text = "Key figures :\nPrices rose ; wages did not. Why now ? Nobody knows !\nThe score was 3 : 1. Great :)\nThe town would have flooded, the agency said.\n";
    std::fs::write(&path, text).unwrap();
    let out = newslint(
        &["check", "a.txt", "--select", "T109", "--fix", "--isolated"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        "Key figures:\nPrices rose; wages did not. Why now? Nobody knows!\nThe score was 3 : 1. Great :)\nThe town would have flooded, the agency said.\n"
    );
}

#[test]
fn a_stray_spaced_mark_among_english_ones_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Why now ? Who knows? The mayor said: the bridge opens in May; the rest is open.\n",
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--select",
            "T109",
            "--format",
            "json",
            "--isolated",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert!(json(&out).is_empty());
}

#[test]
fn mt_token_residue_is_found_and_fixed_only_with_unsafe_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let text = "The council ordered an in - depth audit of state - owned ferries.\nA 52 - year - old pilot landed at 14H30; fares rose 8 % to 3,5 million crowns.\nThe plan - which passed - is law.\n";
    std::fs::write(&path, text).unwrap();
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--select",
            "T112,T113",
            "--format",
            "json",
            "--isolated",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<(String, String)> = json(&out)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("T112", "in - depth"),
        ("T112", "state - owned"),
        ("T112", "52 - year - old"),
        ("T113", "14H30"),
        ("T113", "8 %"),
        ("T113", "3,5"),
    ];
    assert_eq!(
        found,
        want.iter()
            .map(|(c, t)| (c.to_string(), t.to_string()))
            .collect::<Vec<_>>()
    );
    // Safe fixes alone leave the text as it is: every one of these fixes is unsafe.
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--select",
            "T112,T113",
            "--fix",
            "--isolated",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let fix = [
        "check",
        "a.txt",
        "--select",
        "T112,T113",
        "--fix",
        "--unsafe-fixes",
        "--isolated",
    ];
    let out = newslint(&fix, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let fixed = "The council ordered an in-depth audit of state-owned ferries.\nA 52-year-old pilot landed at 14:30; fares rose 8% to 3.5 million crowns.\nThe plan - which passed - is law.\n";
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
    // Fixing twice changes nothing.
    newslint(&fix, dir.path());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
}

#[test]
fn a_word_left_in_the_source_script_is_found_but_not_a_homoglyph() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "The fund, set up by В. Marlow in 2004, pays for the repairs.\nThe WНO office in Marlow Bay opened a 140х200 ward this week.\n",
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--select",
            "T114",
            "--format",
            "json",
            "--isolated",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let found = json(&out);
    let texts: Vec<&str> = found.iter().map(|d| d["text"].as_str().unwrap()).collect();
    assert_eq!(texts, vec!["В"]);
    assert_eq!(found[0]["line"], 1);
}

/// T120 is opt-in: off by default, on by `--extend-select` or the config's `extend-select`, or
/// by a `select` that names it; `ignore` still wins.
#[test]
fn the_document_score_is_opt_in() {
    use newslint::config::Config;
    let setup = |toml: &str, cli: CliSelection| {
        let config = Config::parse(std::path::Path::new("newslint.toml"), toml.into()).unwrap();
        let linter = Linter::from_config(&config, &cli).unwrap();
        let reg = linter.registry();
        let on = |code: &str| linter.base_selection().is_enabled(reg.find(code).unwrap());
        (on("T120"), on("T112"))
    };
    assert_eq!(setup("", CliSelection::default()), (false, true));
    let extend = CliSelection {
        extend_select: vec!["T120".into()],
        ..Default::default()
    };
    assert_eq!(setup("", extend.clone()), (true, true));
    assert_eq!(
        setup("extend-select = [\"T120\"]\n", CliSelection::default()),
        (true, true)
    );
    assert_eq!(
        setup("select = [\"translation\"]\n", CliSelection::default()),
        (true, true)
    );
    assert_eq!(
        setup("select = [\"T112\"]\n", CliSelection::default()),
        (false, true)
    );
    assert_eq!(setup("ignore = [\"T120\"]\n", extend), (false, true));

    let dir = tempfile::tempdir().unwrap();
    let out = newslint(&["rules"], dir.path());
    let listing = stdout(&out);
    let line = listing.lines().find(|l| l.starts_with("T120")).unwrap();
    assert!(line.contains("info (opt-in)"), "{line}");
    let line = listing.lines().find(|l| l.starts_with("T112")).unwrap();
    assert!(!line.contains("opt-in"), "{line}");
    // A long text: the default run never scores it; `--extend-select T120` runs the rule.
    let body = "The council met on Monday and said the harbour would reopen in May. ".repeat(12);
    std::fs::write(dir.path().join("a.txt"), format!("{body}\n")).unwrap();
    let out = newslint(
        &["check", "a.txt", "--format", "json", "--isolated"],
        dir.path(),
    );
    assert!(json(&out).iter().all(|d| d["code"] != "T120"));
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--select",
            "T112",
            "--extend-select",
            "T120",
            "--isolated",
        ],
        dir.path(),
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn display_only_fixes_are_never_applied() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let text = "Mosul would have fallen overnight, the monitor warned.\nIt will pass, she told to Reuters.\n";
    std::fs::write(&path, text).unwrap();
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--select",
            "translation",
            "--fix",
            "--unsafe-fixes",
            "--isolated",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_user_pack_extends_the_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "The rains reached the Freedonia on Monday, it said to Radio Freedonia.\n",
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--select",
            "translation",
            "--format",
            "json",
            "--isolated",
        ],
        dir.path(),
    );
    assert!(json(&out).is_empty());
    std::fs::write(
        dir.path().join("house.toml"),
        "[pack]\nname = \"house\"\n[lexicon]\ncountries-without-article = [\"Freedonia\"]\noutlet-names = [\"Radio Freedonia\"]\n",
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--select",
            "translation",
            "--format",
            "json",
            "--isolated",
            "--pack",
            "house.toml",
        ],
        dir.path(),
    );
    let found = json(&out);
    let texts: Vec<&str> = found.iter().map(|d| d["text"].as_str().unwrap()).collect();
    assert_eq!(texts, vec!["the Freedonia", "said to Radio Freedonia"]);
}

/// Text made of the pieces the translation rules look at, in any order.
fn translationese() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The port reopened. ".to_string()),
        Just("he said. she indicated. ".to_string()),
        Just("Lucía Ferrer said it. He added more. ".to_string()),
        Just("Mosul would have fallen, the monitor warned. ".to_string()),
        Just("the European Union (UE) ".to_string()),
        Just("the Kurdistan Regional Government and KRG, ".to_string()),
        Just("the Syria ".to_string()),
        Just("the South Korea.".to_string()),
        Just(", judges analyst Ana Ruiz, ".to_string()),
        Just("he says NRK. ".to_string()),
        Just("Peskov said described ".to_string()),
        Just(" : ".to_string()),
        Just(" ?".to_string()),
        Just("\u{202f}!".to_string()),
        Just("« oui » „ja“ ※ ".to_string()),
        Just("\n– We are ready, says Aino Laine.\n".to_string()),
        Just("Le ministre a annoncé la fermeture du port. ".to_string()),
        Just("부산시장 보궐선거 결과 ".to_string()),
        Just("(AB".to_string()),
        Just("an anti - graft long - term 40 - year - old ".to_string()),
        Just(" - which - ".to_string()),
        Just("12 % 2,5 million 08H00 the 30 th ".to_string()),
        Just("é".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\"".to_string()),
        "[a-zA-Z ,.()]{0,12}".prop_map(|s: String| s),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_and_edits_stay_in_the_text(text in translationese()) {
        let diags = TRANSLATION.check_text(&text);
        prop_assert_eq!(&diags, &TRANSLATION.check_text(&text));
        for d in &diags {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            if let Some(fix) = &d.fix {
                for e in &fix.edits {
                    prop_assert!(e.span.end <= text.len());
                    prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                }
            }
        }
    }

    /// Joining a compound removes exactly the spaces around its hyphens, and the joined text
    /// is never flagged again.
    #[test]
    fn joined_compounds_are_quiet(
        first in prop::sample::select(vec!["anti", "non", "high", "state", "in", "well"]),
        second in prop::sample::select(vec!["graft", "owned", "risk", "depth", "known"]),
        noun in prop::sample::select(vec!["ports", "groups", "review", "lenders"]),
    ) {
        let text = format!("They planned {first} - {second} {noun} for the city.\n");
        for d in TRANSLATION.check_text(&text).iter().filter(|d| d.span.slice(&text).contains(" - ")) {
            let fix = d.fix.as_ref().expect("T112 has a fix");
            let e = &fix.edits[0];
            prop_assert_eq!(e.replacement.clone(), e.span.slice(&text).replace(" - ", "-"));
            let joined = format!("{}{}{}", &text[..e.span.start], e.replacement, &text[e.span.end..]);
            prop_assert!(TRANSLATION.check_text(&joined).is_empty(), "{}", joined);
        }
    }

    #[test]
    fn any_text_is_safe(text in "\\PC{0,200}") {
        let _ = TRANSLATION.check_text(&text);
    }

    #[test]
    fn english_wire_sentences_stay_quiet(
        subject in prop::sample::select(vec!["The ministry", "Officials", "Ana Ruiz", "The Syria talks"]),
        verb in prop::sample::select(vec!["said", "announced", "confirmed"]),
        place in prop::sample::select(vec!["Syria", "the Netherlands", "the Gambia", "France"]),
    ) {
        let text = format!("{subject} {verb} on Monday that aid would reach {place} within a week, Reuters reported.\n");
        prop_assert!(TRANSLATION.check_text(&text).is_empty(), "{}", text);
    }
}
