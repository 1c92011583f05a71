//! The furniture line classifier's model: features, the learned word table and boosted trees.
//! `examples/train_furniture.rs` fits them and writes `weights.rs`; the rule
//! [`furniture-line`](super::furniture_line) runs them.

pub mod features;
pub mod model;
pub mod vocab;
mod weights;

use crate::document::Document;
use features::{N_FEATURES, OWN, Unit};
use vocab::Vocab;

/// The model compiled into the binary.
pub fn fitted() -> (model::Model<'static>, Vocab<'static>, f32) {
    (
        model::Model {
            bias: weights::BIAS,
            trees: &weights::TREES,
        },
        Vocab::new(&weights::VOCAB),
        weights::THRESHOLD,
    )
}

/// Each feature's share of the fitted model's total split gain, in feature order.
pub fn importance() -> &'static [f32; N_FEATURES] {
    &weights::IMPORTANCE
}

/// Reused buffers: one set per worker thread serves every document.
#[derive(Default)]
pub struct Scratch {
    /// Document line index of each unit.
    pub lines: Vec<usize>,
    units: Vec<Unit>,
    own: Vec<[f32; OWN]>,
    hashes: Vec<(u64, u32)>,
    /// The feature vector of each unit.
    pub features: Vec<[f32; N_FEATURES]>,
}

/// Feature vectors of the non-blank lines of `doc` (their line indices in `scratch.lines`).
pub fn line_features(doc: &Document<'_>, vocab: &Vocab<'_>, scratch: &mut Scratch) {
    let text = doc.text();
    let lines = doc.lines();
    scratch.lines.clear();
    scratch.units.clear();
    scratch.own.clear();
    scratch.hashes.clear();
    for (i, line) in lines.iter().enumerate() {
        if line.blank {
            continue;
        }
        let content = line.span.slice(text);
        scratch.lines.push(i);
        scratch.units.push(Unit {
            blank_before: i > 0 && lines[i - 1].blank,
            blank_after: lines.get(i + 1).is_some_and(|l| l.blank),
        });
        let mut f = [0f32; OWN];
        features::own_features(content, vocab, &mut f);
        scratch.own.push(f);
        let h = content
            .trim()
            .bytes()
            .fold(vocab::word_hash::START, vocab::word_hash::step);
        scratch.hashes.push((h, scratch.own.len() as u32 - 1));
    }
    // Units whose text appears more than once in the document.
    scratch.hashes.sort_unstable();
    let hs = &scratch.hashes;
    for k in 0..hs.len() {
        let dup =
            (k > 0 && hs[k - 1].0 == hs[k].0) || hs.get(k + 1).is_some_and(|n| n.0 == hs[k].0);
        if dup {
            scratch.own[hs[k].1 as usize][features::REPEATED] = 1.0;
        }
    }
    features::document_features(&scratch.units, &scratch.own, &mut scratch.features);
}
