use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds bidirectional formatting controls: embeddings and overrides (U+202A–U+202E) and
    /// isolates (U+2066–U+2069).
    ///
    /// ## Why is this bad
    /// These controls change the order in which characters are displayed, so what a reader sees is
    /// not what a program reads (the "Trojan Source" problem). In news text they are scraping residue
    /// at best and a way to disguise text at worst. Always an error, and no suppression comment or
    /// record ignore list silences it (only the configuration's `ignore` can).
    ///
    /// ## Example
    /// ```text
    /// The file is called `report` U+202E `fdp.exe`: readers see `reportexe.pdf`.
    /// ```
    ///
    /// ## Fix safety
    /// Deleting the control is unsafe: it changes how the surrounding text is displayed, which
    /// needs a look.
    pub fn bidi_control_meta {
        code: "E105",
        name: "bidi-control",
        family: Encoding,
        severity: Error,
        fix: FixAvailability::Always(Applicability::Unsafe),
        suppressible: false,
    }
}

pub struct BidiControl(RuleMeta);

impl Default for BidiControl {
    fn default() -> Self {
        Self(bidi_control_meta())
    }
}

impl Rule for BidiControl {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        // All of them are encoded as E2 80 AA..AE or E2 81 A6..A9.
        for i in memchr::memchr_iter(0xE2, text.as_bytes()) {
            let Some(c) = text[i..].chars().next() else {
                continue;
            };
            if matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069) {
                let span = ByteSpan::new(i, i + c.len_utf8());
                sink.report(
                    span,
                    format!(
                        "bidirectional control U+{:04X}: it reorders what readers see",
                        c as u32
                    ),
                )
                .help("delete it, then read the surrounding text again")
                .fix(Fix::delete(
                    Applicability::Unsafe,
                    "Delete the control",
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
    fn flags_overrides_and_isolates() {
        let text = "report\u{202e}fdp.exe and \u{2066}word\u{2069} and “quotes”";
        let doc = Document::new(text);
        let mut out = Vec::new();
        BidiControl::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        assert_eq!(out.len(), 3);
    }
}
