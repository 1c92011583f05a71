//! The `junit` format: JUnit XML, for CI systems that chart test results (GitLab, Jenkins, Azure).
//!
//! One `<testsuite name="newslint">` holds one `<testcase>` per checked file. Every warning or
//! error in a file is a `<failure>` of its testcase; a file without any passes. Info findings are
//! not failures: they are listed in the testcase's `<system-out>`. An input error (the file, or a
//! record of it, could not be checked) is an `<error>` of the file's testcase, before its
//! failures: JUnit's distinction between a test that failed an assertion and one that could not
//! run. `tests` counts testcases, `errors` the testcases with an error and `failures` the other
//! failing testcases, so each testcase is counted once (as the JUnit schema defines them); the
//! total number of failing findings is the suite's `findings` property.

use super::{InputProblem, Located};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

/// Escapes text for XML 1.0 content and attribute values: the five predefined entities, `\r`
/// (and, in attributes, `\n` and `\t`) as character references so parsers keep them, and the
/// characters XML 1.0 cannot hold at all written visibly as `\u{…}`.
fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{{{:04X}}}", c as u32);
            }
        }
    }
    out
}

/// XML 1.0's `Char` production (tab, newline and carriage return are handled before).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn is_failure(l: &Located) -> bool {
    l.severity != "info"
}

/// The report for `files_checked` (in that order, duplicates once; files with findings or input
/// errors that are missing from it, such as a file that could not be read, follow, by path).
pub fn render_junit(
    all: &[Located],
    problems: &[InputProblem],
    files_checked: &[String],
) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Located>> = BTreeMap::new();
    for l in all {
        by_file.entry(l.path.as_str()).or_default().push(l);
    }
    let mut errors_by_file: BTreeMap<&str, Vec<&InputProblem>> = BTreeMap::new();
    for p in problems {
        errors_by_file.entry(p.path.as_str()).or_default().push(p);
    }
    let mut seen = HashSet::new();
    let mut files: Vec<&str> = files_checked
        .iter()
        .map(String::as_str)
        .filter(|f| seen.insert(*f))
        .collect();
    let unlisted: std::collections::BTreeSet<&str> = by_file
        .keys()
        .chain(errors_by_file.keys())
        .copied()
        .filter(|f| !seen.contains(f))
        .collect();
    files.extend(unlisted);

    let tests = files.len();
    let mut failing_files = 0;
    let mut erring_files = 0;
    let mut failing_findings = 0;
    let mut cases = String::new();
    for f in &files {
        let found = by_file.get(f).map(Vec::as_slice).unwrap_or(&[]);
        let errors = errors_by_file.get(f).map(Vec::as_slice).unwrap_or(&[]);
        let failures = found.iter().filter(|l| is_failure(l)).count();
        failing_findings += failures;
        if !errors.is_empty() {
            erring_files += 1;
        } else if failures > 0 {
            failing_files += 1;
        }
        let infos: Vec<&&Located> = found.iter().filter(|l| !is_failure(l)).collect();
        let name = escape(f, true);
        if found.is_empty() && errors.is_empty() {
            let _ = writeln!(
                cases,
                "    <testcase name=\"{name}\" classname=\"newslint\"/>"
            );
            continue;
        }
        let _ = writeln!(
            cases,
            "    <testcase name=\"{name}\" classname=\"newslint\">"
        );
        for p in errors {
            let body = format!("{}: {}", p.place(), p.message);
            let _ = writeln!(
                cases,
                "      <error message=\"{}\" type=\"input-error\">{}</error>",
                escape(&p.message, true),
                escape(&body, false)
            );
        }
        for l in found.iter().filter(|l| is_failure(l)) {
            let message = format!("{}: {}", l.code, l.message);
            let body = format!("{}:{}:{}: {}", l.path, l.line, l.column, l.text);
            let _ = writeln!(
                cases,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&message, true),
                escape(&l.code, true),
                escape(&body, false)
            );
        }
        if !infos.is_empty() {
            cases.push_str("      <system-out>");
            for l in infos {
                let line = format!(
                    "{}:{}:{}: {} {}\n",
                    l.path, l.line, l.column, l.code, l.message
                );
                cases.push_str(&escape(&line, false));
            }
            cases.push_str("</system-out>\n");
        }
        cases.push_str("    </testcase>\n");
    }

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"newslint\" tests=\"{tests}\" failures=\"{failing_files}\" errors=\"{erring_files}\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"newslint\" tests=\"{tests}\" failures=\"{failing_files}\" errors=\"{erring_files}\" skipped=\"0\">"
    );
    let _ = writeln!(
        out,
        "    <properties>\n      <property name=\"findings\" value=\"{failing_findings}\"/>\n    </properties>"
    );
    out.push_str(&cases);
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::concise::fixtures;
    use super::*;

    /// Checks that tags nest and close properly, that `&` only starts known references and that no
    /// raw `<` or `>` hides in text or attribute values; returns the element names in order.
    fn check_well_formed(xml: &str) -> Vec<String> {
        let body = xml
            .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .expect("XML declaration");
        let mut stack: Vec<String> = Vec::new();
        let mut opened = Vec::new();
        let mut rest = body;
        while let Some(lt) = rest.find('<') {
            let text = &rest[..lt];
            assert!(!text.contains('>'), "raw > in text {text:?}");
            check_refs(text);
            let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
            let tag = &rest[lt + 1..gt];
            assert!(!tag.contains('<'), "raw < in tag {tag:?}");
            // Attribute values are quoted with `"` and hold no raw `"`: an even number of quotes.
            assert_eq!(tag.matches('"').count() % 2, 0, "quotes in {tag:?}");
            check_refs(tag);
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            } else {
                let name = tag.split_whitespace().next().unwrap().trim_end_matches('/');
                opened.push(name.to_string());
                if !tag.ends_with('/') {
                    stack.push(name.to_string());
                }
            }
            rest = &rest[gt + 1..];
        }
        assert!(rest.trim().is_empty());
        assert!(stack.is_empty(), "unclosed {stack:?}");
        opened
    }

    fn check_refs(s: &str) {
        for (i, _) in s.match_indices('&') {
            let r = &s[i..];
            let end = r.find(';').expect("unterminated reference");
            let name = &r[1..end];
            assert!(
                ["amp", "lt", "gt", "quot", "apos"].contains(&name)
                    || (name.starts_with('#') && name[1..].chars().all(|c| c.is_ascii_digit())),
                "bad reference &{name};"
            );
        }
    }

    fn files() -> Vec<String> {
        [
            "corpus/a.txt",
            "corpus/b.jsonl",
            "corpus/c.txt",
            "corpus/d.txt",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn counts_and_cases() {
        let out = render_junit(&fixtures::samples(), &[], &files());
        let elements = check_well_formed(&out);
        assert_eq!(elements.iter().filter(|e| *e == "testsuite").count(), 1);
        assert_eq!(elements.iter().filter(|e| *e == "testcase").count(), 4);
        assert_eq!(elements.iter().filter(|e| *e == "failure").count(), 3);
        assert!(out.contains(
            "<testsuite name=\"newslint\" tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"0\">"
        ));
        assert!(out.contains("<property name=\"findings\" value=\"3\"/>"));
        // A clean file and an info-only file both pass.
        assert!(out.contains("<testcase name=\"corpus/d.txt\" classname=\"newslint\"/>"));
        let c = out.split("<testcase name=\"corpus/c.txt\"").nth(1).unwrap();
        let c = &c[..c.find("</testcase>").unwrap()];
        assert!(!c.contains("<failure"));
        assert!(c.contains("<system-out>corpus/c.txt:1:1: E102 Decoded as windows-1252\n"));
        assert!(out.contains(
            "<failure message=\"E101: Bytes that are not valid UTF-8\" type=\"E101\">corpus/a.txt:2:4: \u{FFFD}ab</failure>"
        ));
        assert!(out.contains("type=\"A101\">corpus/b.jsonl:3:20: Zürich</failure>"));
    }

    #[test]
    fn escaping() {
        let out = render_junit(&fixtures::samples(), &[], &files());
        assert!(out.contains(
            "message=\"A101: 100% sure: a, b&#10;next&#13;&#10;line &lt;&amp;&gt; &quot;q&quot; &apos;a&apos;\""
        ));
        assert!(out.contains(">corpus/a.txt:4:1: &lt;b&gt;&amp;amp;\n</failure>"));
        let mut odd = fixtures::samples().swap_remove(0);
        odd.path = "x<&\"'>.txt".into();
        odd.text = "a\u{0}b\u{B}".into();
        let out = render_junit(&[odd], &[], &[]);
        check_well_formed(&out);
        assert!(out.contains("name=\"x&lt;&amp;&quot;&apos;&gt;.txt\""));
        assert!(out.contains(": a\\u{0000}b\\u{000B}</failure>"));
    }

    #[test]
    fn input_errors_are_errors_of_their_files_testcase() {
        let problems = crate::report::problem::fixtures::problems();
        let out = render_junit(&fixtures::samples(), &problems, &files());
        let elements = check_well_formed(&out);
        assert_eq!(elements.iter().filter(|e| *e == "error").count(), 2);
        // b.jsonl has an error and a failure: counted once, as an error; e.bin was not checked
        // (not listed) and still gets its testcase.
        assert!(out.contains(
            "<testsuite name=\"newslint\" tests=\"5\" failures=\"1\" errors=\"2\" skipped=\"0\">"
        ));
        let b = out
            .split("<testcase name=\"corpus/b.jsonl\"")
            .nth(1)
            .unwrap();
        let b = &b[..b.find("</testcase>").unwrap()];
        assert!(b.contains(
            "<error message=\"expected `,` or `}`\" type=\"input-error\">corpus/b.jsonl:5:12: expected `,` or `}`</error>"
        ));
        assert!(b.find("<error").unwrap() < b.find("<failure").unwrap());
        assert!(out.contains("<testcase name=\"corpus/e.bin\" classname=\"newslint\">\n      <error message=\"binary file"));
    }

    #[test]
    fn files_without_findings_only_and_unlisted_paths() {
        let out = render_junit(&[], &[], &["a.txt".into(), "a.txt".into()]);
        check_well_formed(&out);
        assert!(out.contains("tests=\"1\" failures=\"0\""));
        // A finding in a file not listed as checked still gets its testcase.
        let out = render_junit(&fixtures::samples()[..1], &[], &[]);
        check_well_formed(&out);
        assert!(out.contains("tests=\"1\" failures=\"1\""));
        let out = render_junit(&[], &[], &[]);
        check_well_formed(&out);
        assert!(out.contains("tests=\"0\" failures=\"0\""));
    }
}
