//! `check` flags of issue 22, item 14: `--severity-min`, `--color`, `--statistics --format json`,
//! `--output-file`.
//! Each test runs the built binary.

mod common;

use common::{json, stderr};
use std::path::Path;
use std::process::{Command, Output};

/// A text of our own with an info finding (S103), a warning (E103, safe fix) and an error
/// (E105, a bidi control).
fn story(dir: &Path) {
    let text = format!(
        "The harbour levy will rise in April, sources said.\n\n{}\n\nThe file was named \u{202E}txt.exe by the sender.\n",
        common::MOJIBAKE_SENTENCE
    );
    std::fs::write(dir.join("story.txt"), text).unwrap();
}

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newslint"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run newslint")
}

fn severities(out: &Output) -> Vec<String> {
    json(out)
        .iter()
        .map(|d| d["severity"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn severity_min_leaves_out_what_is_below_it_in_reports_and_fixes() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path());
    let base = ["check", ".", "--isolated", "--format", "json"];
    let all = run(dir.path(), &base, &[]);
    assert_eq!(severities(&all), ["info", "warning", "error"]);
    let warn = run(
        dir.path(),
        &[&base[..], &["--severity-min", "warning"]].concat(),
        &[],
    );
    assert_eq!(severities(&warn), ["warning", "error"]);
    let err = run(
        dir.path(),
        &[&base[..], &["--severity-min", "error"]].concat(),
        &[],
    );
    assert_eq!(severities(&err), ["error"]);
    // Only info findings left: a clean exit.
    std::fs::write(
        dir.path().join("story.txt"),
        "The harbour levy will rise in April, sources said.\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[&base[..], &["--severity-min", "warning"]].concat(),
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(json(&out).is_empty());
    // A fix leaves a warning it does not report alone.
    story(dir.path());
    let before = std::fs::read(dir.path().join("story.txt")).unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            ".",
            "--isolated",
            "--fix",
            "--severity-min",
            "error",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.path().join("story.txt")).unwrap(), before);
    let bad = run(dir.path(), &["check", ".", "--severity-min", "loud"], &[]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn color_follows_the_flag_then_force_color_then_no_color() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path());
    let has_escape = |out: &Output| out.stdout.contains(&0x1b);
    let check = ["check", ".", "--isolated"];
    // Not a terminal: no colour by default.
    assert!(!has_escape(&run(dir.path(), &check, &[])));
    assert!(has_escape(&run(
        dir.path(),
        &check,
        &[("FORCE_COLOR", "1")]
    )));
    assert!(has_escape(&run(
        dir.path(),
        &[&check[..], &["--color", "always"]].concat(),
        &[("NO_COLOR", "1")]
    )));
    assert!(!has_escape(&run(
        dir.path(),
        &[&check[..], &["--color", "never"]].concat(),
        &[("FORCE_COLOR", "1")]
    )));
    // Colour never reaches machine-readable output.
    let out = run(
        dir.path(),
        &[&check[..], &["--color", "always", "--format", "json"]].concat(),
        &[],
    );
    assert!(!has_escape(&out));
}

#[test]
fn statistics_as_json() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path());
    std::fs::write(
        dir.path().join("more.txt"),
        format!("{}\n", common::MOJIBAKE_SENTENCE),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            ".",
            "--isolated",
            "--statistics",
            "--format",
            "json",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"], 4);
    assert_eq!(v["files"], 2);
    let e103 = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "E103")
        .unwrap();
    assert_eq!(e103["count"], 2);
    assert_eq!(e103["fixable"], 2);
    assert_eq!(v["rules"][0]["code"], "E103", "highest count first");
    assert_eq!(v["top_files"][0]["file"], "./story.txt");
    assert_eq!(v["top_files"][0]["count"], 3);
}

#[test]
fn output_file_holds_what_standard_output_would() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path());
    let base = ["check", "story.txt", "--isolated", "--format", "json"];
    let to_stdout = run(dir.path(), &base, &[]);
    // A directory that does not exist yet is made, and nothing of the report reaches stdout.
    let out = run(
        dir.path(),
        &[&base[..], &["--output-file", "reports/r.json"]].concat(),
        &[],
    );
    assert_eq!(
        out.status.code(),
        to_stdout.status.code(),
        "{}",
        stderr(&out)
    );
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let written = std::fs::read(dir.path().join("reports/r.json")).unwrap();
    assert_eq!(written, to_stdout.stdout);
    // Only the report is left in the directory: the temporary file was renamed over it.
    let names: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["r.json"]);

    // A second run replaces the report whole, keeping the file's permissions; `-o` is the short
    // form, and pretty output to a file has no colour under `--color auto`.
    let report = dir.path().join("reports/r.txt");
    std::fs::write(&report, "an old and much longer report ".repeat(200)).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = run(
        dir.path(),
        &["check", "story.txt", "--isolated", "-o", "reports/r.txt"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(
        text.contains("E105") && text.contains("Found 3 findings"),
        "{text}"
    );
    assert!(
        !text.contains("old and much longer") && !text.contains('\x1b'),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&report).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}

#[test]
fn output_file_that_cannot_be_written_is_an_error_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    story(dir.path());
    std::fs::write(dir.path().join("plain"), "a file, not a directory").unwrap();
    let out = run(
        dir.path(),
        &["check", "story.txt", "--isolated", "-o", "plain/r.json"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot write the report to plain/r.json"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}
