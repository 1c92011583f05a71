use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Reports an article that uses both straight double quotes (`"`) and typographic ones (`“ ”`).
    /// The finding sits on the first quote of the less used style.
    ///
    /// ## Why is this bad
    /// Mixed quote styles show that the text was assembled from several sources or edited by tools
    /// with different settings; quotation extraction and attribution rules then see only part of the
    /// quotes. It is informational: many archives accept either style.
    ///
    /// ## Example
    /// ```text
    /// “We are ready,” the mayor said. Her deputy added: "Not yet."
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which style the house uses is a choice.
    pub fn mixed_quotes_meta {
        code: "E109",
        name: "mixed-quotes",
        family: Encoding,
        severity: Info,
        fix: FixAvailability::None,
    }
}

pub struct MixedQuotes(RuleMeta);

impl Default for MixedQuotes {
    fn default() -> Self {
        Self(mixed_quotes_meta())
    }
}

impl Rule for MixedQuotes {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let straight: Vec<usize> = memchr::memchr_iter(b'"', text.as_bytes()).collect();
        if straight.is_empty() {
            return;
        }
        let curly: Vec<usize> = text.match_indices(['“', '”']).map(|(i, _)| i).collect();
        if curly.is_empty() {
            return;
        }
        let (at, len, minority) = if straight.len() <= curly.len() {
            (straight[0], 1, "straight")
        } else {
            (curly[0], '“'.len_utf8(), "typographic")
        };
        sink.report(
            ByteSpan::new(at, at + len),
            format!(
                "{} straight and {} typographic double quotes in one article; this is the first {minority} one",
                straight.len(),
                curly.len()
            ),
        )
        .help("use one quotation style throughout the article");
    }
}
