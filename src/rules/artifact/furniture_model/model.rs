//! Boosted decision trees of depth 3 over a feature vector: the model's inference, pure Rust,
//! no allocation. The first stage reads a unit's own and context features; the second reads
//! those and the first stage's scores of the units around it.

/// A complete tree of depth 3: internal nodes `0..7` (node `i` has children `2i+1` and `2i+2`),
/// leaves `0..8` from left to right. A feature value below the threshold goes left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tree {
    pub feature: [u8; 7],
    pub threshold: [f32; 7],
    pub leaf: [f32; 8],
}

impl Tree {
    #[inline]
    pub fn eval<const N: usize>(&self, x: &[f32; N]) -> f32 {
        let mut node = 0usize;
        for _ in 0..3 {
            let go_right = x[self.feature[node] as usize] >= self.threshold[node];
            node = 2 * node + 1 + go_right as usize;
        }
        self.leaf[node - 7]
    }
}

/// A fitted model: a bias, trees and the decision threshold on the probability.
#[derive(Debug, Clone, Copy)]
pub struct Model<'a> {
    pub bias: f32,
    pub trees: &'a [Tree],
}

impl Model<'_> {
    /// The log-odds that the unit is furniture.
    #[inline]
    pub fn score<const N: usize>(&self, x: &[f32; N]) -> f32 {
        self.bias + self.trees.iter().map(|t| t.eval(x)).sum::<f32>()
    }

    /// The probability that the unit is furniture.
    #[inline]
    pub fn probability<const N: usize>(&self, x: &[f32; N]) -> f32 {
        1.0 / (1.0 + (-self.score(x)).exp())
    }
}
