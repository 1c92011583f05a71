//! Rule packs: any text as a pack TOML ([`parse_pack`]: header, `existence` and `substitution`
//! rules with phrases, regexes, swaps, fixes and examples, `[lexicon]` tables), and a pack that
//! parses loaded as `newslint pack test` loads it (in place of a bundled pack of the same name,
//! beside the built-in rules), its examples run and a short text linted with it.
//!
//! Invariants: no panic anywhere on that path (regex compilation, the phrase engine, lexicon
//! tables read by built-in rules); a bad pack is an error whose span lies inside the file and
//! which miette renders; and the findings of pack rules lie inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::engine::{PackSource, SetupError};
use newslint::error::SourceError;
use newslint::pack::{examples::test_packs, parse_pack};
use newslint_fuzz::{assert_findings, assert_span};

const TEXT: &str = "Share\nThe council met on Monday, officials said.\n\n\n\
                    \u{201c}We will not sign,\u{201d} said Dr. Ines Kova in Mariupol.\n\
                    ADVERTISEMENT\nREAD MORE: Ferry strike ends\n";

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
        "pack error",
    );
    render(e);
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let path = "fuzz-pack.toml";
    if let Err(e) = parse_pack(path, src, &mut Default::default()) {
        return check_error(src, &e);
    }
    let packs = [PackSource {
        path: path.into(),
        text: src.into(),
    }];
    match test_packs(&packs) {
        Ok(tested) => {
            let _ = tested.render();
            let found = tested.linter.check_text(TEXT);
            assert_findings(&tested.linter, TEXT, &found);
        }
        Err(SetupError::Source(e)) => {
            // An error in a bundled pack would point into that pack, not this one.
            if e.message.starts_with(path) {
                check_error(src, &e);
            } else {
                render(&e);
            }
        }
        Err(e) => render(&e),
    }
});
