//! Finding the inputs: files named on the command line and directories walked in parallel
//! (honouring `.gitignore` and `.ignore` through the `ignore` crate, and the config's `include` and
//! `exclude` globs).

pub mod jsonl;

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Plain-text extensions checked when a directory is walked. Files named explicitly are always
/// checked (unless excluded with `--force-exclude`).
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text"];

/// Extensions of JSON Lines files (one article per record), optionally compressed.
pub const JSONL_EXTENSIONS: &[&str] = &[
    "jsonl",
    "ndjson",
    "jsonl.gz",
    "jsonl.zst",
    "ndjson.gz",
    "ndjson.zst",
];

/// An input that could not be listed.
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// Which files a walk keeps: `include` globs (default: the text and JSONL extensions) minus
/// `exclude` globs, both relative to `root` (the config file's directory).
#[derive(Debug, Default, Clone)]
pub struct FileFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    root: PathBuf,
    /// Apply `exclude` to paths named on the command line too (pre-commit passes every file).
    pub force_exclude: bool,
}

fn globset(globs: &[String]) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| format!("invalid glob `{g}`: {e}"))?);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

impl FileFilter {
    pub fn new(root: &Path, include: &[String], exclude: &[String]) -> Result<Self, String> {
        Ok(Self {
            include: globset(include)?,
            exclude: globset(exclude)?,
            root: std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()),
            force_exclude: false,
        })
    }

    fn relative<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, Path> {
        match std::path::absolute(path) {
            Ok(abs) => match abs.strip_prefix(&self.root) {
                Ok(rel) => std::borrow::Cow::Owned(rel.to_path_buf()),
                Err(_) => std::borrow::Cow::Borrowed(path),
            },
            Err(_) => std::borrow::Cow::Borrowed(path),
        }
    }

    /// Is `path` (a file or a directory) excluded? A directory's exclusion prunes the walk.
    pub fn is_excluded(&self, path: &Path) -> bool {
        let Some(ex) = &self.exclude else {
            return false;
        };
        let rel = self.relative(path);
        ex.is_match(&*rel) || path.file_name().is_some_and(|n| ex.is_match(Path::new(n)))
    }

    /// Is a file found by walking one to check?
    fn is_included(&self, path: &Path) -> bool {
        match &self.include {
            Some(inc) => {
                let rel = self.relative(path);
                inc.is_match(&*rel) || path.file_name().is_some_and(|n| inc.is_match(Path::new(n)))
            }
            None => has_text_extension(path),
        }
    }
}

/// The files to check under `paths`, sorted and de-duplicated, plus the paths that failed.
pub fn collect(paths: &[PathBuf], filter: &FileFilter) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(WalkError {
                path: p.clone(),
                message: e.to_string(),
            }),
            Ok(m) if m.is_dir() => walk_dir(p, filter, &mut files, &mut errors),
            Ok(_) if filter.force_exclude && filter.is_excluded(p) => {}
            Ok(_) => files.push(p.clone()),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// `path`'s file name in ASCII lower case, for matching extensions. A name that is not UTF-8 is
/// read lossily: its extension is ASCII, so it is still recognised (and the file is checked, not
/// skipped).
pub fn lowercase_file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn has_text_extension(p: &Path) -> bool {
    let name = crate::corpus::lowercase_file_name(p);
    TEXT_EXTENSIONS.iter().chain(JSONL_EXTENSIONS).any(|ext| {
        name.len() > ext.len() + 1
            && name.ends_with(ext)
            && name[..name.len() - ext.len()].ends_with('.')
    })
}

/// Walk `dir` with the `ignore` crate's parallel walker; the caller sorts the result.
fn walk_dir(
    dir: &Path,
    filter: &FileFilter,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<WalkError>,
) {
    let found = Mutex::new(Vec::new());
    let failed = Mutex::new(Vec::new());
    let prune = std::sync::Arc::new(filter.clone());
    ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        .require_git(false)
        .filter_entry(move |e| e.depth() == 0 || !prune.is_excluded(e.path()))
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(e)
                        if e.file_type().is_some_and(|t| t.is_file())
                            && filter.is_included(e.path()) =>
                    {
                        found.lock().expect("not poisoned").push(e.into_path())
                    }
                    Ok(_) => {}
                    Err(e) => failed.lock().expect("not poisoned").push(WalkError {
                        path: dir.to_path_buf(),
                        message: e.to_string(),
                    }),
                }
                ignore::WalkState::Continue
            })
        });
    files.extend(found.into_inner().expect("not poisoned"));
    errors.extend(failed.into_inner().expect("not poisoned"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_honour_ignores_includes_and_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("drafts")).unwrap();
        for f in [
            "a.txt",
            "b.jsonl",
            "c.jsonl.gz",
            "d.png",
            "drafts/e.txt",
            "f.md",
            "skip.txt",
        ] {
            std::fs::write(p.join(f), "x").unwrap();
        }
        std::fs::write(p.join(".ignore"), "skip.txt\n").unwrap();
        let names = |files: Vec<PathBuf>| -> Vec<String> {
            files
                .iter()
                .map(|f| {
                    f.strip_prefix(p)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/")
                })
                .collect()
        };
        let filter = FileFilter::new(p, &[], &[]).unwrap();
        let (files, errors) = collect(&[p.to_path_buf()], &filter);
        assert!(errors.is_empty());
        assert_eq!(
            names(files),
            vec!["a.txt", "b.jsonl", "c.jsonl.gz", "drafts/e.txt", "f.md"]
        );

        let filter = FileFilter::new(p, &["*.txt".into()], &["drafts".into()]).unwrap();
        let (files, _) = collect(&[p.to_path_buf()], &filter);
        assert_eq!(names(files), vec!["a.txt"]);

        // A file named explicitly is checked unless --force-exclude.
        let mut filter = FileFilter::new(p, &[], &["drafts/**".into()]).unwrap();
        let named = vec![p.join("drafts/e.txt")];
        assert_eq!(collect(&named, &filter).0.len(), 1);
        filter.force_exclude = true;
        assert_eq!(collect(&named, &filter).0.len(), 0);
    }
}
