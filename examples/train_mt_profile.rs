//! Fit T120's document-level machine-translation model (`machine-translated-profile`).
//!
//! ```text
//! cargo run --release --example train_mt_profile -- ../shared/devsets/wmt22 [--cv-only]
//! ```
//!
//! Reads `wmt22-toen.jsonl` (professional references, `label` "ref", and MT systems, `label`
//! "mt", for the same source text, six language pairs into English), computes the rule's own
//! features for each pseudo-document (`newslint::rules::translation::mt_profile::features`),
//! and fits a class-balanced logistic regression on standardised features by full-batch gradient
//! descent: no randomness, so the weights are the same on every run.
//!
//! It first cross-validates by language pair (fit on five pairs, score the sixth) and prints
//! the AUC of each held-out pair and the share of its references above the threshold chosen on
//! the other five. Then it fits on every pair and writes
//! `src/rules/translation/mt_profile_weights.rs`. The threshold it writes flags at most 5% of
//! the training references.

// The fit walks several parallel arrays (weights, means, scales, features) by feature index.
#![allow(clippy::needless_range_loop)]

use newslint::rules::translation::mt_profile::{MIN_WORDS, N_FEATURES, feature_name, features};
use std::fmt::Write as _;
use std::path::Path;

const ITERATIONS: usize = 600;
const RATE: f64 = 0.5;
const L2: f64 = 0.01;
/// The share of training references the shipped threshold may flag.
const REFERENCE_BUDGET: f64 = 0.05;

struct Doc {
    pair: String,
    mt: bool,
    x: [f64; N_FEATURES],
}

struct Model {
    mean: [f64; N_FEATURES],
    scale: [f64; N_FEATURES],
    w: [f64; N_FEATURES],
    bias: f64,
}

impl Model {
    fn z(&self, x: &[f64; N_FEATURES]) -> f64 {
        let mut z = self.bias;
        for k in 0..N_FEATURES {
            z += self.w[k] * (x[k] - self.mean[k]) / self.scale[k];
        }
        z
    }

    fn p(&self, x: &[f64; N_FEATURES]) -> f64 {
        1.0 / (1.0 + (-self.z(x)).exp())
    }
}

fn fit(docs: &[&Doc]) -> Model {
    let n = docs.len() as f64;
    let mut mean = [0f64; N_FEATURES];
    let mut scale = [0f64; N_FEATURES];
    for d in docs {
        for k in 0..N_FEATURES {
            mean[k] += d.x[k] / n;
        }
    }
    for d in docs {
        for k in 0..N_FEATURES {
            scale[k] += (d.x[k] - mean[k]).powi(2) / n;
        }
    }
    for s in &mut scale {
        *s = s.sqrt().max(1e-6);
    }
    let z: Vec<[f64; N_FEATURES]> = docs
        .iter()
        .map(|d| std::array::from_fn(|k| (d.x[k] - mean[k]) / scale[k]))
        .collect();
    let pos = docs.iter().filter(|d| d.mt).count() as f64;
    let class_weight = |mt: bool| {
        if mt {
            n / (2.0 * pos)
        } else {
            n / (2.0 * (n - pos))
        }
    };
    let mut w = [0f64; N_FEATURES];
    let mut bias = 0f64;
    for _ in 0..ITERATIONS {
        let mut g = [0f64; N_FEATURES];
        let mut gb = 0f64;
        for (zi, d) in z.iter().zip(docs) {
            let s = bias + (0..N_FEATURES).map(|k| w[k] * zi[k]).sum::<f64>();
            let p = 1.0 / (1.0 + (-s.clamp(-30.0, 30.0)).exp());
            let e = (p - f64::from(u8::from(d.mt))) * class_weight(d.mt);
            for k in 0..N_FEATURES {
                g[k] += e * zi[k];
            }
            gb += e;
        }
        for k in 0..N_FEATURES {
            w[k] -= RATE * (g[k] / n + L2 * w[k]);
        }
        bias -= RATE * gb / n;
    }
    Model {
        mean,
        scale,
        w,
        bias,
    }
}

/// Area under the ROC curve of `scores` (true = positive), ties counted half.
fn auc(scored: &mut [(f64, bool)]) -> f64 {
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut i) = (0f64, 0);
    while i < scored.len() {
        let mut j = i;
        while j + 1 < scored.len() && scored[j + 1].0 == scored[i].0 {
            j += 1;
        }
        let mid = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += mid * scored[i..=j].iter().filter(|s| s.1).count() as f64;
        i = j + 1;
    }
    let pos = scored.iter().filter(|s| s.1).count() as f64;
    let neg = scored.len() as f64 - pos;
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// The probability above which at most `REFERENCE_BUDGET` of `docs`' references lie.
fn threshold(model: &Model, docs: &[&Doc]) -> f64 {
    let mut refs: Vec<f64> = docs
        .iter()
        .filter(|d| !d.mt)
        .map(|d| model.p(&d.x))
        .collect();
    refs.sort_by(f64::total_cmp);
    let k = ((refs.len() as f64) * (1.0 - REFERENCE_BUDGET)).ceil() as usize;
    refs.get(k.min(refs.len() - 1)).copied().unwrap_or(1.0)
}

fn load(dir: &Path) -> Vec<Doc> {
    let path = dir.join("wmt22-toen.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut docs = Vec::new();
    let mut x32 = [0f32; N_FEATURES];
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
        let body = v["text"].as_str().unwrap_or("");
        if features(body, &mut x32) < MIN_WORDS {
            continue;
        }
        docs.push(Doc {
            pair: v["pair"].as_str().unwrap_or("").to_string(),
            mt: v["label"].as_str() == Some("mt"),
            x: std::array::from_fn(|k| f64::from(x32[k])),
        });
    }
    docs
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .expect("usage: train_mt_profile DEVSET_DIR [--cv-only]");
    let docs = load(Path::new(dir));
    let mut pairs: Vec<&str> = docs.iter().map(|d| d.pair.as_str()).collect();
    pairs.sort_unstable();
    pairs.dedup();
    println!(
        "{} pseudo-documents of at least {MIN_WORDS} words ({} MT), {} pairs",
        docs.len(),
        docs.iter().filter(|d| d.mt).count(),
        pairs.len()
    );
    let mut aucs = Vec::new();
    for held in &pairs {
        let train: Vec<&Doc> = docs.iter().filter(|d| d.pair != *held).collect();
        let test: Vec<&Doc> = docs.iter().filter(|d| d.pair == *held).collect();
        let m = fit(&train);
        let t = threshold(&m, &train);
        let mut scored: Vec<(f64, bool)> = test.iter().map(|d| (m.p(&d.x), d.mt)).collect();
        let a = auc(&mut scored);
        let refs = test.iter().filter(|d| !d.mt).count().max(1) as f64;
        let mts = test.iter().filter(|d| d.mt).count().max(1) as f64;
        let ref_flag = test.iter().filter(|d| !d.mt && m.p(&d.x) >= t).count() as f64 / refs;
        let mt_flag = test.iter().filter(|d| d.mt && m.p(&d.x) >= t).count() as f64 / mts;
        println!(
            "held out {held}: AUC {a:.3}; at the threshold of the other pairs ({t:.3}) flags {:.1}% of its MT and {:.1}% of its references",
            100.0 * mt_flag,
            100.0 * ref_flag
        );
        aucs.push(a);
    }
    let mean = aucs.iter().sum::<f64>() / aucs.len() as f64;
    let min = aucs.iter().copied().fold(f64::INFINITY, f64::min);
    println!("cross-pair AUC: mean {mean:.3}, lowest {min:.3}");
    if args.iter().any(|a| a == "--cv-only") {
        return;
    }
    let all: Vec<&Doc> = docs.iter().collect();
    let m = fit(&all);
    let t = threshold(&m, &all);
    let mut order: Vec<usize> = (0..N_FEATURES).collect();
    order.sort_by(|&a, &b| m.w[b].abs().total_cmp(&m.w[a].abs()));
    println!("strongest features (weight per standard deviation; positive = MT):");
    for &k in order.iter().take(12) {
        println!("  {:+.3}  {}", m.w[k], feature_name(k));
    }
    let list = |v: &[f64; N_FEATURES]| {
        v.iter()
            .map(|x| format!("{:e}", *x as f32))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    writeln!(
        out,
        "//! Generated by `cargo run --release --example train_mt_profile`; do not edit.\n//! Cross-pair AUC: mean {mean:.3}, lowest {min:.3}.\n"
    )
    .unwrap();
    writeln!(out, "pub const BIAS: f32 = {:e};", m.bias as f32).unwrap();
    writeln!(out, "pub const THRESHOLD: f32 = {:e};", t as f32).unwrap();
    writeln!(
        out,
        "pub const MEAN: [f32; {N_FEATURES}] = [{}];",
        list(&m.mean)
    )
    .unwrap();
    writeln!(
        out,
        "pub const SCALE: [f32; {N_FEATURES}] = [{}];",
        list(&m.scale)
    )
    .unwrap();
    writeln!(
        out,
        "pub const WEIGHTS: [f32; {N_FEATURES}] = [{}];",
        list(&m.w)
    )
    .unwrap();
    let dest =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/translation/mt_profile_weights.rs");
    std::fs::write(&dest, out).expect("write the weights");
    println!("threshold {t:.3}; wrote {}", dest.display());
}
