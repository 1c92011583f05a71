//! Finding the inputs: files named on the command line and directories walked (honouring
//! `.gitignore` and `.ignore` through the `ignore` crate).

pub mod jsonl;

use std::path::{Path, PathBuf};

/// Plain-text extensions checked when a directory is walked. Files named explicitly are always
/// checked.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text"];

/// An input that could not be listed.
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// The files to check under `paths`, sorted and de-duplicated, plus the paths that failed.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(WalkError {
                path: p.clone(),
                message: e.to_string(),
            }),
            Ok(m) if m.is_dir() => walk_dir(p, &mut files, &mut errors),
            Ok(_) => files.push(p.clone()),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// Extensions of JSON Lines files (one article per record), optionally compressed.
pub const JSONL_EXTENSIONS: &[&str] = &[
    "jsonl",
    "ndjson",
    "jsonl.gz",
    "jsonl.zst",
    "ndjson.gz",
    "ndjson.zst",
];

fn has_text_extension(p: &Path) -> bool {
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    TEXT_EXTENSIONS.iter().chain(JSONL_EXTENSIONS).any(|ext| {
        name.len() > ext.len() + 1
            && name.ends_with(ext)
            && name[..name.len() - ext.len()].ends_with('.')
    })
}

fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<WalkError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        .require_git(false)
        .build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && has_text_extension(e.path()) => {
                files.push(e.into_path())
            }
            Ok(_) => {}
            Err(e) => errors.push(WalkError {
                path: dir.to_path_buf(),
                message: e.to_string(),
            }),
        }
    }
}
