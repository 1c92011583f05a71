use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, TokenFlags};
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, RuleOptions, Sink};

declare_rule! {
    /// ## What it does
    /// Finds the two states of a toggle button glued into one word, such as `bookmarkBookmarked`
    /// or `unfollowFollow`: a word immediately followed by a capitalised word with the same stem
    /// (the same word, or one with `un-`, `-ed`, `-ing` or `-s`). A capitalised word doubled
    /// exactly (`BoraBora`) is taken for a name and left alone.
    ///
    /// ## Why is this bad
    /// Scrapers that flatten a page keep the hidden and visible labels of a button and lose the space
    /// between them. The result is not a word of the article; it pollutes vocabularies, search and
    /// language models trained on the corpus.
    ///
    /// ## Example
    /// ```text
    /// pinPinned
    /// The council met on Monday.
    /// ```
    /// Use instead:
    /// ```text
    /// The council met on Monday.
    /// ```
    ///
    /// ## Fix safety
    /// When the glued label is alone on its line, deleting the line is safe: it holds nothing of the
    /// article. When it is glued to article text, the fix that removes only the label is unsafe.
    ///
    /// ## Options
    /// `min-stem` (default 3): the shortest shared stem that counts as the same word.
    pub fn glued_toggle_label_meta {
        code: "A101",
        name: "glued-toggle-label",
        family: Artifact,
        severity: Warning,
        fix: FixAvailability::Sometimes(Applicability::Safe),
    }
}

pub struct GluedToggleLabel {
    meta: RuleMeta,
    min_stem: usize,
}

impl Default for GluedToggleLabel {
    fn default() -> Self {
        Self {
            meta: glued_toggle_label_meta(),
            min_stem: 3,
        }
    }
}

/// `un` prefix and inflection suffixes removed: `unsaved` → `sav`, `pinned` → `pin`.
fn stem(word: &str) -> &str {
    let mut w = word
        .strip_prefix("un")
        .filter(|w| w.len() >= 3)
        .unwrap_or(word);
    for suffix in ["ing", "ed", "es", "e", "d", "s"] {
        if let Some(s) = w.strip_suffix(suffix)
            && s.len() >= 2
        {
            w = s;
            break;
        }
    }
    // `pinned` → `pinn` → `pin`, `call` → `cal`: collapse a doubled final consonant.
    let b = w.as_bytes();
    if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiou".contains(&b[b.len() - 1]) {
        w = &w[..w.len() - 1];
    }
    w
}

/// Split an ASCII word at its lowercase→uppercase transitions: `unpinPinThe` → [unpin, Pin, The].
fn camel_parts(word: &str) -> Vec<(usize, usize)> {
    let b = word.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..b.len() {
        if b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase() {
            parts.push((start, i));
            start = i;
        }
    }
    parts.push((start, b.len()));
    parts
}

impl Rule for GluedToggleLabel {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        for (k, v) in options {
            match (k.as_str(), v) {
                ("min-stem", toml::Value::Integer(n)) if (1..=20).contains(n) => {
                    self.min_stem = *n as usize
                }
                ("min-stem", _) => return Err("`min-stem` must be an integer from 1 to 20".into()),
                _ => return Err(format!("rule `{}` has no option `{k}`", self.meta.name)),
            }
        }
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        for tok in doc.tokens() {
            if !tok.flags.has(TokenFlags::INNER_CAPITAL)
                || tok
                    .flags
                    .has(TokenFlags::NON_ASCII | TokenFlags::HAS_DIGIT | TokenFlags::HYPHENATED)
            {
                continue;
            }
            let word = tok.text(text);
            if word.contains('\'') {
                continue;
            }
            let parts = camel_parts(word);
            if parts.len() < 2 {
                continue;
            }
            let (a, b) = (&word[parts[0].0..parts[0].1], &word[parts[1].0..parts[1].1]);
            // The second part must be a plain capitalised word (`Save`, not `SAVE` or `McX`).
            if !b[1..].bytes().all(|c| c.is_ascii_lowercase())
                || !a[1..].bytes().all(|c| c.is_ascii_lowercase())
            {
                continue;
            }
            let (la, lb) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
            // A capitalised word doubled exactly is usually a name (`BoraBora`, a brand), not a
            // toggle: toggles start lowercase (`unpinPin`) or change form (`SaveSaved`).
            if la == lb && a.as_bytes()[0].is_ascii_uppercase() {
                continue;
            }
            let (sa, sb) = (stem(&la), stem(&lb));
            if sa != sb || sa.len() < self.min_stem {
                continue;
            }
            let span = ByteSpan::new(tok.span().start, tok.span().start + parts[1].1);
            let glued = &word[parts[1].1..];
            let d = sink.report(
                span,
                format!("toggle-button labels `{a}` and `{b}` glued into the text"),
            );
            if let Some(line) = doc.alone_on_line(span) {
                d.help("delete the line: it is a button label, not article text")
                    .fix(Fix::delete(
                        Applicability::Safe,
                        "Delete the line",
                        doc.line_deletion(line),
                    ));
            } else {
                d.help(if glued.is_empty() {
                    "remove the button labels".to_string()
                } else {
                    format!("remove the button labels before `{glued}`")
                })
                .fix(Fix::delete(
                    Applicability::Unsafe,
                    "Remove the button labels",
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

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&GluedToggleLabel::default(), text)
    }

    #[test]
    fn flags_toggle_pairs() {
        assert_eq!(flagged("pinPinned\nText."), vec!["pinPinned"]);
        assert_eq!(flagged("unfollowFollow"), vec!["unfollowFollow"]);
        assert_eq!(flagged("likeLikedThe vote passed."), vec!["likeLiked"]);
        assert_eq!(flagged("BookmarkBookmarked"), vec!["BookmarkBookmarked"]);
        assert_eq!(flagged("callCalled"), vec!["callCalled"]);
    }

    #[test]
    fn leaves_real_words_alone() {
        assert!(flagged("iPhone eBay McDonald YouTube PlayStation JavaScript").is_empty());
        assert!(flagged("The firm OpenAI and DeepMind met in São Paulo.").is_empty());
        assert!(flagged("goGo onOn").is_empty()); // stems shorter than 3
        assert!(flagged("They flew to BoraBora and MauMau.").is_empty()); // doubled names
    }

    #[test]
    fn safe_fix_only_when_alone() {
        let text = "A.\nsaveSaved\nB.";
        let doc = Document::new(text);
        let mut out = Vec::new();
        GluedToggleLabel::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        let fix = out[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(fix.edits[0].span.slice(text), "saveSaved\n");
    }
}
