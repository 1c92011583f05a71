//! The CI gate through the built binary: baseline round trip, machine formats, exit codes, and
//! the pre-commit conventions (files by name, --force-exclude).

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

const ARTICLE: &str = "Tram fares frozen for a year\nShare\nThe council froze fares on Monday, the mayor said.\nRelated Stories\n";

#[test]
fn baseline_round_trip_reports_only_new_findings_and_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(
        p.join("b.jsonl"),
        "{\"id\": \"r1\", \"text\": \"Copy link\\nThe port reopened.\"}\n",
    )
    .unwrap();
    let out = newslint(&["baseline", "--id-field", "id", "."], p);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let b: Value =
        serde_json::from_str(&std::fs::read_to_string(p.join(".newslint-baseline.json")).unwrap())
            .unwrap();
    assert_eq!(b["entries"].as_array().unwrap().len(), 3);

    // Known findings do not fail the gate.
    let out = newslint(
        &[
            "check",
            "--baseline",
            ".newslint-baseline.json",
            "--id-field",
            "id",
            ".",
        ],
        p,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // Edit another part of the file: lines move, nothing new is reported. Add one new finding and
    // fix a known one: only the new one fails the gate, the fixed one is stale.
    let edited = format!(
        "An editor's note added at the top.\n\n{}",
        ARTICLE.replace("Related Stories\n", "Print\n")
    );
    std::fs::write(p.join("a.txt"), edited).unwrap();
    std::fs::write(
        p.join("b.jsonl"),
        "{\"id\": \"r0\", \"text\": \"A new record first.\"}\n{\"id\": \"r1\", \"text\": \"Copy link\\nThe port reopened.\"}\n",
    )
    .unwrap();
    let out = newslint(
        &[
            "check",
            "--baseline",
            ".newslint-baseline.json",
            "--id-field",
            "id",
            "--format",
            "json",
            ".",
        ],
        p,
    );
    assert_eq!(out.status.code(), Some(1));
    let new: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0]["text"], "Print");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("stale") && err.contains("Related Stories"),
        "{err}"
    );
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let out = newslint(&["check", "--format", "sarif", "a.txt"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !stderr(&out).contains("GitHub"),
        "no warning below GitHub's limits"
    );
    let sarif: serde_sarif::sarif::Sarif =
        serde_json::from_slice(&out.stdout).expect("parses as SARIF");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(sarif.runs.len(), 1);
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert!(run["invocations"][0]["toolExecutionNotifications"].is_null());
    assert!(
        run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "A204")
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let r = &results[0];
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a.txt"
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
    // SARIF's endColumn is exclusive: `Share` spans columns 1..6.
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["endColumn"],
        6
    );
    assert!(
        r["partialFingerprints"]
            .as_object()
            .unwrap()
            .values()
            .all(|f| f.as_str().unwrap().len() == 16)
    );
}

#[test]
fn other_formats_and_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let concise = newslint(&["check", "--format", "concise", "a.txt"], dir.path());
    assert_eq!(
        stdout(&concise).lines().next().unwrap(),
        "a.txt:2:1: A204 button label left in the text: `Share`"
    );
    let gh = newslint(&["check", "--format", "github", "a.txt"], dir.path());
    assert!(
        stdout(&gh).starts_with("::warning file=a.txt,line=2,col=1,"),
        "{}",
        stdout(&gh)
    );
    let jl = newslint(&["check", "--format", "jsonl", "a.txt"], dir.path());
    assert_eq!(stdout(&jl).lines().count(), 2);
    for l in stdout(&jl).lines() {
        serde_json::from_str::<Value>(l).unwrap();
    }
    let junit = newslint(&["check", "--format", "junit", "a.txt"], dir.path());
    assert!(stdout(&junit).contains("<testsuite") && stdout(&junit).contains("<failure"));
    let stats = newslint(&["check", "--statistics", "a.txt"], dir.path());
    assert!(stdout(&stats).contains("A204") && stdout(&stats).contains("artifact"));
    assert_eq!(
        newslint(&["check", "--exit-zero", "a.txt"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        newslint(&["check", "--exit-zero", "missing.txt"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn force_exclude_applies_config_excludes_to_named_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir(p.join("drafts")).unwrap();
    std::fs::write(p.join("drafts/x.txt"), ARTICLE).unwrap();
    std::fs::write(p.join("y.txt"), ARTICLE).unwrap();
    std::fs::write(p.join("newslint.toml"), "exclude = [\"drafts/**\"]\n").unwrap();
    // Walking skips the excluded folder.
    let out = newslint(&["check", "--format", "concise", "."], p);
    assert!(!stdout(&out).contains("drafts"));
    // Named explicitly (as pre-commit does), it is checked unless --force-exclude.
    assert_eq!(
        newslint(&["check", "drafts/x.txt"], p).status.code(),
        Some(1)
    );
    let out = newslint(&["check", "--force-exclude", "drafts/x.txt"], p);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn pre_commit_hooks_are_declared() {
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    assert!(hooks.contains("- id: newslint\n") && hooks.contains("- id: newslint-fix\n"));
    assert!(hooks.contains("entry: newslint check --force-exclude"));
    assert!(hooks.contains("entry: newslint check --fix --force-exclude"));
}

#[test]
fn github_annotations_stay_within_what_github_shows() {
    // Twelve warnings: GitHub shows ten per kind in a step and drops the rest silently.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        std::fs::write(
            dir.path().join(format!("a{i:02}.txt")),
            format!("{MOJIBAKE_SENTENCE}\n"),
        )
        .unwrap();
    }
    let gh = newslint(
        &["check", "--format", "github", "--select", "E103", "."],
        dir.path(),
    );
    assert_eq!(gh.status.code(), Some(1), "{}", stderr(&gh));
    let out = stdout(&gh);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::warning ")).count(),
        10,
        "{out}"
    );
    let last = lines.last().unwrap();
    assert!(
        last.starts_with("::notice::newslint: 2 more findings not shown"),
        "{last}"
    );
    assert!(last.contains("--format concise"), "{last}");
}

#[test]
fn a_baseline_of_another_version_or_id_field_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("b.jsonl"),
        "{\"id\": \"r1\", \"text\": \"Copy link\\nThe port reopened.\"}\n",
    )
    .unwrap();
    let out = newslint(&["baseline", "--id-field", "id", "."], p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = ".newslint-baseline.json";
    // Checked without the --id-field it was written with: the finding looks new, and the run
    // says why.
    let out = newslint(&["check", "--baseline", file, "b.jsonl"], p);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("written with --id-field"),
        "{}",
        stderr(&out)
    );
    let out = newslint(
        &["check", "--baseline", file, "--id-field", "id", "b.jsonl"],
        p,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("--id-field"), "{}", stderr(&out));
    // The reverse: written without, checked with.
    let out = newslint(&["baseline", "-o", "plain.json", "."], p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = newslint(
        &[
            "check",
            "--baseline",
            "plain.json",
            "--id-field",
            "id",
            "b.jsonl",
        ],
        p,
    );
    assert!(
        stderr(&out).contains("written without --id-field"),
        "{}",
        stderr(&out)
    );
    // A version this newslint does not know is an error, not a guess.
    let text = std::fs::read_to_string(p.join(file)).unwrap();
    let future = text.replacen("\"version\": 2", "\"version\": 7", 1);
    assert_ne!(text, future);
    std::fs::write(p.join("future.json"), future).unwrap();
    let out = newslint(&["check", "--baseline", "future.json", "b.jsonl"], p);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("baseline version 7"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_long_stale_list_is_capped() {
    // Thirty files with a known finding each, all fixed since: thirty stale entries.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for i in 0..30 {
        std::fs::write(p.join(format!("a{i:02}.txt")), ARTICLE).unwrap();
    }
    let out = newslint(&["baseline", "."], p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for i in 0..30 {
        std::fs::write(
            p.join(format!("a{i:02}.txt")),
            "Tram fares frozen for a year\nThe council froze fares on Monday, the mayor said.\n",
        )
        .unwrap();
    }
    let out = newslint(&["check", "--baseline", ".newslint-baseline.json", "."], p);
    let err = stderr(&out);
    assert_eq!(
        err.lines().filter(|l| l.contains("stale:")).count(),
        20,
        "{err}"
    );
    assert!(err.contains("… and "), "{err}");
}

#[test]
fn baseline_and_index_refuse_the_flags_that_change_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let text = format!("{MOJIBAKE_SENTENCE}\n");
    std::fs::write(p.join("a.txt"), &text).unwrap();
    for args in [
        &["baseline", "--fix", "."][..],
        &["baseline", "--diff", "."],
        &["baseline", "--baseline", "old.json", "."],
        &["index", "--fix", ".", "-o", "names.idx"],
    ] {
        let out = newslint(args, p);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        // Not a flag of these subcommands at all: clap's usage error names it.
        let flag = args[1];
        assert!(
            stderr(&out).contains(&format!("unexpected argument '{flag}'")),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    // Nothing was rewritten and no file was written.
    assert_eq!(std::fs::read_to_string(p.join("a.txt")).unwrap(), text);
    assert!(!p.join(".newslint-baseline.json").exists());
    assert!(!p.join("names.idx").exists());
}

/// Each subcommand's help lists its own flags: `baseline` and `index` have no report or fix
/// flags, `index` no rule selection, and `check` has them all.
#[test]
fn each_subcommand_lists_only_its_own_flags() {
    let dir = tempfile::tempdir().unwrap();
    let help = |sub: &str| stdout(&newslint(&[sub, "--help"], dir.path()));
    let report_flags = [
        "--fix",
        "--diff",
        "--unsafe-fixes",
        "--format",
        "--baseline ",
        "--exit-zero",
        "--output-file",
        "--statistics",
    ];
    let check = help("check");
    for flag in report_flags
        .iter()
        .chain(&["--select", "--text-field", "--names-index"])
    {
        assert!(check.contains(flag), "check --help lacks {flag}:\n{check}");
    }
    let baseline = help("baseline");
    let index = help("index");
    for flag in report_flags {
        assert!(
            !baseline.contains(flag),
            "baseline --help lists {flag}:\n{baseline}"
        );
        assert!(!index.contains(flag), "index --help lists {flag}:\n{index}");
    }
    assert!(
        baseline.contains("--select") && baseline.contains("--text-field"),
        "{baseline}"
    );
    assert!(
        !index.contains("--select") && !index.contains("--pack"),
        "{index}"
    );
    assert!(
        index.contains("--text-field") && index.contains("--output"),
        "{index}"
    );
}

/// A corpus with one finding-bearing article, a JSONL file whose second record is cut off and a
/// binary file: two input errors, and findings in the rest.
fn corpus_with_input_errors(p: &Path) {
    std::fs::write(p.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(
        p.join("m.jsonl"),
        "{\"text\": \"Copy link\\nThe ferry left at noon.\"}\n{\"text\": \"The tide came in ea\n{\"text\": \"Gulls circled the pier.\"}\n",
    )
    .unwrap();
    std::fs::write(p.join("photo.txt"), b"\x89PNG\x00\x00\x01").unwrap();
}

#[test]
fn input_errors_are_in_every_machine_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    corpus_with_input_errors(p);

    // SARIF: an unsuccessful invocation with one error notification per input error, at its
    // file (and line); the results of the rest are all there.
    let out = newslint(&["check", "--format", "sarif", "."], p);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    serde_json::from_slice::<serde_sarif::sarif::Sarif>(&out.stdout).expect("parses as SARIF");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let invocation = &v["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    let at = |n: &Value| n["locations"][0]["physicalLocation"].clone();
    let record = notes
        .iter()
        .find(|n| at(n)["artifactLocation"]["uri"] == "m.jsonl")
        .unwrap();
    assert_eq!(record["level"], "error");
    assert!(
        record["message"]["text"]
            .as_str()
            .unwrap()
            .contains("malformed JSON record"),
        "{record}"
    );
    assert_eq!(at(record)["region"]["startLine"], 2);
    assert!(at(record)["region"]["startColumn"].as_u64().unwrap() >= 1);
    let binary = notes
        .iter()
        .find(|n| at(n)["artifactLocation"]["uri"] == "photo.txt")
        .unwrap();
    assert!(
        binary["message"]["text"]
            .as_str()
            .unwrap()
            .contains("binary")
    );
    assert!(at(binary).get("region").is_none());
    let results = v["runs"][0]["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"a.txt") && uris.contains(&"m.jsonl"),
        "{uris:?}"
    );

    // JSON (streamed through the corpus rules' spill, streamed directly, and held with --fix):
    // error records after the findings, `kind: "error"` and no code.
    for extra in [&[][..], &["--select", "A204,A205"][..], &["--fix"][..]] {
        let mut args = vec!["check", "--format", "json"];
        args.extend(extra);
        args.push(".");
        let out = newslint(&args, p);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        let items = json(&out);
        let first_error = items.iter().position(|d| d["kind"] == "error").unwrap();
        assert!(
            items[..first_error]
                .iter()
                .all(|d| d.get("kind").is_none() && d["code"].is_string()),
            "findings first: {items:?}"
        );
        let errors = &items[first_error..];
        assert_eq!(errors.len(), 2, "{extra:?}: {errors:?}");
        // Paths as found by walking `.`, as the findings' are.
        let e = errors.iter().find(|e| e["path"] == "./m.jsonl").unwrap();
        assert_eq!(
            (e["line"].as_u64(), e["record"].as_u64()),
            (Some(2), Some(2))
        );
        assert!(e["column"].as_u64().is_some());
        assert!(e["code"].is_null() && e["severity"] == "error");
        assert!(
            e["message"]
                .as_str()
                .unwrap()
                .contains("malformed JSON record")
        );
        let e = errors.iter().find(|e| e["path"] == "./photo.txt").unwrap();
        assert!(e["line"].is_null() && e["record"].is_null());
        if extra.is_empty() {
            assert!(
                items[..first_error]
                    .iter()
                    .any(|d| d["path"] == "./m.jsonl")
            );
        }
        corpus_with_input_errors(p);
    }

    // JSONL: the same error objects, one per line, after the findings.
    let out = newslint(&["check", "--format", "jsonl", "."], p);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<bool> = lines.iter().map(|d| d["kind"] == "error").collect();
    assert_eq!(kinds.iter().filter(|k| **k).count(), 2);
    assert!(kinds.ends_with(&[true, true]), "{lines:?}");

    // JUnit: an <error> in the file's testcase (it could not be checked), counted in `errors`.
    let out = newslint(&["check", "--format", "junit", "."], p);
    assert_eq!(out.status.code(), Some(2));
    let xml = stdout(&out);
    assert!(xml.contains("errors=\"2\""), "{xml}");
    let case = xml.split("<testcase name=\"./m.jsonl\"").nth(1).unwrap();
    let case = &case[..case.find("</testcase>").unwrap()];
    assert!(
        case.contains("<error message=\"malformed JSON record"),
        "{case}"
    );
    assert!(case.contains("type=\"input-error\">./m.jsonl:2:"), "{case}");
    let case = xml.split("<testcase name=\"./photo.txt\"").nth(1).unwrap();
    assert!(case[..case.find("</testcase>").unwrap()].contains("<error message=\"binary file"));

    // GitHub: error annotations at the file (and line), before the findings.
    let out = newslint(&["check", "--format", "github", "."], p);
    assert_eq!(out.status.code(), Some(2));
    let gh = stdout(&out);
    let lines: Vec<&str> = gh.lines().collect();
    assert!(
        lines[0].starts_with("::error file=m.jsonl,line=2,col=")
            && lines[0].contains("::malformed JSON record"),
        "{gh}"
    );
    assert!(
        lines[1].starts_with("::error file=photo.txt,title="),
        "{gh}"
    );
    assert!(
        lines[2..]
            .iter()
            .any(|l| l.starts_with("::warning file=a.txt"))
    );
}

#[test]
fn max_results_keeps_the_most_severe_and_records_how_many_were_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // a.txt: A204 (a warning) on line 2, then A203 made an error on line 4; b.txt: an info.
    std::fs::write(p.join("newslint.toml"), "[severity]\nA203 = \"error\"\n").unwrap();
    std::fs::write(p.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(p.join("b.txt"), b"The mayor\xC3 said no.\n").unwrap();
    let run = |max: &str| {
        let out = newslint(
            &[
                "check",
                "--format",
                "sarif",
                "--max-results",
                max,
                "a.txt",
                "b.txt",
            ],
            p,
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let run = v["runs"][0].clone();
        let kept: Vec<(String, String)> = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["level"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (
            kept,
            run["properties"]["newslint/resultsOmitted"].clone(),
            stderr(&out),
        )
    };
    let pair = |code: &str, level: &str| (code.to_string(), level.to_string());
    // The error, though the warning comes first in report order.
    let (kept, omitted, err) = run("1");
    assert_eq!(kept, [pair("A203", "error")]);
    assert_eq!(omitted, 2);
    assert!(err.contains("2 of 3 results left out"), "{err}");
    // Within the kept ones, report order stays.
    let (kept, omitted, _) = run("2");
    assert_eq!(kept, [pair("A204", "warning"), pair("A203", "error")]);
    assert_eq!(omitted, 1);
    // Room for all: nothing recorded.
    let (kept, omitted, err) = run("3");
    assert_eq!(kept.len(), 3);
    assert!(omitted.is_null() && !err.contains("left out"), "{err}");
    // The other formats refuse it rather than write everything.
    let out = newslint(
        &["check", "--format", "json", "--max-results", "1", "a.txt"],
        p,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format sarif only"));
}

#[test]
fn a_sarif_log_beyond_what_github_shows_is_warned_about() {
    // 2,501 small articles of two findings each: 5,002 results.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for i in 0..2501 {
        std::fs::write(p.join(format!("n{i:04}.txt")), ARTICLE).unwrap();
    }
    let args = ["check", "--format", "sarif", "--select", "A203,A204", "."];
    let out = newslint(&args, p);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let warning: Vec<&str> = err.lines().filter(|l| l.contains("GitHub")).collect();
    assert_eq!(warning.len(), 1, "{err}");
    assert!(
        warning[0].starts_with("warning: the SARIF log has 5002 results")
            && warning[0].contains("shows only 5,000")
            && warning[0].contains("--max-results 5000"),
        "{err}"
    );
    // Following the advice: no warning, and the two left out are counted.
    let mut limited = args.to_vec();
    limited.extend(["--max-results", "5000"]);
    let out = newslint(&limited, p);
    let err = stderr(&out);
    assert!(!err.contains("GitHub"), "{err}");
    assert!(err.contains("2 of 5002 results left out"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 5000);
    assert_eq!(v["runs"][0]["properties"]["newslint/resultsOmitted"], 2);
}

/// Every replacement of every SARIF fix in `log` for the artifact `uri`, applied to `bytes` by
/// their byte regions (which must not overlap), last first.
fn apply_sarif_fixes(log: &Value, uri: &str, bytes: &[u8]) -> Vec<u8> {
    let mut replacements: Vec<(usize, usize, String)> = Vec::new();
    for r in log["runs"][0]["results"].as_array().unwrap() {
        for fix in r["fixes"].as_array().into_iter().flatten() {
            for change in fix["artifactChanges"].as_array().unwrap() {
                assert_eq!(change["artifactLocation"]["uri"], uri);
                for rep in change["replacements"].as_array().unwrap() {
                    let region = &rep["deletedRegion"];
                    let start = region["byteOffset"].as_u64().unwrap() as usize;
                    let len = region["byteLength"].as_u64().unwrap() as usize;
                    // The lines and columns are those of the same bytes (columns in chars).
                    let place = |offset: usize| {
                        let before = std::str::from_utf8(&bytes[..offset]).unwrap();
                        let line = before.matches('\n').count() + 1;
                        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
                        (line as u64, column as u64)
                    };
                    assert_eq!(
                        (
                            region["startLine"].as_u64().unwrap(),
                            region["startColumn"].as_u64().unwrap()
                        ),
                        place(start),
                        "{rep}"
                    );
                    assert_eq!(
                        (
                            region["endLine"].as_u64().unwrap(),
                            region["endColumn"].as_u64().unwrap()
                        ),
                        place(start + len),
                        "{rep}"
                    );
                    let text = rep["insertedContent"]["text"].as_str().unwrap();
                    replacements.push((start, start + len, text.to_string()));
                }
            }
        }
    }
    replacements.sort();
    assert!(
        replacements.windows(2).all(|w| w[0].1 <= w[1].0),
        "overlap: {replacements:?}"
    );
    let mut out = bytes.to_vec();
    for (start, end, text) in replacements.into_iter().rev() {
        out.splice(start..end, text.into_bytes());
    }
    out
}

#[test]
fn sarif_fixes_replace_exactly_what_fix_writes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // Two mojibake words (E103, a safe replacement) and a run of blank lines (A103, a safe
    // deletion over several lines), in our own sentences.
    let article = format!(
        "Ferry timetable changes\n\n{MOJIBAKE_SENTENCE}\n\n\n\nIts owner, Mara Velt, said the caf\u{c3}\u{a9} would stay open late.\n"
    );
    std::fs::write(p.join("a.txt"), &article).unwrap();
    let out = newslint(&["check", "--format", "sarif", "a.txt"], p);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let fixed_codes: Vec<&str> = results
        .iter()
        .filter(|r| r["fixes"].is_array())
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(fixed_codes, ["E103", "A103", "E103"], "{results:?}");
    let e103 = results.iter().find(|r| r["ruleId"] == "E103").unwrap();
    let fix = &e103["fixes"][0];
    assert!(fix["description"]["text"].as_str().unwrap().len() > 3);
    assert_eq!(
        fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "é"
    );
    let applied = apply_sarif_fixes(&log, "a.txt", article.as_bytes());
    let fix = newslint(&["check", "--fix", "a.txt"], p);
    assert_eq!(fix.status.code(), Some(0), "{}", stdout(&fix));
    assert_eq!(
        String::from_utf8(applied).unwrap(),
        std::fs::read_to_string(p.join("a.txt")).unwrap()
    );

    // A fix the config makes unsafe is not offered (`--fix` would not apply it).
    std::fs::write(p.join("a.txt"), &article).unwrap();
    std::fs::write(
        p.join("newslint.toml"),
        "extend-unsafe-fixes = [\"E103\"]\n",
    )
    .unwrap();
    let out = newslint(&["check", "--format", "sarif", "a.txt"], p);
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    for r in log["runs"][0]["results"].as_array().unwrap() {
        assert_eq!(r["fixes"].is_array(), r["ruleId"] == "A103", "{r}");
    }
}

#[test]
fn sarif_fixes_in_jsonl_records_are_json_escaped_at_the_raw_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // One record escapes its non-ASCII text (`\u00c3\u00a9`), one holds it raw; both have other
    // escapes around the mojibake.
    let body = format!(
        "{{\"id\":\"q1\",\"text\":\"Quay notes\\nThe new caf\\u00c3\\u00a9 on \\\"Orrin\\\" Street opened.\"}}\n\
         {{\"id\":\"q2\",\"text\":\"Tide tables\\n{MOJIBAKE_SENTENCE}\\tMore soon.\"}}\n"
    );
    std::fs::write(p.join("feed.jsonl"), &body).unwrap();
    let out = newslint(
        &[
            "check",
            "--format",
            "sarif",
            "--select",
            "E103",
            "feed.jsonl",
        ],
        p,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let inserted: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
                .as_str()
                .unwrap()
        })
        .collect();
    // In the style of each record's literal.
    assert_eq!(inserted, ["\\u00e9", "é"]);
    let applied = apply_sarif_fixes(&log, "feed.jsonl", body.as_bytes());
    let fix = newslint(&["check", "--fix", "--select", "E103", "feed.jsonl"], p);
    assert_eq!(fix.status.code(), Some(0), "{}", stdout(&fix));
    let fixed = std::fs::read_to_string(p.join("feed.jsonl")).unwrap();
    assert_ne!(fixed, body);
    assert_eq!(String::from_utf8(applied).unwrap(), fixed);
}
