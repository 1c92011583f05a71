//! Linting grows linearly with the document (issue 23, defect 3): the work counted by the
//! searches that look back over a document (`newslint::testing::work_counter`) for a document
//! eight times longer is less than ten times the work for the original, whatever the machine's
//! speed. Before the fix, each unsourced claim searched the whole text before it and each
//! in-article name variant counted every name of the document: 64 times the work for 8 times
//! the text.

use newslint::Linter;
use newslint::testing::{reset_work_counter, work_counter};

/// Invented names of three syllables, distinct for `i` below 4,096.
fn name(i: usize) -> String {
    const S: [&str; 16] = [
        "ba", "ko", "ri", "vel", "dan", "mo", "sti", "lu", "fen", "tar", "qui", "nor", "pel", "zu",
        "gra", "hes",
    ];
    let w = |k: usize| S[(i >> (4 * k)) % 16];
    let first = format!("{}{}{}", w(0), w(1), w(2));
    let mut c = first.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `n` paragraphs of invented news: a sourced figure, unsourced claims and figures, a
/// quotation, and names written two ways (the second spelling a minority in the article).
fn document(n: usize) -> String {
    let mut t = String::from("Harbour report\n\n");
    for i in 0..n {
        let (a, b) = (name(i % 997), name((i * 7 + 3) % 991));
        let k = 2 + (i * 37) % 900;
        t.push_str(&format!(
            "Mayor {a} Quintaberg said {k} people were hurt near the Tarrow bridge.\n\n\
             Many people believe the bridge will fall. Officials counted {k} injured. \
             The pier is said to be failing, and {} wounded were taken to Elsmouth.\n\n\
             \"We will rebuild,\" {b} Hollowmere told the council. {b} Hollowmere left early, \
             and {b} Holowmere did not return.\n\n",
            k + 1
        ));
    }
    t
}

/// The work counted while linting `text` with every rule.
fn work(linter: &Linter, text: &str) -> (u64, usize) {
    reset_work_counter();
    let found = linter.check_text(text).len();
    (work_counter(), found)
}

#[test]
fn work_grows_linearly_with_the_document() {
    let linter = Linter::new();
    let small = document(300);
    let large = document(2400);
    let (w1, f1) = work(&linter, &small);
    let (w8, f8) = work(&linter, &large);
    // The documents exercise the counted searches and the rules report on them.
    assert!(w1 > 1000, "work {w1}: the counted searches did not run");
    assert!(f1 > 200 && f8 > 4 * f1, "findings {f1}, {f8}");
    let ratio = w8 as f64 / w1 as f64;
    eprintln!("work {w1} -> {w8} ({ratio:.1}x)");
    assert!(
        ratio < 10.0,
        "8x the text took {ratio:.1}x the work ({w1} -> {w8}): super-linear"
    );
}

#[test]
fn one_long_line_grows_linearly_too() {
    // The same text without line breaks: one paragraph, so no blank line bounds any search.
    let linter = Linter::new();
    let flat = |n| document(n).replace('\n', " ");
    let (w1, _) = work(&linter, &flat(300));
    let (w8, _) = work(&linter, &flat(2400));
    assert!(w1 > 1000, "work {w1}");
    let ratio = w8 as f64 / w1 as f64;
    assert!(ratio < 10.0, "{ratio:.1}x the work ({w1} -> {w8})");
}
