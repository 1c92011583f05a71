//! Corpus findings grouped for people: the findings of one rule that share a message (every
//! mention of one name variant across the corpus) are shown once, with their places under it, so
//! a variant with 500 mentions takes one heading and 500 short lines, not 500 snippets. JSON,
//! SARIF, the baseline and the other machine formats keep one finding per place.

use super::Located;
use miette::Diagnostic;
use std::fmt;

use super::PrettyOptions;

/// Findings of one rule with one message: the first, and where every one of them is.
pub struct Group {
    pub head: Located,
    /// `path:line:column` (with the record and field for JSONL), in report order.
    pub places: Vec<String>,
}

impl Group {
    pub fn new(head: Located) -> Self {
        let mut g = Group {
            head,
            places: Vec::new(),
        };
        let first = place(&g.head);
        g.places.push(first);
        g
    }

    /// Add a finding with the same rule and message.
    pub fn add(&mut self, l: &Located) {
        self.places.push(place(l));
    }
}

/// Where a finding is, in one short line.
pub fn place(l: &Located) -> String {
    match (&l.record, &l.field) {
        (Some(r), Some(f)) => format!(
            "{}:{}:{} (record {r}, field `{f}`)",
            l.path, l.line, l.column
        ),
        _ => format!("{}:{}:{}", l.path, l.line, l.column),
    }
}

struct Heading<'a> {
    g: &'a Group,
    help: String,
}

impl fmt::Debug for Heading<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.g.head.message)
    }
}
impl fmt::Display for Heading<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.g.head.message)
    }
}
impl std::error::Error for Heading<'_> {}

impl Diagnostic for Heading<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{} {}",
            self.g.head.code, self.g.head.name
        )))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.g.head.severity.as_str() {
            "error" => miette::Severity::Error,
            "warning" => miette::Severity::Warning,
            _ => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.help))
    }
}

/// The pretty form: a heading with the message and help, the places, the fix, the docs.
pub fn render_group_pretty(out: &mut String, g: &Group, opts: PrettyOptions) {
    let handler = opts.handler();
    let d = &g.head;
    let mut help = d.help.clone().unwrap_or_default();
    if !help.is_empty() {
        help.push('\n');
    }
    let n = g.places.len();
    help.push_str(&format!("at {n} place{}:", if n == 1 { "" } else { "s" }));
    for p in &g.places {
        help.push_str("\n  ");
        help.push_str(p);
    }
    if let Some(f) = &d.fix {
        help.push_str(&format!(
            "\nfix: {} ({}), with --fix{}",
            f.title,
            f.applicability.as_str(),
            if f.applicability.as_str() == "unsafe" {
                " --unsafe-fixes"
            } else {
                ""
            }
        ));
    }
    help.push_str(&format!("\ndocs: `newslint rule {}`", d.code));
    let heading = Heading { g, help };
    if handler.render_report(out, &heading).is_err() {
        render_group_concise(out, g);
    }
    out.push('\n');
}

/// The concise form: one heading line, then one line per place.
pub fn render_group_concise(out: &mut String, g: &Group) {
    let n = g.places.len();
    out.push_str(&format!(
        "{} {} ({n} place{})\n",
        g.head.code,
        one_line(&g.head.message),
        if n == 1 { "" } else { "s" }
    ));
    for p in &g.places {
        out.push_str("  ");
        out.push_str(p);
        out.push('\n');
    }
}

fn one_line(s: &str) -> String {
    s.replace('\n', "\\n").replace('\r', "\\r")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::concise::fixtures::samples;

    #[test]
    fn one_heading_and_every_place() {
        let mut a = samples().remove(0);
        a.message = "`Ebay` is spelled `eBay` elsewhere".into();
        a.line = 3;
        a.column = 7;
        let mut b = a.clone();
        b.path = "other.txt".into();
        b.line = 9;
        let mut g = Group::new(a.clone());
        g.add(&b);
        let mut concise = String::new();
        render_group_concise(&mut concise, &g);
        let lines: Vec<&str> = concise.lines().collect();
        assert_eq!(lines.len(), 3, "{concise}");
        assert!(lines[0].starts_with(&format!("{} ", a.code)), "{concise}");
        assert!(lines[0].ends_with("(2 places)"), "{concise}");
        assert_eq!(lines[1], format!("  {}:3:7", a.path));
        assert_eq!(lines[2], "  other.txt:9:7");

        let mut pretty = String::new();
        let opts = PrettyOptions {
            color: false,
            width: 100,
        };
        render_group_pretty(&mut pretty, &g, opts);
        assert_eq!(pretty.matches(&a.message).count(), 1, "{pretty}");
        assert!(pretty.contains("at 2 places:"), "{pretty}");
        assert!(pretty.contains("other.txt:9:7"), "{pretty}");
    }
}
