use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, RuleOptions, Sink};

declare_rule! {
    /// ## What it does
    /// Finds runs of blank lines longer than a paragraph break: by default two or more blank lines
    /// in a row (lines holding only spaces count as blank).
    ///
    /// ## Why is this bad
    /// Runs of blank lines are layout residue: the scraper kept the space where page elements
    /// (ads, embeds, pictures) used to be. They break paragraph splitting and mark the places
    /// where something was removed.
    ///
    /// ## Example
    /// ```text
    /// The ferry left on time.
    ///
    ///
    ///
    /// Passengers were told to wait.
    /// ```
    /// Use instead:
    /// ```text
    /// The ferry left on time.
    ///
    /// Passengers were told to wait.
    /// ```
    ///
    /// ## Fix safety
    /// Safe: only blank lines are removed, one blank line is kept as the paragraph break.
    ///
    /// ## Options
    /// `max-blank-lines` (default 1): the longest run of blank lines that is left alone.
    pub fn blank_line_run_meta {
        code: "A103",
        name: "blank-line-run",
        family: Artifact,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Safe),
    }
}

pub struct BlankLineRun {
    meta: RuleMeta,
    max: usize,
}

impl Default for BlankLineRun {
    fn default() -> Self {
        Self {
            meta: blank_line_run_meta(),
            max: 1,
        }
    }
}

impl Rule for BlankLineRun {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        for (k, v) in options {
            match (k.as_str(), v) {
                ("max-blank-lines", toml::Value::Integer(n)) if (1..=100).contains(n) => {
                    self.max = *n as usize
                }
                ("max-blank-lines", _) => {
                    return Err("`max-blank-lines` must be an integer from 1 to 100".into());
                }
                _ => return Err(format!("rule `{}` has no option `{k}`", self.meta.name)),
            }
        }
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let lines = doc.lines();
        let mut i = 0;
        while i < lines.len() {
            if !lines[i].blank {
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && lines[i].blank {
                i += 1;
            }
            // Only runs between two paragraphs: trailing blank lines at the end of a file are the
            // file's business, not the article's.
            let run = i - start;
            if run > self.max && i < lines.len() && start > 0 {
                // Keep the first blank line, remove the rest.
                let span = ByteSpan::new(lines[start + 1].full.start, lines[i - 1].full.end);
                sink.report(span, format!("{run} blank lines in a row: layout residue"))
                    .help("keep one blank line between paragraphs")
                    .fix(Fix::delete(
                        Applicability::Safe,
                        "Remove the extra blank lines",
                        span,
                    ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    #[test]
    fn collapses_long_runs_only() {
        let text = "A.\n\n\n\n\nB.\n\nC.\n\nD.\n";
        let doc = Document::new(text);
        let mut out = Vec::new();
        BlankLineRun::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        assert_eq!(out.len(), 1);
        let e = &out[0].fix.as_ref().unwrap().edits[0];
        let fixed = format!("{}{}", &text[..e.span.start], &text[e.span.end..]);
        assert_eq!(fixed, "A.\nB.\n\nC.\n\nD.\n".replacen("A.\n", "A.\n\n", 1));
    }
}
