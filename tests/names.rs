//! The names family through the built binary (corpus findings, thread-count independence, the
//! names index and its subtraction of re-checked files, user packs, fixes) and its invariants
//! (proptest).

mod common;

use common::{json, newslint, stderr, stdout};
use newslint::Linter;
use proptest::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

fn corpus_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/names-corpus")
}

/// The corpus fixture's file names, sorted.
fn corpus_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_fixture())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

/// A temporary directory holding a copy of the corpus fixture.
fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in corpus_files() {
        std::fs::copy(corpus_fixture().join(&name), dir.path().join(&name)).unwrap();
    }
    dir
}

/// One finding as compared across runs: code, file name, line, column, text, message.
type Finding = (String, String, u64, u64, String, String);

fn finding(d: &Value) -> Finding {
    let path = d["path"].as_str().unwrap();
    let file = Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    (
        d["code"].as_str().unwrap().to_string(),
        file,
        d["line"].as_u64().unwrap(),
        d["column"].as_u64().unwrap(),
        d["text"].as_str().unwrap().to_string(),
        d["message"].as_str().unwrap().to_string(),
    )
}

/// The findings of `newslint check <args> --format json --isolated` run in `cwd`.
fn check_json(args: &[&str], cwd: &Path) -> Vec<Finding> {
    let mut all = vec!["check", "--format", "json", "--isolated"];
    all.extend_from_slice(args);
    let out = newslint(&all, cwd);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{all:?}: {}",
        stderr(&out)
    );
    json(&out).iter().map(finding).collect()
}

/// Write a names index of `files` (run in `cwd`) to `index`.
fn write_index(files: &[&str], index: &Path, cwd: &Path) {
    let mut args = vec!["index", "--isolated"];
    args.extend_from_slice(files);
    args.extend_from_slice(&["-o", index.to_str().unwrap()]);
    let out = newslint(&args, cwd);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

const KADER: &str = "`Hassan Abdel Kader` (2 mentions in 1 article) is spelled `Hassan Abdel Qader` in the rest of the corpus (5 mentions in 3 articles)";
const KIEV: &str = "`Kiev` (2 mentions in 1 article) is spelled `Kyiv` by the gazetteer and in the rest of the corpus (3 mentions in 3 articles)";
const TIE: &str = "`Lena Vogtberger` and `Lena Vogt-Berger` are spelled as often as each other in the corpus (1 mention in 1 article each)";

fn expected_corpus_findings() -> Vec<Finding> {
    let f = |file: &str, line, column, text: &str, message: &str| {
        (
            "N103".to_string(),
            file.to_string(),
            line,
            column,
            text.to_string(),
            message.to_string(),
        )
    };
    vec![
        f(
            "04-exchange-completed.txt",
            3,
            19,
            "Hassan Abdel Kader",
            KADER,
        ),
        f(
            "04-exchange-completed.txt",
            5,
            17,
            "Hassan Abdel Kader",
            KADER,
        ),
        f("05-families-wait.txt", 2, 73, "Kiev", KIEV),
        f("05-families-wait.txt", 3, 112, "Kiev", KIEV),
        f("05-families-wait.txt", 5, 1, "Lena Vogtberger", TIE),
    ]
}

// ----------------------------------------------------------------------------------------------
// (a) The corpus fixture gives exactly the expected corpus findings.

#[test]
fn corpus_fixture_gives_exactly_the_minority_spellings() {
    let dir = corpus_fixture();
    // Every rule: the corpus articles are otherwise clean, and the tie between
    // `Lena Vogt-Berger` and `Lena Vogtberger` (one mention each, no canonical) is information
    // naming both, not one of them being wrong.
    assert_eq!(check_json(&["."], &dir), expected_corpus_findings());
    // Each finding carries an unsafe fix to the usual spelling.
    let out = newslint(
        &[
            "check",
            ".",
            "--format",
            "json",
            "--isolated",
            "--select",
            "N103",
        ],
        &dir,
    );
    for d in json(&out) {
        if d["severity"] == "info" {
            // A tie names both spellings and fixes neither.
            assert!(d["fix"].is_null(), "{d}");
            continue;
        }
        assert_eq!(d["fix"]["applicability"], "unsafe", "{d}");
        let want = if d["text"] == "Kiev" {
            "Kyiv"
        } else {
            "Hassan Abdel Qader"
        };
        assert_eq!(d["fix"]["edits"][0]["replacement"], want);
        assert!(d["help"].as_str().unwrap().contains("confidence"), "{d}");
    }
}

#[test]
fn a_broken_tie_is_reported() {
    // The tie is silent because it is a tie, not because the spellings are not grouped: one more
    // article with `Lena Vogt-Berger` makes `Lena Vogtberger` the minority.
    let dir = corpus_copy();
    std::fs::write(
        dir.path().join("06-aid-office.txt"),
        "Aid office opens in Lviv\nLena Vogt-Berger opened a second office of the Alpine Humanitarian Office in western Ukraine on Monday.\n",
    )
    .unwrap();
    let found: Vec<Finding> = check_json(&["."], dir.path())
        .into_iter()
        .filter(|f| f.4.contains("Vogt"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "05-families-wait.txt");
    assert_eq!(found[0].4, "Lena Vogtberger");
    assert_eq!(
        found[0].5,
        "`Lena Vogtberger` (1 mention in 1 article) is spelled `Lena Vogt-Berger` in the rest of the corpus (2 mentions in 2 articles)"
    );
}

// ----------------------------------------------------------------------------------------------
// (b) Output is byte-identical whatever the thread count.

#[test]
fn json_is_byte_identical_for_any_thread_count() {
    let dir = corpus_copy();
    // Enough files for the workers to split them.
    let spellings = [
        "Hassan Abdel Qader",
        "Hassan Abdel Kader",
        "Kyiv",
        "Kiev",
        "Lena Vogt-Berger",
        "Lena Vogtberger",
    ];
    for i in 0..40 {
        let a = spellings[i % spellings.len()];
        let b = spellings[(i * 7 + 3) % spellings.len()];
        std::fs::write(
            dir.path().join(format!("gen-{i:02}.txt")),
            format!("Talks resumed\nDelegates met {a} on Monday.\n\nLater they saw {b} again.\n"),
        )
        .unwrap();
    }
    let run = |threads: &str| {
        let out = newslint(
            &[
                "check",
                ".",
                "--format",
                "json",
                "--isolated",
                "--threads",
                threads,
            ],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        out.stdout
    };
    let one = run("1");
    assert!(json_has_code(&one, "N103"));
    assert_eq!(one, run("4"));
    assert_eq!(one, run("3"));
}

fn json_has_code(bytes: &[u8], code: &str) -> bool {
    let v: Value = serde_json::from_slice(bytes).unwrap();
    v.as_array().unwrap().iter().any(|d| d["code"] == code)
}

// ----------------------------------------------------------------------------------------------
// (c) and (d) The names index: one file checked against the rest of the corpus.

/// The N103 findings of the whole corpus for one file: code, line, column, message.
fn whole_corpus_findings_for(file: &str) -> Vec<(String, u64, u64, String)> {
    expected_corpus_findings()
        .into_iter()
        .filter(|f| f.1 == file)
        .map(|f| (f.0, f.2, f.3, f.5))
        .collect()
}

fn check_against_index(file: &str, index: &Path, cwd: &Path) -> Vec<(String, u64, u64, String)> {
    check_json(
        &[
            file,
            "--names-index",
            index.to_str().unwrap(),
            "--select",
            "N103",
        ],
        cwd,
    )
    .into_iter()
    .map(|f| {
        assert_eq!(f.1, file);
        (f.0, f.2, f.3, f.5)
    })
    .collect()
}

#[test]
fn each_file_against_an_index_of_the_others_matches_the_whole_corpus() {
    let dir = corpus_copy();
    let files = corpus_files();
    let index_dir = tempfile::tempdir().unwrap();
    let mut reported = 0;
    for file in &files {
        let others: Vec<&str> = files
            .iter()
            .filter(|f| *f != file)
            .map(String::as_str)
            .collect();
        let index = index_dir.path().join(format!("{file}.index"));
        write_index(&others, &index, dir.path());
        let got = check_against_index(file, &index, dir.path());
        assert_eq!(got, whole_corpus_findings_for(file), "{file}");
        reported += got.len();
    }
    assert_eq!(reported, 5);
}

#[test]
fn an_index_that_includes_the_checked_file_gives_the_same_result() {
    let dir = corpus_copy();
    let files = corpus_files();
    let index_dir = tempfile::tempdir().unwrap();
    let all = index_dir.path().join("all.index");
    write_index(&["."], &all, dir.path());
    for file in &files {
        let others: Vec<&str> = files
            .iter()
            .filter(|f| *f != file)
            .map(String::as_str)
            .collect();
        let without = index_dir.path().join(format!("{file}.index"));
        write_index(&others, &without, dir.path());
        let with = check_against_index(file, &all, dir.path());
        assert_eq!(
            with,
            check_against_index(file, &without, dir.path()),
            "{file}"
        );
        assert_eq!(with, whole_corpus_findings_for(file), "{file}");
    }
}

#[test]
fn an_edited_file_is_judged_on_its_new_text_not_its_indexed_one() {
    // The index still holds the old `Kiev` article; after the edit the article spells `Kyiv` and
    // nothing is reported, while the rest of the corpus stays as indexed.
    let dir = corpus_copy();
    let index_dir = tempfile::tempdir().unwrap();
    let all = index_dir.path().join("all.index");
    write_index(&["."], &all, dir.path());
    let path = dir.path().join("05-families-wait.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Kiev", "Kyiv")).unwrap();
    let left = check_against_index("05-families-wait.txt", &all, dir.path());
    assert!(left.iter().all(|f| f.3 == TIE), "{left:?}");
    assert_eq!(
        check_against_index("04-exchange-completed.txt", &all, dir.path()).len(),
        2
    );
}

#[test]
fn every_mention_of_a_40_mention_variant_is_reported_and_subtracted_from_the_index() {
    // Each of the 40 mentions is reported (the second pass places them all), and checking the
    // file against an index that holds it takes all 40 old mentions out.
    let dir = tempfile::tempdir().unwrap();
    let many = "Officials met Tomas Ferreira-Lind again. ".repeat(40);
    std::fs::write(dir.path().join("a.txt"), format!("Talks\n{many}\n")).unwrap();
    for name in ["b.txt", "c.txt", "d.txt"] {
        std::fs::write(
            dir.path().join(name),
            "Talks\nDelegates met Tomas Ferreira Lind on Monday.\n",
        )
        .unwrap();
    }
    let whole: Vec<_> = check_json(&[".", "--select", "N103"], dir.path())
        .into_iter()
        .map(|f| {
            assert_eq!(f.1, "a.txt");
            (f.0, f.2, f.3, f.5)
        })
        .collect();
    assert_eq!(whole.len(), 40, "{whole:?}");
    let columns: std::collections::BTreeSet<u64> = whole.iter().map(|f| f.2).collect();
    assert_eq!(columns.len(), 40, "every mention at its own place");
    assert_eq!(
        whole[0].3,
        "`Tomas Ferreira-Lind` (40 mentions in 1 article) is spelled `Tomas Ferreira Lind` in the rest of the corpus (3 mentions in 3 articles)"
    );
    let index_dir = tempfile::tempdir().unwrap();
    let all = index_dir.path().join("all.index");
    write_index(&["a.txt", "b.txt", "c.txt", "d.txt"], &all, dir.path());
    assert_eq!(check_against_index("a.txt", &all, dir.path()), whole);
    let others = index_dir.path().join("others.index");
    write_index(&["b.txt", "c.txt", "d.txt"], &others, dir.path());
    assert_eq!(check_against_index("a.txt", &others, dir.path()), whole);
}

#[test]
fn the_gazetteer_spelling_and_a_brand_casing_are_usual_even_in_fewer_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Talks\nBuyers left Ebay for rivals on Monday.\nThe Ebay auction closed early.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Talks\nSellers on Ebay protested.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.txt"),
        "Talks\nA spokesman for eBay declined to comment on the protest.\n",
    )
    .unwrap();
    let found = check_json(&[".", "--select", "N103"], dir.path());
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().all(|f| f.4 == "Ebay"), "{found:?}");
    assert!(
        found[0].5.contains("is spelled `eBay` by the gazetteer"),
        "{}",
        found[0].5
    );
    // A word in a small letter then capitals is a name only where the gazetteer lists it.
    std::fs::write(
        dir.path().join("d.txt"),
        "Talks\nThe script calls getValue and then setValue, as does GetValue.\n",
    )
    .unwrap();
    let found = check_json(&["d.txt", "--select", "names"], dir.path());
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn pretty_and_concise_show_one_heading_per_variant_with_its_places() {
    let dir = tempfile::tempdir().unwrap();
    let many = "Officials met Tomas Ferreira-Lind again. ".repeat(5);
    std::fs::write(dir.path().join("a.txt"), format!("Talks\n{many}\n")).unwrap();
    for name in ["b.txt", "c.txt"] {
        std::fs::write(
            dir.path().join(name),
            "Talks\nDelegates met Tomas Ferreira Lind on Monday.\n",
        )
        .unwrap();
    }
    let out = newslint(
        &[
            "check",
            ".",
            "--isolated",
            "--select",
            "N103",
            "--format",
            "concise",
        ],
        dir.path(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(
        lines[0].starts_with("N103 `Tomas Ferreira-Lind` (5 mentions in 1 article)"),
        "{text}"
    );
    assert!(lines[0].ends_with("(5 places)"), "{text}");
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.starts_with("  ") && l.contains("a.txt:2:")),
        "{text}"
    );

    let out = newslint(
        &["check", ".", "--isolated", "--select", "N103"],
        dir.path(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.matches("is spelled `Tomas Ferreira Lind`").count(),
        1,
        "{text}"
    );
    assert!(text.contains("at 5 places:"), "{text}");
    assert!(text.contains("Found 5 findings in 1 of 3 files"), "{text}");
    // The machine formats keep one finding per mention.
    assert_eq!(check_json(&[".", "--select", "N103"], dir.path()).len(), 5);
}

// ----------------------------------------------------------------------------------------------
// (e) Packs and bad input.

#[test]
fn a_house_preference_makes_the_canonical_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Convoys left Kyiv for the east on Monday, officials said.\n",
    )
    .unwrap();
    assert!(check_json(&["a.txt", "--select", "names"], dir.path()).is_empty());
    std::fs::write(
        dir.path().join("house.toml"),
        "[pack]\nname = \"house\"\n\n[lexicon]\nprefer = [\"Kiev\"]\n",
    )
    .unwrap();
    let found = check_json(
        &["a.txt", "--select", "names", "--pack", "house.toml"],
        dir.path(),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let (code, _, line, column, text, message) = &found[0];
    assert_eq!((code.as_str(), *line, *column), ("N102", 1, 14));
    assert_eq!(text, "Kyiv");
    assert!(message.contains("`Kiev`"), "{message}");
    assert!(message.contains("house"), "{message}");
}

#[test]
fn a_pack_name_entry_without_canonical_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Convoys left Kyiv.\n").unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[pack]\nname = \"bad\"\n\n[[lexicon.names]]\nvariants = [\"Kiyv\"]\n",
    )
    .unwrap();
    let out = newslint(
        &["check", "a.txt", "--isolated", "--pack", "bad.toml"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("canonical"), "{}", stderr(&out));
}

#[test]
fn a_malformed_index_is_an_error() {
    let dir = corpus_copy();
    let index_dir = tempfile::tempdir().unwrap();
    let good = index_dir.path().join("good.index");
    write_index(&["."], &good, dir.path());
    // Whatever the format, these are not an index: text, an empty file, the first half of a good
    // index, its first line alone, and a JSON object.
    let good = std::fs::read(&good).unwrap();
    let header_end = good.iter().position(|&b| b == b'\n').map_or(8, |p| p + 1);
    let bad_contents: [&[u8]; 5] = [
        b"not an index at all",
        b"",
        &good[..good.len() / 2],
        &good[..header_end],
        br#"{"N103": {"version": 1000000, "spellings": []}}"#,
    ];
    for (i, bad) in bad_contents.iter().enumerate() {
        let path = index_dir.path().join(format!("bad-{i}.index"));
        std::fs::write(&path, bad).unwrap();
        let out = newslint(
            &[
                "check",
                "05-families-wait.txt",
                "--isolated",
                "--names-index",
                path.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}: {}",
            String::from_utf8_lossy(bad),
            stderr(&out)
        );
        assert!(stderr(&out).contains("index"), "{}", stderr(&out));
    }
    let missing = index_dir.path().join("missing.index");
    let out = newslint(
        &[
            "check",
            "05-families-wait.txt",
            "--isolated",
            "--names-index",
            missing.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rule_docs_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["N101", "N102", "N103"] {
        let out = newslint(&["rule", code], dir.path());
        assert!(out.status.success(), "{code}");
        let doc = common::stdout(&out);
        for section in ["What it does", "Why is this bad", "Example", "Fix safety"] {
            assert!(doc.contains(section), "{code} lacks {section}");
        }
    }
}

// ----------------------------------------------------------------------------------------------
// (f) Fixes.

#[test]
fn a_listed_misspelling_is_fixed_safely_keeping_the_possessive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    // The N101 variant (`Karim Al Hadrawi`) has an unsafe fix: `--fix` leaves it.
    let text = "Relief flights resume\r\nThe first flight reached Kabul on Monday, officials said, \
                and Afganistan's aid ministry thanked the donors.\r\n\r\nKarim al-Hadrawi, \
                who runs the air bridge, met Karim al-Hadrawi's deputies; Karim Al Hadrawi \
                said two more flights were planned.\r\n";
    std::fs::write(&path, text).unwrap();
    let fix = |extra: &[&str]| {
        let mut args = vec!["check", "a.txt", "--isolated", "--select", "names", "--fix"];
        args.extend_from_slice(extra);
        newslint(&args, dir.path())
    };
    let out = fix(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        text.replacen("Afganistan's", "Afghanistan's", 1),
        "only the misspelling changes, every other byte (CRLF too) stays"
    );
    // Fixing again changes nothing.
    let again = fix(&[]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
    // With unsafe fixes, the minority spelling takes the article's usual one, possessive kept.
    let out = fix(&["--unsafe-fixes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        fixed.replacen("Karim Al Hadrawi", "Karim al-Hadrawi", 1)
    );
}

#[test]
fn an_unsafe_fix_keeps_a_possessive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let text = "Convoys left Kyiv on Monday. Officials in Kyiv said more would follow, and Kiev's \
                mayor agreed.\n";
    std::fs::write(&path, text).unwrap();
    let out = newslint(
        &[
            "check",
            "a.txt",
            "--isolated",
            "--select",
            "N101",
            "--fix",
            "--unsafe-fixes",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text.replace("Kiev's", "Kyiv's")
    );
}

// ----------------------------------------------------------------------------------------------
// Behaviour through the public API.

/// Names findings (code, flagged text) for `text`.
fn names(text: &str) -> Vec<(String, String)> {
    let reg = LINTER.registry();
    LINTER
        .check_text(text)
        .into_iter()
        .filter(|d| reg.meta(d.rule).code.starts_with('N'))
        .map(|d| {
            (
                reg.meta(d.rule).code.to_string(),
                d.span.slice(text).to_string(),
            )
        })
        .collect()
}

fn pair(code: &str, text: &str) -> (String, String) {
    (code.to_string(), text.to_string())
}

#[test]
fn merges_that_must_happen() {
    for (text, flagged) in [
        (
            "Envoys met Nadim al-Sayegh. Nadim al-Sayegh spoke. Nadim Al Sayegh left.",
            "Nadim Al Sayegh",
        ),
        (
            "Envoys met Nadim al-Sayegh. Nadim al-Sayegh spoke. Aides to Nadim el-Sayegh left.",
            "Nadim el-Sayegh",
        ),
        (
            "Envoys met Nadim al-Sayegh. Nadim al-Sayegh spoke. Aides to Nadim al Sayegh left.",
            "Nadim al Sayegh",
        ),
        (
            "Talks with Björn Åkesson began. Björn Åkesson spoke. Aides to Bjorn Akesson left.",
            "Bjorn Akesson",
        ),
        (
            "Police named Youssef Haddad. Youssef Haddad denied it. Lawyers for Yusef Hadad did not.",
            "Yusef Hadad",
        ),
        (
            "Crowds cheered Jean-Luc Moreau. Jean-Luc Moreau waved. Critics of Jean Luc Moreau did not.",
            "Jean Luc Moreau",
        ),
    ] {
        assert_eq!(names(text), vec![pair("N101", flagged)], "{text}");
    }
}

#[test]
fn merges_that_must_not_happen() {
    for text in [
        "Shelling hit Hama on Monday, and Hamas said it was not involved.",
        "Envoys from Iran met officials from Iraq in Basra.",
        "Funds came from Austria and from Australia, the agency said.",
        "Police questioned Mohammed, and later his cousin Mohamed, at the station.",
        "The striker Robin van Persie scored twice. Fans said Van Persie was the best player.",
        "Al-Shabaab denied the attack. Officials blamed al-Shabaab for the blast.",
        "The defenders Jayden Smit and Callum Smith both started, as did Owen Davies and Marcus Davis.",
        "We'll see, said Ana Duarte. They're ready, she added. Ana Duarte left.",
        "The junta in Myanmar rejects the name Burma, which exiled leaders still use.",
        "Talks with Karim al-Hadrawi resumed, while Karim Hadrawi, a teacher, stayed home.",
        "Eran Mizrahi visited Iran last year.",
        "Barges on the Mosel carried goods bound for Mosul.",
        "Troops left Niger, and envoys flew to Nigeria.",
    ] {
        assert_eq!(names(text), vec![], "{text}");
    }
}

#[test]
fn gazetteer_variants_are_caught_even_once() {
    assert_eq!(
        names("Officials said Afganistan's clinics were closed, and OTAN envoys visited Mosoul."),
        vec![
            pair("N102", "Afganistan"),
            pair("N102", "OTAN"),
            pair("N102", "Mosoul")
        ]
    );
    // Accepted variants used alone are fine; mixed with the canonical, the variant is flagged.
    assert_eq!(names("Officials in Kiev said so."), vec![]);
    assert_eq!(
        names("Officials in Kyiv said so. Officials in Kiev agreed."),
        vec![pair("N101", "Kiev")]
    );
}

// ----------------------------------------------------------------------------------------------
// Known bugs: failing tests, ignored until the rule code is mended.

#[test]
fn letters_with_strokes_fold_like_other_diacritics() {
    // `ö`, `Å`, `ğ` fold (NFD drops the mark) but `ł`, `ø`, `ı` have no decomposition, so
    // `Paweł` / `Pawel`, `Søren` / `Soren`, `Sıla` / `Sila` keep different keys.
    for (usual, variant) in [
        ("Paweł Nowicki", "Pawel Nowicki"),
        ("Søren Lund", "Soren Lund"),
        ("Sıla Kaya", "Sila Kaya"),
    ] {
        let text =
            format!("Police named {usual}. {usual} denied it. Lawyers for {variant} did not.");
        assert_eq!(names(&text), vec![pair("N101", variant)], "{text}");
    }
}

#[test]
fn listed_misspellings_are_caught_at_a_sentence_start() {
    // A single word opening a sentence is not taken for a name (it may be a common word), but a
    // spelling the gazetteer lists as wrong cannot be a common word: N102 still sees it.
    assert_eq!(
        names("Afganistan's clinics closed on Monday."),
        vec![pair("N102", "Afganistan")]
    );
    // An unlisted near miss opening a sentence stays silent: it may be a common word.
    assert_eq!(names("Mosoul was quiet on Monday."), vec![]);
}

#[test]
fn hyphen_and_space_forms_of_a_name_are_grouped() {
    // Names of several parts (words or hyphenated parts) group on the transliteration key.
    // A single word written as two (`Hongkong` / `Hong Kong`) stays apart: single words group on
    // the strict key only (a known limit, see README).
    for (usual, variant) in [
        ("Saint-Denis", "Saint Denis"),
        ("Saint Denis", "Saint-Denis"),
    ] {
        let text = format!(
            "Police in {usual} said so. Officials in {usual} agreed, but residents of {variant} did not."
        );
        assert_eq!(names(&text), vec![pair("N101", variant)], "{text}");
    }
}

#[test]
fn given_names_are_not_near_misses_of_places() {
    // The transliteration key collapses the doubled `aa`, so a four-letter given name shares the
    // key of the place and N102 reports it with an unsafe fix to the place name.
    assert_eq!(
        names("The striker, known simply as Dara, scored twice. Her teammate Sana also scored."),
        vec![]
    );
}

#[test]
fn corpus_fix_uses_a_spelling_the_corpus_wrote() {
    // The counted identity lowers a leading particle's capital; N103 reports that identity as the
    // spelling and its fix writes it, so `Van Perssie` becomes `van Persie` although every
    // article wrote `Van Persie`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Fans cheered as Van Persie scored.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Coaches praised Van Persie on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.txt"),
        "Critics of Van Perssie were quiet on Tuesday.\n",
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            ".",
            "--format",
            "json",
            "--isolated",
            "--select",
            "N103",
        ],
        dir.path(),
    );
    let found = json(&out);
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(d["text"], "Van Perssie");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("`Van Perssie` (1 mention in 1 article) is spelled `Van Persie`"),
        "{d}"
    );
    assert_eq!(d["fix"]["edits"][0]["replacement"], "Van Persie");
}

#[test]
fn never_merge_words_keep_multiword_names_apart() {
    // `Mohammed` / `Mohamed` is a never-merge pair, yet `Mohammed Saleh` and `Mohamed Saleh`
    // share a transliteration key and are reported as one name spelled two ways.
    assert_eq!(
        names("Police named Mohammed Saleh and Mohammed Saleh's brother, and also Mohamed Saleh."),
        vec![]
    );
}

// ----------------------------------------------------------------------------------------------
// Properties.

/// Name spellings, mixed so that variants, near misses, possessives and non-ASCII meet.
const POOL: &[&str] = &[
    "Karim al-Hadrawi",
    "Karim Al Hadrawi",
    "Karim el-Hadrawi",
    "Karim Hadrawi",
    "Youssef Haddad",
    "Yusef Hadad",
    "Björn Åkesson",
    "Bjorn Akesson",
    "Kyiv",
    "Kiev",
    "Kyiv's",
    "Kiev’s",
    "Afganistan",
    "Afganistan's",
    "OTAN",
    "Mosoul",
    "Hama",
    "Hamas",
    "Iran",
    "Iraq",
    "Robin van Persie",
    "Van Persie",
    "Al-Shabaab",
    "al-Shabaab",
    "Mohammed",
    "Mohamed",
    "Paweł Nowicki",
    "Erdoğan",
    "İzmir",
    "Deir ez-Zor",
    "Jean-Luc Moreau",
    "ÉCOLE",
];

fn name() -> impl Strategy<Value = &'static str> {
    prop::sample::select(POOL)
}

/// A sentence around a name.
fn sentence() -> impl Strategy<Value = String> {
    (name(), 0..8usize, "\\PC{0,6}").prop_map(|(n, t, noise)| match t {
        0 => format!("{n} spoke on Monday. "),
        1 => format!("Officials said {n} would attend. "),
        2 => format!("Talks with {n} resumed{noise}. "),
        3 => format!("\"{n}\" - "),
        4 => format!("{n}\n\n"),
        5 => format!("Aides to {n}{noise} left. "),
        6 => format!("{noise}{n}"),
        _ => format!("In {n}, crowds gathered. "),
    })
}

fn article() -> impl Strategy<Value = String> {
    proptest::collection::vec(sentence(), 0..14).prop_map(|v| v.concat())
}

fn assert_spans_valid(text: &str) -> Result<(), TestCaseError> {
    let reg = LINTER.registry();
    for d in LINTER.check_text(text) {
        if !reg.meta(d.rule).code.starts_with('N') {
            continue;
        }
        prop_assert!(
            d.span.start < d.span.end && d.span.end <= text.len(),
            "{d:?}"
        );
        prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                prop_assert!(e.span.start <= e.span.end && e.span.end <= text.len());
                prop_assert!(
                    text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end)
                );
            }
        }
    }
    Ok(())
}

/// Write `articles` into a fresh directory and return the N103 JSON of checking them all.
fn corpus_n103(dir: &Path, threads: &str) -> Vec<u8> {
    let out = newslint(
        &[
            "check",
            ".",
            "--format",
            "json",
            "--isolated",
            "--select",
            "N103",
            "--threads",
            threads,
        ],
        dir,
    );
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    out.stdout
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_is_safe_and_spans_are_on_char_boundaries(text in "\\PC{0,300}") {
        assert_spans_valid(&text)?;
    }

    #[test]
    fn articles_of_names_give_valid_spans(text in article(), noise in "\\PC{0,40}") {
        assert_spans_valid(&text)?;
        assert_spans_valid(&format!("{noise}{text}"))?;
        let diags = LINTER.check_text(&text);
        prop_assert_eq!(&diags, &LINTER.check_text(&text));
    }

    #[test]
    fn changing_the_case_of_an_article_is_safe(text in article()) {
        let lower = text.to_lowercase();
        assert_spans_valid(&lower)?;
        // In lowercase there are no names, so no name findings.
        prop_assert_eq!(names(&lower), vec![]);
        let upper = text.to_uppercase();
        assert_spans_valid(&upper)?;
        // In capitals, words are acronyms: never grouped as spellings of a name.
        prop_assert!(names(&upper).iter().all(|(code, _)| code == "N102"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn corpus_findings_do_not_depend_on_the_thread_count(
        articles in proptest::collection::vec(article(), 2..10),
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (i, a) in articles.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{i:02}.txt")), a).unwrap();
        }
        let one = corpus_n103(dir.path(), "1");
        prop_assert_eq!(&one, &corpus_n103(dir.path(), "3"));
    }

    #[test]
    fn one_file_against_an_index_of_the_others_matches_the_whole_corpus(
        articles in proptest::collection::vec(article(), 2..7),
        pick in 0..7usize,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let names: Vec<String> = (0..articles.len()).map(|i| format!("{i:02}.txt")).collect();
        for (name, a) in names.iter().zip(&articles) {
            std::fs::write(dir.path().join(name), a).unwrap();
        }
        let file = &names[pick % names.len()];
        let whole: Vec<_> = serde_json::from_slice::<Value>(&corpus_n103(dir.path(), "2"))
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(finding)
            .filter(|f| &f.1 == file)
            .map(|f| (f.0, f.2, f.3, f.5))
            .collect();
        let index_dir = tempfile::tempdir().unwrap();
        let others = index_dir.path().join("others.index");
        let rest: Vec<&str> = names.iter().filter(|n| *n != file).map(String::as_str).collect();
        write_index(&rest, &others, dir.path());
        prop_assert_eq!(&check_against_index(file, &others, dir.path()), &whole);
        let all = index_dir.path().join("all.index");
        write_index(&["."], &all, dir.path());
        prop_assert_eq!(&check_against_index(file, &all, dir.path()), &whole);
    }
}

// ----------------------------------------------------------------------------------------------
// Transliteration classes: a generated corpus of our own names, one usual spelling in three
// articles and a variant in a fourth, per class; guard pairs stay apart.

/// (usual, variant): each transliteration class with names of our own.
const CLASSES: &[(&str, &str)] = &[
    ("Tal Hamidah", "Tal Hamideh"),        // a/e before a final h
    ("Qarmadani", "Qarmdani"),             // a vowel dropped between consonants
    ("Erzahil", "Irzahil"),                // the start vowel
    ("Marsoukah", "Marsouka"),             // a final h
    ("Darbassiya", "Darrbassiya"),         // a doubled consonant
    ("Kafr Tousin", "Kafr Tusin"),         // ou/u
    ("Beit Hamdan", "Bayt Hamdan"),        // ei/ay
    ("Qanawat", "Ganawat"),                // q/g
    ("Jisr ash-Shamir", "Jisr al-Shamir"), // the article's forms
    ("Jisr as-Sabun", "Jisr Assabun"),     // joined to the name
];

/// Pairs that must stay apart.
const GUARDS: &[(&str, &str)] = &[
    ("Niger", "Nigeria"),
    ("Allen", "Allan"),
    ("Waters", "Watters"),
    ("Hama", "Hamas"),
];

fn convoy_article(name: &str, i: usize) -> String {
    format!(
        "Report {i}\nConvoys reached {name} on Tuesday after a week on the road, the drivers said.\n"
    )
}

#[test]
fn every_transliteration_class_is_grouped_and_guard_pairs_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    for (usual, variant) in CLASSES.iter().chain(GUARDS) {
        for name in [usual, usual, usual, variant] {
            std::fs::write(
                dir.path().join(format!("{n:03}.txt")),
                convoy_article(name, n),
            )
            .unwrap();
            n += 1;
        }
    }
    let found = check_json(&[".", "--select", "N103"], dir.path());
    let mut flagged: Vec<&str> = found.iter().map(|f| f.4.as_str()).collect();
    flagged.sort();
    let mut want: Vec<&str> = CLASSES.iter().map(|c| c.1).collect();
    want.sort();
    assert_eq!(flagged, want, "{found:?}");
    for (usual, variant) in CLASSES {
        let f = found.iter().find(|f| f.4 == *variant).unwrap();
        assert!(f.5.contains(&format!("is spelled `{usual}`")), "{f:?}");
    }
}

#[test]
fn machine_output_stays_sorted_by_path_when_corpus_findings_come_in() {
    // A mojibake line in the first and the last file; the corpus findings (N103) fall in the
    // fourth and the last. Streamed, the corpus findings used to come after every other one.
    let dir = corpus_copy();
    let names = corpus_files();
    for name in [&names[0], &names[4]] {
        let path = dir.path().join(name);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("\nThe caf\u{c3}\u{a9} by the quay was closed.\n");
        std::fs::write(&path, text).unwrap();
    }
    let key = |d: &Value| {
        (
            d["path"].as_str().unwrap().to_string(),
            d["line"].as_u64().unwrap(),
            d["column"].as_u64().unwrap(),
            d["code"].as_str().unwrap().to_string(),
        )
    };
    let out = newslint(
        &["check", ".", "--isolated", "--format", "json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let found: Vec<_> = json(&out).iter().map(key).collect();
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(found, sorted);
    let codes: Vec<&str> = found.iter().map(|k| k.3.as_str()).collect();
    assert!(
        codes.contains(&"N103") && codes.contains(&"E103"),
        "{codes:?}"
    );
    // The last file's corpus findings sit before its own later mojibake line.
    assert_eq!(found.last().unwrap().3, "E103");
    // JSON Lines: the same findings in the same order.
    let out = newslint(
        &["check", ".", "--isolated", "--format", "jsonl"],
        dir.path(),
    );
    let lines: Vec<_> = stdout(&out)
        .lines()
        .map(|l| key(&serde_json::from_str::<Value>(l).unwrap()))
        .collect();
    assert_eq!(lines, found);
    // The summary counts each file once, whichever pass found what in it.
    let files: std::collections::BTreeSet<_> = found.iter().map(|k| &k.0).collect();
    let out = newslint(&["check", ".", "--isolated"], dir.path());
    let summary = format!(
        "Found {} findings in {} of 5 files",
        found.len(),
        files.len()
    );
    assert!(stdout(&out).contains(&summary), "{}", stdout(&out));
}
