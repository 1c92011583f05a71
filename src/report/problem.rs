//! Input errors as the machine-readable outputs carry them: a file that could not be read or is
//! binary, a malformed JSON Lines record, a fix that could not be written. The input (or that part
//! of it) was not checked, so the run is incomplete and exits 2; the rest of the corpus still was.
//!
//! In `json` and `jsonl` an input error is an object of the findings' array (or stream), after the
//! findings, told apart by `"kind": "error"` and a `null` `code` (a finding has no `kind` and
//! always a code), as ruff reports a syntax error: a consumer that reads the array of findings
//! keeps working, and one that looks at every item sees that the run was incomplete.

use serde::Serialize;

/// One input error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// The input, as given or found by walking (as a finding's `path`).
    pub path: String,
    /// The JSON Lines record (its 1-based line) the error is in, when it is one record's.
    pub record: Option<u64>,
    /// 1-based line and column (Unicode scalar values) in the file, when the error has a place.
    pub line: Option<u64>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// The serialised shape: see the module documentation and README's JSON contract.
#[derive(Serialize)]
struct Shape<'a> {
    kind: &'static str,
    path: &'a str,
    record: Option<u64>,
    line: Option<u64>,
    column: Option<usize>,
    code: Option<&'a str>,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
}

impl Serialize for InputProblem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Shape {
            kind: "error",
            path: &self.path,
            record: self.record,
            line: self.line,
            column: self.column,
            code: None,
            severity: "error",
            message: &self.message,
            help: self.help.as_deref(),
        }
        .serialize(s)
    }
}

impl InputProblem {
    /// `path:line:column`, as much of it as is known, for one-line renderings.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.path),
            (Some(l), None) => format!("{}:{l}", self.path),
            _ => self.path.clone(),
        }
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::InputProblem;

    /// A malformed record of `corpus/b.jsonl` and a binary `corpus/e.bin`.
    pub fn problems() -> Vec<InputProblem> {
        vec![
            InputProblem {
                path: "corpus/b.jsonl".into(),
                record: Some(5),
                line: Some(5),
                column: Some(12),
                message: "expected `,` or `}`".into(),
                help: Some("the record is skipped; the rest of the file is still checked".into()),
            },
            InputProblem {
                path: "corpus/e.bin".into(),
                record: None,
                line: None,
                column: None,
                message: "binary file (a NUL byte in its first 8 KiB), not checked".into(),
                help: None,
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serialises_as_an_error_record_without_a_code() {
        let p = &fixtures::problems()[0];
        assert_eq!(
            serde_json::to_value(p).unwrap(),
            json!({
                "kind": "error",
                "path": "corpus/b.jsonl",
                "record": 5,
                "line": 5,
                "column": 12,
                "code": null,
                "severity": "error",
                "message": "expected `,` or `}`",
                "help": "the record is skipped; the rest of the file is still checked",
            })
        );
        assert_eq!(p.place(), "corpus/b.jsonl:5:12");
        assert_eq!(fixtures::problems()[1].place(), "corpus/e.bin");
    }
}
