//! Per-stage benchmark: where `newslint check` spends its time, stage by stage.
//!
//! ```text
//! cargo run --release --example stages -- DIR [DIR...]
//! ```
//!
//! Reads every regular file under the given folders (as the bench corpus: text files), decodes
//! each once, then times segmentation, every default per-document rule, the pack phrases, the
//! corpus rules' observation and the whole per-document check, on one thread. Prints each
//! stage's total time and its throughput in MB/s of input, slowest first. Nothing is asserted: the
//! numbers are for people to read, so the next regression is seen stage by stage.

use newslint::Linter;
use newslint::rule::DocId;
use newslint::source::SourceText;
use std::collections::BTreeMap;
use std::time::Duration;

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: cargo run --release --example stages -- DIR [DIR...]");
        std::process::exit(2);
    }
    let mut paths = Vec::new();
    for d in &dirs {
        files(std::path::Path::new(d), &mut paths);
    }
    let linter = Linter::new();
    let mut states = linter.corpus_states();
    let mut times: BTreeMap<String, Duration> = BTreeMap::new();
    let mut bytes = 0usize;
    for (i, p) in paths.iter().enumerate() {
        let Ok(raw) = std::fs::read(p) else { continue };
        bytes += raw.len();
        let t = std::time::Instant::now();
        let source = SourceText::decode_vec(raw, None);
        *times.entry("decode".into()).or_default() += t.elapsed();
        linter.time_stages(&source, DocId(i as u64), &mut states, &mut times);
    }
    let mut rows: Vec<_> = times.into_iter().collect();
    rows.sort_by_key(|b| std::cmp::Reverse(b.1));
    println!("{} files, {:.1} MB", paths.len(), bytes as f64 / 1e6);
    println!("{:<24} {:>10} {:>10}", "stage", "seconds", "MB/s");
    for (k, d) in rows {
        let s = d.as_secs_f64();
        println!(
            "{k:<24} {s:>10.3} {:>10.1}",
            bytes as f64 / 1e6 / s.max(1e-9)
        );
    }
}
