//! Where the report goes: standard output, or (`--output-file`) a temporary file beside the
//! target that replaces it when the run ends, so a reader of the target never sees half a
//! report and a failed run leaves the previous one in place.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub(super) struct ReportOut {
    file: Option<(tempfile::NamedTempFile, PathBuf)>,
}

impl ReportOut {
    /// Standard output for `None`; for a path, a fresh temporary file in its directory (created
    /// if missing, as ruff does).
    pub(super) fn open(path: Option<&Path>) -> std::io::Result<Self> {
        let Some(path) = path else {
            return Ok(Self { file: None });
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir)?;
        let tmp = tempfile::Builder::new()
            .prefix(".newslint-report-")
            .tempfile_in(&dir)?;
        Ok(Self {
            file: Some((tmp, path.to_path_buf())),
        })
    }

    /// A writer at the report's end. Writers of one report share the file's offset (they are
    /// duplicates of one descriptor), so what each writes, flushed in turn, follows in order.
    pub(super) fn writer(&self) -> Box<dyn Write + Send> {
        match &self.file {
            None => Box::new(std::io::stdout()),
            Some((tmp, _)) => match tmp.as_file().try_clone() {
                Ok(f) => Box::new(f),
                // Out of descriptors: a writer that fails, which `finish` then reports.
                Err(e) => Box::new(Failing(Some(e))),
            },
        }
    }

    /// Does the report go to a terminal (for `--color auto`)?
    pub(super) fn is_terminal(&self) -> bool {
        self.file.is_none() && std::io::stdout().is_terminal()
    }

    /// Put the report in place: the temporary file is renamed over the target (keeping the
    /// target's permissions when it existed). Standard output has nothing to do.
    pub(super) fn finish(self) -> Result<(), String> {
        let Some((tmp, path)) = self.file else {
            return Ok(());
        };
        let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
        tmp.as_file().sync_all().map_err(|e| fail(&e))?;
        let perms = match std::fs::metadata(&path) {
            Ok(m) => Some(m.permissions()),
            Err(_) => default_permissions(),
        };
        if let Some(p) = perms {
            tmp.as_file().set_permissions(p).map_err(|e| fail(&e))?;
        }
        tmp.persist(&path).map_err(|e| fail(&e.error))?;
        Ok(())
    }
}

/// A new report is readable by all, as a file the shell writes would be (a temporary file is
/// made private).
fn default_permissions() -> Option<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// A writer whose every write fails with the error that kept it from being opened.
struct Failing(Option<std::io::Error>);

impl Write for Failing {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(self
            .0
            .take()
            .unwrap_or_else(|| std::io::Error::other("the report file could not be opened")))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
