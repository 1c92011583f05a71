//! Every rule is documented and every pack rule's inline examples hold.

use newslint::pack::examples::run_examples;
use newslint::rule::{DOC_SECTIONS, FixAvailability};
use newslint::{Linter, Registry};

#[test]
fn every_rule_has_the_documentation_sections_in_order() {
    let reg = Registry::new(&[]).unwrap();
    for (_, m) in reg.metas() {
        let mut at = 0;
        for section in DOC_SECTIONS {
            let found = m.doc[at..].find(section).unwrap_or_else(|| {
                panic!(
                    "{} {}: section `{section}` missing or out of order",
                    m.code, m.name
                )
            });
            at += found + section.len();
        }
        assert!(!m.summary.is_empty(), "{}: empty summary", m.code);
        assert!(
            m.code.starts_with(m.family.letter()),
            "{}: code does not match family",
            m.code
        );
    }
}

#[test]
fn pack_examples_flag_and_pass() {
    let linter = Linter::new();
    let reg = linter.registry();
    assert!(!reg.pack_examples().is_empty());
    // The check `newslint pack test` runs, over every bundled pack.
    let failed: Vec<String> = reg
        .pack_examples()
        .iter()
        .map(|(id, ex)| run_examples(&linter, *id, ex))
        .filter(|r| !r.passed())
        .map(|r| format!("{}\n{}", r.title(reg), r.describe_failures(reg)))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join(""));
}

/// A rule may only emit fixes it declared, each with a title, never above its declared
/// applicability (the ruff harness's guarantee).
#[test]
fn fixes_match_their_declaration() {
    let linter = Linter::new();
    let reg = linter.registry();
    let mut texts: Vec<String> = reg
        .pack_examples()
        .iter()
        .flat_map(|(_, ex)| ex.flag.iter().cloned())
        .collect();
    texts.push("saveSaved\nlikeLikedThe vote passed.\n".into());
    for text in texts {
        for d in linter.check_text(&text) {
            let m = reg.meta(d.rule);
            let Some(fix) = &d.fix else {
                assert!(
                    !matches!(m.fix, FixAvailability::Always(_)),
                    "{}: declared an always-available fix but emitted none",
                    m.code
                );
                continue;
            };
            let max = m
                .fix
                .max_applicability()
                .unwrap_or_else(|| panic!("{}: emitted a fix it did not declare", m.code));
            assert!(
                fix.applicability <= max,
                "{}: fix more trusted than declared",
                m.code
            );
            assert!(!fix.title.is_empty(), "{}: fix without a title", m.code);
            assert!(!fix.edits.is_empty());
        }
    }
}
