//! T120 `machine-translated-profile`: a document-level estimate that an article reads as machine
//! translation, from shallow features of the whole text and a logistic model fitted by
//! `examples/train_mt_profile.rs` (weights in `mt_profile_weights.rs`).

use super::mt_profile_weights as weights;
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Estimates, for a whole article, how much it reads like machine translation, and reports
    /// it once, as `info`, when the estimate passes a threshold. The score (0 to 1) is in the
    /// message. Off by default: turn it on with `--extend-select T120`.
    ///
    /// It reads shallow features of the whole text:
    /// - the rates of 40 English function words;
    /// - punctuation per word (commas, semicolons, colons, quotes, apostrophes, brackets,
    ///   dashes, question and exclamation marks), straight and curly marks counted together:
    ///   typography says which system typed the text, not whether it was translated;
    /// - the mean and spread of line lengths, the mean word length and the share of distinct
    ///   words;
    /// - capitals, digits and contractions;
    /// - the lines that end with terminal punctuation, and how often word pairs repeat.
    ///
    /// The features go into a logistic model fitted by a committed program
    /// (`cargo run --release --example train_mt_profile -- ../shared/devsets/wmt22`) on
    /// professional references and the output of commercial MT systems for the same text, six
    /// languages into English. Texts under 80 words are not scored.
    ///
    /// ## Why is this bad
    /// A corpus that should hold original English (or that must say which articles are
    /// translations) is skewed by machine-translated copy: its phrasing is literal, its
    /// punctuation follows the source, and models trained on it learn both. The per-span rules
    /// of this family catch the visible residue; this score looks for the rest.
    ///
    /// ## Example
    /// ```text
    /// (a whole article; the finding sits on its first line)
    /// ```
    /// The score is a hint for sampling and review, not a verdict: check the article against its
    /// source when there is one.
    ///
    /// ## Fix safety
    /// No fix.
    pub fn mt_profile_meta {
        code: "T120",
        name: "machine-translated-profile",
        family: Translation,
        severity: Info,
        fix: FixAvailability::None,
        default_on: false,
    }
}

/// The function words whose rates are features, in feature order.
pub const FUNCTION_WORDS: [&str; 40] = [
    "the", "a", "an", "of", "to", "and", "in", "that", "is", "was", "it", "for", "on", "with",
    "as", "by", "this", "be", "at", "from", "are", "were", "have", "has", "had", "not", "but",
    "or", "which", "who", "will", "would", "can", "could", "he", "she", "they", "we", "i", "you",
];

/// Punctuation features, per word, in feature order (after the function words).
const PUNCT: usize = 9;
/// Shape features, in feature order (after the punctuation).
const SHAPE: usize = 10;
/// How many features [`features`] writes.
pub const N_FEATURES: usize = FUNCTION_WORDS.len() + PUNCT + SHAPE;
/// Documents with fewer words are not scored.
pub const MIN_WORDS: u32 = 80;

/// The name of feature `i`, for the trainer's report and the rule doc.
pub fn feature_name(i: usize) -> String {
    const P: [&str; PUNCT] = [
        "comma",
        "semicolon",
        "colon",
        "double quote",
        "apostrophe",
        "bracket",
        "dash",
        "question",
        "exclamation",
    ];
    const S: [&str; SHAPE] = [
        "log mean words per line",
        "line length spread",
        "mean word length",
        "distinct words",
        "capitalised words",
        "digits per byte",
        "contractions",
        "lines ending a sentence",
        "repeated word pairs",
        "log words",
    ];
    if i < FUNCTION_WORDS.len() {
        format!("rate of `{}`", FUNCTION_WORDS[i])
    } else if i < FUNCTION_WORDS.len() + PUNCT {
        format!("{} per word", P[i - FUNCTION_WORDS.len()])
    } else {
        S[i - FUNCTION_WORDS.len() - PUNCT].to_string()
    }
}

fn function_word_index(w: &[u8]) -> Option<usize> {
    FUNCTION_WORDS.iter().position(|f| f.as_bytes() == w)
}

/// A 64-bit FNV-1a hash.
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A fixed bitmap of hashes: distinct words and repeated word pairs without a set.
struct Bits([u64; 256]);

impl Bits {
    /// Set the bit of `h`; was it already set?
    fn test_and_set(&mut self, h: u64) -> bool {
        let i = (h % (256 * 64)) as usize;
        let (w, b) = (i / 64, i % 64);
        let was = self.0[w] >> b & 1 == 1;
        self.0[w] |= 1 << b;
        was
    }
}

/// The features of `text` into `out`; the number of words. No allocation.
pub fn features(text: &str, out: &mut [f32; N_FEATURES]) -> u32 {
    out.fill(0.0);
    let b = text.as_bytes();
    let nf = FUNCTION_WORDS.len();
    let mut fw = [0u32; FUNCTION_WORDS.len()];
    let mut punct = [0u32; PUNCT];
    let (mut words, mut word_bytes, mut caps, mut contractions) = (0u32, 0u64, 0u32, 0u32);
    let (mut distinct, mut repeated) = (0u32, 0u32);
    let mut seen = Bits([0; 256]);
    let mut pairs = Bits([0; 256]);
    let mut prev_hash = 0u64;
    let mut digits = 0u32;
    // Lines: count, sum and sum of squares of their lengths in words, and those ending a sentence.
    let (mut lines, mut line_sum, mut line_sq, mut ended) = (0u32, 0f64, 0f64, 0u32);
    let mut line_words = 0u32;
    let mut last_visible = 0u8;
    let mut i = 0;
    let mut buf = [0u8; 24];
    while i <= b.len() {
        let c = if i < b.len() { b[i] } else { b'\n' };
        if c.is_ascii_alphabetic() {
            let s = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let w = &b[s..i];
            words += 1;
            line_words += 1;
            word_bytes += w.len() as u64;
            if w[0].is_ascii_uppercase() {
                caps += 1;
            }
            let n = w.len().min(buf.len());
            buf[..n].copy_from_slice(&w[..n]);
            buf[..n].make_ascii_lowercase();
            let lw = &buf[..n];
            if let Some(k) = function_word_index(lw) {
                fw[k] += 1;
            }
            let h = fnv(lw, 0);
            if !seen.test_and_set(h) {
                distinct += 1;
            }
            if prev_hash != 0 && pairs.test_and_set(h ^ prev_hash.rotate_left(17)) {
                repeated += 1;
            }
            prev_hash = h;
            // `n't`, `'re`, `'ll`, `'ve`, `'m`, `'d` after the word.
            let rest = &b[i..];
            let apos = rest.starts_with(b"'") || rest.starts_with("’".as_bytes());
            if apos {
                let a = if rest[0] == b'\'' { 1 } else { 3 };
                let tail: &[u8] = &rest[a..rest.len().min(a + 3)];
                let t = |s: &[u8]| {
                    tail.starts_with(s) && !tail.get(s.len()).is_some_and(u8::is_ascii_alphabetic)
                };
                if t(b"re") || t(b"ll") || t(b"ve") || t(b"m") || t(b"d") || t(b"t") {
                    contractions += 1;
                }
            }
            last_visible = b[i - 1];
            continue;
        }
        match c {
            b'\n' => {
                if line_words > 0 {
                    lines += 1;
                    let l = f64::from(line_words);
                    line_sum += l;
                    line_sq += l * l;
                    if matches!(last_visible, b'.' | b'!' | b'?' | b'"' | 0x9d) {
                        ended += 1;
                    }
                }
                line_words = 0;
                prev_hash = 0;
                i += 1;
                continue;
            }
            b',' => punct[0] += 1,
            b';' => punct[1] += 1,
            b':' => punct[2] += 1,
            b'"' => punct[3] += 1,
            b'\'' => punct[4] += 1,
            b'(' => punct[5] += 1,
            b'-' if i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' ') => punct[6] += 1,
            b'?' => punct[7] += 1,
            b'!' => punct[8] += 1,
            b'0'..=b'9' => digits += 1,
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C | 0x9D) => punct[3] += 1,
                Some(0x98 | 0x99) => punct[4] += 1,
                Some(0x93 | 0x94) => punct[6] += 1,
                _ => {}
            },
            _ => {}
        }
        if !c.is_ascii_whitespace() {
            last_visible = c;
        }
        i += 1;
    }
    let n = words.max(1) as f32;
    for k in 0..nf {
        out[k] = fw[k] as f32 / n;
    }
    for k in 0..PUNCT {
        out[nf + k] = punct[k] as f32 / n;
    }
    let lines_f = f64::from(lines.max(1));
    let mean = line_sum / lines_f;
    let sd = (line_sq / lines_f - mean * mean).max(0.0).sqrt();
    let s = nf + PUNCT;
    out[s] = mean.ln_1p() as f32;
    out[s + 1] = (sd / (mean + 1.0)) as f32;
    out[s + 2] = word_bytes as f32 / n;
    out[s + 3] = distinct as f32 / n;
    out[s + 4] = caps as f32 / n;
    out[s + 5] = digits as f32 / b.len().max(1) as f32;
    out[s + 6] = contractions as f32 / n;
    out[s + 7] = ended as f32 / lines.max(1) as f32;
    out[s + 8] = repeated as f32 / n;
    out[s + 9] = (n).ln_1p();
    words
}

/// The model's probability that features `x` are machine translation.
pub fn score(x: &[f32; N_FEATURES]) -> f32 {
    let mut z = weights::BIAS;
    for (k, v) in x.iter().enumerate() {
        z += weights::WEIGHTS[k] * (v - weights::MEAN[k]) / weights::SCALE[k];
    }
    1.0 / (1.0 + (-z).exp())
}

pub struct MtProfile(RuleMeta);

impl Default for MtProfile {
    fn default() -> Self {
        Self(mt_profile_meta())
    }
}

impl Rule for MtProfile {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let mut x = [0f32; N_FEATURES];
        if features(text, &mut x) < MIN_WORDS {
            return;
        }
        let p = score(&x);
        if p < weights::THRESHOLD {
            return;
        }
        let Some(first) = doc
            .lines()
            .iter()
            .find(|l| !l.span.slice(text).trim().is_empty())
        else {
            return;
        };
        let s = first.span.slice(text);
        let lead = s.len() - s.trim_start().len();
        let span = ByteSpan::new(
            first.span.start + lead,
            first.span.start + s.trim_end().len(),
        );
        sink.report(
            span,
            format!("the article reads as machine-translated (score {p:.2})"),
        )
        .help("a document-level estimate from function words, punctuation and line lengths: check it against its source");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_rates_and_shapes() {
        let mut x = [0f32; N_FEATURES];
        let n = features("The cat and the dog.\nIt's a dog, isn't it?\n", &mut x);
        assert_eq!(n, 12);
        assert!((x[0] - 2.0 / 12.0).abs() < 1e-6, "rate of `the`");
        assert!(
            (x[FUNCTION_WORDS.len()] - 1.0 / 12.0).abs() < 1e-6,
            "commas"
        );
        let s = FUNCTION_WORDS.len() + PUNCT;
        assert!(
            (x[s + 6] - 1.0 / 12.0).abs() < 1e-6,
            "one contraction, `isn't`"
        );
        assert!((x[s + 7] - 1.0).abs() < 1e-6, "both lines end a sentence");
    }

    #[test]
    fn short_texts_are_not_scored() {
        let r = MtProfile::default();
        assert!(crate::rule::flagged_spans(&r, "A short note.").is_empty());
    }

    #[test]
    fn any_text_has_finite_features_and_a_score() {
        let mut x = [0f32; N_FEATURES];
        for t in ["", "\n\n", "’’’ ”” –", "a", &"word ".repeat(500)] {
            features(t, &mut x);
            assert!(x.iter().all(|v| v.is_finite()), "{t:?}");
            let p = score(&x);
            assert!((0.0..=1.0).contains(&p));
        }
    }

    #[test]
    fn every_feature_has_a_name() {
        for i in 0..N_FEATURES {
            assert!(!feature_name(i).is_empty());
        }
    }
}
