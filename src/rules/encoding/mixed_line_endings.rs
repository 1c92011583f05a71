use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Reports a document whose lines end in different ways (`\r\n` and `\n`, or a lone `\r`). The
    /// finding sits on the first line break of the less used kind.
    ///
    /// ## Why is this bad
    /// Mixed line endings come from concatenating files made on different systems. Tools that split
    /// on one kind leave stray `\r` characters in the text or merge lines.
    ///
    /// ## Example
    /// A file whose first lines end in `\r\n` and whose last lines end in `\n`.
    ///
    /// ## Fix safety
    /// No fix: newslint keeps line endings as they are when it fixes other things; convert the file
    /// with your editor or `dos2unix`.
    pub fn mixed_line_endings_meta {
        code: "E110",
        name: "mixed-line-endings",
        family: Encoding,
        severity: Info,
        fix: FixAvailability::None,
    }
}

pub struct MixedLineEndings(RuleMeta);

impl Default for MixedLineEndings {
    fn default() -> Self {
        Self(mixed_line_endings_meta())
    }
}

impl Rule for MixedLineEndings {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        // (kind, first span, count) for LF, CRLF and CR.
        let mut kinds: [(Option<ByteSpan>, usize); 3] = [(None, 0); 3];
        for l in doc.lines() {
            let term = ByteSpan::new(l.span.end, l.full.end);
            let k = match term.slice(text) {
                "\n" => 0,
                "\r\n" => 1,
                "\r" => 2,
                _ => continue,
            };
            kinds[k].0.get_or_insert(term);
            kinds[k].1 += 1;
        }
        let used: Vec<usize> = (0..3).filter(|&k| kinds[k].1 > 0).collect();
        if used.len() < 2 {
            return;
        }
        let minority = *used.iter().min_by_key(|&&k| kinds[k].1).expect("two kinds");
        let names = ["LF", "CRLF", "CR"];
        let counts: Vec<String> = used
            .iter()
            .map(|&k| format!("{} {}", kinds[k].1, names[k]))
            .collect();
        sink.report(
            kinds[minority].0.expect("used"),
            format!(
                "mixed line endings ({}); this is the first {}",
                counts.join(", "),
                names[minority]
            ),
        )
        .help("convert the file to one kind of line ending");
    }
}
