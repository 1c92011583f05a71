use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Finds phone numbers and e-mail addresses in lines that are not sentences: contact lines of a
    /// site footer (`[Phone] 044-555-0192`, `E-mail: desk@outlet.example`, a line that holds only a
    /// number or an address). They are reported as personal data.
    ///
    /// ## Why is this bad
    /// A contact block is page furniture, and the numbers and addresses in it are personal data that
    /// a corpus should not spread. A number quoted inside a sentence of the article (a hotline the
    /// story is about) is not flagged.
    ///
    /// ## Example
    /// ```text
    /// [Phone] 044-555-0192
    /// [Mail] tips@outlet.example
    /// ```
    ///
    /// ## Fix safety
    /// No fix: phone numbers and e-mail addresses are never deleted silently. Remove the footer
    /// block (see `trailing-menu`) or redact them deliberately.
    pub fn contact_details_meta {
        code: "A104",
        name: "contact-details",
        family: Artifact,
        severity: Warning,
        fix: FixAvailability::None,
    }
}

pub struct ContactDetails(RuleMeta);

impl Default for ContactDetails {
    fn default() -> Self {
        Self(contact_details_meta())
    }
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+").expect("valid")
});
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\(?[0-9][0-9 ().-]{5,18}[0-9]").expect("valid"));
/// A date (with an optional time) is not a phone number: `2023-04-12 09.41`, `12.04.2023`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}|[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2,4})(?:[ T][0-9]{1,2}[:.][0-9]{2})?$")
        .expect("valid")
});
/// A contact label at the start of a line: `[Phone]`, `Tel:`, `E-mail:`, `[WhatsApp]`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\[[^\]\n]{1,30}\]|(?:tel|telephone|phone|fax|mobile|cell|e-?mail|mail|contact|whatsapp|call|hotline)\s*:)")
        .expect("valid")
});

thread_local! {
    /// Per-thread clones: a shared `Regex` serialises worker threads on its cache pool.
    static LOCAL: (Regex, Regex, Regex, Regex) =
        (EMAIL.clone(), PHONE.clone(), LABEL.clone(), DATE.clone());
}

impl Rule for ContactDetails {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        LOCAL.with(|(email, phone, label, date)| {
            self.check_with(doc, sink, email, phone, label, date)
        });
    }
}

impl ContactDetails {
    fn check_with(
        &self,
        doc: &Document<'_>,
        sink: &mut Sink<'_>,
        email: &Regex,
        phone: &Regex,
        label: &Regex,
        date: &Regex,
    ) {
        let text = doc.text();
        for line in doc.lines() {
            let content = line.span.slice(text);
            let body = content.trim();
            if body.is_empty()
                || body.len() > 160
                || !(body.contains('@') || body.bytes().any(|b| b.is_ascii_digit()))
            {
                continue;
            }
            let base = line.span.start + (content.len() - content.trim_start().len());
            let labelled = label.is_match(body);
            let mut found = Vec::new();
            for m in email.find_iter(body) {
                found.push((m.start(), m.end(), "e-mail address"));
            }
            for m in phone.find_iter(body) {
                let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
                let overlaps = found.iter().any(|&(s, e, _)| m.start() < e && s < m.end());
                if (7..=15).contains(&digits) && !overlaps && !date.is_match(m.as_str().trim()) {
                    found.push((m.start(), m.end(), "phone number"));
                }
            }
            for (s, e, what) in found {
                // Only where the line is a contact line: labelled, or nothing but the contact.
                let alone = body[..s].trim().is_empty() && body[e..].trim().is_empty();
                if !(labelled || alone) {
                    continue;
                }
                let span = ByteSpan::new(base + s, base + e);
                sink.report(span, format!("{what} in a contact line: personal data left by the scraper"))
                    .help("remove the site's contact block; never keep personal data in a corpus by accident");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&ContactDetails::default(), text)
    }

    #[test]
    fn flags_contact_lines() {
        assert_eq!(
            flagged("[Phone] 044-555-0192\n[Mail] tips@outlet.example"),
            vec!["044-555-0192", "tips@outlet.example"]
        );
        assert_eq!(flagged("Tel: +44 20 7946 0000"), vec!["+44 20 7946 0000"]);
        assert_eq!(flagged("desk@outlet.example"), vec!["desk@outlet.example"]);
    }

    #[test]
    fn leaves_sentences_and_figures_alone() {
        assert!(
            flagged("Residents can call the hotline on 0800 555 0133, the council said.")
                .is_empty()
        );
        assert!(flagged("Turnout rose from 1,204,332 to 1,310,001 in 2023.").is_empty());
        assert!(flagged("2023-04-12 09.41").is_empty());
    }
}
