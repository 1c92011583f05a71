use super::furniture_model::features::{N_FEATURES, N_STACKED, feature_name};
use super::furniture_model::{self, Scratch};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, RuleOptions, Sink};
use std::cell::RefCell;
use std::fmt::Write as _;

declare_rule! {
    /// ## What it does
    /// Scores every line (and every segment of a flattened paragraph) with a small learned model
    /// and reports those that read as page furniture rather than article text.
    ///
    /// It is meant for the furniture that has no fixed wording: newsletter and follow prompts
    /// phrased freely, captions and photo credits, datelines and timestamps standing alone,
    /// teaser headlines of other stories, interface labels, reporter contact lines, footers,
    /// embedded-post signatures. In a record whose text is one long paragraph (a scraper that
    /// dropped the line breaks), each sentence is a segment, cut again where furniture is glued
    /// to it without a space (`... on our way.Featured image via ...`), so the span stops at the
    /// furniture's boundary. A document with fewer than three long units of running text has no
    /// article body to judge lines against and is not scored. The model looks at shallow text
    /// features, in the tradition of boilerpipe and jusText: length, the share of function words,
    /// how the line ends, capitalisation, digits, dates and times, links, handles and e-mail
    /// addresses, separators, a learned weight for each word and each pair of words in a row
    /// (the interface and call-to-action vocabulary, counted by page so that no one site
    /// dominates it), where the line stands in the document, and the same features of its
    /// neighbours and of its block of short lines. A second stage then reads the first one's
    /// scores around each line: furniture comes in blocks, so one clear prompt lifts the
    /// uncertain lines of its block (`Thanks for signing up!` under a newsletter form).
    /// Headlines, standfirsts and bylines are not furniture.
    ///
    /// The rule is `info` by default: on text unlike scraped news pages (chat, shop listings,
    /// contracts) its sampled precision is well under the 90% a gate needs. Raise it with
    /// `[severity] furniture-line = "warning"` once it is measured on your corpus.
    ///
    /// The precise furniture rules (`follow-prompt`, `timestamp-line`, `photo-credit`, ...) win
    /// over this one: a line they report is not reported again.
    ///
    /// ## Why is this bad
    /// Page furniture is not part of the article. Left in a corpus it repeats across thousands of
    /// documents, skews word statistics and deduplication, and teaches language models to write
    /// "Sign up for our newsletter" in the middle of a story. Furniture has no fixed wording, so
    /// a phrase list finds only the lines someone wrote down.
    ///
    /// ## Example
    /// ```text
    /// The council approved the new harbour budget on Tuesday after a two-hour debate.
    /// Get the best of the Harbour Gazette straight to your inbox every morning
    /// Pictured: the old pier at dawn. Photograph by Tom Lindqvist
    /// ```
    /// The second and third lines are flagged.
    ///
    /// ## Fix safety
    /// The fix deletes the line and is unsafe (apply it with `--unsafe-fixes`): a model can be
    /// wrong, and a deleted article line is lost text.
    pub fn furniture_line_meta {
        code: "A106",
        name: "furniture-line",
        family: Artifact,
        severity: Info,
        fix: FixAvailability::Always(Applicability::Unsafe),
    }
}

/// The rule's name, which the engine uses to let precise artifact rules win over the classifier.
pub const NAME: &str = "furniture-line";

/// Documents with fewer long units (lines or segments of at least 12 words, a fifth of them
/// function words) than this have no article body to judge furniture against: not scored.
const MIN_LONG_UNITS: usize = 3;

/// Lines longer than this are paragraphs of text, not furniture: they are not scored.
const MAX_LINE: usize = 1500;

pub struct FurnitureLine {
    meta: RuleMeta,
    /// The probability from which a unit is reported (`[rules.furniture-line] threshold`).
    threshold: f32,
}

impl Default for FurnitureLine {
    fn default() -> Self {
        let mut meta = furniture_line_meta();
        meta.doc = format!("{}\n\n{}", meta.doc, model_section()).into();
        Self {
            meta,
            threshold: furniture_model::fitted().1,
        }
    }
}

/// The model's description for `newslint rule furniture-line`: its size, threshold and the
/// features by their share of the split gain.
fn model_section() -> String {
    let (c, threshold) = furniture_model::fitted();
    let mut s = format!(
        "## Model\nTwo stages of boosted decision trees of depth 3. The first ({} trees) reads \
         {N_FEATURES} features of each unit, among them a learned table of {} words and word \
         pairs; the second ({} trees) reads the same features and the first stage's scores of \
         the unit, its neighbours and its block of short lines ({N_STACKED} in all). A \
         threshold of {threshold:.3} applies to the second stage's probability (the option \
         `[rules.furniture-line] threshold` changes it: lower finds more and is wrong more \
         often). Fitted by `cargo run --release --example train_furniture -- DEVSET_DIR`. \
         Features by their share of the second stage's split gain:\n\n| feature | weight |\n|---|---|\n",
        c.first.trees.len(),
        c.vocab.len(),
        c.second.trees.len(),
    );
    let mut imp: Vec<(usize, f32)> = furniture_model::importance()
        .iter()
        .copied()
        .enumerate()
        .collect();
    imp.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    for (f, w) in imp {
        let _ = writeln!(s, "| {} | {w:.3} |", feature_name(f));
    }
    s
}

thread_local! {
    /// One set of buffers per worker thread: no allocation per line.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Rule for FurnitureLine {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        for (k, v) in options {
            match (k.as_str(), v) {
                ("threshold", toml::Value::Float(x)) if (0.0..=1.0).contains(x) => {
                    self.threshold = *x as f32
                }
                ("threshold", _) => {
                    return Err("`threshold` must be a number from 0.0 to 1.0".into());
                }
                _ => return Err(format!("rule `{}` has no option `{k}`", self.meta.name)),
            }
        }
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let (classifier, _) = furniture_model::fitted();
        let threshold = self.threshold;
        if classifier.second.trees.is_empty() {
            return;
        }
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            furniture_model::score_units(doc, &classifier, &mut s);
            // Lines are judged against the article body around them: a document without one
            // (a chat, a form, a list) is not a scraped page.
            let long = s
                .features
                .iter()
                .filter(|f| furniture_model::features::is_long_unit(&f[..]))
                .count();
            if long < MIN_LONG_UNITS {
                return;
            }
            let text = doc.text();
            for (k, place) in s.places.iter().enumerate() {
                if !place.segment && place.span.len() > MAX_LINE {
                    continue;
                }
                let p = s.score[k];
                if p < threshold {
                    continue;
                }
                let (what, deletion) = if place.segment {
                    ("segment", segment_deletion(text, place.span))
                } else {
                    ("line", doc.line_deletion(place.line))
                };
                sink.report(
                    place.span,
                    format!("{what} reads as page furniture, not article text (score {p:.2})"),
                )
                .help(format!(
                    "delete the {what} if it is a site's prompt, caption, credit, teaser or label"
                ))
                .fix(Fix::delete(
                    Applicability::Unsafe,
                    format!("Delete the {what}"),
                    deletion,
                ));
            }
        });
    }
}

/// The span to delete to remove a segment from its paragraph: the segment and the spaces after
/// it, or before it when it ends the line.
fn segment_deletion(text: &str, span: ByteSpan) -> ByteSpan {
    let after = &text[span.end..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    let rest = &after[spaces..];
    if spaces > 0 && !rest.is_empty() && !rest.starts_with(['\n', '\r']) {
        return ByteSpan::new(span.start, span.end + spaces);
    }
    let before = &text[..span.start];
    let lead = before.len() - before.trim_end_matches([' ', '\t']).len();
    ByteSpan::new(span.start - lead, span.end + spaces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::flagged_spans;
    use crate::rules::artifact::furniture_model::features::{FEATURE_NAMES, STACK_NAMES};

    fn article(extra_top: &str, extra_bottom: &str) -> String {
        let body = [
            "The harbour authority said on Tuesday that the new ferry terminal would open in the spring, two years later than planned.",
            "Work on the pier was halted last winter after engineers found that the old foundations could not carry the weight of the new building.",
            "The mayor told reporters that the city would not pay for the delay and that the contractor had agreed to cover the extra costs.",
            "Residents who live near the harbour have complained about the noise of the pile drivers, which run from seven in the morning.",
            "A spokesman for the contractor said the work was now on schedule and that the terminal would be finished by the end of March.",
        ];
        format!("{extra_top}{}\n{extra_bottom}", body.join("\n"))
    }

    #[test]
    fn article_lines_are_not_flagged() {
        let text = article("Ferry terminal to open two years late\n", "");
        assert!(flagged_spans(&FurnitureLine::default(), &text).is_empty());
    }

    #[test]
    fn flags_the_furniture_under_the_body_and_no_article_line() {
        let text = article(
            "Ferry terminal to open two years late\nMarch 3, 2031 10:42 AM EST\n",
            "Sign up for our newsletter to get the top stories in your inbox\nRelated Links\n",
        );
        let spans = flagged_spans(&FurnitureLine::default(), &text);
        assert!(spans.contains(&"Related Links".to_string()), "{spans:?}");
        let body = article("", "");
        assert!(
            spans.iter().all(|s| !body.contains(s.as_str())),
            "{spans:?}"
        );
    }

    #[test]
    fn a_segment_deletion_takes_one_side_of_spaces() {
        let text = "One sentence here. Like us today. Last one.";
        let seg = ByteSpan::new(19, 33);
        assert_eq!(seg.slice(text), "Like us today.");
        let del = segment_deletion(text, seg);
        assert_eq!(
            format!("{}{}", &text[..del.start], &text[del.end..]),
            "One sentence here. Last one."
        );
        let end = ByteSpan::new(34, 43);
        let del = segment_deletion(text, end);
        assert_eq!(&text[..del.start], "One sentence here. Like us today.");
    }

    #[test]
    fn flattened_furniture_is_found_as_a_segment() {
        let body = article("", "").replace('\n', " ");
        let text = format!(
            "{body} Follow us on Facebook and Twitter for the latest news WATCH LIVE (c) 2031 Harbour Gazette Media"
        );
        let spans = flagged_spans(&FurnitureLine::default(), &text);
        for s in &spans {
            assert!(
                !body.contains(s.as_str()),
                "an article sentence was flagged: {s}"
            );
        }
    }

    #[test]
    fn the_name_the_engine_uses_is_the_rules_name() {
        assert_eq!(furniture_line_meta().name, NAME);
    }

    #[test]
    fn the_documentation_lists_every_feature() {
        let rule = FurnitureLine::default();
        for name in FEATURE_NAMES.iter().chain(&STACK_NAMES) {
            assert!(rule.meta().doc.contains(name), "{name}");
        }
    }
}
