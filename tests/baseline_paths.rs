//! Baseline paths are relative to the baseline file (issue 22, item 8): the gate finds its known
//! findings whichever directory it runs from and however the tree is named.

mod common;

use common::{newslint, stderr, stdout};

#[test]
fn a_baseline_matches_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let corpus = root.join("corpus");
    std::fs::create_dir_all(corpus.join("wire")).unwrap();
    std::fs::write(
        corpus.join("wire/a.txt"),
        format!("{}\n", common::MOJIBAKE_SENTENCE),
    )
    .unwrap();
    let out = newslint(
        &[
            "baseline",
            "corpus",
            "--isolated",
            "-o",
            "corpus/.newslint-baseline.json",
        ],
        root,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(corpus.join(".newslint-baseline.json")).unwrap();
    let b: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(b["version"], 2);
    assert_eq!(b["entries"][0]["path"], "wire/a.txt");
    let abs = corpus.join("wire/a.txt");
    let runs: [(&std::path::Path, Vec<&str>); 4] = [
        (
            root,
            vec!["corpus", "--baseline", "corpus/.newslint-baseline.json"],
        ),
        (
            root,
            vec![
                "./corpus/wire/a.txt",
                "--baseline",
                "corpus/.newslint-baseline.json",
            ],
        ),
        (&corpus, vec![".", "--baseline", ".newslint-baseline.json"]),
        (
            &corpus.join("wire"),
            vec![
                abs.to_str().unwrap(),
                "--baseline",
                "../.newslint-baseline.json",
            ],
        ),
    ];
    for (cwd, args) in runs {
        let mut all = vec!["check", "--isolated"];
        all.extend(args.iter().copied());
        let out = newslint(&all, cwd);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{all:?} in {cwd:?}: {}{}",
            stdout(&out),
            stderr(&out)
        );
    }
    // A new finding in the same file still fails, from the other directory too.
    std::fs::write(
        corpus.join("wire/a.txt"),
        format!(
            "{}\nThe r\u{c3}\u{a9}gion voted.\n",
            common::MOJIBAKE_SENTENCE
        ),
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            ".",
            "--isolated",
            "--baseline",
            ".newslint-baseline.json",
        ],
        &corpus,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // A version 1 baseline (paths relative to where it was written) is still read that way.
    let v1 = text
        .replacen("\"version\": 2", "\"version\": 1", 1)
        .replace("\"wire/a.txt\"", "\"corpus/wire/a.txt\"");
    std::fs::write(corpus.join("v1.json"), v1).unwrap();
    std::fs::write(
        corpus.join("wire/a.txt"),
        format!("{}\n", common::MOJIBAKE_SENTENCE),
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "corpus",
            "--isolated",
            "--baseline",
            "corpus/v1.json",
        ],
        root,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
