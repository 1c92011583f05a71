//! Fixture articles carry their expected diagnostics as snapshots (`tests/snapshots/`), one per
//! file under `fixtures/`. Clean fixtures must stay silent.
//!
//! Review a changed snapshot with `cargo insta review` (or `INSTA_UPDATE=always cargo test`, then
//! read the diff) before committing it.

use newslint::Linter;
use newslint::report::Placement;
use newslint::source::{LineIndex, SourceText};
use std::fmt::Write;
use std::path::Path;

/// One line per diagnostic: position, code, name, severity, the flagged text and the fix.
fn render(linter: &Linter, path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let source = SourceText::decode(&bytes, None);
    let diags = linter.check_source(&source, linter.base_selection());
    let lines = LineIndex::new(source.text());
    let place = Placement {
        path: "fixture",
        source: &source,
        lines: &lines,
    };
    let mut out = String::new();
    for d in &diags {
        let l = place.locate(linter.registry(), d);
        write!(
            out,
            "{}:{}-{}:{} {} {} [{}] {:?}",
            l.line, l.column, l.end_line, l.end_column, l.code, l.name, l.severity, l.text
        )
        .unwrap();
        if let Some(f) = &l.fix {
            let edits: Vec<String> = f
                .edits
                .iter()
                .map(|e| {
                    format!(
                        "{:?}->{:?}",
                        &source.text()[e.span.start..e.span.end],
                        e.replacement
                    )
                })
                .collect();
            write!(
                out,
                " fix({}: {})",
                f.applicability.as_str(),
                edits.join(", ")
            )
            .unwrap();
        }
        out.push('\n');
    }
    out
}

#[test]
fn fixture_snapshots() {
    let linter = Linter::new();
    insta::glob!("../fixtures", "**/*.txt", |path| {
        insta::assert_snapshot!(render(&linter, path));
    });
}

#[test]
fn clean_fixtures_are_silent() {
    let linter = Linter::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let found = render(&linter, &path);
        assert!(found.is_empty(), "{}:\n{found}", path.display());
        n += 1;
    }
    assert!(n >= 5, "expected clean fixtures, found {n}");
}
