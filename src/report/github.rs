//! The `github` format: GitHub Actions workflow commands, which the runner turns into annotations
//! on the pull request's diff.
//!
//! ```text
//! ::warning file=corpus/a.txt,line=4,col=1,endLine=4,endColumn=6,title=A101 glued-toggle-label::message
//! ```
//!
//! `endColumn` is exclusive (one past the last flagged character, as in SARIF and ruff's output),
//! and `col`/`endColumn` are left out for spans over several lines, which GitHub does not support.
//! GitHub shows at most 10 annotations of each kind (error, warning, notice) per step and 50 per
//! job, and drops the rest without a word: so the most severe are written first, at most
//! [`PER_KIND`] of each kind, and one notice closes the list saying how many were left out and
//! where to read them all. An input error (a file or record that could not be checked) is an
//! `error` annotation at its file, written before the error findings and counted with them.

use super::{InputProblem, Located};
use std::fmt::Write;

/// `error`/`warning`/`info` to the `error`/`warning`/`notice` commands.
fn command(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "info" => "notice",
        _ => "warning",
    }
}

/// Escapes a command's message (its data): `%`, `\r`, `\n`.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as data, plus `:` and `,` (the data escapes contain neither).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Annotations GitHub shows per kind (`error`, `warning`, `notice`) in one step.
pub const PER_KIND: usize = 10;
/// Annotations GitHub shows in one job.
pub const PER_JOB: usize = 50;

/// Workflow commands for the findings GitHub will show: errors, then warnings, then notices
/// (each kind in report order), at most [`PER_KIND`] of each and [`PER_JOB`] in all, then one
/// notice with the number left out (only when some were; it takes a notice's place). Input errors
/// (`problems`) are `error` annotations, written before the error findings and counted with them.
/// Paths are written as given, minus a leading `./`: run the check from the repository root so
/// they are repository-relative.
pub fn render_github(all: &[Located], problems: &[InputProblem]) -> String {
    render_github_with(all, problems, PER_KIND, PER_JOB)
}

/// [`render_github`] with other limits.
pub fn render_github_with(
    all: &[Located],
    problems: &[InputProblem],
    per_kind: usize,
    per_job: usize,
) -> String {
    let kinds = ["error", "warning", "notice"];
    let of_kind = |k: &'static str| all.iter().filter(move |l| command(&l.severity) == k);
    let mut shown = [0usize; 3];
    let mut budget = per_job;
    for (n, k) in shown.iter_mut().zip(kinds) {
        let extra = if k == "error" { problems.len() } else { 0 };
        *n = (of_kind(k).count() + extra).min(per_kind).min(budget);
        budget -= *n;
    }
    // The closing notice needs a notice's place and one of the job's: when either is taken,
    // the least severe annotation shown gives up its own.
    let given = all.len() + problems.len();
    let total: usize = shown.iter().sum();
    if total < given && (shown[2] >= per_kind || total >= per_job) {
        if let Some(k) = (0..3).rev().find(|&k| shown[k] > 0) {
            shown[k] -= 1;
        }
    }
    let mut out = String::new();
    for (n, k) in shown.into_iter().zip(kinds) {
        let mut n = n;
        if k == "error" {
            for p in problems.iter().take(n) {
                problem_annotation(&mut out, p);
            }
            n -= n.min(problems.len());
        }
        for l in of_kind(k).take(n) {
            annotation(&mut out, l);
        }
    }
    let left_out = given - shown.iter().sum::<usize>();
    if left_out > 0 {
        let what = match (left_out, problems.len() > shown[0]) {
            (_, true) => "findings and input errors",
            (1, false) => "finding",
            _ => "findings",
        };
        let _ = writeln!(
            out,
            "::notice::newslint: {left_out} more {what} not shown as annotations (GitHub shows {per_kind} of each kind per step): read them all in the job log with --format concise, or upload --format sarif to code scanning",
        );
    }
    out
}

/// An input error's workflow command: at its file, and line and column when known.
fn problem_annotation(out: &mut String, p: &InputProblem) {
    let path = p.path.strip_prefix("./").unwrap_or(&p.path);
    let _ = write!(out, "::error file={}", escape_property(path));
    if let Some(line) = p.line {
        let _ = write!(out, ",line={line}");
        if let Some(col) = p.column {
            let _ = write!(out, ",col={col}");
        }
    }
    let _ = writeln!(
        out,
        ",title={}::{}",
        escape_property("newslint input error (not checked)"),
        escape_data(&p.message)
    );
}

/// One finding's workflow command.
fn annotation(out: &mut String, l: &Located) {
    let path = l.path.strip_prefix("./").unwrap_or(&l.path);
    let _ = write!(
        out,
        "::{} file={},line={}",
        command(&l.severity),
        escape_property(path),
        l.line
    );
    if l.end_line == l.line {
        let end_column = if l.end <= l.start {
            l.column
        } else {
            l.end_column + 1
        };
        let _ = write!(out, ",col={},endLine={}", l.column, l.end_line);
        let _ = write!(out, ",endColumn={end_column}");
    } else {
        let _ = write!(out, ",endLine={}", l.end_line);
    }
    let title = format!("{} {}", l.code, l.name);
    let _ = writeln!(
        out,
        ",title={}::{}",
        escape_property(&title),
        escape_data(&l.message)
    );
}

#[cfg(test)]
mod tests {
    use super::super::concise::fixtures;
    use super::*;

    #[test]
    fn commands_and_escaping() {
        let mut all = fixtures::samples();
        all[1].path = "./corpus/b,1:2.jsonl".into();
        let out = render_github(&all, &[]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "::error file=corpus/a.txt,line=2,col=4,endLine=2,endColumn=7,title=E101 undecodable-bytes::Bytes that are not valid UTF-8",
                "::warning file=corpus/b%2C1%3A2.jsonl,line=3,col=20,endLine=3,endColumn=26,title=A101 glued-toggle-label::Glued label «Zürich» before the text",
                "::warning file=corpus/a.txt,line=4,endLine=5,title=A101 glued-toggle-label::100%25 sure: a, b%0Anext%0D%0Aline <&> \"q\" 'a'",
                "::notice file=corpus/c.txt,line=1,col=1,endLine=1,endColumn=2,title=E102 legacy-encoding::Decoded as windows-1252",
            ]
        );
        // Every command sits on one line: the message's line breaks are escaped.
        assert_eq!(out.matches('\n').count(), 4);
        assert_eq!(escape_property("a%b:c,d\r\n"), "a%25b%3Ac%2Cd%0D%0A");
        assert_eq!(escape_data("a%b:c,d\r\n"), "a%25b:c,d%0D%0A");
    }

    #[test]
    fn most_severe_first_within_githubs_limits() {
        // samples: error, warning, warning, info; in report order within each kind.
        let all = fixtures::samples();
        let out = render_github_with(&all, &[], 1, 50);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("::error "));
        assert!(lines[1].starts_with("::warning file=corpus/b"));
        // The closing notice takes the only notice's place: two left out.
        assert!(
            lines[2].starts_with("::notice::newslint: 2 more findings not shown"),
            "{}",
            lines[2]
        );
        assert!(lines[2].contains("--format sarif"));
        assert!(!render_github_with(&all, &[], 10, 50).contains("more finding"));
        // The job's limit: errors first.
        let out = render_github_with(&all, &[], 10, 2);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("::error "));
        assert!(lines[1].starts_with("::notice::newslint: 3 more findings"));
        assert_eq!(render_github(&[], &[]), "");
    }

    #[test]
    fn at_most_ten_of_each_kind_and_fifty_in_all() {
        let mut all = Vec::new();
        for (k, severity) in ["error", "warning", "info"].iter().enumerate() {
            for _ in 0..(12 + k) {
                let mut l = fixtures::samples().swap_remove(0);
                l.severity = severity.to_string();
                all.push(l);
            }
        }
        // Most severe first whatever the input order.
        all.reverse();
        let out = render_github(&all, &[]);
        let count = |p: &str| out.lines().filter(|l| l.starts_with(p)).count();
        assert_eq!(count("::error "), PER_KIND);
        assert_eq!(count("::warning "), PER_KIND);
        assert_eq!(count("::notice file="), PER_KIND - 1);
        assert_eq!(count("::notice::"), 1);
        assert!(out.lines().count() <= PER_JOB);
        let first_warning = out.find("::warning ").unwrap();
        assert!(out.rfind("::error ").unwrap() < first_warning);
        assert!(out.contains(&format!("{} more findings", all.len() - 29)));
    }

    #[test]
    fn input_errors_are_error_annotations_counted_within_the_limits() {
        let problems = crate::report::problem::fixtures::problems();
        let out = render_github(&fixtures::samples(), &problems);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[..2],
            [
                "::error file=corpus/b.jsonl,line=5,col=12,title=newslint input error (not checked)::expected `,` or `}`",
                "::error file=corpus/e.bin,title=newslint input error (not checked)::binary file (a NUL byte in its first 8 KiB), not checked",
            ]
        );
        assert!(lines[2].starts_with("::error file=corpus/a.txt,"));
        // One error a step: the first input error, then the closing notice counts the rest.
        let out = render_github_with(&fixtures::samples(), &problems, 1, 50);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("::error ")).count(),
            1
        );
        assert!(lines[0].contains("corpus/b.jsonl"));
        assert!(
            out.contains("::notice::newslint: 4 more findings and input errors not shown"),
            "{out}"
        );
    }

    #[test]
    fn empty_span_is_a_point() {
        let mut l = fixtures::samples().swap_remove(0);
        l.end = l.start;
        assert!(render_github(&[l], &[]).contains(",col=4,endLine=2,endColumn=4,"));
    }
}
