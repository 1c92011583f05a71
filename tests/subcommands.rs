//! The `completions`, `init` and `pack test` commands, end to end.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

/// An article of our own with a glued toggle label (A101), a follow prompt (A201) and a mojibake
/// word (E103): a few findings for the config to change or not.
fn article() -> String {
    format!(
        "Lantern festival draws record crowds\nshareShared\nOrganisers in Velmora said forty \
         thousand people walked the river path on Saturday.\nFollow us on Mastodon\n{MOJIBAKE_SENTENCE}\n"
    )
}

// ---------------------------------------------------------------------------------------------
// completions

#[test]
fn completions_are_generated_from_the_command_line_definition() {
    let dir = tempfile::tempdir().unwrap();
    let out = newslint(&["completions", "bash"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bash = stdout(&out);
    for word in [
        "newslint",
        "check",
        "--select",
        "--extend-select",
        "init",
        "pack",
    ] {
        assert!(bash.contains(word), "bash completions lack `{word}`");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = newslint(&["completions", shell], dir.path());
        assert_eq!(code(&out), 0, "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(
            script.contains("newslint") && script.contains("select"),
            "{shell}: {script}"
        );
    }
}

#[test]
fn completions_for_an_unknown_shell_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = newslint(&["completions", "tcsh"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("tcsh"), "{}", stderr(&out));
    assert_eq!(code(&newslint(&["completions"], dir.path())), 2);
}

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_writes_a_config_that_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("festival.txt"), article()).unwrap();
    let out = newslint(&["init"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let config = dir.path().join("newslint.toml");
    assert!(config.is_file());
    assert!(stdout(&out).contains("newslint.toml"), "{}", stdout(&out));

    let isolated = newslint(&["check", "--isolated", "--format", "json"], dir.path());
    let with_config = newslint(&["check", "--format", "json"], dir.path());
    assert_eq!(code(&isolated), 1, "{}", stderr(&isolated));
    assert_eq!(code(&with_config), 1, "{}", stderr(&with_config));
    let findings = json(&isolated);
    let codes: Vec<&str> = findings.iter().filter_map(|d| d["code"].as_str()).collect();
    for c in ["A101", "A201", "E103"] {
        assert!(codes.contains(&c), "{codes:?}");
    }
    assert_eq!(json(&with_config), findings);

    // Named explicitly, it loads (a broken config would exit 2).
    let explicit = newslint(
        &["check", "--config", "newslint.toml", "--format", "json"],
        dir.path(),
    );
    assert_eq!(code(&explicit), 1, "{}", stderr(&explicit));
    assert_eq!(json(&explicit), findings);
}

#[test]
fn init_leaves_an_existing_config_alone_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(&newslint(&["init"], dir.path())), 0);
    let config = dir.path().join("newslint.toml");
    // The user's edit of the file, which a second init must not undo.
    let edited = format!(
        "{}\nignore = [\"A101\"]\n",
        std::fs::read_to_string(&config).unwrap()
    );
    std::fs::write(&config, &edited).unwrap();

    let again = newslint(&["init"], dir.path());
    assert_eq!(code(&again), 2);
    let err = stderr(&again);
    assert!(
        err.contains("newslint.toml") && err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), edited);

    let forced = newslint(&["init", "--force"], dir.path());
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    let written = std::fs::read_to_string(&config).unwrap();
    assert_ne!(written, edited);
    assert!(!written.contains("\nignore = "));
}

#[test]
fn init_writes_into_a_named_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("desk")).unwrap();
    let out = newslint(&["init", "desk"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(dir.path().join("desk/newslint.toml").is_file());
    assert!(!dir.path().join("newslint.toml").exists());

    // A config above now stops applying below: init says so.
    let out = newslint(&["init", "desk/night"], dir.path());
    assert_eq!(code(&out), 2, "no such directory");
    std::fs::create_dir(dir.path().join("desk/night")).unwrap();
    let out = newslint(&["init", "desk/night"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("instead of"), "{}", stderr(&out));
}

/// The blocks of commented-out settings in the template: runs of lines that start with `#` and
/// no space (prose comments start with `# `), as line ranges.
fn setting_blocks(template: &str) -> Vec<std::ops::Range<usize>> {
    let is_setting = |l: &str| l.starts_with('#') && !l.starts_with("# ") && l.len() > 1;
    let lines: Vec<&str> = template.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_setting(lines[i]) {
            let start = i;
            while i < lines.len() && is_setting(lines[i]) {
                i += 1;
            }
            blocks.push(start..i);
        } else {
            i += 1;
        }
    }
    blocks
}

fn uncomment(template: &str, blocks: &[std::ops::Range<usize>]) -> String {
    template
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if blocks.iter().any(|b| b.contains(&i)) {
                &l[1..]
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Keeps the template honest: each of its commented-out settings, uncommented, is a config that
/// loads, alone and all together, and together they set every key the config knows.
#[test]
fn every_commented_out_setting_of_init_loads() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(&newslint(&["init"], dir.path())), 0);
    let template = std::fs::read_to_string(dir.path().join("newslint.toml")).unwrap();
    // The pack its `packs` example names.
    std::fs::write(
        dir.path().join("house-style.toml"),
        pack_with_examples(
            r#"["A little bird told us the mayor will resign."]"#,
            r#"["A little bird landed on the mayor's desk."]"#,
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join("festival.txt"), article()).unwrap();

    let blocks = setting_blocks(&template);
    assert!(blocks.len() >= 15, "only {} setting blocks", blocks.len());
    let mut configs: Vec<(String, String)> = blocks
        .iter()
        .map(|b| {
            let first = template.lines().nth(b.start).unwrap().to_string();
            (first, uncomment(&template, std::slice::from_ref(b)))
        })
        .collect();
    let all = uncomment(&template, &blocks);
    configs.push(("every setting".into(), all.clone()));
    for (what, config) in &configs {
        std::fs::write(dir.path().join("edited.toml"), config).unwrap();
        let out = newslint(
            &[
                "check",
                "--config",
                "edited.toml",
                "--format",
                "json",
                "festival.txt",
            ],
            dir.path(),
        );
        assert!(
            matches!(code(&out), 0 | 1),
            "uncommenting `{what}` breaks the config:\n{}",
            stderr(&out)
        );
    }

    let table: toml::Table = toml::from_str(&all).unwrap();
    for key in [
        "select",
        "extend-select",
        "ignore",
        "packs",
        "include",
        "exclude",
        "extend-safe-fixes",
        "extend-unsafe-fixes",
        "severity",
        "rules",
        "overrides",
    ] {
        assert!(
            table.contains_key(key),
            "the template does not show `{key}`"
        );
    }
    // Every rule that takes options shows them.
    let rules = table["rules"].as_table().unwrap();
    for rule in [
        "glued-toggle-label",
        "trailing-menu",
        "blank-line-run",
        "furniture-line",
        "corpus-boilerplate",
        "comment-thread",
        "hedged-passive",
    ] {
        assert!(
            rules.contains_key(rule),
            "the template does not show {rule}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// pack test

/// A pack of our own: one sourcing rule (not artifact, so no other rule's overlapping finding
/// can win over it) with the given `flag` and `pass` examples.
fn pack_with_examples(flag: &str, pass: &str) -> String {
    format!(
        r#"[pack]
name = "house-style"

[[rule]]
code = "S951"
name = "little-bird"
family = "sourcing"
kind = "existence"
message = "a source nobody can check: `{{match}}`"
description = "Finds the idiom `a little bird told us`, a source in the writer's voice that names no one."
why = "Readers cannot weigh a claim whose source is a figure of speech."
phrases = ["a little bird told us"]
examples = {{ flag = {flag}, pass = {pass} }}
"#
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn pack_test_passes_a_pack_whose_examples_hold() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "house.toml",
        &pack_with_examples(
            r#"["A little bird told us the mayor will resign.", "Who knew? A little bird told us."]"#,
            r#"["A little bird landed on the mayor's desk."]"#,
        ),
    );
    let out = newslint(&["pack", "test", "house.toml"], dir.path());
    assert_eq!(code(&out), 0, "{}\n{}", stdout(&out), stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("house.toml: 1 rule"), "{report}");
    assert!(
        report.contains("ok      S951 little-bird (3 examples)"),
        "{report}"
    );
    assert!(report.contains("1 rule: 1 ok, 0 failed"), "{report}");
    assert!(!report.contains("FAILED"), "{report}");
}

#[test]
fn pack_test_names_each_failing_example() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "house.toml",
        &pack_with_examples(
            r#"["A little bird told us the mayor will resign.", "The mayor denied everything on Tuesday."]"#,
            r#"["A little bird landed on the mayor's desk.", "Nobody signed it, but a little bird told us so."]"#,
        ),
    );
    let out = newslint(&["pack", "test", "house.toml"], dir.path());
    assert_eq!(code(&out), 1, "{}\n{}", stdout(&out), stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("FAILED  S951 little-bird (4 examples, 2 failed)"),
        "{report}"
    );
    assert!(
        report.contains(
            "flag example 2: expected to be flagged, was not: \"The mayor denied everything on Tuesday.\""
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "pass example 2: expected to pass, was flagged: \"Nobody signed it, but a little bird told us so.\""
        ),
        "{report}"
    );
    // What was found: the rule's own finding, placed and quoted.
    assert!(
        report.contains("found 1:23 S951 little-bird \"a little bird told us\""),
        "{report}"
    );
    // The examples that hold are not reported.
    assert!(!report.contains("example 1"), "{report}");
    assert!(report.contains("1 rule: 0 ok, 1 failed"), "{report}");
}

#[test]
fn pack_test_of_a_pack_that_does_not_load_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = pack_with_examples(r#"["A little bird told us the mayor will resign."]"#, "[]");
    let bad = good.replace(
        "phrases = [\"a little bird told us\"]",
        "regex = ['(a little bird']",
    );
    assert_ne!(good, bad);
    write(dir.path(), "bad.toml", &bad);
    write(dir.path(), "story.txt", "The mayor spoke on Tuesday.\n");
    let out = newslint(&["pack", "test", "bad.toml"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("bad.toml") && err.contains("invalid regular expression"),
        "{err}"
    );
    // The same error `check --pack` shows.
    let check = newslint(&["check", "--pack", "bad.toml", "story.txt"], dir.path());
    assert_eq!(code(&check), 2);
    assert_eq!(stderr(&check), err);

    write(dir.path(), "syntax.toml", "[[rule]\ncode = \"S951\"\n");
    let out = newslint(&["pack", "test", "syntax.toml"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("syntax.toml"), "{}", stderr(&out));

    let out = newslint(&["pack", "test", "missing.toml"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("missing.toml"), "{}", stderr(&out));

    // A good pack beside a bad one: nothing is tested.
    write(dir.path(), "good.toml", &good.replace("S951", "S952"));
    let out = newslint(&["pack", "test", "good.toml", "bad.toml"], dir.path());
    assert_eq!(code(&out), 2);

    assert_eq!(code(&newslint(&["pack", "test"], dir.path())), 2);
}

fn bundled_packs() -> Vec<PathBuf> {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut packs: Vec<PathBuf> = std::fs::read_dir(rules)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    packs.sort();
    assert!(packs.len() >= 5, "{packs:?}");
    packs
}

#[test]
fn pack_test_passes_the_bundled_packs() {
    let dir = tempfile::tempdir().unwrap();
    let packs = bundled_packs();
    let mut args = vec!["pack".to_string(), "test".to_string()];
    args.extend(packs.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = newslint(&args, dir.path());
    assert_eq!(code(&out), 0, "{}\n{}", stdout(&out), stderr(&out));
    let report = stdout(&out);
    for p in &packs {
        let name = p.file_name().unwrap().to_str().unwrap();
        assert!(
            report.contains(&format!(
                "{} (in place of the bundled rules/{name})",
                p.display()
            )),
            "{report}"
        );
    }
    assert!(report.contains("ok      A201 follow-prompt"), "{report}");
    assert!(!report.contains("FAILED"), "{report}");

    // Every pack rule was tested: as many as `newslint rules` lists from the bundled packs.
    let rules = newslint(&["rules", "--format", "json"], dir.path());
    let listed: Vec<Value> = serde_json::from_slice(&rules.stdout).unwrap();
    let from_packs = listed
        .iter()
        .filter(|m| {
            m["origin"]
                .as_str()
                .is_some_and(|o| o.starts_with("rules/"))
        })
        .count();
    assert!(from_packs > 0);
    assert!(
        report.contains(&format!("{from_packs} rules: {from_packs} ok, 0 failed")),
        "{report}"
    );
}

/// A new version of a bundled pack is tested in place of the bundled one: its own examples,
/// not the binary's, and no duplicate codes.
#[test]
fn pack_test_tests_an_edited_bundled_pack() {
    let dir = tempfile::tempdir().unwrap();
    let furniture = bundled_packs()
        .into_iter()
        .find(|p| p.ends_with("furniture.toml"))
        .unwrap();
    let text = std::fs::read_to_string(furniture).unwrap();
    let edited = text.replacen(
        "examples = { flag = [",
        "examples = { flag = [\"The ferry left Quillan at noon.\", ",
        1,
    );
    assert_ne!(edited, text);
    write(dir.path(), "furniture.toml", &edited);
    let out = newslint(&["pack", "test", "furniture.toml"], dir.path());
    assert_eq!(code(&out), 1, "{}\n{}", stdout(&out), stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("furniture.toml (in place of the bundled rules/furniture.toml)"),
        "{report}"
    );
    assert!(
        report.contains(
            "flag example 1: expected to be flagged, was not: \"The ferry left Quillan at noon.\""
        ),
        "{report}"
    );
    assert!(report.contains(", 1 failed\n"), "{report}");
}

#[test]
fn help_lists_the_new_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = newslint(&["--help"], dir.path());
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    for (command, words) in [
        ("init", "Write a commented newslint.toml"),
        ("pack", "Rule pack tools"),
        ("completions", "shell completion script"),
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{command} ")))
            .unwrap_or_else(|| panic!("`{command}` not in --help:\n{help}"));
        assert!(line.contains(words), "{line}");
    }
    let out = newslint(&["pack", "--help"], dir.path());
    assert!(
        stdout(&out)
            .lines()
            .any(|l| l.trim_start().starts_with("test ")),
        "{}",
        stdout(&out)
    );
}
