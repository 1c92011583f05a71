//! `newslint check`: walk, decode, lint in parallel, report in a deterministic order.

use super::{CheckArgs, Format};
use crate::config::Config;
use crate::report::{Located, Placement, PrettyOptions, render_pretty, sort_located};
use crate::rule::DocId;
use crate::source::{LineIndex, MAX_DOCUMENT, SourceText, looks_binary};
use crate::{CliSelection, CorpusStates, Linter, Severity};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// A problem with one input: it is reported and the rest of the corpus is still checked.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{path}: {message}")]
#[diagnostic(code(newslint::input))]
struct InputError {
    path: String,
    message: String,
    #[help]
    help: Option<String>,
}

struct FileOutcome {
    located: Vec<Located>,
    pretty: String,
    error: Option<InputError>,
}

fn report_error(e: impl miette::Diagnostic + Send + Sync + 'static) {
    eprintln!("{:?}", miette::Report::new(e));
}

pub fn run(args: CheckArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };

    // Config: --config, else discovered from the first path, unless --isolated.
    let config = if args.isolated {
        Config::default()
    } else {
        let found = args.config.clone().or_else(|| Config::discover(&paths[0]));
        match found.map(|p| Config::load(&p)).transpose() {
            Ok(c) => c.unwrap_or_default(),
            Err(e) => {
                report_error(e);
                return 2;
            }
        }
    };
    let cli = CliSelection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        packs: args.packs.clone(),
    };
    let linter = match Linter::from_config(&config, &cli) {
        Ok(l) => l,
        Err(e) => {
            report_error(e);
            return 2;
        }
    };
    let forced = match &args.encoding {
        None => None,
        Some(label) => match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
            Some(e) => Some(e),
            None => {
                eprintln!(
                    "error: unknown encoding `{label}` (use a WHATWG label such as utf-8, windows-1252, euc-kr, shift_jis)"
                );
                return 2;
            }
        },
    };

    let (files, walk_errors) = crate::corpus::collect(&paths);
    let mut had_error = !walk_errors.is_empty();
    for e in walk_errors {
        report_error(InputError {
            path: e.path.display().to_string(),
            message: e.message,
            help: Some("check that the path exists and is readable".into()),
        });
    }

    let pretty = (args.format == Format::Pretty).then(|| PrettyOptions {
        color: std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
    });

    // Each worker folds its files into its own corpus states; states merge pairwise (rayon's
    // reduce), and the corpus rules finish once.
    let work = || -> (Vec<FileOutcome>, CorpusStates) {
        let (mut v, states): (Vec<(usize, FileOutcome)>, CorpusStates) = files
            .par_iter()
            .enumerate()
            .fold(
                || (Vec::new(), linter.corpus_states()),
                |(mut acc, mut states), (i, p)| {
                    acc.push((
                        i,
                        check_file(&linter, p, DocId(i as u64), &mut states, forced, pretty),
                    ));
                    (acc, states)
                },
            )
            .reduce(
                || (Vec::new(), linter.corpus_states()),
                |(mut a, sa), (b, sb)| {
                    a.extend(b);
                    (a, sa.merge(sb))
                },
            );
        v.sort_by_key(|(i, _)| *i);
        (v.into_iter().map(|(_, o)| o).collect(), states)
    };
    let outcomes = match args.threads {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(work),
            Err(e) => {
                eprintln!("error: cannot start {n} threads: {e}");
                return 2;
            }
        },
        None => work(),
    };
    let (mut outcomes, states) = outcomes;
    if !states.is_empty() {
        add_corpus_findings(&linter, &files, &mut outcomes, states, forced, pretty);
    }

    let checked = outcomes.iter().filter(|o| o.error.is_none()).count();
    let mut all = Vec::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for o in outcomes {
        if let Some(e) = o.error {
            had_error = true;
            report_error(e);
        }
        if pretty.is_some() {
            let _ = out.write_all(o.pretty.as_bytes());
        }
        all.extend(o.located);
    }
    sort_located(&mut all);
    let failing = all.iter().any(|d| d.severity != Severity::Info.as_str());
    match args.format {
        Format::Json => {
            let _ = serde_json::to_writer_pretty(&mut out, &all);
            let _ = writeln!(out);
        }
        Format::Pretty => {
            let count = |s: Severity| all.iter().filter(|d| d.severity == s.as_str()).count();
            let files_with = {
                let mut p: Vec<_> = all.iter().map(|d| &d.path).collect();
                p.dedup();
                p.len()
            };
            let _ = if all.is_empty() {
                writeln!(out, "No findings in {} file{}.", checked, plural(checked))
            } else {
                writeln!(
                    out,
                    "Found {} finding{} in {} of {} file{} ({} error{}, {} warning{}, {} info).",
                    all.len(),
                    plural(all.len()),
                    files_with,
                    checked,
                    plural(checked),
                    count(Severity::Error),
                    plural(count(Severity::Error)),
                    count(Severity::Warning),
                    plural(count(Severity::Warning)),
                    count(Severity::Info),
                )
            };
        }
    }
    let _ = out.flush();
    if had_error {
        2
    } else if failing {
        1
    } else {
        0
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Place the corpus rules' findings in their files (read again: only files with such findings)
/// and re-render those files' reports with them in order.
fn add_corpus_findings(
    linter: &Linter,
    files: &[PathBuf],
    outcomes: &mut [FileOutcome],
    states: CorpusStates,
    forced: Option<&'static encoding_rs::Encoding>,
    pretty: Option<PrettyOptions>,
) {
    let found = linter.finish_corpus(states);
    let mut k = 0;
    while k < found.len() {
        let doc = found[k].0;
        let group: Vec<_> = found[k..]
            .iter()
            .take_while(|(d, _)| *d == doc)
            .map(|(_, d)| d)
            .collect();
        k += group.len();
        let i = doc.0 as usize;
        let Ok(bytes) = std::fs::read(&files[i]) else {
            continue;
        };
        let source = SourceText::decode_vec(bytes, forced);
        let lines = LineIndex::new(source.text());
        let display = files[i].display().to_string();
        let placement = Placement {
            path: &display,
            source: &source,
            lines: &lines,
        };
        let o = &mut outcomes[i];
        o.located.extend(
            group
                .into_iter()
                .map(|d| placement.locate(linter.registry(), d)),
        );
        sort_located(&mut o.located);
        if let Some(opts) = pretty {
            o.pretty.clear();
            render_pretty(&mut o.pretty, &o.located, source.text(), &lines, opts);
        }
    }
}

fn check_file(
    linter: &Linter,
    path: &Path,
    id: DocId,
    states: &mut CorpusStates,
    forced: Option<&'static encoding_rs::Encoding>,
    pretty: Option<PrettyOptions>,
) -> FileOutcome {
    let display = path.display().to_string();
    let fail = |message: String, help: Option<&str>| FileOutcome {
        located: Vec::new(),
        pretty: String::new(),
        error: Some(InputError {
            path: display.clone(),
            message,
            help: help.map(str::to_string),
        }),
    };
    if let Ok(m) = std::fs::metadata(path)
        && m.len() > MAX_DOCUMENT as u64
    {
        return fail(
            format!(
                "{} bytes: larger than the 1 GiB a single document may be",
                m.len()
            ),
            Some("split the file, or store the corpus as JSON Lines (one article per record)"),
        );
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return fail(
                format!("cannot read: {e}"),
                Some("check the file's permissions"),
            );
        }
    };
    if looks_binary(&bytes) {
        return fail(
            "binary file (a NUL byte in its first 8 KiB), not checked".into(),
            Some("newslint checks text; pass text files, or exclude this one"),
        );
    }
    let source = SourceText::decode_vec(bytes, forced);
    let selection = linter.selection_for(path);
    let diags = linter.check_source_observed(&source, &selection, id, states);
    let lines = LineIndex::new(source.text());
    let placement = Placement {
        path: &display,
        source: &source,
        lines: &lines,
    };
    let located: Vec<Located> = diags
        .iter()
        .map(|d| placement.locate(linter.registry(), d))
        .collect();
    let mut rendered = String::new();
    if let Some(opts) = pretty {
        render_pretty(&mut rendered, &located, source.text(), &lines, opts);
    }
    FileOutcome {
        located,
        pretty: rendered,
        error: None,
    }
}
