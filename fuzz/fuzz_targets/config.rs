//! Config parsing: any text as a `newslint.toml` ([`Config::parse`]), then the linter built from
//! it as `check` builds it (rule options, selectors, severities, fix applicability, overrides;
//! the packs it names are not read, so no file is touched), the selection of a few paths, and a
//! short text linted with each.
//!
//! Invariants: no panic anywhere on that path; a bad config is an error whose span lies inside
//! the file and which miette renders; and a good one lints within the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::config::Config;
use newslint::error::SourceError;
use newslint::{CliSelection, Linter, Registry};
use newslint_fuzz::{assert_findings, assert_span};
use std::path::Path;

const TEXT: &str = "Share\nThe council met on Monday, officials said.\n\n\n\
                    \u{201c}We will not sign,\u{201d} said Dr. Ines Kova.\nADVERTISEMENT\n";

fn render(e: &dyn miette::Diagnostic) {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, e)
        .expect("a report renders");
}

fn check_error(src: &str, e: &SourceError) {
    assert_span(
        src,
        newslint::ByteSpan::new(e.span.start, e.span.end),
        "config error",
    );
    render(e);
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let config = match Config::parse(Path::new("newslint.toml"), src.to_string()) {
        Ok(c) => c,
        Err(e) => return check_error(src, &e),
    };
    let registry = Registry::new(&[]).expect("the bundled packs load");
    let linter = match Linter::from_registry(registry, &config, &CliSelection::default()) {
        Ok(l) => l,
        Err(newslint::engine::SetupError::Source(e)) => return check_error(src, &e),
        Err(e) => return render(&e),
    };
    for path in ["article.txt", "wire/a.txt", "drafts/x/b.md", "corpus.jsonl"] {
        let selection = linter.selection_for(Path::new(path));
        let doc = newslint::document::Document::new(TEXT);
        let found = linter.check_document(&doc, &selection);
        assert_findings(&linter, TEXT, &found);
    }
});
