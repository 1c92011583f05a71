//! Errors in user-supplied files (config, rule packs), reported by miette at their exact place.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::ops::Range;
use thiserror::Error;

/// A problem at a known place in a file the user wrote.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(newslint::input))]
pub struct SourceError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("here")]
    pub label: SourceSpan,
    /// Byte range of the problem in the file.
    pub span: Range<usize>,
    #[help]
    pub help: Option<String>,
}

impl SourceError {
    pub fn new(
        path: &str,
        src: &str,
        span: Range<usize>,
        message: String,
        help: Option<String>,
    ) -> Self {
        let span = span.start.min(src.len())..span.end.min(src.len());
        Self {
            message: format!("{path}: {message}"),
            src: NamedSource::new(path, src.to_string()),
            label: (span.start, span.len()).into(),
            span,
            help,
        }
    }

    /// A TOML syntax or schema error (unknown key, wrong type) at the span toml reports.
    pub fn from_toml(path: &str, src: &str, e: &toml::de::Error) -> Self {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        Self::new(path, src, span, message, None)
    }
}
