//! README.md stays true: its rule reference is the one the metadata generates, and its set-up
//! commands are the ones `.ci/run` runs.
//!
//! After changing a rule, regenerate the reference with `UPDATE_README=1 cargo test --test docs`.

use newslint::Registry;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rule_reference_is_generated_from_the_metadata() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = readme.split_once(START).expect("rules:start marker");
    let (current, tail) = rest.split_once(END).expect("rules:end marker");
    let generated = newslint::cli::rule_reference(&Registry::new(&[]).unwrap());
    if current != generated {
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(&path, format!("{head}{START}{generated}{END}{tail}")).unwrap();
        } else {
            panic!(
                "README.md's rule reference is stale: run `UPDATE_README=1 cargo test --test docs`"
            );
        }
    }
}

#[test]
fn readme_set_up_commands_match_ci() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    assert!(readme.contains("cargo run --release -- check fixtures/"));
    assert!(readme.contains("\ncargo test\n"));
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run must run the README's test command"
    );
    assert!(root.join("fixtures/clean").is_dir());
}
