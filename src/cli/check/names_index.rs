//! `newslint index` (write the corpus rules' index) and `check --names-index` (read it).

use super::{FileOutcome, emit::plural, records, report_error, write::write_new};
use crate::{CorpusStates, Linter};
use std::path::{Path, PathBuf};

/// How a file is named in a names index: as given, without leading `./`, with `/` separators.
fn index_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let mut t = s.as_str();
    while let Some(rest) = t.strip_prefix("./") {
        t = rest;
    }
    t.to_string()
}

/// `newslint index`: write the corpus rules' states (spellings and counts) to `path`.
pub(super) fn write_names_index(
    path: &Path,
    linter: &Linter,
    states: &CorpusStates,
    files: &[PathBuf],
    outcomes: Vec<FileOutcome>,
) -> u8 {
    let n = outcomes.iter().filter(|o| !o.unread).count();
    let mut had_error = false;
    for o in outcomes {
        for e in o.errors {
            had_error = true;
            report_error(e);
        }
    }
    let index = states.export(linter.registry(), &|doc| {
        index_path(&files[records::split_doc_id(doc).0])
    });
    let bytes = index;
    match write_new(path, &bytes) {
        Ok(()) => {
            eprintln!(
                "Wrote {} ({} bytes, {n} file{} indexed).",
                path.display(),
                bytes.len(),
                plural(n)
            );
            if had_error { 2 } else { 0 }
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            2
        }
    }
}

/// Merge a names index into the run's corpus states, without what the files being checked
/// contributed to it.
pub(super) fn merge_names_index(
    path: &Path,
    linter: &Linter,
    states: &mut CorpusStates,
    files: &[PathBuf],
    name_of: &dyn Fn(&Path) -> PathBuf,
) -> Result<(), String> {
    let index = crate::source::read_regular(path, crate::source::MAX_DOCUMENT as u64)
        .map_err(|e| e.to_string())?;
    let checked: std::collections::HashSet<String> =
        files.iter().map(|f| index_path(&name_of(f))).collect();
    linter.merge_corpus_index(states, &index, &|p| checked.contains(p))
}
