//! The command line: argument definitions and the `check`, `rules` and `rule` commands.
//!
//! This is the only layer that touches files, the terminal and exit codes.

mod check;

use crate::Linter;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// newslint: find and fix scraping artifacts, mis-translations, unsourced claims, inconsistent
/// name spellings and encoding damage in news-article corpora.
#[derive(Debug, Parser)]
#[command(name = "newslint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and directories (default: the current directory).
    Check(CheckArgs),
    /// List every rule: code, name, family, default severity, fix and summary.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
        /// Also load these rule packs.
        #[arg(long = "pack", value_name = "FILE")]
        packs: Vec<PathBuf>,
    },
    /// Write the current findings to a baseline file, so that `check --baseline` reports only new
    /// ones (the CI gate).
    Baseline {
        #[command(flatten)]
        check: CheckArgs,
        /// Where to write the baseline.
        #[arg(long, short, value_name = "FILE", default_value = crate::baseline::BASELINE_FILE)]
        output: PathBuf,
    },
    /// Write a names index of the corpus (spellings and their counts) for `check --names-index`,
    /// so a pre-commit check of a few files judges their names against the whole corpus.
    Index {
        #[command(flatten)]
        check: CheckArgs,
        /// Where to write the index.
        #[arg(long, short, value_name = "FILE", default_value = NAMES_INDEX_FILE)]
        output: PathBuf,
    },
    /// Print one rule's documentation.
    Rule {
        /// A rule code (`A101`) or name (`glued-toggle-label`).
        rule: String,
        /// Also load these rule packs.
        #[arg(long = "pack", value_name = "FILE")]
        packs: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// miette's graphical report, the flagged span labelled.
    Pretty,
    /// One JSON array of diagnostics (the stable contract in README.md).
    Json,
    /// One line each: `path:line:col: CODE message`.
    Concise,
    /// One JSON object per line.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML: a test case per file, a failure per finding.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    /// The rule reference in Markdown, as README.md embeds it.
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and directories to check (`-` for standard input). Directories are walked, honouring
    /// .gitignore and .ignore.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// With `--format sarif` (and only there: other formats refuse it): write at most N results,
    /// the most severe first (errors, then warnings, then info, each in report order); the number
    /// left out is the run's `newslint/resultsOmitted` property and is said on stderr. GitHub code
    /// scanning shows 5,000 results of a run and rejects an upload of more than 25,000.
    #[arg(long, value_name = "N")]
    pub max_results: Option<usize>,
    /// Use this config file instead of the discovered newslint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every config file.
    #[arg(long)]
    pub isolated: bool,
    /// Only these rules (codes, names, prefixes, families or ALL; comma-separated or repeated).
    #[arg(long, value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Skip these rules (added to the config's `ignore`).
    #[arg(long, value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Also run these rules (added to the selection; this is how opt-in rules are turned on).
    #[arg(long, value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Load an extra rule pack.
    #[arg(long = "pack", value_name = "FILE")]
    pub packs: Vec<PathBuf>,
    /// Decode inputs with this encoding (a WHATWG label such as `windows-1252` or `euc-kr`) instead
    /// of detecting it. A byte-order mark still wins.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Apply safe fixes in place, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Print a unified diff of what `--fix` would change; write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Also apply unsafe fixes (with `--fix` or `--diff`).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// JSONL fields that hold article text: dotted paths, comma-separated or repeated.
    #[arg(long, value_name = "FIELDS", default_value = "text")]
    pub text_field: Vec<String>,
    /// Let JSONL records lack a text field. Without it, a field that some records lack is an
    /// input error (exit 2) naming the first such lines: a misspelt `--text-field` fails the
    /// gate instead of passing with nothing checked.
    #[arg(long)]
    pub allow_missing_field: bool,
    /// JSONL field that identifies a record in reports (dotted path).
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,
    /// JSONL field naming the outlet or site of a record (dotted path), for corpus rules that judge
    /// documents by source (`corpus-boilerplate`). Without it, or when a record lacks it, the host
    /// of a `url` field is used, else the file's directory.
    #[arg(long, value_name = "FIELD")]
    pub source_field: Option<String>,
    /// Report only findings that are not in this baseline file (written by `newslint baseline`);
    /// known findings that no longer occur are listed as stale.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Set by `newslint baseline`: write the findings there instead of reporting them.
    #[arg(skip)]
    pub write_baseline: Option<PathBuf>,
    /// Judge name spellings against this corpus index (written by `newslint index`) as well as
    /// the files checked: a pre-commit check of one article sees the whole corpus.
    #[arg(long, value_name = "FILE")]
    pub names_index: Option<PathBuf>,
    /// Set by `newslint index`: write the corpus index there instead of reporting findings.
    #[arg(skip)]
    pub write_index: Option<PathBuf>,
    /// Apply the config's `exclude` to files named on the command line too (as pre-commit passes
    /// every file by name).
    #[arg(long)]
    pub force_exclude: bool,
    /// Print counts per rule, per family and for the files with most findings, instead of the
    /// findings.
    #[arg(long)]
    pub statistics: bool,
    /// Exit 0 even when there are findings (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the findings and errors only: no closing summary, no `Fixed …` line, no list of
    /// stale baseline entries.
    #[arg(short, long)]
    pub quiet: bool,
    /// The name standard input (`-`) is reported under, and matched against overrides and
    /// extensions (`.jsonl`) with.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
}

/// The default file `newslint index` writes.
pub const NAMES_INDEX_FILE: &str = ".newslint-names.idx";

/// Parse the arguments and run; the process exit code is 0 clean, 1 findings, 2 error.
pub fn main() -> ExitCode {
    restore_sigpipe();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => ExitCode::from(check::run(args)),
        Command::Baseline { mut check, output } => {
            if let Some(code) = refuse_check_only_flags("baseline", &check) {
                return code;
            }
            check.write_baseline = Some(output);
            check.baseline = None;
            ExitCode::from(check::run(check))
        }
        Command::Index { mut check, output } => {
            if let Some(code) = refuse_check_only_flags("index", &check) {
                return code;
            }
            check.write_index = Some(output);
            check.names_index = None;
            check.select = Some(vec!["names".into()]);
            check.baseline = None;
            ExitCode::from(check::run(check))
        }
        Command::Rules { format, packs } => ExitCode::from(list_rules(format, &packs)),
        Command::Rule { rule, packs } => ExitCode::from(show_rule(&rule, &packs)),
    }
}

/// `baseline` and `index` write a file of the findings: a flag that would change files or read a
/// baseline is a usage error there (exit 2), not silently applied or ignored.
fn refuse_check_only_flags(command: &str, check: &CheckArgs) -> Option<ExitCode> {
    let given = [
        ("--fix", check.fix),
        ("--diff", check.diff),
        ("--unsafe-fixes", check.unsafe_fixes),
        ("--baseline", check.baseline.is_some()),
    ];
    let (flag, _) = given.into_iter().find(|(_, on)| *on)?;
    eprintln!(
        "error: `newslint {command}` does not take {flag}: it writes a file of the findings and \
         changes nothing else (run `newslint check {flag} …` on its own)"
    );
    Some(ExitCode::from(2))
}

/// Die quietly of SIGPIPE when the reader of standard output goes away (`newslint rules | head`),
/// as `cat` and `grep` do. Rust ignores the signal, so every `println!` after the reader closed
/// would panic instead.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread exists; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn linter_with_packs(packs: &[PathBuf]) -> Option<Linter> {
    let cli = crate::CliSelection {
        packs: packs.to_vec(),
        ..Default::default()
    };
    match Linter::from_config(&Default::default(), &cli) {
        Ok(l) => Some(l),
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e));
            None
        }
    }
}

fn list_rules(format: RulesFormat, packs: &[PathBuf]) -> u8 {
    let Some(linter) = linter_with_packs(packs) else {
        return 2;
    };
    let reg = linter.registry();
    match format {
        RulesFormat::Json => {
            let metas: Vec<_> = reg.sorted_metas().into_iter().map(|(_, m)| m).collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&metas).expect("serialisable")
            );
        }
        RulesFormat::Markdown => print!("{}", rule_reference(reg)),
        RulesFormat::Text => {
            println!(
                "{:<6} {:<28} {:<12} {:<8} {:<20} summary",
                "code", "name", "family", "severity", "fix"
            );
            for (_, m) in reg.sorted_metas() {
                println!(
                    "{:<6} {:<28} {:<12} {:<8} {:<20} {}",
                    m.code,
                    m.name,
                    m.family.as_str(),
                    m.severity_label(),
                    m.fix.describe(),
                    m.summary
                );
            }
        }
    }
    0
}

/// The rule reference: a summary table, then each rule's documentation with its fix safety.
pub fn rule_reference(reg: &crate::Registry) -> String {
    let mut s = String::from(
        "| code | name | family | severity | fix | summary |\n|---|---|---|---|---|---|\n",
    );
    for (_, m) in reg.sorted_metas() {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            m.code,
            m.name,
            m.family,
            m.severity_label(),
            m.fix.describe(),
            m.summary.replace('|', "\\|")
        ));
    }
    s.push_str("\n#### Fix safety by rule\n\n| code | name | fix | safety |\n|---|---|---|---|\n");
    for (_, m) in reg.sorted_metas() {
        let safety = m
            .doc
            .split_once("## Fix safety")
            .map(|(_, rest)| {
                rest.split("\n## ")
                    .next()
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        s.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            m.code,
            m.name,
            m.fix.describe(),
            safety.replace('|', "\\|")
        ));
    }
    for (_, m) in reg.sorted_metas() {
        // Demote the rule's own headings one level under its `###` title.
        let doc = m
            .doc
            .replace("\n## ", "\n#### ")
            .replacen("## ", "#### ", 1);
        s.push_str(&format!(
            "\n### {} {}\n\nFamily: {} · Default severity: {} · Fix: {} · Source: {}\n\n{}\n",
            m.code,
            m.name,
            m.family,
            m.severity_label(),
            m.fix.describe(),
            m.origin,
            doc.trim_end()
        ));
    }
    s
}

/// The full documentation of one rule, as `newslint rule` prints it and README's reference shows it.
pub fn rule_document(m: &crate::rule::RuleMeta) -> String {
    format!(
        "# {} {}\n\nFamily: {} · Default severity: {} · Fix: {} · Source: {}\n\n{}\n",
        m.code,
        m.name,
        m.family,
        m.severity_label(),
        m.fix.describe(),
        m.origin,
        m.doc
    )
}

fn show_rule(key: &str, packs: &[PathBuf]) -> u8 {
    let Some(linter) = linter_with_packs(packs) else {
        return 2;
    };
    let reg = linter.registry();
    match reg.find(key) {
        Some(id) => {
            print!("{}", rule_document(reg.meta(id)));
            0
        }
        None => {
            eprintln!("error: no rule `{key}`; `newslint rules` lists them");
            2
        }
    }
}
