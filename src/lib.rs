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

/// Test support, not part of the API: a count of the work done by the searches that look back
/// over a document (bytes and positions scanned), so a test can check that linting grows
/// linearly with the document's size without timing it (issue 23, the scaling test).
#[doc(hidden)]
pub mod testing {
    use std::cell::Cell;

    thread_local! {
        static WORK: Cell<u64> = const { Cell::new(0) };
    }

    /// The work counted on this thread since it started (or since [`reset_work_counter`]).
    pub fn work_counter() -> u64 {
        WORK.with(Cell::get)
    }

    /// Set this thread's work count back to zero.
    pub fn reset_work_counter() {
        WORK.with(|w| w.set(0));
    }

    /// Count `n` units of work (bytes or positions scanned) on this thread.
    pub(crate) fn add_work(n: usize) {
        WORK.with(|w| w.set(w.get().saturating_add(n as u64)));
    }
}

pub use engine::{CliSelection, CorpusStates, Linter, Registry, SecondPass, Selection};
pub use rule::{Diagnostic, Family, Severity};
pub use span::ByteSpan;
