//! The built binary, end to end: exit codes, formats, config, packs and bad input.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

const DIRTY: &str = "Harbour strike enters second week\nbookmarkBookmarked\nDock workers walked out again on Monday, the union said.\nRelated Stories\n";
const CLEAN: &str =
    "Harbour strike enters second week\nDock workers walked out again on Monday, the union said.\n";

#[test]
fn exit_codes_clean_findings_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.txt"), CLEAN).unwrap();
    std::fs::write(dir.path().join("dirty.txt"), DIRTY).unwrap();
    assert_eq!(code(&newslint(&["check", "clean.txt"], dir.path())), 0);
    assert_eq!(code(&newslint(&["check", "dirty.txt"], dir.path())), 1);
    let missing = newslint(&["check", "nope.txt", "dirty.txt"], dir.path());
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("nope.txt"),
        "{}",
        stderr(&missing)
    );
    // The rest of the input was still checked.
    assert!(String::from_utf8_lossy(&missing.stdout).contains("A101"));
    assert_eq!(
        code(&newslint(
            &["check", "--format", "yaml", "clean.txt"],
            dir.path()
        )),
        2
    );
}

#[test]
fn json_contract_fields_and_exact_span() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dirty.txt"), DIRTY).unwrap();
    let out = newslint(&["check", "--format", "json", "dirty.txt"], dir.path());
    assert_eq!(code(&out), 1);
    let diags = json(&out);
    let d = diags
        .iter()
        .find(|d| d["code"] == "A101")
        .expect("A101 reported");
    for key in [
        "path",
        "record",
        "field",
        "code",
        "name",
        "family",
        "severity",
        "message",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "text",
        "help",
        "fix",
    ] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
    assert_eq!(d["text"], "bookmarkBookmarked");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(2), Some(18))
    );
    assert_eq!(d["record"], Value::Null);
    assert_eq!(d["family"], "artifact");
    assert_eq!(d["fix"]["applicability"], "safe");
    let start = d["start"].as_u64().unwrap() as usize;
    assert_eq!(&DIRTY[start..start + 18], "bookmarkBookmarked");
    // Sorted by offset.
    let starts: Vec<u64> = diags.iter().map(|d| d["start"].as_u64().unwrap()).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn pretty_output_labels_the_span_and_points_to_docs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dirty.txt"), DIRTY).unwrap();
    let out = newslint(&["check", "dirty.txt"], dir.path());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("A101 glued-toggle-label"), "{s}");
    assert!(s.contains("dirty.txt:2:1"), "{s}");
    assert!(s.contains("newslint rule A101"), "{s}");
    assert!(!s.contains('\u{1b}'), "NO_COLOR must disable colour: {s}");
    assert!(s.contains("Found 2 findings"), "{s}");
}

#[test]
fn very_long_lines_fall_back_to_a_short_form() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!(
        "{} pinPinned {}\n",
        "word ".repeat(2000),
        "more ".repeat(2000)
    );
    std::fs::write(dir.path().join("long.txt"), &long).unwrap();
    let out = newslint(&["check", "long.txt"], dir.path());
    assert_eq!(code(&out), 1);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("--> long.txt:1:10002"), "{s}");
    assert!(
        s.lines().all(|l| l.chars().count() < 400),
        "a line was drawn whole"
    );
}

#[test]
fn bad_input_is_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("empty.txt"), "").unwrap();
    std::fs::write(p.join("binary.txt"), b"\x00\x01\x02PNG\x00").unwrap();
    std::fs::write(p.join("dirty.txt"), DIRTY).unwrap();
    // Invalid UTF-8 (a lone lead byte) in otherwise UTF-8 text.
    std::fs::write(p.join("broken.txt"), b"The mayor\xC3 said no.\npinPinned\n").unwrap();
    let out = newslint(&["check", "--format", "json", "."], p);
    assert_eq!(code(&out), 2, "a binary file is an input error");
    assert!(stderr(&out).contains("binary.txt"));
    let diags = json(&out);
    assert!(
        diags
            .iter()
            .any(|d| d["path"].as_str().unwrap().ends_with("dirty.txt"))
    );
    assert!(
        diags
            .iter()
            .any(|d| d["path"].as_str().unwrap().ends_with("broken.txt") && d["code"] == "A101")
    );
    assert!(
        !diags
            .iter()
            .any(|d| d["path"].as_str().unwrap().ends_with("empty.txt"))
    );
}

#[test]
fn invalid_utf8_byte_is_located_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let mut bytes = "Der Bürgermeister sagte: „Nein.“ ".repeat(4).into_bytes();
    let bad_at = bytes.len();
    bytes.push(0xFF);
    bytes.extend_from_slice(b" Ende.\n");
    std::fs::write(p.join("x.txt"), &bytes).unwrap();
    let out = newslint(
        &["check", "--format", "json", "--encoding", "utf-8", "x.txt"],
        p,
    );
    let diags = json(&out);
    let d = diags.iter().find(|d| d["code"] == "E101").expect("E101");
    assert_eq!(d["offset"].as_u64(), Some(bad_at as u64));
    assert_eq!(d["end_offset"].as_u64(), Some(bad_at as u64 + 1));
    assert_eq!(d["text"], "\u{FFFD}");
    assert_eq!(code(&out), 1);
}

#[test]
fn windows_1252_file_spans_map_to_original_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Le maire a déclaré « non » à la réforme, selon l’agence.\r\nlikeLiked\r\nLa séance a été levée.\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    std::fs::write(dir.path().join("fr.txt"), &bytes).unwrap();
    let out = newslint(&["check", "--format", "json", "fr.txt"], dir.path());
    let diags = json(&out);
    let d = diags.iter().find(|d| d["code"] == "A101").expect("A101");
    let off = d["offset"].as_u64().unwrap() as usize;
    assert_eq!(&bytes[off..off + 9], b"likeLiked");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(1))
    );
    let e = diags
        .iter()
        .find(|d| d["code"] == "E102")
        .expect("legacy encoding reported");
    assert_eq!(e["severity"], "info");
    assert!(e["message"].as_str().unwrap().contains("windows-1252"));
}

#[test]
fn rules_and_rule_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = newslint(&["rules"], dir.path());
    assert_eq!(code(&out), 0);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("A101") && s.contains("glued-toggle-label") && s.contains("A203"));
    for key in ["A101", "glued-toggle-label", "A203"] {
        let out = newslint(&["rule", key], dir.path());
        assert_eq!(code(&out), 0);
        let s = String::from_utf8_lossy(&out.stdout);
        for section in [
            "## What it does",
            "## Why is this bad",
            "## Example",
            "## Fix safety",
        ] {
            assert!(s.contains(section), "{key}: {section} missing");
        }
    }
    assert_eq!(code(&newslint(&["rule", "Z999"], dir.path())), 2);
    let out = newslint(&["rules", "--format", "json"], dir.path());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().any(|r| r["code"] == "E101"));
}

#[test]
fn config_selects_ignores_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir(p.join("wire")).unwrap();
    std::fs::write(p.join("a.txt"), DIRTY).unwrap();
    std::fs::write(p.join("wire/b.txt"), DIRTY).unwrap();
    std::fs::write(
        p.join("newslint.toml"),
        "ignore = [\"related-news-heading\"]\n[severity]\nA101 = \"error\"\n[[overrides]]\nfiles = [\"wire/**\"]\nignore = [\"A1\"]\n",
    )
    .unwrap();
    let diags = json(&newslint(&["check", "--format", "json", "."], p));
    let codes: Vec<(String, String, String)> = diags
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().replace('\\', "/"),
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![(
            "./a.txt".to_string(),
            "A101".to_string(),
            "error".to_string()
        )]
    );
    // The command line replaces `select` and adds to `ignore`.
    let diags = json(&newslint(
        &["check", "--format", "json", "--select", "A2", "a.txt"],
        p,
    ));
    assert!(diags.iter().all(|d| d["code"] != "A101"));
    // --isolated ignores the config.
    let diags = json(&newslint(
        &["check", "--format", "json", "--isolated", "a.txt"],
        p,
    ));
    assert!(diags.iter().any(|d| d["code"] == "A203"));
    // Rule options reach the rule.
    std::fs::write(
        p.join("opt.toml"),
        "[rules.glued-toggle-label]\nmin-stem = 9\n",
    )
    .unwrap();
    let diags = json(&newslint(
        &["check", "--format", "json", "--config", "opt.toml", "a.txt"],
        p,
    ));
    assert!(diags.iter().all(|d| d["code"] != "A101"));
}

#[test]
fn broken_config_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a.txt"), CLEAN).unwrap();
    for (cfg, needle) in [
        ("selekt = [\"A\"]\n", "selekt"),
        ("select = [\"Q77\"]\n", "Q77"),
        ("[rules.glued-toggle-label]\nmin-stem = \"x\"\n", "min-stem"),
        ("[rules.no-such-rule]\n", "no-such-rule"),
        ("select = [\n", "newslint.toml"),
    ] {
        std::fs::write(p.join("newslint.toml"), cfg).unwrap();
        let out = newslint(&["check", "a.txt"], p);
        assert_eq!(code(&out), 2, "{cfg}");
        let err = stderr(&out);
        assert!(
            err.contains(needle) && err.contains("newslint.toml"),
            "{cfg}: {err}"
        );
    }
}

#[test]
fn user_packs_load_and_broken_packs_fail_with_location() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("a.txt"),
        "The mayor said the tram would be free.\nPrinted in Ruritania\n",
    )
    .unwrap();
    let pack = r#"
[[rule]]
code = "A901"
name = "printed-in"
family = "artifact"
kind = "existence"
scope = "line"
message = "print edition colophon"
description = "Finds colophons."
why = "Not article text."
regex = ['^printed in \w+$']
fix = "delete-line"
examples = { flag = ["Printed in Freedonia"] }
"#;
    std::fs::write(p.join("house.toml"), pack).unwrap();
    let out = newslint(
        &["check", "--format", "json", "--pack", "house.toml", "a.txt"],
        p,
    );
    assert!(
        json(&out)
            .iter()
            .any(|d| d["code"] == "A901" && d["line"] == 2)
    );
    let out = newslint(&["rule", "printed-in", "--pack", "house.toml"], p);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Finds colophons."));

    std::fs::write(
        p.join("bad.toml"),
        pack.replace("^printed in \\w+$", "^printed in (\\w+$"),
    )
    .unwrap();
    let out = newslint(&["check", "--pack", "bad.toml", "a.txt"], p);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("bad.toml") && err.contains("invalid regular expression"),
        "{err}"
    );
    assert!(
        err.contains("^printed in (\\w+$"),
        "the label shows the regex: {err}"
    );

    std::fs::write(p.join("dup.toml"), pack.replace("A901", "A101")).unwrap();
    let out = newslint(&["check", "--pack", "dup.toml", "a.txt"], p);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("duplicate"));
}

#[test]
fn gitignored_files_are_skipped_when_walking() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join(".ignore"), "skipped.txt\n").unwrap();
    std::fs::write(p.join("skipped.txt"), DIRTY).unwrap();
    std::fs::write(p.join("kept.txt"), CLEAN).unwrap();
    assert_eq!(code(&newslint(&["check", "."], p)), 0);
    // Named explicitly, it is checked.
    assert_eq!(code(&newslint(&["check", "skipped.txt"], p)), 1);
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        let body = if i % 3 == 0 { DIRTY } else { CLEAN };
        std::fs::write(dir.path().join(format!("{i:02}.txt")), body).unwrap();
    }
    let one = newslint(
        &["check", "--format", "json", "--threads", "1", "."],
        dir.path(),
    );
    let four = newslint(
        &["check", "--format", "json", "--threads", "4", "."],
        dir.path(),
    );
    assert_eq!(one.stdout, four.stdout);
    let diags = json(&one);
    // The headline and the first sentence are in all 20 files of one directory: corpus
    // boilerplate (A107) on each of their 40 lines, besides the 14 per-file findings.
    let boilerplate = diags.iter().filter(|d| d["code"] == "A107").count();
    assert_eq!((diags.len() - boilerplate, boilerplate), (14, 40));
}

#[test]
fn fix_rewrites_in_place_and_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let text = "Harbour strike enters second week\r\nbookmarkBookmarked\r\nDock workers walked out again on Monday.likeLiked\r\nRelated Stories\r\n";
    std::fs::write(p.join("a.txt"), text).unwrap();
    // --diff writes nothing and exits 1 when something would change.
    let out = newslint(&["check", "--diff", "a.txt"], p);
    assert_eq!(code(&out), 1);
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("-bookmarkBookmarked") && diff.contains("-Related Stories"),
        "{diff}"
    );
    assert_eq!(std::fs::read_to_string(p.join("a.txt")).unwrap(), text);
    // --fix applies the safe fixes; the unsafe one (label glued to text) remains: exit 1.
    let out = newslint(&["check", "--fix", "a.txt"], p);
    assert_eq!(code(&out), 1);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Fixed 2 findings (1 remaining)."));
    let fixed = std::fs::read_to_string(p.join("a.txt")).unwrap();
    assert_eq!(
        fixed,
        "Harbour strike enters second week\r\nDock workers walked out again on Monday.likeLiked\r\n"
    );
    // A second run changes nothing.
    let out = newslint(&["check", "--diff", "a.txt"], p);
    assert_eq!(code(&out), 0);
    assert!(out.stdout.is_empty());
    // --unsafe-fixes applies the rest: exit 0.
    let out = newslint(&["check", "--fix", "--unsafe-fixes", "a.txt"], p);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(
        std::fs::read_to_string(p.join("a.txt")).unwrap(),
        "Harbour strike enters second week\r\nDock workers walked out again on Monday.\r\n"
    );
}

#[test]
fn fix_keeps_legacy_encoding_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let (w1252, _, _) = encoding_rs::WINDOWS_1252
        .encode("Le café a rouvert – enfin.\nCopy link\nLa mairie l’a confirmé.\n");
    std::fs::write(p.join("fr.txt"), &w1252).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    "Hamna habari.\nShare\nMwisho.\n"
        .encode_utf16()
        .for_each(|u| utf16.extend_from_slice(&u.to_le_bytes()));
    std::fs::write(p.join("sw.txt"), &utf16).unwrap();
    let out = newslint(&["check", "--fix", "fr.txt", "sw.txt"], p);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    let (want, _, _) =
        encoding_rs::WINDOWS_1252.encode("Le café a rouvert – enfin.\nLa mairie l’a confirmé.\n");
    assert_eq!(std::fs::read(p.join("fr.txt")).unwrap(), want.into_owned());
    let mut want16 = vec![0xFF, 0xFE];
    "Hamna habari.\nMwisho.\n"
        .encode_utf16()
        .for_each(|u| want16.extend_from_slice(&u.to_le_bytes()));
    assert_eq!(std::fs::read(p.join("sw.txt")).unwrap(), want16);
}

#[test]
fn fix_result_is_independent_of_threads_and_order() {
    let make = || {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..12 {
            let body = if i % 2 == 0 { DIRTY } else { CLEAN };
            std::fs::write(dir.path().join(format!("{i:02}.txt")), body).unwrap();
        }
        dir
    };
    let (a, b) = (make(), make());
    let out_a = newslint(
        &["check", "--fix", "--format", "json", "--threads", "1", "."],
        a.path(),
    );
    let mut names: Vec<String> = (0..12).rev().map(|i| format!("{i:02}.txt")).collect();
    let mut args = vec!["check", "--fix", "--format", "json", "--threads", "4"];
    args.extend(names.iter_mut().map(|s| s.as_str()));
    let out_b = newslint(&args, b.path());
    assert_eq!(code(&out_a), code(&out_b));
    for i in 0..12 {
        let f = format!("{i:02}.txt");
        assert_eq!(
            std::fs::read(a.path().join(&f)).unwrap(),
            std::fs::read(b.path().join(&f)).unwrap()
        );
    }
}

#[test]
fn config_moves_fixes_between_safe_and_unsafe() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a.txt"), DIRTY).unwrap();
    std::fs::write(
        p.join("newslint.toml"),
        "extend-unsafe-fixes = [\"A101\"]\n",
    )
    .unwrap();
    let diags = json(&newslint(&["check", "--format", "json", "a.txt"], p));
    let d = diags.iter().find(|d| d["code"] == "A101").unwrap();
    assert_eq!(d["fix"]["applicability"], "unsafe");
    newslint(&["check", "--fix", "a.txt"], p);
    assert!(
        std::fs::read_to_string(p.join("a.txt"))
            .unwrap()
            .contains("bookmarkBookmarked")
    );
}

/// The legacy-encoding fixtures: every finding's original byte range decodes (in the file's
/// encoding) to its text, and --fix writes the file back in its own encoding with only the fixed
/// lines gone.
#[test]
fn legacy_encoding_fixtures_are_located_and_fixed_in_their_encoding() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/encoding");
    for (name, enc) in [
        ("windows-1252.txt", encoding_rs::WINDOWS_1252),
        ("iso-8859-1.txt", encoding_rs::WINDOWS_1252),
        ("euc-kr.txt", encoding_rs::EUC_KR),
        ("shift_jis.txt", encoding_rs::SHIFT_JIS),
        ("utf-16le-bom.txt", encoding_rs::UTF_16LE),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let raw = std::fs::read(root.join(name)).unwrap();
        std::fs::write(dir.path().join(name), &raw).unwrap();
        let out = newslint(
            &["check", "--format", "json", "--encoding", enc.name(), name],
            dir.path(),
        );
        let diags = json(&out);
        assert!(
            diags.iter().any(|d| d["code"] == "E102"),
            "{name}: encoding reported"
        );
        for d in &diags {
            let (a, b) = (
                d["offset"].as_u64().unwrap() as usize,
                d["end_offset"].as_u64().unwrap() as usize,
            );
            let (piece, _) = enc.decode_without_bom_handling(&raw[a..b]);
            assert_eq!(piece, d["text"].as_str().unwrap(), "{name}: {d}");
        }
        // Fixing keeps the encoding: the fixed bytes decode to the text minus the fixed lines.
        let (text, _) = enc.decode_with_bom_removal(&raw);
        let mut expected = text.into_owned();
        let mut edits: Vec<(usize, usize)> = diags
            .iter()
            .filter(|d| d["fix"]["applicability"] == "safe")
            .flat_map(|d| d["fix"]["edits"].as_array().unwrap().clone())
            .map(|e| {
                (
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        edits.sort();
        for (s, e) in edits.into_iter().rev() {
            expected.replace_range(s..e, "");
        }
        newslint(
            &["check", "--fix", "--encoding", enc.name(), name],
            dir.path(),
        );
        let fixed = std::fs::read(dir.path().join(name)).unwrap();
        assert_eq!(
            fixed.starts_with(&[0xFF, 0xFE]),
            raw.starts_with(&[0xFF, 0xFE]),
            "{name}: BOM kept"
        );
        let (decoded, _, malformed) = enc.decode(&fixed);
        assert!(!malformed, "{name}: still valid {}", enc.name());
        assert_eq!(decoded, expected, "{name}");
    }
}

/// A reader that goes away (`newslint rules --format markdown | head -1`) ends the process
/// quietly: no panic, no message.
#[test]
fn a_closed_pipe_ends_the_process_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(["rules", "--format", "markdown"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the read end before (or while) the reference is written: it is larger than a pipe's
    // buffer, so some write fails either way.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "{err}");
    assert!(err.is_empty(), "{err}");
}

/// `--stdin-filename` without `-` among the paths is a usage error, not a walk of `.`.
#[test]
fn stdin_filename_without_dash_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dirty.txt"), DIRTY).unwrap();
    let out = newslint(&["check", "--stdin-filename", "a.txt"], dir.path());
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("`-`"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    // With `-` it reads standard input under that name.
    let out = newslint_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "a.txt",
            "--format",
            "json",
        ],
        dir.path(),
        DIRTY.as_bytes(),
    );
    assert_eq!(code(&out), 1);
    let found = json(&out);
    assert!(
        !found.is_empty() && found.iter().all(|d| d["path"] == "a.txt"),
        "{found:?}"
    );
}

#[test]
fn quiet_prints_the_findings_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), format!("{MOJIBAKE_SENTENCE}\n")).unwrap();
    let loud = newslint(&["check", "--format", "concise", "a.txt"], dir.path());
    let quiet = newslint(&["check", "--format", "concise", "-q", "a.txt"], dir.path());
    assert_eq!(loud.status.code(), Some(1));
    assert_eq!(quiet.status.code(), Some(1));
    assert_eq!(stdout(&quiet), stdout(&loud));
    let pretty = newslint(&["check", "a.txt"], dir.path());
    let pretty_quiet = newslint(&["check", "--quiet", "a.txt"], dir.path());
    assert!(stdout(&pretty).contains("Found 1 finding"));
    assert!(
        !stdout(&pretty_quiet).contains("Found"),
        "{}",
        stdout(&pretty_quiet)
    );
    assert!(stdout(&pretty_quiet).contains("E103"));
    // With --fix, no closing line either; the fix is still made.
    let fixed = newslint(&["check", "--fix", "-q", "a.txt"], dir.path());
    assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
    assert!(stdout(&fixed).trim().is_empty(), "{}", stdout(&fixed));
    let text = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert!(text.contains("café"));
}
