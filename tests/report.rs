//! `newslint report`: one self-contained HTML page of a corpus's findings. The page is checked
//! from the CLI (sections, sources, baseline, errors, exit codes), against a snapshot of the
//! fixture corpus, for bounded memory, for escaping (a property: nothing in the corpus adds an
//! element), and in a real browser when one is installed.

mod common;

use common::*;
use newslint::Linter;
use newslint::report::{Context, HtmlReport, Located, RunFacts};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn report(args: &[&str], dir: &Path) -> (std::process::Output, String) {
    let out_path = dir.join("out").join("report.html");
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out_arg = out_path.to_string_lossy().into_owned();
    all.extend(["-o", &out_arg]);
    let out = newslint(&all, dir);
    let html = std::fs::read_to_string(&out_path).unwrap_or_default();
    (out, html)
}

/// The value shown after a `<dt>` label in the totals.
fn total(html: &str, label: &str) -> String {
    let at = html
        .find(&format!("<dt>{label}</dt><dd>"))
        .unwrap_or_else(|| panic!("no {label} in the totals"));
    let rest = &html[at + label.len() + 13..];
    rest[..rest.find("</dd>").unwrap()].to_string()
}

/// A small corpus of our own: two outlets' folders of plain text, mojibake and furniture in them.
fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("harbour-post")).unwrap();
    std::fs::create_dir_all(dir.join("valley-times")).unwrap();
    std::fs::write(
        dir.join("harbour-post/ferry.txt"),
        format!(
            "Ferry fares rise in spring\n\nThe harbour board raised fares on Tuesday, its chair said.\n{MOJIBAKE_SENTENCE}\n\nFollow us on Facebook\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("harbour-post/market.txt"),
        "Market reopens\n\nThe covered market on Quay Lane reopened on Saturday, the council said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("valley-times/mill.txt"),
        format!("Mill to close\n\n{MOJIBAKE_SENTENCE}\n{MOJIBAKE_SENTENCE}\n"),
    )
    .unwrap();
}

#[test]
fn a_report_is_one_page_with_every_section_and_no_outside_resource() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let (out, html) = report(&["."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("Wrote"), "{}", stderr(&out));
    for id in [
        "totals",
        "families",
        "rules",
        "histogram",
        "sources",
        "top",
        "names",
        "encoding",
        "boilerplate",
        "docs",
    ] {
        assert!(html.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    assert_eq!(total(&html, "Files"), "3");
    assert_eq!(total(&html, "Articles"), "3");
    // The market story is clean: one of three articles has no finding.
    assert!(total(&html, "Articles with no finding").starts_with("1 "));
    // Three mojibake repairs, each rule linked to its documentation on the page.
    assert!(html.contains("3 mojibake repairs"), "mojibake count");
    assert!(html.contains("<a href=\"#rule-E103\">E103</a>"));
    assert!(html.contains("<details id=\"rule-E103\">"));
    // Sources are the folders, with their articles.
    assert!(html.contains("<tr><td>harbour-post</td><td class=\"num\">2</td>"));
    assert!(html.contains("<tr><td>valley-times</td><td class=\"num\">1</td>"));
    // Charts are inline SVG; nothing is fetched.
    assert!(html.matches("<svg").count() >= 4);
    for outside in ["<link", " src=", "url(", "@import", "https://"] {
        assert!(!html.contains(outside), "{outside}");
    }
    // The flagged span is shown in its context, marked.
    assert!(html.contains("<mark>"), "marked span");
    assert!(html.contains("on Orrin Street"), "context after the span");
}

#[test]
fn a_source_field_groups_records_by_outlet() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for (i, outlet) in ["Northwind Daily", "Northwind Daily", "Kestrel Radio"]
        .iter()
        .enumerate()
    {
        let text = if i == 0 {
            MOJIBAKE_SENTENCE.to_string()
        } else {
            "The lock gates opened on time, the canal trust said.".to_string()
        };
        lines.push_str(
            &serde_json::json!({"id": format!("r{i}"), "outlet": outlet, "text": text}).to_string(),
        );
        lines.push('\n');
    }
    std::fs::write(dir.path().join("c.jsonl"), lines).unwrap();
    let (out, html) = report(
        &["c.jsonl", "--source-field", "outlet", "--id-field", "id"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(total(&html, "Articles"), "3");
    assert!(html.contains("<tr><td>Northwind Daily</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">50.0</td>"));
    assert!(
        html.contains("<tr><td>Kestrel Radio</td><td class=\"num\">1</td><td class=\"num\">0</td>")
    );
    assert!(html.contains("the <code>outlet</code> field"));
    // The top article names its record and id.
    assert!(
        html.contains("c.jsonl, record 1, id <code>r0</code>"),
        "place"
    );
}

#[test]
fn a_baseline_leaves_only_new_findings_and_severity_min_drops_info() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let out = newslint(&["baseline", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (out, html) = report(&[".", "--baseline", ".newslint-baseline.json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(total(&html, "Findings"), "0");
    assert!(html.contains("only findings not in <code>.newslint-baseline.json</code>"));
    let (_, all) = report(&["."], dir.path());
    let (_, warnings) = report(&[".", "--severity-min", "warning"], dir.path());
    assert_eq!(total(&warnings, "Info"), "0");
    assert_eq!(total(&warnings, "Warnings"), total(&all, "Warnings"));
}

#[test]
fn input_errors_exit_2_with_the_page_written_and_an_unwritable_page_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    std::fs::write(dir.path().join("harbour-post/blob.txt"), b"\x00\x01binary").unwrap();
    let (out, html) = report(&["."], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(total(&html, "Input errors"), "1");
    assert!(total(&html, "Exit status of <code>check</code>").starts_with('2'));
    // A file where the page's directory should be.
    std::fs::write(dir.path().join("taken"), "x").unwrap();
    let out = newslint(&["report", ".", "-o", "taken/report.html"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot"), "{}", stderr(&out));
}

/// The page of the bundled fixture corpus, whole.
#[test]
fn the_fixture_corpus_report_matches_its_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let out = newslint(
        &[
            "report",
            "fixtures",
            "--quiet",
            "-o",
            page.to_str().unwrap(),
        ],
        root,
    );
    assert!(matches!(out.status.code(), Some(0 | 2)), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    insta::assert_snapshot!("fixture_report", html);
}

/// Many articles with findings: the page keeps aggregates and a bounded top list, so memory
/// stays flat and the page small.
#[test]
fn memory_and_page_size_stay_bounded_on_many_articles() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::with_capacity(24 << 20);
    // Each record's words differ (digits alone would normalise alike into boilerplate), and
    // they are not names (the names rules' corpus state grows with the distinct names).
    let word = |mut i: usize| {
        let mut w = String::from("q");
        while i > 0 {
            w.push((b'a' + (i % 26) as u8) as char);
            i /= 26;
        }
        w
    };
    for i in 0..120_000 {
        let w = word(i);
        let text = format!("The {w} crew reported from the quay. The caf\u{c3}\u{a9} {w} opened.");
        lines.push_str(
            &serde_json::json!({ "text": text, "site": format!("site{}", i % 700) }).to_string(),
        );
        lines.push('\n');
    }
    std::fs::write(dir.path().join("many.jsonl"), &lines).unwrap();
    drop(lines);
    // The page's own cost over `check`'s on the same corpus (whose corpus rules hold their own
    // bounded state): its aggregates, the top candidates and a counter per article.
    let check = peak_rss_kib(
        &[
            "check",
            "many.jsonl",
            "--source-field",
            "site",
            "--format",
            "json",
        ],
        dir.path(),
    );
    let page = peak_rss_kib(
        &[
            "report",
            "many.jsonl",
            "--source-field",
            "site",
            "--quiet",
            "-o",
            "r.html",
        ],
        dir.path(),
    );
    assert!(
        page < check + (24 << 10),
        "peak RSS {page} KiB for the report, {check} KiB for check"
    );
    let size = std::fs::metadata(dir.path().join("r.html")).unwrap().len();
    assert!(size < 3 << 20, "page of {size} bytes");
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert_eq!(total(&html, "Articles"), "120000");
    // 700 sites: the table lists the largest 200.
    assert!(html.contains("The 200 largest of 700 sources"));
    assert_eq!(html.matches("<details class=\"article\">").count(), 50);
}

// ---- escaping ----

fn finding(code: &str, family: &str, tag: &str, s: &str) -> Located {
    let text = format!("{tag}t{s}");
    Located {
        path: format!("{tag}p{s}"),
        record: Some(1),
        field: Some("text".into()),
        code: code.into(),
        name: "rule".into(),
        family: family.into(),
        severity: "warning".into(),
        message: match code {
            "E102" => format!("file is not UTF-8: decoded as {tag}e{s} (detected)"),
            "A107" => format!("repeated in 5 of 9 documents of {tag}s{s}"),
            _ => format!("{tag}m{s}"),
        },
        start: 0,
        end: text.len(),
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        offset: 0,
        end_offset: text.len(),
        text,
        help: None,
        fix: Some(newslint::rule::Fix::new(
            newslint::rule::Applicability::Unsafe,
            "fix",
            vec![newslint::rule::Edit {
                span: newslint::ByteSpan::new(0, 1),
                replacement: format!("{tag}r{s}"),
            }],
        )),
        id: Some(format!("{tag}i{s}")),
        fingerprint: String::new(),
        file_fix: None,
        context: Some(Box::new(Context {
            before: format!("{tag}b{s}"),
            after: format!("{tag}a{s}"),
            source: format!("{tag}o{s}"),
        })),
    }
}

fn page_of(strings: &[String]) -> String {
    let codes = [
        ("A209", "artifact"),
        ("N103", "names"),
        ("E102", "encoding"),
        ("E103", "encoding"),
        ("A107", "artifact"),
        ("S103", "sourcing"),
    ];
    let findings: Vec<Located> = codes
        .iter()
        .zip(strings)
        .enumerate()
        .map(|(i, ((code, family), s))| finding(code, family, &format!("k{i}"), s))
        .collect();
    let mut page = HtmlReport::new();
    for f in &findings {
        page.add_articles(&f.context.as_ref().unwrap().source, 1);
    }
    page.add(
        findings
            .iter()
            .map(|l| (l, Some(l.context.as_ref().unwrap().source.as_str()))),
    );
    let facts = RunFacts {
        inputs: strings.to_vec(),
        files: 1,
        baseline: strings.first().cloned(),
        source_field: strings.get(1).cloned(),
        ..RunFacts::default()
    };
    page.render(&facts, Linter::new().registry())
}

/// Every element of a parsed page, in document order, with its attribute names.
fn elements(html: &str) -> Vec<(String, Vec<String>)> {
    let doc = scraper::Html::parse_document(html);
    doc.root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .map(|e| {
            let mut attrs: Vec<String> = e.value().attrs().map(|(k, _)| k.to_string()).collect();
            attrs.sort();
            (e.value().name().to_string(), attrs)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the corpus holds (markup, quotes, entities, bidi controls, NULs), the page has
    /// exactly the elements and attributes it has for plain text: no text makes an element.
    #[test]
    fn no_corpus_text_adds_an_element_or_attribute(
        strings in proptest::collection::vec(
            prop_oneof![
                any::<String>(),
                "[<>&\"'/= a-z!-]{0,40}",
                Just("<script>alert(1)</script>".to_string()),
                Just("\"><img src=x onerror=alert(1)>".to_string()),
                Just("</textarea></pre></details><svg onload=x>".to_string()),
                Just("a\u{202E}b\u{2066}c\u{200B}d\u{0}e".to_string()),
                Just("&lt;b&gt; &amp; <!-- ]]> <![CDATA[".to_string()),
            ],
            6,
        )
    ) {
        let plain: Vec<String> = (0..6).map(|_| String::new()).collect();
        let expected = elements(&page_of(&plain));
        let page = page_of(&strings);
        prop_assert_eq!(elements(&page), expected);
        // And bidi and invisible controls are shown, not obeyed.
        for c in ['\u{202E}', '\u{2066}', '\u{200B}', '\u{0}'] {
            prop_assert!(!page.contains(c));
        }
    }
}

// ---- a real browser ----

fn browser() -> Option<PathBuf> {
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
    })
}

fn headless(browser: &Path, extra: &[&str], page: &Path) -> std::process::Output {
    std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--window-size=1200,1600",
        ])
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run the browser")
}

/// The fixture corpus's page rendered headless: the charts and tables are in the rendered DOM,
/// and the screenshot is not blank. Skipped, saying so, where no browser is installed
/// (`.ci/run` installs Debian's chromium).
#[test]
fn the_report_renders_in_a_real_browser() {
    let Some(browser) = browser() else {
        eprintln!("skipped: no chromium or chrome on PATH (install Debian's `chromium` to run it)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let out = newslint(
        &[
            "report",
            "fixtures",
            "--quiet",
            "-o",
            page.to_str().unwrap(),
        ],
        root,
    );
    assert!(matches!(out.status.code(), Some(0 | 2)));
    let dom = headless(&browser, &["--dump-dom"], &page);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    let els = elements(&dom);
    let count = |name: &str| els.iter().filter(|(n, _)| n == name).count();
    assert!(count("svg") >= 4, "charts in the DOM");
    assert!(count("rect") >= 10, "bars in the DOM");
    assert!(count("table") >= 4, "tables in the DOM");
    assert!(count("details") >= 10, "articles and rule docs");
    // The sorting script ran without breaking the page: a header is still there.
    assert!(dom.contains("Findings by rule"));
    let shot = dir.path().join("shot.png");
    let arg = format!("--screenshot={}", shot.display());
    let out = headless(&browser, &[&arg], &page);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&shot).expect("a screenshot"),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let pixels = &buf[..info.buffer_size()];
    let step = info.color_type.samples();
    let mut colours = std::collections::HashSet::new();
    for px in pixels.chunks(step) {
        colours.insert(px[..3.min(px.len())].to_vec());
        if colours.len() > 50 {
            break;
        }
    }
    assert!(
        colours.len() > 50,
        "a blank screenshot ({} colours)",
        colours.len()
    );
}

/// The page does not depend on the order the files finish in.
#[test]
fn the_page_is_the_same_for_any_thread_count() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let pages: Vec<String> = ["1", "2", "4"]
        .iter()
        .map(|n| {
            let page = dir.path().join(format!("r{n}.html"));
            newslint(
                &[
                    "report",
                    "fixtures",
                    "--quiet",
                    "--threads",
                    n,
                    "-o",
                    page.to_str().unwrap(),
                ],
                root,
            );
            std::fs::read_to_string(page).unwrap()
        })
        .collect();
    assert!(pages[0].contains("<section id=\"top\">"));
    assert_eq!(pages[0], pages[1]);
    assert_eq!(pages[0], pages[2]);
}

/// A text file too large to check whole is checked in segments: its findings still carry their
/// context and its folder as their source.
#[test]
fn a_segmented_file_keeps_its_context_and_source() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("archive")).unwrap();
    let paragraph = format!("The quay crew worked late on the pier. {MOJIBAKE_SENTENCE}\n\n");
    let text = paragraph.repeat((5 << 20) / paragraph.len());
    std::fs::write(dir.path().join("archive/dump.txt"), &text).unwrap();
    let (out, html) = report(&["archive"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(total(&html, "Articles"), "1");
    assert!(!html.contains("(source not known)"));
    assert!(html.contains("<tr><td>archive</td><td class=\"num\">1</td>"));
    assert!(
        html.contains("pier. The new caf"),
        "context before the span"
    );
}
