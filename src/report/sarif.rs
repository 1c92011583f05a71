//! The `sarif` format: a SARIF 2.1.0 log (GitHub code scanning, VS Code's SARIF viewer, Azure
//! DevOps), built with `serde-sarif`'s typed model.
//!
//! * Every rule of the registry is listed under `tool.driver.rules`, ordered by code; each result
//!   points at its rule by `ruleId` and `ruleIndex`.
//! * Columns count Unicode scalar values (`columnKind: unicodeCodePoints`), like [`Located`]'s.
//!   SARIF's `endColumn` is exclusive: one past the last flagged character.
//! * `byteOffset`/`byteLength` address the original file's bytes (before decoding).
//! * Paths under the repository root become root-relative URIs against `%SRCROOT%`, which is
//!   what GitHub needs to place annotations.
//! * `partialFingerprints["newslint/v1"]` is the finding's stable [fingerprint](super::fingerprint),
//!   so code scanning tracks a finding across commits that move it.
//! * A finding with a safe fix (what `--fix` applies) has `fixes`: one `artifactChanges` entry for
//!   its file, one replacement per edit, whose `deletedRegion` has the lines and columns of the
//!   results (end exclusive) and the exact `byteOffset`/`byteLength` of the original file, and
//!   whose `insertedContent.text` is what `--fix` writes there. Inside a JSONL record the region
//!   is the raw (escaped) bytes of the record and the text is JSON-escaped as the field is; a
//!   compressed JSONL file gets no fixes, nor does a fix whose text a non-UTF-8 file would hold
//!   as other bytes (see [`super::plain_text_in`]).
//! * The run has one invocation: `executionSuccessful` is false when some input could not be
//!   checked, and each such [input error](InputProblem) is a `toolExecutionNotifications` entry of
//!   level `error` located at its file (and line and column, when known). Per SARIF's appendix on
//!   incomplete result sets, a consumer then knows the results may not be complete.

use super::{FileEdit, FilePoint, InputProblem, Located};
use crate::engine::Registry;
use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Invocation, Location,
    Message, MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region,
    Replacement, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel,
    Run, Sarif, Tool, ToolComponent,
};
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

/// The schema every consumer recognises for SARIF 2.1.0.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of newslint's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "newslint/v1";
/// The base id relative artifact URIs are resolved against.
const SRCROOT: &str = "%SRCROOT%";

/// Where the tool is described: the package's repository or homepage when Cargo.toml names one.
fn information_uri() -> &'static str {
    let repo = env!("CARGO_PKG_REPOSITORY");
    let home = env!("CARGO_PKG_HOMEPAGE");
    if !repo.is_empty() {
        repo
    } else if !home.is_empty() {
        home
    } else {
        "https://crates.io/crates/newslint"
    }
}

/// `error`/`warning`/`info` to SARIF's `error`/`warning`/`note`.
fn level_name(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "info" => "note",
        _ => "warning",
    }
}

fn result_level(severity: &str) -> ResultLevel {
    match severity {
        "error" => ResultLevel::Error,
        "info" => ResultLevel::Note,
        _ => ResultLevel::Warning,
    }
}

fn text_and_markdown(text: &str, markdown: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder()
        .text(text.to_string())
        .markdown(markdown.to_string())
        .build()
}

/// Results of one run that GitHub code scanning shows (the most severe, it says).
pub const GITHUB_SHOWN: usize = 5_000;
/// Results of one run above which GitHub code scanning rejects the upload.
pub const GITHUB_ACCEPTED: usize = 25_000;
/// The gzipped size of a log above which GitHub code scanning rejects the upload (10 MB).
pub const GITHUB_UPLOAD_BYTES: u64 = 10_000_000;
/// The run property counting the results that `max_results` left out.
pub const OMITTED_KEY: &str = "newslint/resultsOmitted";

/// A rendered log.
#[derive(Debug, Clone)]
pub struct SarifLog {
    /// The log, pretty-printed, ending in a newline.
    pub text: String,
    /// Results written, and results left out by the `max_results` limit.
    pub results: usize,
    pub omitted: usize,
}

/// The severity rank of a finding, most severe first: error, warning, info.
fn rank(l: &Located) -> usize {
    match l.severity.as_str() {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

/// At most `max` of `all`: the most severe first (every error, then warnings, then info), each
/// kept in its order in `all`; and how many were left out. Nothing is copied.
pub fn most_severe(all: &[Located], max: usize) -> (Vec<&Located>, usize) {
    let mut per_rank = [0usize; 3];
    for l in all {
        per_rank[rank(l)] += 1;
    }
    // How many of each rank fit, most severe first.
    let mut room = max;
    let quota = per_rank.map(|n| {
        let take = n.min(room);
        room -= take;
        take
    });
    let mut left = quota;
    let kept: Vec<&Located> = all
        .iter()
        .filter(|l| {
            let r = rank(l);
            let keep = left[r] > 0;
            left[r] -= keep as usize;
            keep
        })
        .collect();
    let omitted = all.len() - kept.len();
    (kept, omitted)
}

impl SarifLog {
    /// What GitHub code scanning will do with this log, when it is not simply to show it all: one
    /// line for stderr (a rejected upload first, then results it will not show).
    pub fn github_warning(&self) -> Option<String> {
        let fix = format!(
            "pass --max-results {GITHUB_SHOWN} to keep the most severe, or narrow the check with --select"
        );
        if self.results > GITHUB_ACCEPTED {
            return Some(format!(
                "warning: the SARIF log has {} results: GitHub code scanning rejects an upload of more than {} ({fix})",
                self.results,
                thousands(GITHUB_ACCEPTED)
            ));
        }
        // Only a log larger than the limit can be larger than it gzipped.
        if self.text.len() as u64 > GITHUB_UPLOAD_BYTES {
            let gzipped = gzipped_len(self.text.as_bytes());
            if gzipped > GITHUB_UPLOAD_BYTES {
                return Some(format!(
                    "warning: the SARIF log is {:.1} MB gzipped: GitHub code scanning rejects an upload above {} MB (pass a smaller --max-results, or narrow the check with --select)",
                    gzipped as f64 / 1e6,
                    GITHUB_UPLOAD_BYTES / 1_000_000
                ));
            }
        }
        (self.results > GITHUB_SHOWN).then(|| {
            format!(
                "warning: the SARIF log has {} results: GitHub code scanning shows only {} of a run ({fix})",
                self.results,
                thousands(GITHUB_SHOWN)
            )
        })
    }
}

/// `25000` as `25,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The size of `bytes` gzipped (at the default level, as `upload-sarif` compresses).
fn gzipped_len(bytes: &[u8]) -> u64 {
    struct Count(u64);
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0 += b.len() as u64;
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut gz = flate2::write::GzEncoder::new(Count(0), flate2::Compression::default());
    // Writing to a counter cannot fail.
    let _ = std::io::Write::write_all(&mut gz, bytes);
    gz.finish().map_or(0, |c| c.0)
}

/// The whole log: `all` as results (with `max_results`, at most that many, the most severe, and
/// the number left out as the run's [`OMITTED_KEY`] property), `problems` (the inputs that could
/// not be checked) as the invocation's notifications.
///
/// The findings are all in memory already (SARIF is one JSON document, written at the end); the
/// limit borrows the ones it keeps.
///
/// `repo_root` is the directory `%SRCROOT%` stands for: absolute paths under it are made relative
/// to it; relative paths are taken to be relative to it already (after dropping `./`, or a leading
/// `repo_root` when that is relative too). Paths outside it become absolute `file://` URIs.
/// Nothing is read from the file system.
pub fn render_sarif(
    all: &[Located],
    problems: &[InputProblem],
    registry: &Registry,
    repo_root: &Path,
    max_results: Option<usize>,
) -> SarifLog {
    let metas = registry.sorted_metas();
    let index: HashMap<&str, usize> = metas
        .iter()
        .enumerate()
        .map(|(i, (_, m))| (m.code.as_ref(), i))
        .collect();

    let rules: Vec<ReportingDescriptor> = metas
        .iter()
        .map(|(_, m)| {
            let mut props = BTreeMap::new();
            props.insert("family".to_string(), json!(m.family.as_str()));
            props.insert("fix".to_string(), json!(m.fix.describe()));
            let doc = if m.doc.trim().is_empty() {
                m.summary.as_ref()
            } else {
                m.doc.as_ref()
            };
            ReportingDescriptor::builder()
                .id(m.code.to_string())
                .name(m.name.to_string())
                .short_description(
                    MultiformatMessageString::builder()
                        .text(m.summary.to_string())
                        .build(),
                )
                .full_description(text_and_markdown(doc, doc))
                .help(text_and_markdown(doc, doc))
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(json!(level_name(m.severity.as_str())))
                        .build(),
                )
                .properties(
                    PropertyBag::builder()
                        .tags(vec![m.family.as_str().to_string()])
                        .additional_properties(props)
                        .build(),
                )
                .build()
        })
        .collect();

    let (kept, omitted) = match max_results {
        Some(max) => most_severe(all, max),
        None => (all.iter().collect(), 0),
    };
    let results: Vec<SarifResult> = kept
        .iter()
        .map(|l| result(l, index.get(l.code.as_str()).copied(), repo_root))
        .collect();
    let written = results.len();

    let driver = ToolComponent::builder()
        .name("newslint".to_string())
        .version(env!("CARGO_PKG_VERSION").to_string())
        .semantic_version(env!("CARGO_PKG_VERSION").to_string())
        .information_uri(information_uri().to_string())
        .rules(rules)
        .build();

    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .invocations(vec![invocation(problems, repo_root)])
        .column_kind(json!("unicodeCodePoints"))
        .results(results)
        .build();
    if let Some(root) = root_uri(repo_root) {
        let mut bases = BTreeMap::new();
        bases.insert(
            SRCROOT.to_string(),
            ArtifactLocation::builder().uri(root).build(),
        );
        run.original_uri_base_ids = Some(bases);
    }
    if omitted > 0 {
        let mut props = BTreeMap::new();
        props.insert(OMITTED_KEY.to_string(), json!(omitted));
        run.properties = Some(PropertyBag::builder().additional_properties(props).build());
    }

    let log = Sarif::builder()
        .schema(SARIF_SCHEMA.to_string())
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut text = serde_json::to_string_pretty(&log).expect("a SARIF log serializes");
    text.push('\n');
    SarifLog {
        text,
        results: written,
        omitted,
    }
}

/// The artifact location of `path`: relative to `%SRCROOT%` when it is under the root.
fn artifact_location(path: &str, repo_root: &Path) -> ArtifactLocation {
    let (uri, relative) = artifact_uri(path, repo_root);
    if relative {
        ArtifactLocation::builder()
            .uri(uri)
            .uri_base_id(SRCROOT.to_string())
            .build()
    } else {
        ArtifactLocation::builder().uri(uri).build()
    }
}

/// The run's one invocation: successful unless some input could not be checked, each such input
/// error a `toolExecutionNotifications` entry of level `error` at its file (and line, when known).
fn invocation(problems: &[InputProblem], repo_root: &Path) -> Invocation {
    let notifications: Vec<Notification> = problems
        .iter()
        .map(|p| {
            let mut region = Region::builder().build();
            region.start_line = p.line.map(|l| l as i64);
            region.start_column = p.column.filter(|_| p.line.is_some()).map(|c| c as i64);
            let mut physical = PhysicalLocation::builder()
                .artifact_location(artifact_location(&p.path, repo_root))
                .build();
            if region.start_line.is_some() {
                physical.region = Some(region);
            }
            let mut n = Notification::builder()
                .level(json!("error"))
                .message(Message::builder().text(p.message.clone()).build())
                .locations(vec![
                    Location::builder().physical_location(physical).build(),
                ])
                .build();
            if let Some(help) = &p.help {
                let mut props = BTreeMap::new();
                props.insert("help".to_string(), json!(help));
                n.properties = Some(PropertyBag::builder().additional_properties(props).build());
            }
            n
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(problems.is_empty())
        .build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }
    invocation
}

fn result(l: &Located, rule_index: Option<usize>, repo_root: &Path) -> SarifResult {
    let artifact = artifact_location(&l.path, repo_root);
    // An empty span is an insertion point: a zero-width region at its start.
    let (end_line, end_column) = if l.end <= l.start {
        (l.line, l.column)
    } else {
        (l.end_line, l.end_column + 1)
    };
    let region = region(
        FilePoint {
            line: l.line,
            column: l.column,
            offset: l.offset,
        },
        FilePoint {
            line: end_line,
            column: end_column,
            offset: l.end_offset,
        },
    );
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(artifact.clone())
                .region(region)
                .build(),
        )
        .build();

    let mut fingerprints = BTreeMap::new();
    fingerprints.insert(FINGERPRINT_KEY.to_string(), l.fingerprint.clone());

    let mut props: BTreeMap<String, Value> = BTreeMap::new();
    props.insert("name".into(), json!(l.name));
    props.insert("family".into(), json!(l.family));
    if let Some(r) = l.record {
        props.insert("record".into(), json!(r));
    }
    if let Some(f) = &l.field {
        props.insert("field".into(), json!(f));
    }
    if let Some(id) = &l.id {
        props.insert("id".into(), json!(id));
    }
    if let Some(h) = &l.help {
        props.insert("help".into(), json!(h));
    }

    let mut r = SarifResult::builder()
        .rule_id(l.code.clone())
        .level(result_level(&l.severity))
        .message(Message::builder().text(l.message.clone()).build())
        .locations(vec![location])
        .partial_fingerprints(fingerprints)
        .properties(PropertyBag::builder().additional_properties(props).build())
        .build();
    r.rule_index = rule_index.map(|i| i as i64);
    if let (Some(edits), Some(fix)) = (&l.file_fix, &l.fix) {
        r.fixes = Some(vec![sarif_fix(&fix.title, edits, artifact)]);
    }
    r
}

/// The region from `start` to `end` (exclusive): lines and columns, and the original bytes.
fn region(start: FilePoint, end: FilePoint) -> Region {
    Region::builder()
        .start_line(start.line as i64)
        .start_column(start.column as i64)
        .end_line(end.line as i64)
        .end_column(end.column as i64)
        .byte_offset(start.offset as i64)
        .byte_length(end.offset.saturating_sub(start.offset) as i64)
        .build()
}

/// A safe fix as SARIF: one change of the finding's file, a replacement per edit, each region
/// in the file before the fix (lines and columns as the results', the end exclusive, and the
/// exact original bytes).
fn sarif_fix(title: &str, edits: &[FileEdit], artifact: ArtifactLocation) -> SarifFix {
    let replacements: Vec<Replacement> = edits
        .iter()
        .map(|e| {
            Replacement::builder()
                .deleted_region(region(e.start, e.end))
                .inserted_content(ArtifactContent::builder().text(e.inserted.clone()).build())
                .build()
        })
        .collect();
    SarifFix::builder()
        .description(Message::builder().text(title.to_string()).build())
        .artifact_changes(vec![
            ArtifactChange::builder()
                .artifact_location(artifact)
                .replacements(replacements)
                .build(),
        ])
        .build()
}

/// Percent-encodes one path segment: everything but RFC 3986's unreserved characters and the
/// sub-delimiters and `@` that a path segment may hold. `:` is encoded too, so a relative URI is
/// never read as having a scheme.
fn encode_segment(out: &mut String, seg: &str) {
    for b in seg.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

fn join_segments<'a>(segs: impl Iterator<Item = Component<'a>>) -> String {
    let mut out = String::new();
    for c in segs {
        let seg = match c {
            Component::Normal(s) => s.to_string_lossy(),
            Component::ParentDir => "..".into(),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => continue,
        };
        if !out.is_empty() {
            out.push('/');
        }
        encode_segment(&mut out, &seg);
    }
    out
}

/// An absolute path as a `file://` URI (drive prefixes kept: `file:///C:/x`).
fn file_uri(p: &Path) -> String {
    let mut out = String::from("file://");
    for c in p.components() {
        match c {
            Component::Prefix(pre) => {
                out.push('/');
                out.push_str(&pre.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir | Component::CurDir => {}
            Component::ParentDir => out.push_str("/.."),
            Component::Normal(s) => {
                out.push('/');
                encode_segment(&mut out, &s.to_string_lossy());
            }
        }
    }
    if out == "file://" {
        out.push('/');
    }
    out
}

/// The URI `%SRCROOT%` stands for, when the root is absolute (it must end in `/`).
fn root_uri(root: &Path) -> Option<String> {
    if !root.is_absolute() {
        return None;
    }
    let mut u = file_uri(root);
    if !u.ends_with('/') {
        u.push('/');
    }
    Some(u)
}

/// The artifact URI of `path`, and whether it is relative to `%SRCROOT%`.
fn artifact_uri(path: &str, root: &Path) -> (String, bool) {
    let p = Path::new(path);
    if p.is_absolute() {
        return match p.strip_prefix(root) {
            Ok(rel) if root.is_absolute() => (join_segments(rel.components()), true),
            _ => (file_uri(p), false),
        };
    }
    // Compare components without `.`, so `./data/a` is under `data` and `data/a` under `./data`.
    let clean =
        |q: &Path| -> PathBuf { q.components().filter(|c| *c != Component::CurDir).collect() };
    let p = clean(p);
    let rel = if root.is_relative() {
        p.strip_prefix(clean(root)).unwrap_or(&p)
    } else {
        &p
    };
    (join_segments(rel.components()), true)
}

#[cfg(test)]
mod tests {
    use super::super::concise::fixtures;
    use super::*;
    use serde_sarif::sarif::Sarif;

    fn parse(out: &str) -> Sarif {
        serde_json::from_str(out).expect("valid SARIF")
    }

    fn region(r: &SarifResult) -> &Region {
        r.locations.as_ref().unwrap()[0]
            .physical_location
            .as_ref()
            .unwrap()
            .region
            .as_ref()
            .unwrap()
    }

    fn artifact(r: &SarifResult) -> &ArtifactLocation {
        r.locations.as_ref().unwrap()[0]
            .physical_location
            .as_ref()
            .unwrap()
            .artifact_location
            .as_ref()
            .unwrap()
    }

    #[test]
    fn round_trips_through_the_typed_model() {
        let registry = Registry::new(&[]).unwrap();
        let mut all = fixtures::samples();
        all[0].path = "/repo/corpus/a.txt".into();
        all[1].path = "./corpus/b.jsonl".into();
        all[3].path = "/elsewhere/c d.txt".into();
        let out = render_sarif(&all, &[], &registry, Path::new("/repo"), None).text;
        assert!(out.contains("\n  \"version\": \"2.1.0\""), "pretty-printed");
        let log = parse(&out);

        assert_eq!(log.version, json!("2.1.0"));
        assert_eq!(log.schema.as_deref(), Some(SARIF_SCHEMA));
        assert_eq!(log.runs.len(), 1);
        let run = &log.runs[0];
        assert_eq!(run.column_kind, Some(json!("unicodeCodePoints")));
        let driver = &run.tool.driver;
        assert_eq!(driver.name, "newslint");
        assert_eq!(driver.version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
        assert!(driver.information_uri.is_some());
        assert_eq!(
            run.original_uri_base_ids.as_ref().unwrap()[SRCROOT].uri,
            Some("file:///repo/".into())
        );

        // Every rule, by code.
        let rules = driver.rules.as_ref().unwrap();
        let codes: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        let expected: Vec<String> = registry
            .sorted_metas()
            .iter()
            .map(|(_, m)| m.code.to_string())
            .collect();
        assert_eq!(codes, expected);
        assert!(rules.len() >= 3);
        let a101 = rules.iter().position(|r| r.id == "A101").unwrap();
        let rule = &rules[a101];
        assert_eq!(rule.name.as_deref(), Some("glued-toggle-label"));
        assert!(!rule.short_description.as_ref().unwrap().text.is_empty());
        assert!(
            rule.help
                .as_ref()
                .unwrap()
                .markdown
                .as_ref()
                .unwrap()
                .contains("## What it does")
        );
        let conf = rule.default_configuration.as_ref().unwrap();
        assert_eq!(conf.level, Some(json!("warning")));
        let props = rule.properties.as_ref().unwrap();
        assert_eq!(props.additional_properties["family"], json!("artifact"));
        let e102 = rules.iter().find(|r| r.id == "E102").unwrap();
        assert_eq!(
            e102.default_configuration.as_ref().unwrap().level,
            Some(json!("note"))
        );

        let results = run.results.as_ref().unwrap();
        assert_eq!(results.len(), 4);

        // A plain file under the root: relative URI, exclusive end column, byte region.
        let r = &results[0];
        assert_eq!(r.rule_id.as_deref(), Some("E101"));
        let idx = r.rule_index.unwrap() as usize;
        assert_eq!(rules[idx].id, "E101");
        assert!(matches!(r.level, Some(ResultLevel::Error)));
        assert_eq!(
            r.message.text.as_deref(),
            Some("Bytes that are not valid UTF-8")
        );
        let a = artifact(r);
        assert_eq!(a.uri.as_deref(), Some("corpus/a.txt"));
        assert_eq!(a.uri_base_id.as_deref(), Some(SRCROOT));
        let reg = region(r);
        assert_eq!(reg.start_line, Some(2));
        assert_eq!(reg.start_column, Some(4));
        assert_eq!(reg.end_line, Some(2));
        assert_eq!(
            reg.end_column,
            Some(7),
            "end_column 6 inclusive is 7 exclusive"
        );
        assert_eq!(reg.byte_offset, Some(10));
        assert_eq!(reg.byte_length, Some(3));
        assert_eq!(
            r.partial_fingerprints.as_ref().unwrap()[FINGERPRINT_KEY],
            "aaaaaaaaaaaaaaaa"
        );

        // A JSONL record: `./` dropped, record and field as properties, non-ASCII kept.
        let r = &results[1];
        assert_eq!(artifact(r).uri.as_deref(), Some("corpus/b.jsonl"));
        assert!(matches!(r.level, Some(ResultLevel::Warning)));
        assert_eq!(
            r.message.text.as_deref(),
            Some("Glued label «Zürich» before the text")
        );
        let p = &r.properties.as_ref().unwrap().additional_properties;
        assert_eq!(p["record"], json!(3));
        assert_eq!(p["field"], json!("body"));
        assert_eq!(p["id"], json!("art-3"));
        assert_eq!(region(r).end_column, Some(26));

        // Multi-line span: the end column is exclusive on the end line.
        let reg = region(&results[2]);
        assert_eq!((reg.end_line, reg.end_column), (Some(5), Some(4)));
        assert_eq!(
            results[2].message.text.as_deref(),
            Some("100% sure: a, b\nnext\r\nline <&> \"q\" 'a'")
        );

        // Outside the root: an absolute, percent-encoded file URI and no base id.
        let r = &results[3];
        assert!(matches!(r.level, Some(ResultLevel::Note)));
        let a = artifact(r);
        assert_eq!(a.uri.as_deref(), Some("file:///elsewhere/c%20d.txt"));
        assert!(a.uri_base_id.is_none());
    }

    #[test]
    fn input_errors_are_notifications_of_an_unsuccessful_invocation() {
        let registry = Registry::new(&[]).unwrap();
        let problems = crate::report::problem::fixtures::problems();
        let out = render_sarif(
            &fixtures::samples(),
            &problems,
            &registry,
            Path::new("/repo"),
            None,
        )
        .text;
        let log = parse(&out);
        let invocations = log.runs[0].invocations.as_ref().unwrap();
        assert_eq!(invocations.len(), 1);
        assert!(!invocations[0].execution_successful);
        let n = invocations[0]
            .tool_execution_notifications
            .as_ref()
            .unwrap();
        assert_eq!(n.len(), 2);
        assert_eq!(n[0].level, Some(json!("error")));
        assert_eq!(n[0].message.text.as_deref(), Some("expected `,` or `}`"));
        let physical = n[0].locations.as_ref().unwrap()[0]
            .physical_location
            .as_ref()
            .unwrap();
        let a = physical.artifact_location.as_ref().unwrap();
        assert_eq!(a.uri.as_deref(), Some("corpus/b.jsonl"));
        assert_eq!(a.uri_base_id.as_deref(), Some(SRCROOT));
        let r = physical.region.as_ref().unwrap();
        assert_eq!((r.start_line, r.start_column), (Some(5), Some(12)));
        assert_eq!(
            n[0].properties.as_ref().unwrap().additional_properties["help"],
            json!("the record is skipped; the rest of the file is still checked")
        );
        // A whole-file error has no region.
        let physical = n[1].locations.as_ref().unwrap()[0]
            .physical_location
            .as_ref()
            .unwrap();
        assert!(physical.region.is_none());
        assert!(n[1].properties.is_none());
        // The results are all there still.
        assert_eq!(log.runs[0].results.as_ref().unwrap().len(), 4);
    }

    #[test]
    fn empty_run_still_lists_rules_and_results() {
        let registry = Registry::new(&[]).unwrap();
        let log = parse(&render_sarif(&[], &[], &registry, Path::new("."), None).text);
        let run = &log.runs[0];
        let invocation = &run.invocations.as_ref().unwrap()[0];
        assert!(invocation.execution_successful);
        assert!(invocation.tool_execution_notifications.is_none());
        assert_eq!(run.results.as_ref().map(Vec::len), Some(0));
        assert_eq!(
            run.tool.driver.rules.as_ref().unwrap().len(),
            registry.len()
        );
        assert!(run.original_uri_base_ids.is_none());
    }

    #[test]
    fn max_results_keeps_the_most_severe_in_order_and_counts_the_rest() {
        // samples: error, warning, warning, info.
        let all = fixtures::samples();
        let (kept, omitted) = most_severe(&all, 2);
        assert_eq!(kept, [&all[0], &all[1]]);
        assert_eq!(omitted, 2);
        // An info before the error in the input is still the one left out.
        let reordered = [all[3].clone(), all[2].clone(), all[0].clone()];
        let (kept, omitted) = most_severe(&reordered, 2);
        assert_eq!(
            kept.iter().map(|l| l.severity.as_str()).collect::<Vec<_>>(),
            ["warning", "error"],
            "kept in their order"
        );
        assert_eq!(omitted, 1);
        assert_eq!(most_severe(&all, 10).1, 0);
        assert_eq!(most_severe(&all, 0), (vec![], 4));

        let registry = Registry::new(&[]).unwrap();
        let log = render_sarif(&all, &[], &registry, Path::new("."), Some(3));
        assert_eq!((log.results, log.omitted), (3, 1));
        let run = &parse(&log.text).runs[0];
        assert_eq!(run.results.as_ref().unwrap().len(), 3);
        assert_eq!(
            run.properties.as_ref().unwrap().additional_properties[OMITTED_KEY],
            json!(1)
        );
        let log = render_sarif(&all, &[], &registry, Path::new("."), Some(4));
        assert!(parse(&log.text).runs[0].properties.is_none());
    }

    #[test]
    fn github_limits_are_warned_about() {
        let log = |results: usize| SarifLog {
            text: String::new(),
            results,
            omitted: 0,
        };
        assert_eq!(log(GITHUB_SHOWN).github_warning(), None);
        let w = log(GITHUB_SHOWN + 1).github_warning().unwrap();
        assert!(
            w.contains("5001 results") && w.contains("shows only 5,000"),
            "{w}"
        );
        assert!(w.contains("--max-results 5000"), "{w}");
        let w = log(GITHUB_ACCEPTED + 1).github_warning().unwrap();
        assert!(w.contains("rejects an upload of more than 25,000"), "{w}");
        assert!(!w.contains('\n'));
        // A log that is large even gzipped (random hex does not compress below half).
        let mut state = 1u64;
        let text: String = (0..3 * GITHUB_UPLOAD_BYTES)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b"0123456789abcdef"[(state >> 60) as usize])
            })
            .collect();
        let big = SarifLog {
            text,
            results: 10,
            omitted: 0,
        };
        let w = big.github_warning().unwrap();
        assert!(w.contains("MB gzipped") && w.contains("above 10 MB"), "{w}");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn safe_fixes_are_sarif_fixes_of_the_file() {
        let registry = Registry::new(&[]).unwrap();
        let mut all = fixtures::samples();
        let point = |line, column, offset| FilePoint {
            line,
            column,
            offset,
        };
        all[0].fix = Some(crate::rule::Fix::delete(
            crate::rule::Applicability::Safe,
            "Remove it",
            crate::ByteSpan::new(7, 10),
        ));
        all[0].file_fix = Some(vec![FileEdit {
            start: point(2, 4, 10),
            end: point(2, 7, 13),
            inserted: "é".into(),
        }]);
        let log = parse(&render_sarif(&all, &[], &registry, Path::new("/repo"), None).text);
        let results = log.runs[0].results.as_ref().unwrap();
        assert!(results[1..].iter().all(|r| r.fixes.is_none()));
        let fixes = results[0].fixes.as_ref().unwrap();
        assert_eq!(fixes.len(), 1);
        assert_eq!(
            fixes[0].description.as_ref().unwrap().text.as_deref(),
            Some("Remove it")
        );
        let change = &fixes[0].artifact_changes[0];
        assert_eq!(
            change.artifact_location.uri.as_deref(),
            Some("corpus/a.txt")
        );
        let r = &change.replacements[0];
        let reg = &r.deleted_region;
        assert_eq!(
            (
                reg.start_line,
                reg.start_column,
                reg.end_line,
                reg.end_column
            ),
            (Some(2), Some(4), Some(2), Some(7))
        );
        assert_eq!((reg.byte_offset, reg.byte_length), (Some(10), Some(3)));
        assert_eq!(
            r.inserted_content.as_ref().unwrap().text.as_deref(),
            Some("é")
        );
    }

    #[test]
    fn uris() {
        let root = Path::new("/repo");
        assert_eq!(
            artifact_uri("/repo/a/b.txt", root),
            ("a/b.txt".into(), true)
        );
        assert_eq!(
            artifact_uri("/repo/./a/b.txt", root),
            ("a/b.txt".into(), true)
        );
        assert_eq!(artifact_uri("./a/b.txt", root), ("a/b.txt".into(), true));
        assert_eq!(
            artifact_uri("a/b.txt", Path::new("")),
            ("a/b.txt".into(), true)
        );
        assert_eq!(
            artifact_uri("data/a.txt", Path::new("./data")),
            ("a.txt".into(), true)
        );
        assert_eq!(
            artifact_uri("./data/a.txt", Path::new("data")),
            ("a.txt".into(), true)
        );
        assert_eq!(
            artifact_uri("datax/a.txt", Path::new("data")),
            ("datax/a.txt".into(), true)
        );
        assert_eq!(
            artifact_uri("/repository/x.txt", root),
            ("file:///repository/x.txt".into(), false)
        );
        assert_eq!(
            artifact_uri("a:b/Zürich 100%.txt", root),
            ("a%3Ab/Z%C3%BCrich%20100%25.txt".into(), true)
        );
    }
}
