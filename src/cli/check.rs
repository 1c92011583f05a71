//! `newslint check`: walk, decode, lint (and fix) in parallel, report in a deterministic order.

use super::{CheckArgs, Format};
use crate::baseline::{Baseline, BaselineIndex};
use crate::fix::{FixMode, fix_bytes, unified_diff};
use crate::report::{
    HtmlReport, Located, OMITTED_KEY, Placement, PrettyOptions, RunFacts, render_concise,
    render_github, render_json, render_jsonl, render_junit, render_pretty, render_sarif,
    render_statistics, render_statistics_json, sort_located,
};

/// How many files `--statistics` lists.
const STATISTICS_TOP_FILES: usize = 10;
use crate::source::{LineIndex, MAX_DOCUMENT, SourceText, looks_binary_for};
use crate::{CorpusStates, Linter, Severity};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

mod corpus_findings;
mod emit;
mod input_error;
mod names_index;
mod records;
mod report_file;
mod rewrite;
mod segmented;
mod setup;
mod write;

use input_error::InputError;
use names_index::{merge_names_index, write_names_index};
use report_file::ReportOut;
use setup::{load_linter, nested_configs};
use std::fmt::Write as _;
use write::{write_atomic, write_new};

use emit::{Counts, Emitter, counts_of, plural, progress_bar, summary};

/// Stale baseline entries named on stderr; the count covers the rest.
const STALE_SHOWN: usize = 20;

/// What happened to one file.
#[derive(Default)]
struct FileOutcome {
    located: Vec<Located>,
    pretty: String,
    errors: Vec<InputError>,
    /// Fixes applied (with `--fix`) or that would be applied (with `--diff`).
    fixed: usize,
    /// The file could not be read at all (it does not count as checked).
    unread: bool,
    /// Baseline entries of this file that no longer occur.
    stale: Vec<crate::baseline::Entry>,
    diff: String,
    /// Checked in segments (a large file): the corpus rules do not read it.
    segmented: bool,
    /// `newslint report`: the articles checked, per source.
    articles: std::collections::BTreeMap<String, u64>,
}

/// Whether and how to fix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FixAction {
    /// Only report.
    Check,
    /// Rewrite files in place.
    Write(FixMode),
    /// Print the diff of what `--fix` would do.
    Diff(FixMode),
}

/// Everything a worker needs to process one file.
struct Job<'a> {
    linter: &'a Linter,
    forced: Option<&'static encoding_rs::Encoding>,
    pretty: Option<PrettyOptions>,
    action: FixAction,
    /// JSONL fields holding text (dotted paths).
    text_fields: Vec<String>,
    /// Records may lack a text field (`--allow-missing-field`); else that is an input error.
    allow_missing_field: bool,
    /// JSONL field holding the record id.
    id_field: Option<String>,
    /// JSONL field naming the record's source (`--source-field`).
    source_field: Option<String>,
    /// JSONL field holding the record's ignore list (`--ignore-field`).
    ignore_field: String,
    /// Standard input, read up front when the path `-` is given: its display name and bytes.
    stdin: Option<(PathBuf, Vec<u8>)>,
    /// Known findings (`--baseline`): only new ones are reported.
    baseline: Option<BaselineIndex>,
    /// Bytes processed, on stderr when it is a terminal and the run is long.
    progress: indicatif::ProgressBar,
    /// Streaming output (when the format and mode allow): findings are written as files finish.
    emitter: Option<std::sync::Mutex<Emitter>>,
    /// `newslint report`: findings are folded into the page's aggregates as files finish.
    report: Option<std::sync::Mutex<HtmlReport>>,
}

impl Job<'_> {
    /// Hand a file's (remaining) findings to the streaming output and drop them from memory.
    fn emit(&self, file: usize, outcome: &mut FileOutcome, done: bool) {
        if let Some(report) = &self.report {
            let mut r = report.lock().expect("not poisoned");
            r.add(
                outcome
                    .located
                    .iter()
                    .map(|l| (l, l.context.as_deref().map(|c| c.source.as_str()))),
            );
            outcome.located.clear();
            for (source, n) in std::mem::take(&mut outcome.articles) {
                r.add_articles(&source, n);
            }
        }
        if let Some(em) = &self.emitter {
            em.lock()
                .expect("not poisoned")
                .push(file, &outcome.located, &outcome.pretty, done);
            outcome.located.clear();
            outcome.pretty.clear();
        }
    }
}

impl Job<'_> {
    /// The bytes of an input: the file, or standard input for `-`.
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        match &self.stdin {
            Some((_, bytes)) if path == Path::new("-") => Ok(bytes.clone()),
            _ => crate::source::read_regular(path, MAX_DOCUMENT as u64),
        }
    }

    /// The source of the documents of a file, for corpus rules, when nothing more precise is
    /// known: the directory it is in (as given, without a leading `./`; `.` for none).
    fn dir_source(&self, path: &Path) -> String {
        let dir = self
            .name_of(path)
            .parent()
            .map(|d| d.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let mut d = dir.as_str();
        while let Some(rest) = d.strip_prefix("./") {
            d = rest;
        }
        match d {
            "" => ".".to_string(),
            d => d.to_string(),
        }
    }

    /// The name an input is reported under (and matched against overrides): `--stdin-filename`
    /// for standard input.
    fn name_of<'p>(&'p self, path: &'p Path) -> &'p Path {
        match &self.stdin {
            Some((name, _)) if path == Path::new("-") => name,
            _ => path,
        }
    }
}

/// What to do about an input that could not be read, by the kind of failure.
fn read_error_help(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::InvalidInput => {
            "newslint reads regular files and standard input (`-`); pass a pipe's contents as `-`"
        }
        std::io::ErrorKind::InvalidData => {
            "split the file, or store the corpus as JSON Lines (one article per record)"
        }
        _ => "check the file's permissions",
    }
}

/// The directory a file is in (`.` for a bare name): what baseline paths are relative to.
fn dir_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `newslint show-settings PATH`: the config that governs the path and what it turns on.
pub fn show_settings(args: &CheckArgs) -> u8 {
    let path = &args.input.paths[0];
    let Some((mut linter, filter, root)) = load_linter(args, &args.input.paths) else {
        return 2;
    };
    let Some(kept) = nested_configs(args, &mut linter, &root, vec![path.clone()]) else {
        return 2;
    };
    let governing = if args.input.isolated {
        "none (--isolated): the defaults".to_string()
    } else if let Some(c) = &args.input.config {
        format!("{} (--config)", c.display())
    } else {
        match crate::config::Config::discover(path) {
            Some(c) => format!("{} (the nearest newslint.toml)", c.display()),
            None => "none found above it: the defaults".to_string(),
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "Path: {}", path.display());
    let _ = writeln!(out, "Config: {governing}");
    if kept.is_empty() || filter.is_excluded(path) {
        let _ = writeln!(
            out,
            "Excluded: yes (by the config's `exclude`; checked only when named without --force-exclude)"
        );
    }
    let selection = linter.selection_for(path);
    let reg = linter.registry();
    let metas = reg.sorted_metas();
    let on = metas
        .iter()
        .filter(|(id, _)| selection.is_enabled(*id))
        .count();
    let _ = writeln!(out, "Rules: {on} of {} on\n", metas.len());
    let _ = writeln!(out, "  {:<6} {:<30} {:<4} severity", "code", "name", "on");
    for (id, m) in metas {
        let _ = writeln!(
            out,
            "  {:<6} {:<30} {:<4} {}",
            m.code,
            m.name,
            if selection.is_enabled(id) {
                "yes"
            } else {
                "no"
            },
            selection.severity(id)
        );
    }
    print!("{out}");
    0
}

fn report_error(e: impl miette::Diagnostic + Send + Sync + 'static) {
    eprintln!("{:?}", miette::Report::new(e));
}

pub fn run(args: CheckArgs) -> u8 {
    // `--stdin-filename` names standard input, which only `-` among the paths reads: without it
    // the run would walk `.` and the caller's text would go unchecked.
    if let Some(name) = &args.input.stdin_filename
        && !args.input.paths.iter().any(|p| p == Path::new("-"))
    {
        eprintln!(
            "error: --stdin-filename {} names standard input, but `-` is not among the paths (add `-` to read it)",
            name.display()
        );
        return 2;
    }
    // A limit on what SARIF writes: the other formats would silently write everything.
    if args.report.max_results.is_some() && args.report.format != Format::Sarif {
        eprintln!(
            "error: --max-results applies to --format sarif only (the other formats write every finding)"
        );
        return 2;
    }
    // `--output-file`: opened first, so a path that cannot be written fails before the work.
    let report = match ReportOut::open(args.report.output_file.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            let path = args.report.output_file.as_deref().unwrap_or(Path::new("-"));
            eprintln!("error: cannot write the report to {}: {e}", path.display());
            return 2;
        }
    };
    let paths = if args.input.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.input.paths.clone()
    };
    let Some((mut linter, filter, root_config)) = load_linter(&args, &paths) else {
        return 2;
    };
    // An index keeps every file's counts of every spelling (exact subtraction when one file is
    // checked against it); a check keeps counts per spelling only.
    linter.set_exporting(args.write_index.is_some());
    linter.set_min_severity(args.report.severity_min.into());
    linter.set_max_findings_per_rule(args.rules.max_findings_per_rule);
    let forced = match &args.input.encoding {
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
    let baseline = match &args.report.baseline {
        None => None,
        Some(p) => match crate::source::read_regular(p, MAX_DOCUMENT as u64)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8".to_string()))
            .and_then(|s| Baseline::parse(&s))
        {
            Ok(b) => {
                if let Some(warning) = b.id_field_mismatch(args.input.id_field.is_some()) {
                    eprintln!("warning: baseline {}: {warning}", p.display());
                }
                Some(b.index(&dir_of(p)))
            }
            Err(e) => {
                eprintln!("error: cannot use baseline {}: {e}", p.display());
                return 2;
            }
        },
    };
    let mode = FixMode {
        unsafe_fixes: args.report.unsafe_fixes,
    };
    let action = if args.report.fix {
        FixAction::Write(mode)
    } else if args.report.diff {
        FixAction::Diff(mode)
    } else {
        FixAction::Check
    };

    // Standard input is read once, up front, and checked as one file named by --stdin-filename.
    let stdin = if paths.iter().any(|p| p == Path::new("-")) {
        let bytes = match crate::source::read_capped(std::io::stdin(), MAX_DOCUMENT as u64) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: cannot read standard input: {e}");
                return 2;
            }
        };
        Some((
            args.input
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("-")),
            bytes,
        ))
    } else {
        None
    };
    let stdin_fix = stdin.is_some() && args.report.fix;
    let (files, walk_errors) = crate::corpus::collect(
        &paths
            .iter()
            .filter(|p| *p != Path::new("-"))
            .cloned()
            .collect::<Vec<_>>(),
        &filter,
    );
    let Some(mut files) = nested_configs(&args, &mut linter, &root_config, files) else {
        return 2;
    };
    // The process ends when this returns: the rule tables (automata, regexes, word lists) are
    // left to the OS instead of being freed one by one, which a one-file pre-commit check notices.
    let linter = std::mem::ManuallyDrop::new(linter);

    if stdin.is_some() {
        files.insert(0, PathBuf::from("-"));
    }
    let mut had_error = !walk_errors.is_empty();
    // Every input error, as the machine-readable outputs carry it (in input order).
    let mut problems = Vec::new();
    for e in walk_errors {
        let e = InputError::new(
            e.path.display().to_string(),
            e.message,
            "check that the path exists and is readable",
        );
        problems.push(e.problem());
        report_error(e);
    }

    let pretty = (args.report.format == Format::Pretty
        && args.write_index.is_none()
        && args.write_report.is_none()
        && action != FixAction::Diff(mode)
        && !args.report.statistics
        && args.write_baseline.is_none())
    .then(|| PrettyOptions {
        color: args.report.color.enabled(report.is_terminal()),
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
    });
    let mut job = Job {
        linter: &linter,
        forced,
        pretty,
        action,
        text_fields: args
            .input
            .text_field
            .iter()
            .flat_map(|f| f.split(','))
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty())
            .collect(),
        allow_missing_field: args.input.allow_missing_field,
        id_field: args.input.id_field.clone(),
        source_field: args.input.source_field.clone(),
        ignore_field: args.input.ignore_field.clone(),
        stdin,
        baseline,
        progress: progress_bar(&files),
        emitter: (action == FixAction::Check
            && Emitter::streams(args.report.format)
            && !args.report.statistics
            && args.write_baseline.is_none()
            && args.write_index.is_none()
            && args.write_report.is_none())
        .then(|| {
            std::sync::Mutex::new(Emitter::new(
                args.report.format,
                linter.has_corpus_rules(),
                report.writer(),
            ))
        }),
        report: args
            .write_report
            .is_some()
            .then(|| std::sync::Mutex::new(HtmlReport::new())),
    };

    // Each worker thread folds its files into its own corpus states (one set per thread, not
    // one per split of the work, so memory is threads × distinct names, whatever the corpus
    // size); the sets merge at the end, and the corpus rules finish once. A state is taken out of
    // its slot while a file is checked, so a task the thread steals meanwhile (a JSONL file's
    // batches wait on each other) starts a fresh set instead of waiting for the slot. Merging is
    // commutative, so the result does not depend on scheduling. Outcomes come back in file order.
    let work = || -> (Vec<FileOutcome>, CorpusStates) {
        let slots: Vec<std::sync::Mutex<Option<CorpusStates>>> = (0..rayon::current_num_threads())
            .map(|_| std::sync::Mutex::new(None))
            .collect();
        let outcomes: Vec<FileOutcome> = files
            .par_iter()
            .enumerate()
            .map(|(i, p)| {
                let slot = &slots[rayon::current_thread_index().unwrap_or(0) % slots.len()];
                let mut states = slot
                    .lock()
                    .expect("not poisoned")
                    .take()
                    .unwrap_or_else(|| linter.corpus_states());
                let mut outcome = job.file(p, i, &mut states);
                if job.report.is_some() && !outcome.unread && !records::is_jsonl(job.name_of(p)) {
                    outcome.articles.insert(job.dir_source(p), 1);
                }
                job.emit(i, &mut outcome, true);
                let mut held = slot.lock().expect("not poisoned");
                *held = Some(match held.take() {
                    None => states,
                    Some(other) => other.merge(states),
                });
                outcome
            })
            .collect();
        let states = slots
            .into_iter()
            .filter_map(|s| s.into_inner().expect("not poisoned"))
            .fold(linter.corpus_states(), CorpusStates::merge);
        (outcomes, states)
    };
    let (mut outcomes, states) = match args.input.threads {
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
    job.progress.finish_and_clear();
    if let Some(path) = &args.write_index {
        return write_names_index(path, &linter, &states, &files, outcomes);
    }
    let mut states = states;
    if let Some(path) = &args.rules.names_index
        && let Err(e) = merge_names_index(path, &linter, &mut states, &files, &|p| {
            job.name_of(p).to_path_buf()
        })
    {
        eprintln!("error: cannot use names index {}: {e}", path.display());
        return 2;
    }
    if !states.is_empty() {
        job.add_corpus_findings(&files, &mut outcomes, states);
    }

    for o in &mut outcomes {
        for e in o.errors.drain(..) {
            had_error = true;
            problems.push(e.problem());
            report_error(e);
        }
    }
    let streamed: Option<Counts> = job
        .emitter
        .take()
        .map(|m| m.into_inner().expect("not poisoned").finish(&problems));
    let checked_names: Vec<String> = files
        .iter()
        .zip(&outcomes)
        .filter(|(_, o)| !o.unread)
        .map(|(f, _)| job.name_of(f).display().to_string())
        .collect();
    let checked = checked_names.len();
    let fixed: usize = outcomes.iter().map(|o| o.fixed).sum();
    let mut all = Vec::new();
    let mut out = std::io::BufWriter::new(report.writer());
    let remaining = |all: &[Located]| streamed.map_or(all.len(), |c| c.total());
    let mut changed = false;
    let mut stale = Vec::new();
    for o in outcomes {
        stale.extend(o.stale);
        if let FixAction::Diff(_) = action {
            changed |= !o.diff.is_empty();
            let _ = out.write_all(o.diff.as_bytes());
        } else if pretty.is_some() && !stdin_fix && !args.report.statistics {
            let _ = out.write_all(o.pretty.as_bytes());
        }
        all.extend(o.located);
    }
    sort_located(&mut all);
    if let Some(report_mutex) = job.report.take() {
        // Every finding, the corpus rules' too, was folded in as it was placed.
        let page = report_mutex.into_inner().expect("not poisoned");
        let exit_status = if had_error {
            2
        } else {
            u8::from(page.failing())
        };
        let facts = RunFacts {
            inputs: paths.iter().map(|p| p.display().to_string()).collect(),
            files: checked,
            input_errors: problems.len(),
            exit_status,
            baseline: args
                .report
                .baseline
                .as_ref()
                .map(|b| b.display().to_string()),
            source_field: args.input.source_field.clone(),
        };
        let html = page.render(&facts, linter.registry());
        let written = out.write_all(html.as_bytes()).and_then(|()| out.flush());
        drop(out);
        let target = args.report.output_file.as_deref().unwrap_or(Path::new("-"));
        if let Err(e) = written
            .map_err(|e| e.to_string())
            .and_then(|()| report.finish().map_err(|e| e.to_string()))
        {
            eprintln!(
                "error: cannot write the report to {}: {e}",
                target.display()
            );
            return 2;
        }
        if !args.report.quiet {
            eprintln!(
                "Wrote {} ({} finding{} in {} article{}, {} KB).",
                target.display(),
                page.findings(),
                plural(page.findings() as usize),
                page.articles(),
                plural(page.articles() as usize),
                html.len().div_ceil(1024)
            );
        }
        return if had_error { 2 } else { 0 };
    }
    if let Some(path) = &args.write_baseline {
        let _ = out.flush();
        let b = Baseline::from_findings(&all, &dir_of(path));
        return match write_new(path, b.to_json().as_bytes()) {
            Ok(()) => {
                eprintln!(
                    "Wrote {} ({} entr{} for {} finding{}).",
                    path.display(),
                    b.entries.len(),
                    if b.entries.len() == 1 { "y" } else { "ies" },
                    all.len(),
                    plural(all.len())
                );
                if had_error { 2 } else { 0 }
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                2
            }
        };
    }
    if !stale.is_empty() && !args.report.quiet {
        let n: usize = stale.iter().map(|e| e.count).sum();
        eprintln!(
            "{n} known finding{} in the baseline no longer occur{}; run `newslint baseline` to shrink it:",
            plural(n),
            if n == 1 { "s" } else { "" }
        );
        // A baseline of a large corpus can go stale by thousands: name the first few.
        for e in stale.iter().take(STALE_SHOWN) {
            eprintln!("  stale: {} {} {:?} (×{})", e.path, e.code, e.text, e.count);
        }
        if stale.len() > STALE_SHOWN {
            eprintln!(
                "  … and {} more stale entries (the baseline file lists them all)",
                stale.len() - STALE_SHOWN
            );
        }
    }
    let failing = match &streamed {
        Some(c) => Emitter::failing(c),
        None => all.iter().any(|d| d.severity != Severity::Info.as_str()),
    };
    match (action, args.report.format) {
        // With `-` and --fix, stdout carries the fixed text and nothing else.
        _ if stdin_fix => {}
        (FixAction::Diff(_), _) => {
            let _ = out.flush();
            eprintln!(
                "{} fix{} would be applied{}.",
                fixed,
                if fixed == 1 { "" } else { "es" },
                if fixed > 0 { " (nothing written)" } else { "" }
            );
        }
        _ if args.report.statistics => {
            let text = match args.report.format {
                Format::Json => render_statistics_json(&all, STATISTICS_TOP_FILES),
                _ => render_statistics(&all, STATISTICS_TOP_FILES),
            };
            let _ = out.write_all(text.as_bytes());
        }
        // `--quiet`: the findings, not the closing summary.
        (_, Format::Pretty) if args.report.quiet => {}
        (_, Format::Pretty) => {
            let counts = streamed.unwrap_or_else(|| counts_of(&all));
            let _ = writeln!(out, "{}", summary(&counts, checked));
        }
        // Already written as the files finished.
        _ if streamed.is_some() => {}
        (_, Format::Json) => {
            let _ = out.write_all(render_json(&all, &problems).as_bytes());
        }
        (_, Format::Concise) => {
            let _ = out.write_all(render_concise(&all).as_bytes());
        }
        (_, Format::Jsonl) => {
            let _ = out.write_all(render_jsonl(&all).as_bytes());
            let _ = out.write_all(render_jsonl(&problems).as_bytes());
        }
        (_, Format::Sarif) => {
            let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            let log = render_sarif(
                &all,
                &problems,
                linter.registry(),
                &root,
                args.report.max_results,
            );
            let _ = out.write_all(log.text.as_bytes());
            if log.omitted > 0 && !args.report.quiet {
                eprintln!(
                    "newslint: --max-results {}: {} of {} results left out, the least severe (the run's {OMITTED_KEY} property counts them)",
                    log.results,
                    log.omitted,
                    all.len()
                );
            }
            if let Some(warning) = log.github_warning() {
                eprintln!("{warning}");
            }
        }
        (_, Format::Github) => {
            let _ = out.write_all(render_github(&all, &problems).as_bytes());
        }
        (_, Format::Junit) => {
            let _ = out.write_all(render_junit(&all, &problems, &checked_names).as_bytes());
        }
    }
    if let FixAction::Write(_) = action
        && !args.report.quiet
    {
        let line = format!(
            "Fixed {fixed} finding{} ({} remaining).",
            plural(fixed),
            remaining(&all)
        );
        if args.report.format == Format::Json || stdin_fix {
            eprintln!("{line}");
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    // A report file that could not be written whole must not replace the last good one.
    let flushed = out.flush();
    drop(out);
    if let (Err(e), Some(path)) = (flushed, &args.report.output_file) {
        eprintln!("error: cannot write the report to {}: {e}", path.display());
        return 2;
    }
    if let Err(e) = report.finish() {
        eprintln!("error: {e}");
        return 2;
    }
    if had_error {
        2
    } else if args.report.exit_zero {
        0
    } else if matches!(action, FixAction::Diff(_)) {
        changed as u8
    } else if failing {
        1
    } else {
        0
    }
}

/// The input errors of a fix that are not failures: replacements the file's encoding cannot
/// hold, and fixes withheld because the encoding guess would change.
fn fix_notes(
    linter: &Linter,
    display: &str,
    fixed: &crate::fix::FixOutcome,
    outcome: &mut FileOutcome,
) {
    for u in &fixed.unencodable {
        outcome.errors.push(InputError::new(
            display.to_string(),
            format!(
                "fix of {} not applied: `{}` cannot be written in {}",
                linter.registry().meta(u.rule).code,
                u.replacement,
                u.encoding
            ),
            "convert the file to UTF-8 to apply it",
        ));
    }
    if let Some((before, after)) = fixed.unstable_encoding {
        outcome.errors.push(InputError::new(
            display.to_string(),
            format!("fixes not applied: the encoding was guessed as {before}, and the fixed file would be guessed as {after}"),
            &format!("pass `--encoding {before}` to fix this file"),
        ));
    }
}

impl Job<'_> {
    /// Read, decode, lint (and fix) one file.
    fn file(&self, path: &Path, file_index: usize, states: &mut CorpusStates) -> FileOutcome {
        if records::is_jsonl(self.name_of(path)) {
            return self.jsonl_file(path, file_index, states);
        }
        let id = records::record_doc_id(file_index, 0, 0);
        let display = self.name_of(path).display().to_string();
        let fail = |message: String, help: &str| FileOutcome {
            errors: vec![InputError::new(display.clone(), message, help)],
            unread: true,
            ..Default::default()
        };
        let large = path != Path::new("-")
            && std::fs::metadata(path).is_ok_and(|m| m.len() > segmented::SEGMENTED_ABOVE);
        if large && let Some(outcome) = self.segmented_file(path, file_index, None) {
            return outcome;
        }
        let bytes = match self.read(path) {
            Ok(b) => b,
            Err(e) => return fail(format!("cannot read: {e}"), read_error_help(&e)),
        };
        // Very many short lines: checked in segments too (memory per line stays bounded).
        let many_lines = path != Path::new("-")
            && bytes.len() > segmented::SEGMENTED_LINES
            && memchr::memchr_iter(b'\n', &bytes)
                .nth(segmented::SEGMENTED_LINES)
                .is_some();
        if many_lines && let Some(outcome) = self.segmented_file(path, file_index, Some(&bytes)) {
            return outcome;
        }
        self.progress.inc(bytes.len() as u64);
        if looks_binary_for(&bytes, self.forced) {
            return fail(
                "binary file (a NUL byte in its first 8 KiB), not checked".into(),
                "newslint checks text; pass text files, or exclude this one",
            );
        }
        let selection = self.linter.selection_for(self.name_of(path));
        let origin = self.dir_source(path);
        let mode = match self.action {
            FixAction::Check => {
                let source = SourceText::decode_vec(bytes, self.forced);
                let diags = self
                    .linter
                    .check_source_observed(&source, &selection, id, &origin, states);
                return self.place(&display, &source, &diags, FileOutcome::default());
            }
            FixAction::Write(mode) | FixAction::Diff(mode) => mode,
        };
        let fixed = match fix_bytes(self.linter, &bytes, self.forced, &selection, mode) {
            Ok(f) => f,
            Err(e) => {
                return fail(
                    e.to_string(),
                    "a rule's fix keeps producing new fixes; report this with the file",
                );
            }
        };
        states.observe_from(
            id,
            &crate::document::Document::with_source(&fixed.source),
            &origin,
        );
        let mut outcome = FileOutcome {
            fixed: fixed.fixed(),
            ..Default::default()
        };
        fix_notes(self.linter, &display, &fixed, &mut outcome);
        if fixed.changed(&bytes) {
            match self.action {
                FixAction::Diff(_) => {
                    let before = SourceText::decode(&bytes, self.forced);
                    outcome.diff = unified_diff(&display, before.text(), fixed.source.text());
                }
                _ if path == Path::new("-") => {
                    let mut out = std::io::stdout().lock();
                    let _ = out.write_all(&fixed.bytes);
                    let _ = out.flush();
                }
                _ => {
                    if let Err(message) = write_atomic(path, &bytes, &fixed.bytes) {
                        outcome.fixed = 0;
                        outcome.errors.push(InputError::new(
                            display.clone(),
                            message,
                            "nothing was written to this file",
                        ));
                        let source = SourceText::decode(&bytes, self.forced);
                        let diags = self.linter.check_source(&source, &selection);
                        return self.place(&display, &source, &diags, outcome);
                    }
                }
            }
        }
        self.place(&display, &fixed.source, &fixed.remaining, outcome)
    }

    /// Locate diagnostics in their file and render them.
    fn place(
        &self,
        display: &str,
        source: &SourceText,
        diags: &[crate::Diagnostic],
        mut outcome: FileOutcome,
    ) -> FileOutcome {
        let mut baseline = self.baseline.as_ref().map(|b| b.file(display));
        if !diags.is_empty() {
            // Only files with findings need the line index.
            self.place_found(display, source, diags, &mut baseline, &mut outcome);
            if self.report.is_some() {
                let origin = self.dir_source(Path::new(display));
                for l in std::mem::take(&mut outcome.located) {
                    let l = self.with_context(l, source.text(), || origin.clone());
                    outcome.located.push(l);
                }
            }
        }
        if let Some(b) = baseline {
            outcome.stale = b.stale();
        }
        outcome
    }

    fn place_found(
        &self,
        display: &str,
        source: &SourceText,
        diags: &[crate::Diagnostic],
        baseline: &mut Option<crate::baseline::FileBaseline>,
        outcome: &mut FileOutcome,
    ) {
        let lines = LineIndex::new(source.text());
        let placement = Placement {
            path: display,
            source,
            lines: &lines,
        };
        outcome.located = diags
            .iter()
            .map(|d| placement.locate(self.linter.registry(), d))
            .filter(|l| baseline.as_mut().is_none_or(|b| b.admit(l)))
            .collect();
        if let Some(opts) = self.pretty {
            render_pretty(
                &mut outcome.pretty,
                &outcome.located,
                source.text(),
                &lines,
                opts,
            );
        }
    }
}
