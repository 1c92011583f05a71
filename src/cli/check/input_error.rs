//! Errors about one input (unreadable, binary, malformed record), reported with miette while the
//! rest of the corpus is still checked.

/// A problem with one input: it is reported and the rest of the corpus is still checked.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{path}: {message}")]
#[diagnostic(code(newslint::input))]
pub(super) struct InputError {
    path: String,
    message: String,
    #[help]
    help: Option<String>,
    /// The offending line, when there is one to show (a malformed JSONL record).
    #[source_code]
    snippet: Option<LineSource>,
    #[label("here")]
    label: Option<miette::SourceSpan>,
}

impl InputError {
    pub(super) fn new(path: String, message: String, help: &str) -> Self {
        Self {
            path,
            message,
            help: Some(help.to_string()),
            snippet: None,
            label: None,
        }
    }

    /// An error at byte `at` of line `line_no` of `path` (shown trimmed to its first 400 bytes).
    pub(super) fn at(
        path: &str,
        line_no: u64,
        message: String,
        help: &str,
        line: &str,
        at: usize,
    ) -> Self {
        let mut cut = line.len().min(400);
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let at = at.min(cut);
        Self {
            snippet: Some(LineSource {
                name: path.to_string(),
                line_no,
                text: line[..cut].to_string(),
            }),
            label: Some((at, 0).into()),
            ..Self::new(path.to_string(), message, help)
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
