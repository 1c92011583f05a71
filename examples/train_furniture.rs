//! Fit the furniture line classifier (`furniture-line`) and write its weights.
//!
//! ```text
//! cargo run --release --example train_furniture -- ../shared/devsets/furniture [--no-write] [--out FILE]
//! ```
//!
//! Every folder under the given one that holds a `labels.json` is a labelled set (`docs/*.txt`,
//! one paragraph a line, labels per 1-based line number): `F` or `N` lines are furniture; `B`, `A`,
//! `H` and `M` lines are not (headlines and metadata weigh more: flagging them costs precision);
//! others are left out.
//!
//! The program reports, for the classifier alone (without the precise rules):
//! - cross-validation by page on all sets together (five folds, no page in two folds);
//! - the cross-set figures: fitted on one set, scored on each other set;
//!
//! then fits the shipped model on everything and writes `src/rules/artifact/furniture_model/weights.rs`.
//! The learned word table is target-encoded out of fold (the words of a training line never weigh
//! its own prediction), the fold split is a fixed hash of the page id, and the fitting has no
//! randomness: the output is byte-for-byte reproducible.

use newslint::document::Document;
use newslint::rules::artifact::furniture_model::features::{
    FEATURE_NAMES, N_FEATURES, N_STACKED, STACK_NAMES, feature_name, word_keys,
};
use newslint::rules::artifact::furniture_model::model::{Model, Tree};
use newslint::rules::artifact::furniture_model::vocab::{self, Entry, Vocab, word_hash};
use newslint::rules::artifact::furniture_model::{Classifier, Scratch, score_units, unit_features};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const FOLDS: u64 = 5;
/// Weight of a hand-labelled line against an automatically labelled one: the hand-labelled set is
/// smaller and its labels are the reliable ones.
const HAND_WEIGHT: f32 = 4.0;
const TREES: usize = 250;

/// A setting, overridable by an environment variable for experiments (`TRAIN_TREES=400`).
fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
const LEARNING_RATE: f32 = 0.1;
const LAMBDA: f64 = 1.0;
const MIN_CHILD_HESSIAN: f64 = 2.0;
const BINS: usize = 64;
/// A word weighs only when it occurs in lines of at least this many distinct pages: site names and
/// one page's vocabulary are not learned.
const MIN_PAGES: usize = 3;
/// Body (and headline) lines flagged at most, as a share, when the threshold is chosen.
const TARGET_BODY_RATE: f64 = 0.0015;

struct Doc {
    set: usize,
    page: String,
    text: String,
    /// The labelled lines' byte spans in `text`, with their class.
    spans: Vec<(usize, usize, u8)>,
    /// From a hand-labelled set (furniture marked `F`, not the automatic `N`).
    hand: bool,
}

fn is_positive(c: u8) -> bool {
    c == b'F' || c == b'N'
}

fn is_negative(c: u8) -> bool {
    matches!(c, b'B' | b'A' | b'H' | b'M')
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root: Option<PathBuf> = None;
    let mut write = true;
    let mut only: Option<String> = None;
    let mut cv_only = false;
    let mut out = PathBuf::from("src/rules/artifact/furniture_model/weights.rs");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--no-write" => write = false,
            "--cv-only" => {
                write = false;
                cv_only = true;
            }
            "--only" => only = Some(args.next().expect("--only SET")),
            "--out" => out = PathBuf::from(args.next().expect("--out FILE")),
            _ => root = Some(PathBuf::from(a)),
        }
    }
    let root = root.unwrap_or_else(|| PathBuf::from("../shared/devsets/furniture"));
    let (names, docs) = load(&root);
    // The shipped model is fitted on the hand-labelled sets (or the one `--only` names): the
    // automatic labels of the other sets follow another definition of furniture (comment threads
    // and headlines count as non-body there), so they serve as the cross-set test.
    let fit_set: Vec<bool> = names
        .iter()
        .enumerate()
        .map(|(s, n)| match &only {
            Some(o) => n == o,
            None => docs.iter().any(|d| d.set == s && d.hand),
        })
        .collect();
    eprintln!(
        "{} documents in {} sets ({})",
        docs.len(),
        names.len(),
        names.join(", ")
    );

    // Cross-validation by page over the fitting sets.
    let all: Vec<usize> = (0..docs.len()).filter(|&d| fit_set[docs[d].set]).collect();
    let mut oof: Vec<Scored> = docs.iter().map(|_| Vec::new()).collect();
    for fold in 0..FOLDS {
        let (test, train): (Vec<usize>, Vec<usize>) =
            all.iter().partition(|&&d| fold_of(&docs[d].page) == fold);
        let fit = fit_stacked(&docs, &train);
        for &d in &test {
            oof[d] = predict(&fit, &docs[d]);
        }
        eprintln!("fold {fold}: {} test documents", test.len());
    }
    let threshold = choose_threshold(&docs, &oof, fit_set.iter().position(|&f| f).unwrap_or(0));
    if std::env::var_os("TRAIN_DUMP").is_some() {
        let mut units: Vec<(f32, u8, String)> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for &(c, p, a, b) in &oof[d] {
                units.push((p, c, doc.text[a..b].chars().take(100).collect()));
            }
        }
        units.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (p, c, l) in units.iter().filter(|x| x.1 == b'B' || x.1 == b'A').take(40) {
            eprintln!("FALSE {p:.3} {} {l}", *c as char);
        }
        let step = setting("TRAIN_DUMP_STEP", 9usize);
        for (p, c, l) in units
            .iter()
            .filter(|x| is_positive(x.1))
            .step_by(step)
            .take(2000)
        {
            eprintln!("POS {p:.3} {} {l}", *c as char);
        }
    }
    println!("## Cross-validation by page ({FOLDS} folds), threshold {threshold:.3}");
    for (s, name) in names.iter().enumerate().filter(|(s, _)| fit_set[*s]) {
        report(name, &docs, &oof, s, threshold);
    }

    if cv_only {
        return;
    }
    // Cross-set: fit on one set, score on the others.
    println!("## Cross-set (fitted on one set only)");
    let base_of_set = |t: usize| {
        names
            .iter()
            .position(|n| *n == names[t].replace(" (flattened)", ""))
            .unwrap_or(t)
    };
    let base_of = |d: &Doc| {
        names
            .iter()
            .position(|n| *n == names[d.set].replace(" (flattened)", ""))
            .unwrap_or(d.set)
    };
    for (s, name) in names
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.ends_with("(flattened)"))
    {
        let train: Vec<usize> = (0..docs.len())
            .filter(|&d| base_of(&docs[d]) == s)
            .collect();
        let fit = fit_stacked(&docs, &train);
        let mut pred: Vec<Scored> = docs.iter().map(|_| Vec::new()).collect();
        for d in (0..docs.len()).filter(|&d| base_of(&docs[d]) != s) {
            pred[d] = predict(&fit, &docs[d]);
        }
        for (t, other) in names.iter().enumerate() {
            if t != s && base_of_set(t) != s {
                print!("fitted on {name}, scored on ");
                report(other, &docs, &pred, t, threshold);
            }
        }
    }

    if write {
        let fit = fit_stacked(&docs, &all);
        let code = render(&fit, threshold);
        std::fs::write(&out, code).expect("write the weights");
        eprintln!("wrote {}", out.display());
        println!("## Feature importance (share of split gain)");
        let mut imp: Vec<(usize, f64)> = fit.importance.iter().copied().enumerate().collect();
        imp.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (f, g) in imp.iter().take(15) {
            println!("  {:<40} {g:.3}", feature_name(*f));
        }
    }
}

fn load(root: &Path) -> (Vec<String>, Vec<Doc>) {
    let mut sets: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("read the devset folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("labels.json").is_file())
        .collect();
    sets.sort();
    let mut names = Vec::new();
    let mut docs = Vec::new();
    let mut flat_docs = Vec::new();
    for (s, dir) in sets.iter().enumerate() {
        names.push(dir.file_name().unwrap().to_string_lossy().into_owned());
        let labels: HashMap<String, HashMap<String, String>> = serde_json::from_slice(
            &std::fs::read(dir.join("labels.json")).expect("read labels.json"),
        )
        .expect("labels.json is a map of maps");
        let hand = !labels.values().any(|v| v.values().any(|c| c == "N"));
        let mut files: Vec<_> = labels.into_iter().collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (file, per) in files {
            let bytes = std::fs::read(dir.join("docs").join(&file)).expect("read a document");
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let n = text.split('\n').count();
            let mut classes = vec![None; n];
            for (no, c) in per {
                let i: usize = no.parse().expect("line number");
                if (1..=n).contains(&i) {
                    classes[i - 1] = c.bytes().next();
                }
            }
            let mut spans = Vec::new();
            let mut pos = 0;
            for (i, line) in text.split('\n').enumerate() {
                if let Some(c) = classes[i] {
                    spans.push((pos, pos + line.len(), c));
                }
                pos += line.len() + 1;
            }
            // The same page flattened into one paragraph, as JSONL corpora often hold it: its
            // sentences are the units, labelled by the line they came from.
            if hand {
                let mut flat = String::new();
                let mut flat_spans = Vec::new();
                for (i, line) in text.split('\n').enumerate() {
                    let line = line.trim();
                    if line.is_empty() {
                        continue;
                    }
                    if !flat.is_empty() {
                        flat.push(' ');
                    }
                    if let Some(c) = classes[i] {
                        flat_spans.push((flat.len(), flat.len() + line.len(), c));
                    }
                    flat.push_str(line);
                }
                flat_docs.push(Doc {
                    set: s,
                    page: page_of(&file),
                    text: flat,
                    spans: flat_spans,
                    hand,
                });
            }
            docs.push(Doc {
                set: s,
                page: page_of(&file),
                text,
                spans,
                hand,
            });
        }
    }
    // Flattened copies form sets of their own, after the line sets.
    let n = names.len();
    for d in &mut flat_docs {
        d.set += n;
    }
    for i in 0..n {
        if flat_docs.iter().any(|d| d.set == n + i) {
            names.push(format!("{} (flattened)", names[i]));
        }
    }
    docs.extend(flat_docs);
    (names, docs)
}

/// The page a file shows: its name without the extractor (`set__extractor__page.txt` or
/// `extractor__page.txt`), so that no page is in two folds.
fn page_of(file: &str) -> String {
    let stem = file.strip_suffix(".txt").unwrap_or(file);
    let parts: Vec<&str> = stem.split("__").collect();
    match parts.as_slice() {
        [set, _extractor, page] => format!("{set}/{page}"),
        [_extractor, page] => (*page).to_string(),
        _ => stem.to_string(),
    }
}

fn fold_of(page: &str) -> u64 {
    (vocab::word_hash::of(page).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) % FOLDS
}

/// The table keys of a line: its distinct words and its distinct bigrams (two words in a row), as
/// the features look them up.
fn keys(line: &str, words: &mut Vec<u64>, out: &mut Vec<u64>) {
    word_keys(line, words);
    out.clear();
    out.extend(words.windows(2).map(|p| word_hash::pair(p[0], p[1])));
    out.extend_from_slice(words);
    out.sort_unstable();
    out.dedup();
}

/// The word table fitted on the labelled lines of `docs`: smoothed log-odds of furniture among the
/// lines that hold the word, for words seen on enough pages.
fn fit_vocab(all: &[Doc], docs: &[usize]) -> Vec<Entry> {
    // Per key, the pages that hold it in a furniture line and those that hold it in a body line.
    // Counting pages, not lines, keeps one page (shown by seven extractors, with a word in many
    // of its lines) from outweighing the rest of the set.
    type Pages<'a> = HashSet<&'a str>;
    let mut counts: HashMap<u64, (Pages<'_>, Pages<'_>)> = HashMap::new();
    let (mut ws, mut ks) = (Vec::new(), Vec::new());
    for &d in docs {
        let doc = &all[d];
        for &(a, b, c) in &doc.spans {
            let p = is_positive(c);
            if !p && !is_negative(c) {
                continue;
            }
            keys(&doc.text[a..b], &mut ws, &mut ks);
            for w in ks.drain(..) {
                let e = counts.entry(w).or_default();
                if p { &mut e.0 } else { &mut e.1 }.insert(&doc.page);
            }
        }
    }
    let (pos, neg) = counts
        .values()
        .fold((0usize, 0usize), |(p, n), e| (p + e.0.len(), n + e.1.len()));
    let prior = (pos.max(1) as f64 / neg.max(1) as f64).ln();
    let alpha = 1.0;
    let min_pages = setting("TRAIN_MIN_PAGES", MIN_PAGES);
    let mut weights: Vec<(u64, f32)> = counts
        .into_iter()
        .filter(|(_, (p, n))| p.union(n).count() >= min_pages)
        .filter_map(|(w, (p, n))| {
            let lo = ((p.len() as f64 + alpha) / (n.len() as f64 + alpha)).ln() - prior;
            let lo = lo.clamp(-4.0, 4.0);
            (lo.abs() >= 0.5).then(|| (w, (lo * 10.0).round() as f32 / 10.0))
        })
        .collect();
    weights.sort_by_key(|a| a.0);
    vocab::build(weights)
}

/// A fitted first stage: the word table and the trees.
struct Fit {
    vocab: Vec<Entry>,
    bias: f32,
    trees: Vec<Tree>,
}

/// Per unit: its class, the predicted probability and its byte span.
type Scored = Vec<(u8, f32, usize, usize)>;

/// The class of a unit: that of the labelled line holding most of its bytes.
fn class_of(doc: &Doc, a: usize, b: usize) -> Option<u8> {
    let k = doc.spans.partition_point(|s| s.1 <= a);
    let mut best: Option<(usize, u8)> = None;
    for &(s, e, c) in doc.spans[k..].iter().take_while(|s| s.0 < b) {
        let overlap = e.min(b).saturating_sub(s.max(a));
        if best.is_none_or(|x| overlap > x.0) {
            best = Some((overlap, c));
        }
    }
    best.filter(|x| 2 * x.0 >= b - a).map(|x| x.1)
}

/// The labelled units of a document with their feature vectors and classes.
fn units(doc: &Doc, vocab: &Vocab<'_>, mut each: impl FnMut(&[f32; N_FEATURES], u8, usize, usize)) {
    let d = Document::new(&doc.text);
    let mut scratch = Scratch::default();
    unit_features(&d, vocab, &mut scratch);
    for (k, place) in scratch.places.iter().enumerate() {
        let (a, b) = (place.span.start, place.span.end);
        if let Some(c) = class_of(doc, a, b) {
            each(&scratch.features[k], c, a, b);
        }
    }
}

/// Rows of labelled units: features, label, weight.
fn rows(doc: &Doc, vocab: &Vocab<'_>, out: &mut Vec<([f32; N_FEATURES], bool, f32)>) {
    units(doc, vocab, |x, c, _, _| {
        if let Some(w) = weight(doc, c) {
            out.push((*x, is_positive(c), w));
        }
    });
}

/// Inner fold `inner` of the training documents: the held-out ones and the rest (by page, as the
/// outer folds).
fn inner_split(all: &[Doc], train: &[usize], inner: u64) -> (Vec<usize>, Vec<usize>) {
    train
        .iter()
        .partition(|&&d| (fold_of(&all[d].page) + inner + 1) % FOLDS == 0)
}

fn fit(all: &[Doc], train: &[usize]) -> Fit {
    // Target encoding out of fold: each training document's word weights come from a table fitted
    // on the other inner folds.
    let mut data = Vec::new();
    for inner in 0..FOLDS {
        let (hold, rest) = inner_split(all, train, inner);
        let v = fit_vocab(all, &rest);
        let v = Vocab::new(&v);
        for &d in &hold {
            rows(&all[d], &v, &mut data);
        }
    }
    let (bias, trees, _) = boost(&data);
    Fit {
        vocab: fit_vocab(all, train),
        bias,
        trees,
    }
}

/// A fitted two-stage classifier: the first stage and the second stage's trees.
struct Stacked {
    first: Fit,
    bias: f32,
    trees: Vec<Tree>,
    importance: Vec<f64>,
}

/// The library's classifier over fitted stages (a missing second stage scores 0.5).
fn classifier<'a>(first: &'a Fit, second: Option<&'a Stacked>) -> Classifier<'a> {
    Classifier {
        vocab: Vocab::new(&first.vocab),
        first: Model {
            bias: first.bias,
            trees: &first.trees,
        },
        second: Model {
            bias: second.map_or(0.0, |s| s.bias),
            trees: second.map_or(&[], |s| &s.trees),
        },
    }
}

/// The labelled units of a document scored by `c`: the second stage's feature vector, the first
/// and the final probability, the class and the byte span.
fn scored_units(
    doc: &Doc,
    c: &Classifier<'_>,
    mut each: impl FnMut(&[f32; N_STACKED], f32, f32, u8, usize, usize),
) {
    let d = Document::new(&doc.text);
    let mut s = Scratch::default();
    score_units(&d, c, &mut s);
    for (k, place) in s.places.iter().enumerate() {
        let (a, b) = (place.span.start, place.span.end);
        if let Some(cl) = class_of(doc, a, b) {
            each(&s.stacked[k], s.first[k], s.score[k], cl, a, b);
        }
    }
}

/// The training weight of a labelled unit, or `None` for a class the model does not learn.
fn weight(doc: &Doc, c: u8) -> Option<f32> {
    let w = match c {
        b'F' | b'N' | b'B' | b'A' => 1.0,
        b'H' | b'M' => 3.0,
        _ => return None,
    };
    Some(if doc.hand { HAND_WEIGHT * w } else { w })
}

/// Fit both stages on `train`. The second stage learns from first-stage scores that are out of
/// fold (each inner fold scored by a first stage fitted without it), as it will see them on
/// unseen pages.
fn fit_stacked(all: &[Doc], train: &[usize]) -> Stacked {
    let first = fit(all, train);
    let mut data = Vec::new();
    for inner in 0..FOLDS {
        let (hold, rest) = inner_split(all, train, inner);
        let f1 = fit(all, &rest);
        let c = classifier(&f1, None);
        for &d in &hold {
            scored_units(&all[d], &c, |x, _, _, cl, _, _| {
                if let Some(w) = weight(&all[d], cl) {
                    data.push((*x, is_positive(cl), w));
                }
            });
        }
    }
    let (bias, trees, importance) = boost(&data);
    Stacked {
        first,
        bias,
        trees,
        importance,
    }
}

fn predict(st: &Stacked, doc: &Doc) -> Scored {
    let c = classifier(&st.first, Some(st));
    let probe = std::env::var("TRAIN_PROBE").ok();
    let first_only = std::env::var_os("TRAIN_FIRST_ONLY").is_some();
    let mut out = Vec::new();
    scored_units(doc, &c, |x, p1, p2, cl, a, b| {
        if let Some(p) = &probe {
            if doc.text[a..b].contains(p.as_str()) {
                eprintln!("PROBE {} p1={p1} p2={p2}", &doc.text[a..b]);
                for (k, name) in FEATURE_NAMES.iter().chain(&STACK_NAMES).enumerate() {
                    eprintln!("  {name:<50} {}", x[k]);
                }
            }
        }
        out.push((cl, if first_only { p1 } else { p2 }, a, b))
    });
    out
}

/// Gradient boosting of depth-3 trees on the logistic loss, with histogram splits.
fn boost<const N: usize>(data: &[([f32; N], bool, f32)]) -> (f32, Vec<Tree>, Vec<f64>) {
    let n = data.len();
    // Candidate thresholds per feature: quantiles of the distinct values.
    let mut cuts: Vec<Vec<f32>> = Vec::with_capacity(N);
    for f in 0..N {
        let mut vals: Vec<f32> = data.iter().map(|r| r.0[f]).collect();
        vals.sort_by(f32::total_cmp);
        vals.dedup();
        let c: Vec<f32> = if vals.len() <= BINS {
            vals.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect()
        } else {
            let mut c: Vec<f32> = (1..BINS)
                .map(|k| {
                    let i = k * vals.len() / BINS;
                    (vals[i - 1] + vals[i]) / 2.0
                })
                .collect();
            c.dedup();
            c
        };
        cuts.push(c);
    }
    // Bin of each value: the number of cuts at or below it.
    let bins: Vec<[u8; N]> = data
        .iter()
        .map(|r| {
            let mut b = [0u8; N];
            for f in 0..N {
                b[f] = cuts[f].partition_point(|&c| c <= r.0[f]) as u8;
            }
            b
        })
        .collect();
    let wsum: f64 = data.iter().map(|r| r.2 as f64).sum();
    let psum: f64 = data.iter().filter(|r| r.1).map(|r| r.2 as f64).sum();
    let bias = ((psum / (wsum - psum).max(1.0)).ln()) as f32;
    let mut score = vec![bias; n];
    let n_trees = setting("TRAIN_TREES", TREES);
    let lr = setting("TRAIN_LR", LEARNING_RATE);
    let mut trees = Vec::with_capacity(n_trees);
    let mut importance = vec![0f64; N];
    let mut node_of = vec![0u8; n];
    let mut grad = vec![0f64; n];
    let mut hess = vec![0f64; n];
    for _ in 0..n_trees {
        for i in 0..n {
            let p = 1.0 / (1.0 + (-score[i] as f64).exp());
            let w = data[i].2 as f64;
            grad[i] = w * (p - data[i].1 as u8 as f64);
            hess[i] = w * (p * (1.0 - p)).max(1e-6);
            node_of[i] = 0;
        }
        let mut tree = Tree {
            feature: [0; 7],
            threshold: [f32::INFINITY; 7],
            leaf: [0.0; 8],
        };
        for depth in 0..3 {
            let first = (1usize << depth) - 1;
            let width = 1usize << depth;
            // Histograms per node of this level: [node][feature][bin] -> (g, h).
            let mut hist = vec![(0f64, 0f64); width * N * (BINS + 1)];
            for i in 0..n {
                let node = node_of[i] as usize - first;
                let base = node * N * (BINS + 1);
                for f in 0..N {
                    let e = &mut hist[base + f * (BINS + 1) + bins[i][f] as usize];
                    e.0 += grad[i];
                    e.1 += hess[i];
                }
            }
            for node in 0..width {
                let base = node * N * (BINS + 1);
                let (g, h) = hist[base..base + BINS + 1]
                    .iter()
                    .fold((0.0, 0.0), |a, e| (a.0 + e.0, a.1 + e.1));
                let parent = g * g / (h + LAMBDA);
                let mut best: Option<(f64, usize, usize)> = None;
                for f in 0..N {
                    let hf = &hist[base + f * (BINS + 1)..base + (f + 1) * (BINS + 1)];
                    let (mut gl, mut hl) = (0.0, 0.0);
                    for (b, e) in hf.iter().enumerate().take(cuts[f].len()) {
                        gl += e.0;
                        hl += e.1;
                        let (gr, hr) = (g - gl, h - hl);
                        if hl < MIN_CHILD_HESSIAN || hr < MIN_CHILD_HESSIAN {
                            continue;
                        }
                        let gain = gl * gl / (hl + LAMBDA) + gr * gr / (hr + LAMBDA) - parent;
                        if best.is_none_or(|x| gain > x.0) {
                            best = Some((gain, f, b));
                        }
                    }
                }
                let idx = first + node;
                if let Some((gain, f, b)) = best.filter(|x| x.0 > 1e-9) {
                    tree.feature[idx] = f as u8;
                    tree.threshold[idx] = cuts[f][b];
                    importance[f] += gain;
                }
            }
            for i in 0..n {
                let idx = node_of[i] as usize;
                let right = data[i].0[tree.feature[idx] as usize] >= tree.threshold[idx];
                node_of[i] = (2 * idx + 1 + right as usize) as u8;
            }
        }
        let mut gh = [(0f64, 0f64); 8];
        for i in 0..n {
            let leaf = node_of[i] as usize - 7;
            gh[leaf].0 += grad[i];
            gh[leaf].1 += hess[i];
        }
        for (l, (g, h)) in gh.iter().enumerate() {
            tree.leaf[l] = (-g / (h + LAMBDA)) as f32 * lr;
        }
        for i in 0..n {
            score[i] += tree.eval(&data[i].0);
        }
        trees.push(tree);
    }
    let total: f64 = importance.iter().sum::<f64>().max(1e-12);
    for x in &mut importance {
        *x /= total;
    }
    (bias, trees, importance)
}

/// The highest-recall threshold that flags at most `TARGET_BODY_RATE` of the body units and 5% of
/// the headline and metadata units of the set `set` (the hand-labelled one).
fn choose_threshold(docs: &[Doc], pred: &[Scored], set: usize) -> f32 {
    let mut body = Vec::new();
    let mut head = Vec::new();
    for (d, _) in docs.iter().enumerate().filter(|(_, d)| d.set == set) {
        for &(c, p, _, _) in &pred[d] {
            match c {
                b'B' | b'A' => body.push(p),
                b'H' | b'M' => head.push(p),
                _ => {}
            }
        }
    }
    body.sort_by(|a, b| b.total_cmp(a));
    head.sort_by(|a, b| b.total_cmp(a));
    let k = (body.len() as f64 * TARGET_BODY_RATE) as usize;
    let kh = (head.len() as f64 * 0.05) as usize;
    let t = body.get(k).copied().unwrap_or(0.5);
    let th = head.get(kh).copied().unwrap_or(0.5);
    // Round up to three decimals so the shipped number reads cleanly.
    ((t.max(th) * 1000.0).floor() + 1.0) / 1000.0
}

fn report(name: &str, docs: &[Doc], pred: &[Scored], set: usize, threshold: f32) {
    let mut n: HashMap<u8, (u32, u32)> = HashMap::new();
    let mut scored: Vec<(f32, bool)> = Vec::new();
    for (d, _) in docs.iter().enumerate().filter(|(_, d)| d.set == set) {
        for &(c, p, _, _) in &pred[d] {
            let e = n.entry(c).or_default();
            e.0 += 1;
            e.1 += (p >= threshold) as u32;
            if is_positive(c) || c == b'B' || c == b'A' {
                scored.push((p, is_positive(c)));
            }
        }
    }
    let get = |c: u8| n.get(&c).copied().unwrap_or_default();
    // Area under the ROC curve, furniture against body units.
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut neg_below, mut auc, mut npos) = (0f64, 0f64, 0f64);
    for &(_, pos) in &scored {
        if pos {
            auc += neg_below;
            npos += 1.0;
        } else {
            neg_below += 1.0;
        }
    }
    let auc = auc / (npos * neg_below).max(1.0);
    print!("{name}: AUC {auc:.3}");
    // Recall at a few body-flag rates (the operating curve's low end).
    let mut body: Vec<f32> = scored.iter().filter(|x| !x.1).map(|x| x.0).collect();
    body.sort_by(|a, b| b.total_cmp(a));
    for rate in [0.005, 0.01, 0.02] {
        let t = body
            .get((body.len() as f64 * rate) as usize)
            .copied()
            .unwrap_or(1.0);
        let r = scored.iter().filter(|x| x.1 && x.0 > t).count() as f64 / npos.max(1.0);
        print!(", recall {r:.2} at {:.1}% body", rate * 100.0);
    }
    let (fp, fh) = (get(b'F').0 + get(b'N').0, get(b'F').1 + get(b'N').1);
    let body = (get(b'B').0 + get(b'A').0, get(b'B').1 + get(b'A').1);
    let head = (get(b'H').0 + get(b'M').0, get(b'H').1 + get(b'M').1);
    let flagged = fh + body.1 + head.1;
    println!(
        "; at the threshold: recall {:.3} ({fh}/{fp}), body flagged {:.2}% ({}/{}), headline+metadata flagged {:.1}% ({}/{}), precision {:.3}",
        fh as f64 / fp.max(1) as f64,
        100.0 * body.1 as f64 / body.0.max(1) as f64,
        body.1,
        body.0,
        100.0 * head.1 as f64 / head.0.max(1) as f64,
        head.1,
        head.0,
        fh as f64 / flagged.max(1) as f64,
    );
}

fn render(st: &Stacked, threshold: f32) -> String {
    let mut s = String::new();
    s.push_str(
        "//! Generated by `cargo run --release --example train_furniture -- ../shared/devsets/furniture`:\n\
         //! do not edit. The fitted furniture line classifier: both stages' biases and trees, the\n\
         //! word table, the threshold and the second stage's feature importance.\n\
         #![cfg_attr(rustfmt, rustfmt_skip)]\n\
         use super::features::N_STACKED;\n\
         use super::model::Tree;\n\
         use super::vocab::Entry;\n\n",
    );
    let f = |x: f32| {
        if x.is_infinite() {
            "f32::INFINITY".to_string()
        } else {
            format!("{x:?}")
        }
    };
    let trees = |s: &mut String, name: &str, trees: &[Tree]| {
        let _ = writeln!(s, "pub static {name}: [Tree; {}] = [", trees.len());
        for t in trees {
            let thr: Vec<String> = t.threshold.iter().map(|&x| f(x)).collect();
            let leaf: Vec<String> = t.leaf.iter().map(|&x| f(x)).collect();
            let _ = writeln!(
                s,
                "Tree{{feature:{:?},threshold:[{}],leaf:[{}]}},",
                t.feature,
                thr.join(","),
                leaf.join(",")
            );
        }
        s.push_str("];\n");
    };
    let _ = writeln!(s, "pub const BIAS: f32 = {:?};", st.first.bias);
    let _ = writeln!(s, "pub const BIAS2: f32 = {:?};", st.bias);
    let _ = writeln!(s, "pub const THRESHOLD: f32 = {threshold:?};");
    trees(&mut s, "TREES", &st.first.trees);
    trees(&mut s, "TREES2", &st.trees);
    let _ = writeln!(s, "pub static VOCAB: [Entry; {}] = [", st.first.vocab.len());
    for (h, w, c) in &st.first.vocab {
        if *h == 0 {
            s.push_str("(0,0.0,0),\n");
            continue;
        }
        let _ = writeln!(s, "({h:#018x},{},{c}),", f(*w));
    }
    s.push_str("];\n");
    let imp: Vec<String> = st
        .importance
        .iter()
        .map(|x| format!("{:?}", (*x * 1000.0).round() as f32 / 1000.0))
        .collect();
    let _ = writeln!(
        s,
        "pub static IMPORTANCE: [f32; N_STACKED] = [{}];",
        imp.join(",")
    );
    s
}
