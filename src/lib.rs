//! newslint: a fast, property-tested data-quality linter for news-article corpora.
//!
//! The library is I/O-free: bytes or text in, diagnostics out. Data flows one way:
//! [`source`] (bytes → decoded text with an exact map back) → [`document`] (one segmentation pass) →
//! rules ([`rule`], [`rules`], [`pack`]) run by the [`engine`] → [`Diagnostic`]s, which
//! [`report`] places in files and renders.
//!
//! ```
//! let linter = newslint::Linter::new();
//! let diagnostics = linter.check_text("pinPinned\nThe council met on Monday.\n");
//! assert_eq!(linter.registry().meta(diagnostics[0].rule).code, "A101");
//! ```

// Errors carry their source text for miette and are only built on the cold path; boxing them
// would add noise at every `?` for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod baseline;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod document;
pub mod engine;
pub mod error;
pub mod fix;
pub mod pack;
pub mod report;
pub mod rule;
pub mod rules;
pub mod source;
mod span;

pub use engine::{CliSelection, CorpusStates, Linter, Registry, SecondPass, Selection};
pub use rule::{Diagnostic, Family, Severity};
pub use span::ByteSpan;
