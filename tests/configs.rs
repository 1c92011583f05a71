//! Configs found per file, nearest wins (issue 22, item 6), and `newslint show-settings`.

mod common;

use common::{newslint, stderr, stdout};
use std::path::Path;

const STORY: &str =
    "The harbour levy will rise in April, sources said.\n\nFollow us on Instagram\n";

/// `a/` ignores S103; `a/sub/` selects only sourcing and excludes `skip.txt`; `b/` has none.
fn tree(root: &Path) {
    for d in ["a/sub", "b"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    std::fs::write(root.join("a/newslint.toml"), "ignore = [\"S103\"]\n").unwrap();
    std::fs::write(
        root.join("a/sub/newslint.toml"),
        "select = [\"sourcing\"]\nexclude = [\"skip.txt\"]\n",
    )
    .unwrap();
    for f in ["a/x.txt", "a/sub/x.txt", "a/sub/skip.txt", "b/x.txt"] {
        std::fs::write(root.join(f), STORY).unwrap();
    }
}

fn concise(root: &Path, args: &[&str]) -> String {
    let mut all = vec!["check", "--format", "concise"];
    all.extend_from_slice(args);
    let out = newslint(&all, root);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn the_nearest_config_applies_whatever_the_argument_order() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let ab = concise(dir.path(), &["a", "b"]);
    let codes = |text: &str, file: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with(file))
            .map(|l| l.split(' ').nth(1).unwrap().to_string())
            .collect()
    };
    assert_eq!(codes(&ab, "a/x.txt"), ["A201"], "{ab}");
    assert_eq!(codes(&ab, "a/sub/x.txt"), ["S103"], "{ab}");
    assert_eq!(codes(&ab, "b/x.txt"), ["S103", "A201"], "{ab}");
    assert!(!ab.contains("skip.txt"), "excluded by a/sub's config: {ab}");
    assert_eq!(ab, concise(dir.path(), &["b", "a"]));
    assert_eq!(ab, concise(dir.path(), &["."]).replace("./", ""));
    // Run from inside the tree, the same configs apply.
    let inside = concise(&dir.path().join("a"), &["."]);
    assert!(inside.contains("sub/x.txt:1:38: S103"), "{inside}");
    assert!(!inside.contains("./x.txt:1:38: S103"), "{inside}");
    // --config and --isolated still make one config govern everything.
    let isolated = concise(dir.path(), &["a", "--isolated"]);
    assert_eq!(
        codes(&isolated, "a/sub/x.txt"),
        ["S103", "A201"],
        "{isolated}"
    );
}

#[test]
fn a_nested_config_with_other_packs_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    std::fs::write(
        dir.path().join("a/sub/newslint.toml"),
        "packs = [\"house.toml\"]\n",
    )
    .unwrap();
    let out = newslint(&["check", "a"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("its `packs` differ"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn show_settings_names_the_config_and_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let show = |path: &str| {
        let out = newslint(&["show-settings", path], dir.path());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let sub = show("a/sub/x.txt");
    assert!(
        sub.contains("a/sub/newslint.toml (the nearest newslint.toml)"),
        "{sub}"
    );
    let row = |text: &str, code: &str| -> String {
        text.lines()
            .find(|l| l.trim_start().starts_with(code))
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row(&sub, "S103"), "S103 unnamed-source yes info");
    assert_eq!(row(&sub, "A201"), "A201 follow-prompt no warning");
    let a = show("a/x.txt");
    assert_eq!(row(&a, "S103"), "S103 unnamed-source no info");
    assert_eq!(row(&a, "A201"), "A201 follow-prompt yes warning");
    assert!(show("b/x.txt").contains("Config: none found above it"));
    assert!(show("a/sub/skip.txt").contains("Excluded: yes"));
}

#[test]
fn a_config_or_pack_that_is_not_utf8_is_an_error_that_says_where() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), STORY).unwrap();
    // A Latin-1 é where UTF-8 was expected: byte 22, line 2, column 14 (the UTF-8 é before it is
    // one column).
    let toml = b"[rules]\n# caf\xc3\xa9 ok caf\xe9\n";
    std::fs::write(dir.path().join("newslint.toml"), toml).unwrap();
    let out = newslint(&["check", "a.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = flat(&stderr(&out));
    assert!(err.contains("newslint.toml"), "{err}");
    assert!(err.contains("byte 22 (line 2, column 14)"), "{err}");
    std::fs::write(dir.path().join("newslint.toml"), "").unwrap();
    std::fs::write(dir.path().join("bad.toml"), b"\xff").unwrap();
    let out = newslint(&["check", "--pack", "bad.toml", "a.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = flat(&stderr(&out));
    assert!(
        err.contains("bad.toml") && err.contains("byte 0 (line 1, column 1)"),
        "{err}"
    );
}

/// The report's words joined by single spaces, without miette's wrapping and margin.
fn flat(report: &str) -> String {
    report
        .split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ")
}
