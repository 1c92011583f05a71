//! The command line: argument definitions and the commands (`check` in [`check`], the others
//! here, their logic in the library: [`crate::config::template`], [`crate::pack::examples`]).
//!
//! This is the only layer that touches files, the terminal and exit codes.

mod check;

use crate::Linter;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
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
    Check(CheckCommand),
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
        input: InputArgs,
        #[command(flatten)]
        rules: RuleArgs,
        /// Where to write the baseline.
        #[arg(long, short, value_name = "FILE", default_value = crate::baseline::BASELINE_FILE)]
        output: PathBuf,
    },
    /// Write a names index of the corpus (spellings and their counts) for `check --names-index`,
    /// so a pre-commit check of a few files judges their names against the whole corpus.
    Index {
        #[command(flatten)]
        input: InputArgs,
        /// Where to write the index.
        #[arg(long, short, value_name = "FILE", default_value = NAMES_INDEX_FILE)]
        output: PathBuf,
    },
    /// Write a corpus quality report: one self-contained HTML page (inline SVG charts, no network
    /// request) with the findings by family, rule and source, the findings per article, the
    /// articles with most findings in context, name spellings, encodings and boilerplate.
    ///
    /// It takes check's inputs, rule selection and config, and streams like check. Exit 0 when
    /// the page is written, 2 on input errors (the page is still written) or when it cannot be.
    Report {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        rules: RuleArgs,
        /// Where to write the page.
        #[arg(
            long,
            short,
            value_name = "FILE",
            default_value = "newslint-report.html"
        )]
        output: PathBuf,
        /// Show only findings that are not in this baseline file (written by `newslint baseline`).
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Leave out findings below this severity: `warning` leaves out `info`.
        #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = SeverityArg::Info)]
        severity_min: SeverityArg,
        /// No closing `Wrote …` line on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print the settings that apply to a file: the config that governs it (the nearest
    /// `newslint.toml` above it) and every rule, on or off, with its severity.
    ShowSettings {
        /// The file (or directory) to show the settings of.
        path: PathBuf,
        /// Use this config file instead of the discovered one.
        #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
        config: Option<PathBuf>,
        /// Ignore every config file.
        #[arg(long)]
        isolated: bool,
    },
    /// Print one rule's documentation.
    Rule {
        /// A rule code (`A101`) or name (`glued-toggle-label`).
        rule: String,
        /// Also load these rule packs.
        #[arg(long = "pack", value_name = "FILE")]
        packs: Vec<PathBuf>,
    },
    /// Write a commented newslint.toml, every setting commented out with its default.
    ///
    /// The file changes nothing until edited: uncomment a setting to use it. An existing
    /// newslint.toml is left alone (exit 2) unless --force is given.
    Init {
        /// The directory to write newslint.toml in.
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        /// Overwrite an existing newslint.toml.
        #[arg(long)]
        force: bool,
    },
    /// Rule pack tools: `newslint pack test FILE...` runs each pack rule's inline examples.
    Pack {
        #[command(subcommand)]
        command: PackCommand,
    },
    /// Print a shell completion script for bash, zsh, fish, powershell or elvish.
    ///
    /// For example `newslint completions bash > ~/.local/share/bash-completion/completions/newslint`.
    Completions {
        /// The shell to write the script for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// Run each pack rule's inline examples: every `flag` example must be reported by its rule,
    /// every `pass` example must not.
    ///
    /// Exit 0 when all hold, 1 when an example fails, 2 when a pack does not load. The packs are
    /// loaded together, as `check --pack` loads them, with no config; a pack whose `[pack] name`
    /// is a bundled pack's is loaded in its place (to test a new version of `rules/*.toml`).
    Test {
        /// The pack files.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
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
pub enum SeverityArg {
    Info,
    Warning,
    Error,
}

impl From<SeverityArg> for crate::rule::Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Info => Self::Info,
            SeverityArg::Warning => Self::Warning,
            SeverityArg::Error => Self::Error,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Colour on? `auto`: FORCE_COLOR (set, not empty) forces it, else NO_COLOR (set, not empty)
    /// turns it off, else a terminal on standard output has it.
    pub fn enabled(self, terminal: bool) -> bool {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("FORCE_COLOR") => true,
            ColorChoice::Auto => terminal && !set("NO_COLOR"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    /// The rule reference in Markdown, as README.md embeds it.
    Markdown,
}

/// What to check and how to read it: shared by `check`, `baseline` and `index`.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// Files and directories to check (`-` for standard input). Directories are walked, honouring
    /// .gitignore and .ignore.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Use this config file instead of the discovered newslint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every config file.
    #[arg(long)]
    pub isolated: bool,
    /// Decode inputs with this encoding (a WHATWG label such as `windows-1252` or `euc-kr`) instead
    /// of detecting it. A byte-order mark still wins.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// JSONL fields that hold article text: dotted paths, comma-separated or repeated.
    #[arg(long, value_name = "FIELDS", default_value = "text")]
    pub text_field: Vec<String>,
    /// Let JSONL records lack a text field. Without it, a field that some records lack is an
    /// input error (exit 2) naming the first such lines: a misspelt `--text-field` fails the
    /// gate instead of passing with nothing checked.
    #[arg(long)]
    pub allow_missing_field: bool,
    /// JSONL field holding a record's ignore list (dotted path): rule codes, names, prefixes or
    /// families silenced in all of the record's text fields (`{"newslint": {"ignore": ["S103"]}}`).
    #[arg(long, value_name = "FIELD", default_value = crate::corpus::jsonl::IGNORE_FIELD)]
    pub ignore_field: String,
    /// JSONL field that identifies a record in reports (dotted path).
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,
    /// JSONL field naming the outlet or site of a record (dotted path), for corpus rules that judge
    /// documents by source (`corpus-boilerplate`). Without it, or when a record lacks it, the host
    /// of a `url` field is used, else the file's directory.
    #[arg(long, value_name = "FIELD")]
    pub source_field: Option<String>,
    /// Apply the config's `exclude` to files named on the command line too (as pre-commit passes
    /// every file by name).
    #[arg(long)]
    pub force_exclude: bool,
    /// The name standard input (`-`) is reported under, and matched against overrides and
    /// extensions (`.jsonl`) with.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
}

/// Which rules run: shared by `check` and `baseline`.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Rules")]
pub struct RuleArgs {
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
    /// Judge name spellings against this corpus index (written by `newslint index`) as well as
    /// the files checked: a pre-commit check of one article sees the whole corpus.
    #[arg(long, value_name = "FILE")]
    pub names_index: Option<PathBuf>,
    /// Report at most N findings of one rule in one document, then one finding that says how
    /// many more there were (0: no limit). Keeps one damaged document from flooding the report
    /// and the memory; fixing still applies every fix.
    #[arg(long, value_name = "N", default_value_t = crate::engine::DEFAULT_MAX_FINDINGS_PER_RULE)]
    pub max_findings_per_rule: usize,
}

/// What `check` does with its findings: report them (how, where), fix them, gate on them.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Report and fix")]
pub struct ReportArgs {
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// With `--format sarif` (and only there: other formats refuse it): write at most N results,
    /// the most severe first (errors, then warnings, then info, each in report order); the number
    /// left out is the run's `newslint/resultsOmitted` property and is said on stderr. GitHub code
    /// scanning shows 5,000 results of a run and rejects an upload of more than 25,000.
    #[arg(long, value_name = "N")]
    pub max_results: Option<usize>,
    /// Apply safe fixes in place, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Print a unified diff of what `--fix` would change; write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Also apply unsafe fixes (with `--fix` or `--diff`).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Report only findings that are not in this baseline file (written by `newslint baseline`);
    /// known findings that no longer occur are listed as stale.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Print counts per rule, per family and for the files with most findings, instead of the
    /// findings.
    #[arg(long)]
    pub statistics: bool,
    /// Report (and fix) only findings of at least this severity: `warning` leaves out `info`.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = SeverityArg::Info)]
    pub severity_min: SeverityArg,
    /// Colour in the pretty output: `auto` (a terminal, unless NO_COLOR is set; FORCE_COLOR
    /// forces it), `always` or `never`.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit 0 even when there are findings (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the findings and errors only: no closing summary, no `Fixed …` line, no list of
    /// stale baseline entries.
    #[arg(short, long)]
    pub quiet: bool,
    /// Write the report (findings, summary, statistics, a `--diff`) to this file instead of
    /// standard output: created with its directory, or replaced whole when the run ends, so a
    /// reader never sees half a report. Messages stay on stderr; a fixed standard input still
    /// goes to stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
}

impl ReportArgs {
    /// Every report flag at its default, as `baseline` and `index` (which take none) run.
    fn defaults() -> Self {
        use clap::{Args, FromArgMatches};
        let matches =
            Self::augment_args(clap::Command::new("defaults")).get_matches_from(["defaults"]);
        Self::from_arg_matches(&matches).expect("the report flags have defaults")
    }
}

/// `newslint check`'s arguments, grouped as its help shows them.
#[derive(Debug, clap::Args)]
pub struct CheckCommand {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Every setting of a run: the three groups of `check`'s flags, and what `baseline` and
/// `index` write instead of a report.
#[derive(Debug)]
pub struct CheckArgs {
    pub input: InputArgs,
    pub rules: RuleArgs,
    pub report: ReportArgs,
    /// Set by `newslint baseline`: write the findings there instead of reporting them.
    pub write_baseline: Option<PathBuf>,
    /// Set by `newslint index`: write the corpus index there instead of reporting findings.
    pub write_index: Option<PathBuf>,
    /// Set by `newslint report`: write the HTML report (to `report.output_file`).
    pub write_report: Option<PathBuf>,
}

impl CheckArgs {
    fn new(input: InputArgs, rules: RuleArgs, report: ReportArgs) -> Self {
        Self {
            input,
            rules,
            report,
            write_baseline: None,
            write_index: None,
            write_report: None,
        }
    }
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
        Command::Check(CheckCommand {
            input,
            rules,
            report,
        }) => ExitCode::from(check::run(CheckArgs::new(input, rules, report))),
        // `baseline` and `index` take no report flags (clap refuses `--fix` there, exit 2): they
        // write a file of the findings and change nothing else.
        Command::Baseline {
            input,
            rules,
            output,
        } => {
            let mut check = CheckArgs::new(input, rules, ReportArgs::defaults());
            check.write_baseline = Some(output);
            ExitCode::from(check::run(check))
        }
        Command::Report {
            input,
            rules,
            output,
            baseline,
            severity_min,
            quiet,
        } => {
            let mut report = ReportArgs::defaults();
            report.baseline = baseline;
            report.severity_min = severity_min;
            report.quiet = quiet;
            report.output_file = Some(output.clone());
            let mut check = CheckArgs::new(input, rules, report);
            check.write_report = Some(output);
            ExitCode::from(check::run(check))
        }
        Command::Index { input, output } => {
            let rules = RuleArgs {
                select: Some(vec!["names".into()]),
                ignore: Vec::new(),
                extend_select: Vec::new(),
                packs: Vec::new(),
                names_index: None,
                max_findings_per_rule: crate::engine::DEFAULT_MAX_FINDINGS_PER_RULE,
            };
            let mut check = CheckArgs::new(input, rules, ReportArgs::defaults());
            check.write_index = Some(output);
            ExitCode::from(check::run(check))
        }
        Command::Rules { format, packs } => ExitCode::from(list_rules(format, &packs)),
        Command::Rule { rule, packs } => ExitCode::from(show_rule(&rule, &packs)),
        Command::ShowSettings {
            path,
            config,
            isolated,
        } => {
            let mut args = match Cli::try_parse_from(["newslint", "check"]) {
                Ok(Cli {
                    command: Command::Check(a),
                }) => CheckArgs::new(a.input, a.rules, a.report),
                _ => unreachable!("`check` parses with no arguments"),
            };
            args.input.paths = vec![path];
            args.input.config = config;
            args.input.isolated = isolated;
            ExitCode::from(check::show_settings(&args))
        }
        Command::Init { dir, force } => ExitCode::from(init(&dir, force)),
        Command::Pack {
            command: PackCommand::Test { files },
        } => ExitCode::from(pack_test(&files)),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "newslint",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}

/// `newslint init`: write the template config in `dir`, never over an existing one without
/// `force` (the create is exclusive, so a file that appears meanwhile is not overwritten either).
fn init(dir: &Path, force: bool) -> u8 {
    use std::io::Write;
    let path = dir.join(crate::config::CONFIG_FILE);
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let text = crate::config::template::template();
    match options
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} already exists; it was left as it is (pass --force to overwrite it)",
                path.display()
            );
            return 2;
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            return 2;
        }
    }
    println!(
        "Wrote {}: every setting in it is commented out; uncomment one to use it.",
        path.display()
    );
    // The nearest config wins, whole: one above `dir` no longer applies to the files under it.
    let parent = std::path::absolute(dir)
        .ok()
        .and_then(|d| d.parent().and_then(crate::config::Config::discover));
    if let Some(parent) = parent {
        eprintln!(
            "note: {} now applies to the files under {} instead of {}",
            path.display(),
            dir.display(),
            parent.display()
        );
    }
    0
}

/// `newslint pack test`: load the packs, run their rules' examples, print the report.
fn pack_test(files: &[PathBuf]) -> u8 {
    let mut packs = Vec::with_capacity(files.len());
    for path in files {
        match crate::source::read_text_file(path) {
            Ok(text) => packs.push(crate::engine::PackSource {
                path: path.display().to_string(),
                text,
            }),
            Err(e) => {
                let e = crate::engine::SetupError::Usage(format!(
                    "cannot read pack {}: {e}",
                    path.display()
                ));
                eprintln!("{:?}", miette::Report::new(e));
                return 2;
            }
        }
    }
    match crate::pack::examples::test_packs(&packs) {
        Ok(tested) => {
            print!("{}", tested.render());
            if tested.passed() { 0 } else { 1 }
        }
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e));
            2
        }
    }
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
