//! The furniture line classifier's model: features, the learned word table and boosted trees.
//! `examples/train_furniture.rs` fits them and writes `weights.rs`; the rule
//! [`furniture-line`](super::furniture_line) runs them.

pub mod features;
pub mod model;
pub mod vocab;
mod weights;

use crate::ByteSpan;
use crate::document::Document;
use features::{N_FEATURES, N_STACKED, OWN, Unit};
use vocab::Vocab;

/// A fitted classifier: the word table and the two stages of trees.
#[derive(Debug, Clone, Copy)]
pub struct Classifier<'a> {
    pub vocab: Vocab<'a>,
    /// The first stage, over each unit's features.
    pub first: model::Model<'a>,
    /// The second stage, over the first stage's features and its scores around the unit.
    pub second: model::Model<'a>,
}

/// The classifier compiled into the binary, and its shipped threshold.
pub fn fitted() -> (Classifier<'static>, f32) {
    (
        Classifier {
            vocab: Vocab::new(&weights::VOCAB),
            first: model::Model {
                bias: weights::BIAS,
                trees: &weights::TREES,
            },
            second: model::Model {
                bias: weights::BIAS2,
                trees: &weights::TREES2,
            },
        },
        weights::THRESHOLD,
    )
}

/// Each feature's share of the second stage's total split gain, in vector order
/// ([`features::FEATURE_NAMES`], then [`features::STACK_NAMES`]).
pub fn importance() -> &'static [f32; N_STACKED] {
    &weights::IMPORTANCE
}

/// Score every unit of `doc`: places and features as [`unit_features`] leaves them, the first
/// stage's probability of each unit in `scratch.first` and the final one in `scratch.score`.
///
/// A unit of running text ([`features::is_running_text`]: a long sentence with its full stop
/// and its share of function words, no address), whether a whole line or a segment of a
/// flattened paragraph, skips both stages and scores 0: almost no furniture looks like that, and
/// most of a corpus does. A prompt glued into a paragraph is a short segment and is scored.
pub fn score_units(doc: &Document<'_>, c: &Classifier<'_>, scratch: &mut Scratch) {
    unit_features(doc, &c.vocab, scratch);
    scratch.first.clear();
    for x in &scratch.features {
        let p = if features::is_running_text(x) {
            0.0
        } else {
            c.first.probability(x)
        };
        scratch.first.push(p);
    }
    features::stacked_features(&scratch.features, &scratch.first, &mut scratch.stacked);
    scratch.score.clear();
    for (x, own) in scratch.stacked.iter().zip(&scratch.features) {
        let p = if features::is_running_text(own) {
            0.0
        } else {
            c.second.probability(x)
        };
        scratch.score.push(p);
    }
}

/// A line at least this long that holds at least [`FLAT_MIN_SENTENCES`] sentences is a flattened
/// paragraph (a scraper that dropped the line breaks): its sentences are scored one by one.
pub const FLAT_MIN_BYTES: usize = 400;
pub const FLAT_MIN_SENTENCES: usize = 3;

/// What the classifier scores: a whole line, or a segment (sentence) of a flattened paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitPlace {
    /// The unit's trimmed span in the document text.
    pub span: ByteSpan,
    /// The document line holding it.
    pub line: usize,
    /// True for a segment of a flattened paragraph, false for a whole line.
    pub segment: bool,
}

/// Reused buffers: one set per worker thread serves every document.
#[derive(Default)]
pub struct Scratch {
    /// Where each unit is.
    pub places: Vec<UnitPlace>,
    units: Vec<Unit>,
    own: Vec<[f32; OWN]>,
    hashes: Vec<(u64, u32)>,
    /// The feature vector of each unit.
    pub features: Vec<[f32; N_FEATURES]>,
    /// The first stage's probability of each unit ([`score_units`]).
    pub first: Vec<f32>,
    /// The second stage's feature vector of each unit ([`score_units`]).
    pub stacked: Vec<[f32; N_STACKED]>,
    /// The final probability of each unit ([`score_units`]).
    pub score: Vec<f32>,
}

/// Offsets inside `span` where a scraper glued two pieces of text without a space: a capitalised
/// word right after a sentence mark that follows a lowercase letter (`way.Featured`), or right
/// after a four-digit year (`2017Featured`). `U.S.Army` and `McDonald` are not cut.
fn glue_points(text: &str, span: ByteSpan) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    (span.start + 2..span.end.saturating_sub(1)).filter(move |&i| {
        if !(b[i].is_ascii_uppercase() && b[i + 1].is_ascii_lowercase()) {
            return false;
        }
        let (p, pp) = (b[i - 1], b[i - 2]);
        let after_mark = matches!(p, b'.' | b'!' | b'?' | b':')
            && (pp.is_ascii_lowercase() || pp == b')' || pp == b'"');
        let after_year = i >= span.start + 4
            && b[i - 4..i].iter().all(u8::is_ascii_digit)
            && (i == span.start + 4 || !b[i - 5].is_ascii_digit());
        after_mark || after_year
    })
}

/// Feature vectors of the units of `doc`: each non-blank line, or each sentence of a flattened
/// paragraph (see [`FLAT_MIN_BYTES`]); their places in `scratch.places`.
pub fn unit_features(doc: &Document<'_>, vocab: &Vocab<'_>, scratch: &mut Scratch) {
    let text = doc.text();
    let lines = doc.lines();
    let sentences = doc.sentences();
    scratch.places.clear();
    scratch.units.clear();
    scratch.own.clear();
    scratch.hashes.clear();
    for (i, line) in lines.iter().enumerate() {
        if line.blank {
            continue;
        }
        let unit = Unit {
            blank_before: i > 0 && lines[i - 1].blank,
            blank_after: lines.get(i + 1).is_some_and(|l| l.blank),
        };
        let span = line.span.trim(text);
        let mut segments = 0..0;
        if span.len() >= FLAT_MIN_BYTES {
            let a = sentences.partition_point(|s| s.span.end <= span.start);
            let b = sentences.partition_point(|s| s.span.start < span.end);
            if b - a >= FLAT_MIN_SENTENCES && sentences[a..b].iter().all(|s| s.span.end <= span.end)
            {
                segments = a..b;
            }
        }
        if segments.is_empty() {
            scratch.places.push(UnitPlace {
                span,
                line: i,
                segment: false,
            });
            scratch.units.push(unit);
        } else {
            for s in &sentences[segments] {
                // A sentence may hold furniture glued to it without a space
                // (`... on our way.Featured image via ...`): cut there too.
                let mut from = s.span.start;
                for at in glue_points(text, s.span).chain([s.span.end]) {
                    let span = ByteSpan::new(from, at).trim(text);
                    if !span.is_empty() {
                        scratch.places.push(UnitPlace {
                            span,
                            line: i,
                            segment: true,
                        });
                        scratch.units.push(unit);
                    }
                    from = at;
                }
            }
        }
    }
    for (k, place) in scratch.places.iter().enumerate() {
        let content = place.span.slice(text);
        let mut f = [0f32; OWN];
        features::own_features(content, vocab, &mut f);
        f[features::F_SEGMENT] = place.segment as u8 as f32;
        scratch.own.push(f);
        let h = content
            .bytes()
            .fold(vocab::word_hash::START, vocab::word_hash::step);
        scratch.hashes.push((h, k as u32));
    }
    // Units whose text appears more than once in the document.
    scratch.hashes.sort_unstable();
    let hs = &scratch.hashes;
    for k in 0..hs.len() {
        let dup =
            (k > 0 && hs[k - 1].0 == hs[k].0) || hs.get(k + 1).is_some_and(|n| n.0 == hs[k].0);
        if dup {
            scratch.own[hs[k].1 as usize][features::F_REPEATED] = 1.0;
        }
    }
    features::document_features(&scratch.units, &scratch.own, &mut scratch.features);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str) -> Vec<&str> {
        let span = ByteSpan::new(0, text.len());
        let mut out = Vec::new();
        let mut from = 0;
        for at in glue_points(text, span) {
            out.push(&text[from..at]);
            from = at;
        }
        out.push(&text[from..]);
        out
    }

    #[test]
    fn glued_pieces_are_cut_and_abbreviations_are_not() {
        assert_eq!(
            cuts("We are on our way.Featured image via Lens Agency"),
            ["We are on our way.", "Featured image via Lens Agency"]
        );
        assert_eq!(
            cuts("Harbour Desk (@harbourdesk) May 4, 2031Photo by Ann Lee"),
            [
                "Harbour Desk (@harbourdesk) May 4, 2031",
                "Photo by Ann Lee"
            ]
        );
        assert_eq!(
            cuts("The U.S.Army and McDonald said so."),
            ["The U.S.Army and McDonald said so."]
        );
        assert_eq!(
            cuts("Flights at 12345Kb rates"),
            ["Flights at 12345Kb rates"]
        );
    }

    #[test]
    fn a_flattened_paragraph_is_cut_into_segments() {
        let body = "The council met on Monday to discuss the harbour. ".repeat(10);
        let text = format!("{body}Tick tock.Featured image via Lens Agency");
        let doc = Document::new(&text);
        let mut s = Scratch::default();
        unit_features(&doc, &Vocab::new(&[]), &mut s);
        assert!(s.places.iter().all(|p| p.segment));
        let last = s.places.last().unwrap().span.slice(&text);
        assert_eq!(last, "Featured image via Lens Agency");
        assert_eq!(s.features.len(), s.places.len());
    }
}
