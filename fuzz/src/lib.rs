//! What the fuzz targets share: one linter with every default rule, built once per process, and
//! the checks every target makes of the findings it gets.

use newslint::{ByteSpan, Diagnostic, Linter};
use std::sync::LazyLock;

/// Every default rule on, default severities, no config: `newslint check` with no settings.
pub static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

/// A span inside `text`, on char boundaries, not reversed.
pub fn assert_span(text: &str, span: ByteSpan, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

/// Every finding and every fix edit lies inside `text` on char boundaries, the edits of one fix
/// are sorted and never overlap, and the rule is one the linter knows.
pub fn assert_findings<'a>(
    linter: &Linter,
    text: &str,
    findings: impl IntoIterator<Item = &'a Diagnostic>,
) {
    for d in findings {
        let code = &linter.registry().meta(d.rule).code;
        assert_span(text, d.span, code);
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert_span(text, e.span, code);
            }
            for w in fix.edits.windows(2) {
                assert!(
                    w[0].span.end <= w[1].span.start,
                    "{code}: fix edits overlap: {:?} and {:?}",
                    w[0].span,
                    w[1].span
                );
            }
        }
    }
}

/// Findings of one document come sorted by span.
pub fn assert_sorted(findings: &[Diagnostic]) {
    for w in findings.windows(2) {
        assert!(
            (w[0].span.start, w[0].span.end) <= (w[1].span.start, w[1].span.end),
            "findings out of order: {:?} before {:?}",
            w[0].span,
            w[1].span
        );
    }
}
