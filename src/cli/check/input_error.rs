//! Errors about one input (unreadable, binary, malformed record), reported with miette while the
//! rest of the corpus is still checked.

use crate::report::InputProblem;

/// A problem with one input: it is reported and the rest of the corpus is still checked.
#[derive(Debug, miette::Diagnostic)]
#[diagnostic(code(newslint::input))]
pub(super) struct InputError {
    path: String,
    message: String,
    /// Where in the file, when known: the JSONL record (line) and column of a malformed record.
    line: Option<u64>,
    column: Option<usize>,
    #[help]
    help: Option<String>,
    /// The offending line, when there is one to show (a malformed JSONL record).
    #[source_code]
    snippet: Option<LineSource>,
    #[label("here")]
    label: Option<miette::SourceSpan>,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: ", self.path)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "line {line}, column {column}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    pub(super) fn new(path: String, message: String, help: &str) -> Self {
        Self {
            path,
            message,
            line: None,
            column: None,
            help: Some(help.to_string()),
            snippet: None,
            label: None,
        }
    }

    /// An error in the record at line `line_no` of `path`, at byte `at` of the line (shown
    /// trimmed to its first 400 bytes).
    pub(super) fn at(
        path: &str,
        line_no: u64,
        message: String,
        help: &str,
        line: &str,
        at: usize,
    ) -> Self {
        let at = at.min(line.len());
        let column = line.get(..at).map_or(at, |p| p.chars().count()) + 1;
        let mut cut = line.len().min(400);
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let label_at = at.min(cut);
        Self {
            line: Some(line_no),
            column: Some(column),
            snippet: Some(LineSource {
                name: path.to_string(),
                line_no,
                text: line[..cut].to_string(),
            }),
            label: Some((label_at, 0).into()),
            ..Self::new(path.to_string(), message, help)
        }
    }

    /// The error as the machine-readable outputs carry it.
    pub(super) fn problem(&self) -> InputProblem {
        InputProblem {
            path: self.path.clone(),
            record: self.line,
            line: self.line,
            column: self.column,
            message: self.message.clone(),
            help: self.help.clone(),
        }
    }
}

/// One line of a file, shown by miette with its real line number.
#[derive(Debug)]
pub(super) struct LineSource {
    name: String,
    line_no: u64,
    text: String,
}

impl miette::SourceCode for LineSource {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        if span.offset() + span.len() > self.text.len() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let line = self.line_no.saturating_sub(1) as usize;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            line,
            0,
            line + 1,
        )))
    }
}
